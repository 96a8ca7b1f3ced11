// Issue 13 item 3: the Monte Carlo draws every declared input, populations included, and with every
// distribution centred on its point value the simulated mean of each figure is the point estimate up to
// Monte Carlo error: |MC mean − point| ≤ 4 MC standard errors (sd/√draws) for every figure that is affine
// in each input (sums and products of independently drawn inputs: E f(X) = f(E X)). The one nonlinear
// figure, share.providers (a ratio of totals), has a legitimate Jensen gap; it is checked against the
// second-order expansion f(μ) + ½ tr(H Σ) instead. A distribution off its point value warns, and then the
// simulated mean does move off the point estimate, by the distribution's own offset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStudyInputs } from '../../src/data/loadStudyInputs.ts';
import { studyFigureModel } from '../../src/study/model/studyFigureModel.ts';
import { studyUncertainty } from '../../src/study/model/studyUncertainty.ts';
import type { Distribution } from '../../src/study/uncertainty/distributions.ts';
import { runStudy } from '../../src/cli/runStudy.ts';
import { resultsJson } from '../../src/cli/outputs.ts';
import { renderReport } from '../../src/report/renderReport.ts';
import { esc } from '../../src/report/i18n.ts';
import { parseStudy } from '../../src/study/config/parseStudy.ts';

const SE_BOUND = 4;

/** Variance of a distribution (uniform (b−a)²/12, triangular (a²+b²+c²−ab−ac−bc)/18, normal sd²). */
function variance(d: Distribution): number {
  switch (d.dist) {
    case 'point':
      return 0;
    case 'uniform':
      return (d.max - d.min) ** 2 / 12;
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case 'normal':
      return d.sd ** 2;
    case 'lognormal':
      return (Math.exp(d.sdlog ** 2) - 1) * Math.exp(2 * d.meanlog + d.sdlog ** 2);
  }
}

async function built(study: string) {
  const prepared = await loadStudyInputs(study);
  const config = prepared.study.config;
  const { model } = studyFigureModel(config, prepared.inputs);
  return { config, model, u: studyUncertainty(config, { model }) };
}

test('example: populations are drawn, ranked in the tornado, and every figure is centred on its point value', async () => {
  const { model, u } = await built('examples/wechat-2019/study.yaml');
  assert.equal(u.warnings, undefined, 'the example declares centred distributions only');
  for (const id of ['population.official_accounts', 'population.miniprogram_operators', 'population.pay', 'population.miniprogram_providers', 'users']) {
    const p = u.parameters.find((q) => q.id === id);
    assert.equal(p?.distribution.dist, 'triangular', id);
    assert.ok(u.tornado!.rows.some((r) => r.parameter === id), `${id} in the tornado`);
  }
  const rank = u.tornado!.rows.findIndex((r) => r.parameter === 'population.official_accounts');
  assert.ok(rank >= 0 && rank < 4, `official accounts rank ${rank + 1} among the drivers of ${u.tornado!.figure}`);

  // which figures are affine in every drawn input (second difference 0 at the centre, step one sd)
  const c = model.central;
  const f0 = model.evaluate(c);
  const drawn = model.parameters.map((p, i) => ({ i, v: variance(p.distribution) })).filter((x) => x.v > 0);
  const at = (shifts: [number, number][]) => {
    const x = Float64Array.from(c);
    for (const [i, h] of shifts) x[i] += h;
    return model.evaluate(x);
  };
  const nonlinear = new Set<string>();
  for (const { i, v } of drawn) {
    const h = Math.sqrt(v);
    const up = at([[i, h]]), down = at([[i, -h]]);
    for (const id of model.outputs) if (Math.abs(up[id] + down[id] - 2 * f0[id]) > 1e-9 * (Math.abs(f0[id]) + 1e-300)) nonlinear.add(id);
  }
  assert.deepEqual([...nonlinear].sort(), ['share.providers'], 'only the ratio of totals is nonlinear in its inputs');

  const se = (id: string) => u.intervals[id].sd / Math.sqrt(u.draws);
  let checked = 0;
  for (const id of model.outputs) {
    if (nonlinear.has(id)) continue;
    const iv = u.intervals[id];
    assert.equal(iv.central, f0[id]);
    if (iv.sd === 0) continue;
    assert.ok(Math.abs(iv.mean - iv.central) <= SE_BOUND * se(id), `${id}: MC mean ${iv.mean} vs point ${iv.central}: ${((iv.mean - iv.central) / se(id)).toFixed(2)} SE`);
    checked++;
  }
  assert.ok(checked >= 60, `${checked} figures checked`);
  for (const id of ['jobs.total', 'jobs.direct', 'jobs.indirect', 'consumption.total', 'net.jobs.total']) assert.ok(!nonlinear.has(id) && u.intervals[id].sd > 0, id);

  // share.providers: E f ≈ f(μ) + ½ Σ_ij H_ij Σ_ij, with Σ the draws' covariance (independent inputs, and
  // the consumption categories' joint normal block); H by central differences (step one sd).
  const id = 'share.providers';
  const cov = new Map<string, number>();
  for (const { i, v } of drawn) cov.set(`${i},${i}`, v);
  for (const g of model.normalGroups) {
    const idx = g.parameters.map((p) => model.parameters.findIndex((q) => q.id === p));
    idx.forEach((a, r) => idx.forEach((b, s) => cov.set(`${a},${b}`, g.cov[r * idx.length + s])));
  }
  let half = 0;
  for (const [key, s] of cov) {
    const [a, b] = key.split(',').map(Number);
    const ha = Math.sqrt(cov.get(`${a},${a}`)!), hb = Math.sqrt(cov.get(`${b},${b}`)!);
    const hab = a === b
      ? (at([[a, ha]])[id] - 2 * f0[id] + at([[a, -ha]])[id]) / (ha * ha)
      : (at([[a, ha], [b, hb]])[id] - at([[a, ha], [b, -hb]])[id] - at([[a, -ha], [b, hb]])[id] + at([[a, -ha], [b, -hb]])[id]) / (4 * ha * hb);
    half += 0.5 * hab * s;
  }
  const iv = u.intervals[id];
  assert.ok(Math.abs(iv.mean - iv.central) > SE_BOUND * se(id), 'the Jensen gap of the ratio is real (not hidden by the test)');
  assert.ok(Math.abs(iv.mean - (iv.central + half)) <= SE_BOUND * se(id), `${id}: MC mean ${iv.mean} vs second-order ${iv.central + half} (point ${iv.central}, SE ${se(id)})`);
});

