// The study's IO methods on the bundled example: identities that must hold exactly, and orderings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStudy } from '../../src/cli/runStudy.ts';
import type { StudyResults } from '../../src/study/types.ts';

const root = new URL('../..', import.meta.url).pathname;
const base = readFileSync(join(root, 'examples/wechat-2019/study.yaml'), 'utf8');

/** Run the example with its `io:` and/or `jobs_per_output:` blocks replaced. */
async function variant(io: string | null, jobs: string | null): Promise<StudyResults> {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-io-'));
  cpSync(join(root, 'examples/wechat-2019'), dir, { recursive: true });
  // Without the illustrative additionality/uncertainty block: its parameters assume the ratio method.
  let text = base.slice(0, base.indexOf('# Gross vs net'));
  if (io) text = text.replace(/^io:\n(  .*\n)+/m, `io:\n${io}\n`);
  if (jobs) text = text.replace(/^jobs_per_output:\n(  .*\n)+/m, `jobs_per_output:\n${jobs}\n`);
  writeFileSync(join(dir, 'study.yaml'), text);
  return (await runStudy(join(dir, 'study.yaml'))).results;
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

const seed = (await runStudy(join(root, 'examples/wechat-2019/study.yaml'))).results;
const v = (r: StudyResults, id: string) => r.figures[id].value;

test('competitive value added generated equals the consumption (VA multiplier ≡ 1, METHOD §2)', () => {
  assert.ok(rel(v(seed, 'va.generated.competitive'), v(seed, 'consumption.total')) < 1e-9);
  assert.ok(v(seed, 'va.generated.domestic') < v(seed, 'consumption.total'));
  assert.ok(v(seed, 'va.generated.domestic') > 0.8 * v(seed, 'consumption.total'));
  // Its interval is the consumption's: the same linear form.
  assert.ok(rel(seed.figures['va.generated.competitive'].se!, seed.figures['consumption.total'].se!) < 1e-9);
});

test('sector table sums to the headline figures', () => {
  const s = seed.sectors!;
  assert.equal(s.length, 149);
  const sum = (f: (r: (typeof s)[number]) => number) => s.reduce((a, r) => a + f(r), 0);
  assert.ok(rel(sum((r) => r.output.indirect), v(seed, 'output.indirect')) < 1e-9);
  assert.ok(rel(sum((r) => r.demand), v(seed, 'consumption.total')) < 1e-12);
  assert.ok(rel(sum((r) => r.jobs ?? 0), v(seed, 'jobs.indirect')) < 1e-9);
});

test('leontief Type I competitive reproduces the seed method exactly', async () => {
  const r = await variant('  table: builtin:china-io-2017-149\n  method: leontief\n  type: I\n  model: competitive', null);
  assert.ok(rel(v(r, 'output.indirect'), v(seed, 'output.indirect')) < 1e-10);
  assert.match(r.figures['output.indirect'].label.en, /Indirect output \(Type I, competitive/);
});

test('Type II adds induced output; the domestic model leaks to imports', async () => {
  const t2 = await variant('  table: builtin:china-io-2017-149\n  method: leontief\n  type: II', null);
  const dom = await variant('  table: builtin:china-io-2017-149\n  method: leontief\n  model: domestic', null);
  assert.ok(v(t2, 'output.indirect') > 1.3 * v(seed, 'output.indirect'));
  assert.ok(v(dom, 'output.indirect') < v(seed, 'output.indirect'));
  assert.ok(t2.sectors!.some((s) => s.output.induced > 0));
});

test('jobs per output: national 2017 average ≈ 344 per 亿元; sector employment coefficients', async () => {
  const nat = await variant(null, '  method: national\n  employment: builtin:china-employment-by-division\n  year: 2017');
  assert.equal(Number((v(nat, 'ratio.jobs_per_output') * 1e8).toFixed(1)), 343.9);
  assert.ok(rel(v(nat, 'jobs.indirect'), v(nat, 'output.indirect') * v(nat, 'ratio.jobs_per_output')) < 1e-12);
  const sec = await variant(null, '  method: sector\n  employment: builtin:china-employment-by-division');
  const perYuan = v(sec, 'ratio.jobs_per_output');
  assert.ok(perYuan * 1e8 > 100 && perYuan * 1e8 < 1000, `implied ${perYuan * 1e8} per 亿元`);
  const s = sec.sectors!;
  assert.ok(rel(s.reduce((a, r) => a + (r.jobs ?? 0), 0), v(sec, 'jobs.indirect')) < 1e-9);
  assert.ok(sec.figures['jobs.indirect'].se! > 0);
});

test('config: type/model only with leontief; coefficients only with seed', async () => {
  await assert.rejects(variant('  table: builtin:china-io-2017-149\n  method: published\n  type: II', null), /`type` and `model` apply to method leontief/);
  const all = '{"64123": 1, "62120": 1, "52106": 1, "80138": 1, "58116": 1, "83140": 1, "72131": 1, "84141": 1}';
  await assert.rejects(variant(`  method: leontief\n  coefficients: ${all}`, null), /coefficients given directly work only with method published/);
  // Given coefficients with method published work, and give no value-added view or sector table.
  const given = await variant(`  method: published\n  coefficients: ${all}`, null);
  assert.ok(rel(v(given, 'output.indirect'), v(given, 'consumption.total')) < 1e-12);
  assert.equal(given.figures['va.generated.competitive'], undefined);
  assert.equal(given.sectors, undefined);
});
