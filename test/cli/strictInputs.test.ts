// Strict inputs end to end: nothing counted that belongs nowhere, no key typo passing silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { encoding: 'utf8' });

function copyExample(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-strict-'));
  cpSync(join(root, 'examples/wechat-2019'), dir, { recursive: true });
  edit(dir);
  return dir;
}
const replace = (file: string, from: string, to: string) => {
  const t = readFileSync(file, 'utf8');
  assert.ok(t.includes(from), `${from} not in ${file}`);
  writeFileSync(file, t.replace(from, to));
};

test('a provider type no component selects (甲类) rejects its rows with the reason; the per-level indicator has no such level', () => {
  const dir = copyExample((d) => {
    replace(join(d, 'data/providers.csv'), 'P00002,2020-03-02 10:01,企业微信', 'P00002,2020-03-02 10:01,甲类');
    replace(join(d, 'data/providers.csv'), 'P00003,2020-03-03 10:02,企业微信', 'P00003,2020-03-03 10:02,甲类');
  });
  const r = cli('run', join(dir, 'study.yaml'), '--out', join(dir, 'out'), '--charts', 'none', '--lang', 'en');
  assert.equal(r.status, 0, r.stderr);
  const rejected = readFileSync(join(dir, 'out/rejected.csv'), 'utf8');
  for (const row of [3, 4]) assert.ok(rejected.includes(`data/providers.csv,${row},P0000${row - 1},服务商类型,甲类,unknown-level,"not one of the options (expected one of ""企业微信"", ""微信支付"", ""小程序"")"`), rejected);
  const results = JSON.parse(readFileSync(join(dir, 'out/results.json'), 'utf8'));
  assert.equal(results.quality.find((q: { questionnaire: string }) => q.questionnaire === 'providers').reasons['unknown-level'], 2);
  assert.deepEqual(Object.keys(results.figures).filter((k) => k.includes('甲类')), []);
  for (const f of Object.values<{ value: number }>(results.figures)) assert.ok(Number.isFinite(f.value));
  rmSync(dir, { recursive: true, force: true });
});

test('study.yaml: an unknown key anywhere is named with line and the key meant, even where a required key is then missing', () => {
  const dir = copyExample((d) => replace(join(d, 'study.yaml'), '      population: 21000 ', '      popultion: 21000 '));
  const r = cli('check', join(dir, 'study.yaml'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /study\.yaml:\d+: components\.providers\[0\]\.popultion: unknown key "popultion"; did you mean "population"\?/);
  rmSync(dir, { recursive: true, force: true });
});

test('a where that selects too few rows fails check as it fails run, naming file, filter and the values found', () => {
  const dir = copyExample((d) => replace(join(d, 'study.yaml'), 'where: {provider_type: 企业微信}', 'where: {provider_type: 企业微信X}'));
  const want = /components\.providers\[0\]\.where: \(wecom\) where \{"provider_type":\["企业微信X"\]\} selects 0 valid row\(s\) of data\/providers\.csv; at least 2 are needed to estimate a sampling variance\. provider_type in the valid rows: "小程序" \(\d+\), "微信支付" \(\d+\); rejected as unknown-level in 服务商类型: "企业微信" \(\d+\)/;
  const check = cli('check', join(dir, 'study.yaml'));
  assert.equal(check.status, 2);
  assert.match(check.stderr, want);
  const run = cli('run', join(dir, 'study.yaml'), '--out', join(dir, 'out'));
  assert.equal(run.status, 2);
  assert.match(run.stderr, want);
  // The run failed after screening: no outputs, but the rejected rows are written to a failed-run folder.
  assert.match(run.stderr, /no outputs written; the \d+ rejected row\(s\) of screening are in .*out-failed-run\/rejected\.csv/);
  assert.ok(!existsSync(join(dir, 'out')));
  assert.match(readFileSync(join(dir, 'out-failed-run/rejected.csv'), 'utf8'), /data\/providers\.csv,2,P00001,服务商类型,企业微信,unknown-level,"not one of the options \(expected one of ""企业微信X""/);
  assert.match(readFileSync(join(dir, 'out-failed-run/error.txt'), 'utf8'), /selects 0 valid row/);
  rmSync(dir, { recursive: true, force: true });
});
