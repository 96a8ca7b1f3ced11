// `spillover survey --spec` end to end, compared with the R reference cases of the same design
// (test/fixtures/survey/reference.json, from scripts/ref/survey_reference.R; tolerance 1e-6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertClose, loadReference } from './fixtures.ts';

const root = new URL('../../', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/spillover.js', 'survey', ...args], { cwd: root, encoding: 'utf8' });
const ref = new Map(loadReference().map((c) => [c.id, c.result]));

test('survey --json: raked apiclus1 equals R', () => {
  const r = run('--spec', 'test/fixtures/survey/spec/apiclus1-rake.yaml', '--json');
  assert.equal(r.status, 0, r.stderr);
  const { estimates } = JSON.parse(r.stdout) as { estimates: { id: string; estimate: number; se: number; ci: number[]; df: number; n: number; domain?: Record<string, string> }[] };
  const get = (id: string) => estimates.filter((e) => e.id === id);
  const enroll = get('enroll')[0];
  const R = ref.get('rake_clus1_total_enroll')!;
  assertClose([enroll.estimate], R.estimate, 1e-6, 'enroll');
  assertClose([enroll.se], R.se, 1e-6, 'enroll se');
  assertClose(enroll.ci, R.ci_z, 1e-6, 'enroll ci (z)');
  assert.equal(enroll.df, 14);
  assert.equal(enroll.n, 183);
  const by = get('api');
  assert.deepEqual(by.map((e) => e.domain!.stype), ['E', 'H', 'M']);
  assertClose(by.map((e) => e.estimate), ref.get('rake_clus1_by_stype_mean')!.estimate, 1e-6, 'by estimate');
  assertClose(by.map((e) => e.se), ref.get('rake_clus1_by_stype_mean')!.se, 1e-6, 'by se');
  assertClose([get('stu')[0].se], ref.get('rake_clus1_ratio')!.se, 1e-6, 'ratio se');
  assertClose([get('median')[0].estimate], ref.get('rake_clus1_quantile')!.estimate, 1e-6, 'median');
  assertClose(get('median')[0].ci, [ref.get('rake_clus1_quantile')!.lower, ref.get('rake_clus1_quantile')!.upper].flat() as number[], 1e-6, 'median ci');
  assertClose([get('sub')[0].se], ref.get('rake_clus1_subset_mean')!.se, 1e-6, 'subset se');
});

test('survey: table output and clear errors', () => {
  const r = run('--spec', 'test/fixtures/survey/spec/apiclus1-rake.yaml', '--wide');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /rake: \d+ iteration\(s\), converged/);
  assert.match(r.stdout, /enroll\s+total\s+enroll/);
  // zh names each statistic in Chinese (the table's detail line), as en shows the spec's key
  const zh = run('--spec', 'test/fixtures/survey/spec/apiclus1-rake.yaml', '--lang', 'zh');
  assert.equal(zh.status, 0, zh.stderr);
  assert.deepEqual([...zh.stdout.matchAll(/统计量：(\S+)/g)].map((m) => m[1]).filter((v, i, a) => a.indexOf(v) === i).sort(), ['分位数', '均值', '总量', '比率']);
  assert.doesNotMatch(zh.stdout, /统计量：[a-z]/);
  const bad = run('--spec', 'test/fixtures/survey/spec/bad-weights.json');
  assert.equal(bad.status, 2);
  // the data file and its row (header = row 1), not the row's index among the data
  assert.match(bad.stderr, /^spillover: bad-weights\.csv: svydesign: weights column 'w' row 4 is 0 \(weights must be finite and > 0\)$/m);
  const missing = run('--spec', 'test/fixtures/survey/spec/nope.yaml');
  assert.match(missing.stderr, /cannot read spec/);
});

test('survey: proportions get svyciprop intervals (logit by default), equal to R', () => {
  const r = run('--spec', 'test/fixtures/survey/spec/apistrat-prop.json', '--json');
  assert.equal(r.status, 0, r.stderr);
  const { estimates } = JSON.parse(r.stdout) as { estimates: { id: string; variable: string; estimate: number; se: number; ci: number[] }[] };
  const wide = estimates.find((e) => e.id === 'wide')!;
  const R = ref.get('ciprop_strat_logit')!;
  assertClose([wide.estimate], R.estimate, 1e-6, 'p');
  assertClose(wide.ci, [R.lower, R.upper].flat() as number[], 1e-6, 'logit ci');
  const asin = estimates.find((e) => e.id === 'wide_asin')!;
  const A = ref.get('ciprop_strat_asin')!;
  assertClose(asin.ci, [A.lower, A.upper].flat() as number[], 1e-6, 'asin ci');
  const types = estimates.filter((e) => e.id === 'types');
  assert.deepEqual(types.map((e) => e.variable), ['stypeE', 'stypeH', 'stypeM']);
  assertClose(types.map((e) => e.estimate), ref.get('strat_mean_stype')!.estimate, 1e-6, 'stype proportions');
  for (const t of types) assert.ok(t.ci[0] >= 0 && t.ci[1] <= 1 && t.ci[0] <= t.estimate && t.estimate <= t.ci[1]);
});

test('survey: a fault in a data row names the file and the row as the file numbers it, after rows rejected before it (zh and en)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-survey-rows-'));
  try {
    // row 3 holds text in y (rejected, left out); row 5 has weight 0: the engine sees it as its 3rd row
    writeFileSync(join(dir, 'd.csv'), 'id,w,y\n1,10,1.5\n2,10,x\n3,10,3\n4,0,4\n5,20,5\n');
    writeFileSync(join(dir, 'j.json'), JSON.stringify([{ id: 1, w: 10, y: 1 }, { id: 2, w: 10, y: 'x' }, { id: 3, w: -1, y: 3 }]));
    const spec = (data: string) => JSON.stringify({ data, design: { ids: 'id', weights: 'w' }, estimates: [{ id: 'm', mean: 'y' }] });
    writeFileSync(join(dir, 'csv.json'), spec('d.csv'));
    writeFileSync(join(dir, 'json.json'), spec('j.json'));
    const at = (file: string, lang: string) => spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'survey', '--spec', file, '--lang', lang], { cwd: dir, encoding: 'utf8' });
    const en = at('csv.json', 'en'), zh = at('csv.json', 'zh');
    assert.equal(en.status, 2);
    assert.match(en.stderr, /^ {2}d\.csv: row 3, column "y": "x" is not a number$/m);
    assert.match(en.stderr, /^spillover: d\.csv: svydesign: weights column 'w' row 5 is 0 \(weights must be finite and > 0\)$/m);
    assert.match(zh.stderr, /^ {2}d\.csv：第 3 行，“y”列："x" 不是数值$/m);
    assert.match(zh.stderr, /^spillover: d\.csv：svydesign：权重列 'w' 第 5 行为 0（权重应为有限值且 > 0）$/m);
    const json = at('json.json', 'zh');
    assert.match(json.stderr, /^spillover: j\.json：svydesign：权重列 'w' 第 3 条记录为 -1/m);
    assert.match(at('json.json', 'en').stderr, /^spillover: j\.json: svydesign: weights column 'w' record 3 is -1/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