test('a distribution off its point value warns (results.json, report), and the simulated mean moves by its offset', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-centre-'));
  try {
    cpSync('examples/wechat-2019', join(dir, 'w'), { recursive: true });
    const path = join(dir, 'w', 'study.yaml');
    const text = readFileSync(path, 'utf8');
    const edited = text
      .replace('population: {value: 230万, interval: [160万, 300万]}', 'population: {value: 230万, dist: uniform, min: 100万, max: 300万}')
      .replace('draws: 10000', 'draws: 4000');
    assert.notEqual(edited, text);
    writeFileSync(path, edited);
    const { u } = await built(path);
    assert.equal(u.warnings?.length, 1);
    assert.match(u.warnings![0].en, /^population\.miniprogram_operators: the point estimates use 2\.3 million, but the Monte Carlo draws uniform\(1 million, 3 million\), whose mean is 2 million and median 2 million/);
    assert.match(u.warnings![0].zh, /点估计使用 230万.*均匀分布\(100万, 300万\).*均值为 200万、中位数为 200万/);
    const { results } = await runStudy(path);
    assert.deepEqual(JSON.parse(resultsJson(results)).uncertainty.warnings, u.warnings);
    const html = renderReport(results, 'en');
    assert.ok(html.includes(`<p class="warn">⚠ <span class="zh">${esc(u.warnings![0].zh)}</span><span class="en">${esc(u.warnings![0].en)}</span></p>`), 'in the report');
    const iv = u.intervals['jobs.operators.miniprogram_operators'];
    const se = iv.sd / Math.sqrt(u.draws);
    assert.ok(Math.abs(iv.mean - iv.central) > 10 * se, 'off the point estimate');
    assert.ok(Math.abs(iv.mean - (iv.central * 200) / 230) <= SE_BOUND * se, `mean ${iv.mean} vs ${(iv.central * 200) / 230} (the distribution's mean, scaled)`);
    // a value given without a distribution's mean: the default centres it (no warning)
    writeFileSync(path, edited.replace('{value: 230万, dist: uniform, min: 100万, max: 300万}', '{dist: uniform, min: 100万, max: 300万}'));
    const centred = await built(path);
    assert.equal(centred.u.warnings, undefined);
    assert.equal(centred.config.operators.find((o) => o.id === 'miniprogram_operators')!.population, 2e6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('uncertain populations: strict declarations, errors with the YAML path and line', () => {
  const base = readFileSync('examples/wechat-2019/study.yaml', 'utf8');
  const oa = 'population: {value: 2000万, interval: [1600万, 2400万]}';
  const line = base.slice(0, base.indexOf(oa)).split('\n').length;
  const where = `study.yaml:${line}: components.operators[0].population`;
  const cases: [string, string, RegExp][] = [
    [oa, 'population: {value: 2000万, intervl: [1600万, 2400万]}', /\.intervl: unknown key "intervl"; did you mean "interval"\?/],
    [oa, 'population: {value: 2000万, interval: [2100万, 2400万]}', /\.interval: expected \[low, high\] with low ≤ value ≤ high and low < high, got \[21000000, 24000000\] around 20000000/],
    [oa, 'population: {value: 0, dist: uniform, min: 1600万, max: 2400万}', /\.value: population must be positive, got 0/],
    [oa, 'population: {dist: normal, mean: 2000万, sd: 1000万}', /: mean ± 6 sd \[-40000000, 80000000\] leaves the allowed range \[0, Infinity\]/],
    ['    jobs_per_output: {', '    population.official_accounts: {dist: uniform, min: 1, max: 2}\n    jobs_per_output: {', /uncertainty\.parameters\.population\.official_accounts: population\.official_accounts is declared twice: here and at components\.operators\[0\]\.population; keep one/],
  ];
  for (const [a, b, re] of cases) {
    assert.ok(base.includes(a), a);
    assert.throws(() => parseStudy(base.replace(a, b), 'study.yaml'), (e: Error) => (re.source.startsWith('uncertainty') ? true : e.message.startsWith(where)) && re.test(e.message), b);
  }
  // without `uncertainty` (no Monte Carlo) the point values are used, as for additionality rates
  const fixed = parseStudy(base.slice(0, base.indexOf('uncertainty:')), 'study.yaml');
  assert.deepEqual([fixed.users, fixed.operators[0].population, fixed.uncertainty], [12.025e8, 2e7, undefined]);
  // the point value of a distribution without `value` is its mean
  const c = parseStudy(base.replace(oa, 'population: {dist: triangular, min: 1500万, mode: 2100万, max: 2400万}'), 'study.yaml');
  assert.equal(c.operators[0].population, 2e7);
  assert.deepEqual(c.uncertainty!.parameters['population.official_accounts'], { dist: 'triangular', min: 1.5e7, mode: 2.1e7, max: 2.4e7 });
});
