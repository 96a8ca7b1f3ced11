// One default language for every command: --lang, else SPILLOVER_LANG, else the locale
// (LC_ALL, LC_MESSAGES, LANG: zh* → zh, otherwise en).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { commandLang, defaultLang } from '../../src/cli/format.ts';

const root = new URL('../..', import.meta.url).pathname;

test('defaultLang: SPILLOVER_LANG, else the first set of LC_ALL, LC_MESSAGES, LANG', () => {
  assert.equal(defaultLang({}), 'en');
  assert.equal(defaultLang({ LANG: 'C.UTF-8' }), 'en');
  assert.equal(defaultLang({ LANG: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(defaultLang({ LANG: 'zh_TW' }), 'zh');
  assert.equal(defaultLang({ LANG: 'zh' }), 'zh');
  assert.equal(defaultLang({ LANG: 'zu_ZA.UTF-8' }), 'en');
  assert.equal(defaultLang({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(defaultLang({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }), 'zh');
  assert.equal(defaultLang({ SPILLOVER_LANG: 'zh', LANG: 'C' }), 'zh');
  assert.equal(defaultLang({ SPILLOVER_LANG: 'en', LC_ALL: 'zh_CN.UTF-8' }), 'en');
  assert.equal(defaultLang({ SPILLOVER_LANG: '', LANG: 'zh_CN.UTF-8' }), 'zh');
  assert.throws(() => defaultLang({ SPILLOVER_LANG: 'fr' }), /SPILLOVER_LANG: expected zh or en, got "fr"/);
  assert.equal(commandLang('en', { SPILLOVER_LANG: 'zh' }), 'en');
  assert.equal(commandLang(undefined, { LANG: 'zh_CN.UTF-8' }), 'zh');
});

test('every command takes its default language from SPILLOVER_LANG or the locale; --lang wins', () => {
  const cli = (args: string[], env: Record<string, string>) => {
    const base = { ...process.env };
    for (const k of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'SPILLOVER_LANG']) delete base[k];
    const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { encoding: 'utf8', env: { ...base, ...env } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  assert.match(cli(['check'], { LANG: 'zh_CN.UTF-8' }), /配置有效/);
  assert.match(cli(['check'], { LANG: 'C.UTF-8' }), /study file is valid/);
  assert.match(cli(['check'], { LANG: 'zh_CN.UTF-8', SPILLOVER_LANG: 'en' }), /study file is valid/);
  assert.match(cli(['check', '--lang', 'zh'], { SPILLOVER_LANG: 'en' }), /配置有效/);
  // explain used to default to English whatever the others did.
  assert.match(cli(['explain', '--list'], { LANG: 'zh_CN.UTF-8' }), /^jobs\.total +[^\n]*[\u4e00-\u9fff]/m);
  assert.match(cli(['explain', '--list'], { LANG: 'C.UTF-8' }), /^jobs\.total +[A-Z][a-z ]+$/m);
});
