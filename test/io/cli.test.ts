// `spillover io` end to end: JSON output against the numpy references; text output; errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close, fixture } from './nbs2017.ts';

const bin = new URL('../../bin/spillover.js', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'io', ...args], { encoding: 'utf8' });
const EMP = ['--employment', 'builtin:china-employment-by-division', '--year', '2017', '--divisions', 'builtin:sector-divisions'];

test('JSON: domestic Type II multipliers and impacts equal the numpy references', () => {
  const dir = mkdtempSync(join(tmpdir(), 'io-cli-'));
  const demand = join(dir, 'demand.csv');
  // The reference demand: 3238e4 on 123, 1973e4 on 116, 1000e4 on 120, 2000e4 on 106 (5-digit codes).
  writeFileSync(demand, 'sector,amount,category\n64123,20000000,traffic\n64123,12380000,services\n58116,19730000,travel\n62120,10000000,catering\n52106,20000000,shopping\n');
  const r = run('builtin:china-io-2017-149', '--domestic', '--households', '--json', '--demand', demand, ...EMP);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const ref = fixture('nbs2017-multipliers.json').domestic;
  assert.equal(out.system, 'domestic');
  close(out.outputMultiplier.typeII, ref.outputTypeII, 1e-10, 'output II');
  close(out.employmentMultiplier.typeI, ref.employmentTypeI, 1e-10, 'employment I');
  close(out.valueAddedMultiplier.typeI, ref.valueAddedTypeI, 1e-10, 'VA I');
  const scale = 1e8;
  close(out.impact.jobs.induced.map((v: number) => v / scale), ref.impact.jobs.induced.map((v: number) => v / scale), 1e-10, 'jobs induced');
});

test('text: header and the report coefficient of 64123', () => {
  const r = run('builtin:china-io-2017-149', '--lang', 'en');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /149 sectors, competitive model, Type I; money in 万元/);
  assert.match(r.stdout, /\n123 +Internet and related services +1\.350928 +2\.350928 +1\.000000/);
  assert.match(r.stdout, /employmentMultiplier: not computed \(pass --employment, --year and --divisions\)/);
});

test('errors name the option and value', () => {
  assert.match(run('nope.csv').stderr, /TABLE: file not found: nope\.csv/);
  assert.match(run('builtin:nope').stderr, /TABLE: unknown builtin builtin:nope/);
  assert.match(run('builtin:china-io-2017-149', '--year', '2017').stderr, /--employment, --year and --divisions go together/);
  const dir = mkdtempSync(join(tmpdir(), 'io-cli-'));
  const bad = join(dir, 'd.csv');
  writeFileSync(bad, 'sector,amount\n63123,1\n');
  assert.match(run('builtin:china-io-2017-149', '--demand', bad, '--divisions', 'builtin:sector-divisions').stderr,
    /d\.csv: row 2, column sector: .*division 63 is not a division of sector 123/);
});

test('--aggregate: the whole economy as one sector', () => {
  const dir = mkdtempSync(join(tmpdir(), 'io-cli-'));
  const conc = join(dir, 'all.csv');
  writeFileSync(conc, ['from,to,to_name_zh,to_name_en', ...Array.from({ length: 149 }, (_, i) => `${String(i + 1).padStart(3, '0')},ALL,全部,All`)].join('\n'));
  const r = run('builtin:china-io-2017-149', '--aggregate', conc, '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.codes, ['ALL']);
  // 1 / (1 − Σz/Σx): Σz = 14,345,178,228 and Σx = 22,577,335,292 万元 → 2.742.
  assert.ok(Math.abs(out.outputMultiplier.typeI[0] - 1 / (1 - 14345178227.96342 / 22577335292.359417)) < 1e-9);
  assert.match(run('builtin:china-io-2017-149', '--aggregate', conc, '--demand', conc).stderr, /--aggregate cannot be combined/);
});
