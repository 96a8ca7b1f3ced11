// `spillover io` end to end: JSON output against the numpy references; text output; errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close, fixture } from './nbs2017.ts';
import { underTerminal } from '../cli/underTerminal.ts';

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
  const r = run('builtin:china-io-2017-149', '--lang', 'en', '--wide');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /149 sectors, competitive model, Type I; money in 10 thousand yuan\n/);
  assert.match(r.stdout, /^Code +Sector +Total requirement col\. sum +Output multiplier/m);
  assert.match(r.stdout, /\n123 +Internet and related services +1\.350928 +2\.350928 +1\.000000/);
  assert.match(r.stdout, /Employment multiplier: not computed \(pass --employment, --year and --divisions\)/);
  const zh = run('builtin:china-io-2017-149', '--lang', 'zh');
  assert.match(zh.stdout, /149 个部门，竞争进口模型，I 型；货币单位 万元\n/);
  assert.match(zh.stdout, /^部门编号 +部门 +产出乘数$/m);
  assert.match(zh.stdout, /就业乘数：未计算（需要 --employment、--year 和 --divisions）/);
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

test('a 420-sector table: threads and mixed precision give the pure-TS double-precision multipliers (1e-12)', async () => {
  const { ioModel, multipliers, parseIOTable } = await import('../../src/io/index.ts');
  const { relaxedSimdAvailable } = await import('../../src/io-node/luThreads.ts');
  const n = 420;
  let s = 7;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const codes = Array.from({ length: n }, (_, i) => `S${i + 1}`);
  const Z = Array.from({ length: n }, () => Array.from({ length: n }, () => r()));
  const colSum = codes.map((_, j) => Z.reduce((t, row) => t + row[j], 0));
  const x = codes.map(() => 1000 + 200 * r());
  const share = codes.map(() => 0.2 + 0.5 * r());
  for (const row of Z) row.forEach((_, j) => { row[j] = Math.round((row[j] * share[j] * x[j] / colSum[j]) * 1e6) / 1e6; });
  const lines = [['code', 'name_zh', 'name_en', ...codes, 'household:HH', 'imports', 'output'].join(',')];
  codes.forEach((c, i) => {
    const use = Z[i].reduce((t, v) => t + v, 0);
    lines.push([c, `部门${i + 1}`, `Sector ${i + 1}`, ...Z[i], (0.3 * x[i]).toFixed(6), (0.05 * use).toFixed(6), x[i].toFixed(6)].join(','));
  });
  lines.push(['compensation:W', '劳动者报酬', 'Compensation', ...codes.map((_, j) => ((x[j] - Z.reduce((t, row) => t + row[j], 0)) * 0.6).toFixed(6))].join(','));
  const dir = mkdtempSync(join(tmpdir(), 'io-cli-large-'));
  const file = join(dir, 'large.csv');
  const text = `${lines.join('\n')}\n`;
  writeFileSync(file, text);
  const ref = multipliers(ioModel(parseIOTable(text, file)), { domestic: true, households: true });
  for (const extra of [[], ['--threads', '1'], ['--precision', 'double']]) {
    const res = run(file, '--domestic', '--households', '--json', ...extra);
    assert.equal(res.status, 0, res.stderr);
    const out = JSON.parse(res.stdout);
    assert.deepEqual(out.factorization, {
      method: extra[0] === '--precision' ? 'lu' : 'lu-f32+refinement',
      threads: extra[0] === '--threads' ? 1 : Math.min(8, (await import('node:os')).availableParallelism()),
      fusedMultiplyAdd: relaxedSimdAvailable(),
    });
    close(out.outputMultiplier.typeII, ref.output.typeII!, 1e-12, `output II ${extra.join(' ')}`);
    close(out.incomeMultiplier.typeI, ref.income!.typeI, 1e-12, `income I ${extra.join(' ')}`);
    close(out.sensitivity, ref.sensitivity, 1e-12, `sensitivity ${extra.join(' ')}`);
  }
  const text1 = run(file, '--lang', 'en', '--threads', '2', '--wide');
  assert.match(text1.stdout, /420 sectors, competitive model, Type I; money in table unit; LU in single precision refined to double on 2 threads/);
  // On a terminal: each factorization's progress (columns done, share of the work), then the line cleared.
  const shown = underTerminal(['io', file, '--lang', 'en', '--threads', '2']);
  assert.match(shown, /\r\x1b\[Kfactorizing I − A \(420 sectors\) {2}\[█+\] {2}100% {2}420 columns/);
  assert.match(shown, /\r\x1b\[Kfactorizing I − A \(420 sectors\) {2}\[░+\] {2}0%/);
  assert.match(shown, /\r\x1b\[Klarge\.csv: 420 sectors, competitive model/);
  assert.match(underTerminal(['io', file, '--lang', 'zh', '--threads', '1']), /\r\x1b\[K分解 I − A（420 个部门） {2}\[█+\] {2}100% {2}420 列/);
  assert.doesNotMatch(underTerminal(['io', file, '--lang', 'en', '--quiet']), /\x1b\[K/);
  assert.doesNotMatch(text1.stderr, /\x1b\[K|factorizing/); // piped: no progress
  assert.match(run(file, '--precision', 'quad').stderr, /--precision: expected mixed or double, got quad/);
  // An input error while the threads boot: reported, and the process ends (threads stopped).
  const bad = run(file, '--demand', join(dir, 'missing.csv'));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--demand: file not found/);
  assert.match(run(file, '--threads', '0').stderr, /--threads: expected a whole number from 1 to 64, got 0/);
});
