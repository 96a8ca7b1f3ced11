// Same inputs → byte-identical outputs from any working directory, time zone and locale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

for (const example of ['wechat-2019', 'vouchers-2020']) test(`outputs are identical run from another folder, in another time zone and locale (${example})`, () => {
  const base = mkdtempSync(join(tmpdir(), 'spillover-det-'));
  cpSync(join(root, 'examples', example), join(base, 'S'), { recursive: true });
  mkdirSync(join(base, 'elsewhere/deeper'), { recursive: true });
  const run = (cwd: string, study: string, out: string, env: Record<string, string>) => {
    const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'run', study, '--out', out, '--lang', 'en'], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(r.status, 0, r.stderr);
  };
  run(base, 'S/study.yaml', 'a', { TZ: 'UTC', LC_ALL: 'C', LANG: 'C' });
  run(join(base, 'elsewhere/deeper'), '../../S/study.yaml', join(base, 'b'), { TZ: 'Asia/Shanghai', LC_ALL: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' });
  run(join(base, 'S'), join(base, 'S/study.yaml'), '../c', { TZ: 'America/Los_Angeles', LC_ALL: 'de_DE.UTF-8', LANG: 'de_DE.UTF-8' });
  const files = (readdirSync(join(base, 'a'), { recursive: true }) as string[]).filter((f) => !f.startsWith('.') && f.includes('.')).sort();
  const expected = example === 'wechat-2019' ? ['results.json', 'tables.xlsx', 'report.html'] : ['vouchers.json', 'vouchers.csv', 'report.html'];
  assert.ok(expected.every((f) => files.includes(f)), files.join(' '));
  for (const other of ['b', 'c']) {
    assert.deepEqual((readdirSync(join(base, other), { recursive: true }) as string[]).filter((f) => !f.startsWith('.') && f.includes('.')).sort(), files);
    for (const f of files) assert.ok(readFileSync(join(base, other, f)).equals(readFileSync(join(base, 'a', f))), `${other}/${f} differs`);
  }
  assert.equal(JSON.parse(readFileSync(join(base, 'a', expected[0]), 'utf8')).study.source, 'S/study.yaml');
  rmSync(base, { recursive: true, force: true });
});
