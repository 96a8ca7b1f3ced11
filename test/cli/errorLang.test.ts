// The CLI prints an error in the command's language: --lang, else SPILLOVER_LANG, else the locale —
// also for an error raised before (or while) the options are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { argvLang } from '../../src/cli/format.ts';

const root = new URL('../..', import.meta.url).pathname;

function cli(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  for (const k of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'SPILLOVER_LANG']) delete base[k];
  const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...base, ...env } });
  return { status: r.status, stderr: r.stderr };
}

test('argvLang: --lang X or --lang=X when zh or en, else SPILLOVER_LANG, else the locale, else en; never fails', () => {
  assert.equal(argvLang(['node', 's', 'run', '--lang', 'zh'], {}), 'zh');
  assert.equal(argvLang(['node', 's', 'run', '--lang=en'], { LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(argvLang(['node', 's', 'run', '--lang', 'fr'], { SPILLOVER_LANG: 'zh' }), 'zh');
  assert.equal(argvLang(['node', 's', 'run'], { LC_ALL: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(argvLang(['node', 's', 'run'], { SPILLOVER_LANG: 'fr', LANG: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(argvLang(['node', 's', 'run'], { SPILLOVER_LANG: 'fr' }), 'en');
  assert.equal(argvLang(['node', 's', 'run', '--', '--lang', 'zh'], {}), 'en');
});

test('a missing study file: zh under --lang zh, en under --lang en, the environment\'s language without --lang', () => {
  const zh = cli(['check', 'nope.yaml', '--lang', 'zh']);
  assert.equal(zh.status, 2);
  assert.equal(zh.stderr, 'spillover: 找不到研究文件：nope.yaml\n');
  const en = cli(['check', 'nope.yaml', '--lang', 'en'], { SPILLOVER_LANG: 'zh' });
  assert.equal(en.stderr, 'spillover: study file not found: nope.yaml\n');
  assert.equal(cli(['check', 'nope.yaml'], { SPILLOVER_LANG: 'zh' }).stderr, 'spillover: 找不到研究文件：nope.yaml\n');
  assert.equal(cli(['check', 'nope.yaml'], { LANG: 'zh_CN.UTF-8' }).stderr, 'spillover: 找不到研究文件：nope.yaml\n');
  assert.equal(cli(['check', 'nope.yaml'], { LANG: 'C.UTF-8' }).stderr, 'spillover: study file not found: nope.yaml\n');
});

test('an error in the --lang value itself is in the environment\'s language', () => {
  assert.equal(cli(['check', '--lang', 'fr'], { SPILLOVER_LANG: 'zh' }).stderr, 'spillover: --lang：应为 zh 或 en，而不是 "fr"\n');
  assert.equal(cli(['check', '--lang', 'fr'], { LANG: 'C' }).stderr, 'spillover: --lang: expected zh or en, got "fr"\n');
  // SPILLOVER_LANG itself wrong: the locale decides the words
  assert.equal(cli(['check'], { SPILLOVER_LANG: 'fr', LANG: 'zh_CN.UTF-8' }).stderr, 'spillover: SPILLOVER_LANG：应为 zh 或 en，而不是 "fr"\n');
  assert.equal(cli(['check'], { SPILLOVER_LANG: 'fr', LANG: 'C' }).stderr, 'spillover: SPILLOVER_LANG: expected zh or en, got "fr"\n');
});
