// Monte Carlo: reproducible by seed (any chunking), intervals converge to analytic ones, replicate
// groups carry the replicate variance, study-level wiring with tornado and switching values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monteCarlo } from '../../src/study/uncertainty/monteCarlo.ts';
import { tornado } from '../../src/study/uncertainty/tornado.ts';
import { qnorm } from '../../src/survey/distributions.ts';
import { handStudy, parseNetImpact, uncertaintyOf, modelOf } from './additionalityFixture.ts';

const sumOfNormals = (draws: number, seed: number, chunk: number, onProgress?: (d: number, t: number) => void) =>
  monteCarlo({
    parameters: [
      { id: 'x1', distribution: { dist: 'normal', mean: 10, sd: 3 } },
      { id: 'x2', distribution: { dist: 'normal', mean: 5, sd: 4 } },
    ],
    evaluate: (x) => ({ y: x[0] + x[1] }),
    outputs: ['y'],
    draws,
    seed,
    level: 0.95,
    chunk,
    onProgress,
  });

test('same seed ⇒ identical result for any chunk size; another seed differs', () => {
  const calls: number[] = [];
  const a = sumOfNormals(5000, 7, 1000, (d) => calls.push(d));
  const b = sumOfNormals(5000, 7, 333);
  assert.deepEqual(a, b);
  assert.deepEqual(calls, [1000, 2000, 3000, 4000, 5000]);
  assert.notDeepEqual(sumOfNormals(5000, 8, 1000).intervals.y, a.intervals.y);
});

test('sum of normals: interval converges to μ ± z σ with σ² = σ₁² + σ₂²', () => {
  // Y ~ N(15, 5²): 95% interval 15 ± 1.959964 × 5. Monte Carlo SE of the 2.5% quantile:
  // √(p(1 − p)/n) / φ(z) × σ; tolerance 4 SE.
  const n = 200000;
  const r = sumOfNormals(n, 20191231, 10000).intervals.y;
  const z = qnorm(0.975);
  const se = (Math.sqrt((0.025 * 0.975) / n) / (Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI))) * 5;
  assert.ok(Math.abs(r.lo - (15 - z * 5)) < 4 * se, `lo ${r.lo} vs ${15 - z * 5} (4 SE = ${4 * se})`);
  assert.ok(Math.abs(r.hi - (15 + z * 5)) < 4 * se, `hi ${r.hi} vs ${15 + z * 5}`);
  assert.ok(Math.abs(r.mean - 15) < 4 * (5 / Math.sqrt(n)), `mean ${r.mean}`);
  assert.ok(Math.abs(r.sd - 5) < 4 * (5 / Math.sqrt(2 * n)), `sd ${r.sd}`);
  // and the error shrinks with more draws (one seed each: a loose check of convergence)
  const small = sumOfNormals(2000, 20191231, 1000).intervals.y;
  assert.ok(Math.abs(small.lo - (15 - z * 5)) < 4 * se * Math.sqrt(n / 2000));
});

test('uniform and triangular assumptions: percentile interval matches the exact quantiles', () => {
  // Y = U(0, 1) alone: 90% interval [0.05, 0.95]; triangular(0, 0, 1): 5% quantile = 1 − √0.95.
  const r = monteCarlo({
    parameters: [
      { id: 'u', distribution: { dist: 'uniform', min: 0, max: 1 } },
      { id: 't', distribution: { dist: 'triangular', min: 0, mode: 0, max: 1 } },
    ],
    evaluate: (x) => ({ u: x[0], t: x[1] }),
    outputs: ['u', 't'],
    draws: 100000,
    seed: 3,
    level: 0.9,
    chunk: 50000,
  }).intervals;
  assert.ok(Math.abs(r.u.lo - 0.05) < 0.005 && Math.abs(r.u.hi - 0.95) < 0.005, JSON.stringify(r.u));
  assert.ok(Math.abs(r.t.lo - (1 - Math.sqrt(0.95))) < 0.003, `t lo ${r.t.lo}`);
});

test('replicate groups: joint draws with the replicate variance', () => {
  // Two parameters from one survey, R = 4 replicates, scale 1/R (BRR-like): variance
  // (1/4) Σ (θ_r − c)² = 1 for a, 4 for b, and a and b move together (b = 2a).
  const r = monteCarlo({
    parameters: [
      { id: 'a', distribution: { dist: 'point', value: 0 } },
      { id: 'b', distribution: { dist: 'point', value: 0 } },
    ],
    evaluate: (x) => ({ a: x[0], diff: x[1] - 2 * x[0] }),
    outputs: ['a', 'diff'],
    draws: 40000,
    seed: 1,
    level: 0.95,
    chunk: 40000,
    replicates: [{ parameters: ['a', 'b'], values: [Float64Array.from([-1, 1, -1, 1]), Float64Array.from([-2, 2, -2, 2])], centre: [0, 0], scale: 0.25 }],
  }).intervals;
  assert.ok(Math.abs(r.a.sd - 1) < 0.02, `sd ${r.a.sd}`);
  assert.equal(r.diff.sd, 0);
});

test('errors: bad level, non-finite figure', () => {
  assert.throws(() => sumOfNormals(1, 1, 1), /draws: expected an integer ≥ 2/);
  assert.throws(
    () => monteCarlo({ parameters: [{ id: 'a', distribution: { dist: 'uniform', min: -1, max: 1 } }], evaluate: (x) => ({ y: Math.log(x[0]) }), outputs: ['y'], draws: 100, seed: 1, level: 0.9, chunk: 10 }),
    /draw \d+: figure y is NaN/,
  );
});

test('tornado: ranked by swing, hand-worked', () => {
  const t = tornado(
    [
      { id: 'a', distribution: { dist: 'uniform', min: 0, max: 1 } },
      { id: 'b', distribution: { dist: 'uniform', min: 0, max: 10 } },
      { id: 'c', distribution: { dist: 'point', value: 3 } },
    ],
    Float64Array.from([0.5, 5, 3]),
    (x) => ({ f: 2 * x[0] + x[1] + x[2] }),
    'f',
    0.1,
  );
  assert.equal(t.base, 9);
  assert.deepEqual(t.rows.map((r) => r.parameter), ['b', 'a']);
  assert.ok(Math.abs(t.rows[0].swing - 8) < 1e-12 && Math.abs(t.rows[1].swing - 1.6) < 1e-12);
  assert.ok(Math.abs(t.rows[0].figureAtLow - 5) < 1e-12);
});

test('studyUncertainty on the hand study: intervals, tornado, switching value', () => {
  const { config, results } = handStudy();
  const net = parseNetImpact(
    `additionality:
  source: test
  illustrative: true
  components: {default: {leakage: 0, deadweight: 0.2, displacement: {dist: uniform, min: 0, max: 0.5}, substitution: 0}}
  consumption: {default: {leakage: 0, deadweight: 0.5, displacement: 0, substitution: 0}}
uncertainty:
  seed: 11
  draws: 20000
  level: 0.9
  sampling: none
  parameters:
    population.prov: {dist: triangular, min: 150, mode: 200, max: 300}
    jobs_per_output: {dist: uniform, min: 0.5, max: 1.5, unit: persons/万元}
  tornado: {figure: net.jobs.total, low: 0.05}
  switching:
    - {parameter: additionality.components.*.displacement, figure: net.jobs.direct, target: 1200}
`,
    config,
  );
  const u = uncertaintyOf(config, net);
  // central values reproduce the point estimates
  assert.equal(u.intervals['jobs.total'].central, results.figures['jobs.total'].value);
  // net direct at the central values: 3000 × 0.8 × (1 − 0.25) = 1800
  assert.ok(Math.abs(u.intervals['net.jobs.direct'].central - 1800) < 1e-9);
  // gross direct = 2500 × N/200 + 500 with N ~ tri(150, 200, 300): 5% quantile of N = 150 + √(0.05 × 150 × 50)
  const nlo = 150 + Math.sqrt(0.05 * 150 * 50);
  assert.ok(Math.abs(u.intervals['jobs.direct'].lo - (2500 * nlo / 200 + 500)) < 25, `${u.intervals['jobs.direct'].lo}`);
  // switching value: 3000 × 0.8 × (1 − d) = 1200 → d = 0.5, to the stated tolerance (1e-9 × width 1)
  const s = u.switching[0];
  assert.deepEqual(s.matched, ['additionality.components.default.displacement']);
  assert.ok(Math.abs(s.value - 0.5) <= s.tolerance, `${s.value}`);
  assert.ok(s.tolerance === 1e-9 && s.iterations <= 30);
  assert.ok(u.tornado && u.tornado.rows.length === 3);
  assert.deepEqual(u.tornado.rows.map((r) => r.parameter), ['additionality.components.default.displacement', 'population.prov', 'jobs_per_output']);
  // reproducible
  assert.deepEqual(uncertaintyOf(config, net).intervals, u.intervals);
});

test('normal groups: correlated draws with the given covariance', () => {
  // cov [[1, 0.8], [0.8, 1]]: sd(x + y) = √3.6, sd(x − y) = √0.4; relative SE of an SD with 50 000 draws ≈ 0.3%.
  const r = monteCarlo({
    parameters: [
      { id: 'x', distribution: { dist: 'point', value: 1 } },
      { id: 'y', distribution: { dist: 'point', value: 2 } },
      { id: 'u', distribution: { dist: 'uniform', min: 0, max: 1 } },
    ],
    evaluate: (v) => ({ sum: v[0] + v[1], diff: v[0] - v[1], u: v[2] }),
    outputs: ['sum', 'diff', 'u'],
    draws: 50000,
    seed: 5,
    level: 0.95,
    chunk: 50000,
    normalGroups: [{ parameters: ['x', 'y'], mean: [1, 2], cov: Float64Array.from([1, 0.8, 0.8, 1]) }],
  }).intervals;
  assert.ok(Math.abs(r.sum.sd / Math.sqrt(3.6) - 1) < 0.015, `sd(x+y) ${r.sum.sd}`);
  assert.ok(Math.abs(r.diff.sd / Math.sqrt(0.4) - 1) < 0.015, `sd(x−y) ${r.diff.sd}`);
  assert.ok(Math.abs(r.sum.mean - 3) < 0.03);
  assert.throws(
    () => monteCarlo({ parameters: [{ id: 'x', distribution: { dist: 'point', value: 0 } }, { id: 'y', distribution: { dist: 'point', value: 0 } }], evaluate: (v) => ({ s: v[0] }), outputs: ['s'], draws: 10, seed: 1, level: 0.9, chunk: 10, normalGroups: [{ parameters: ['x', 'y'], mean: [0, 0], cov: Float64Array.from([1, 2, 2, 1]) }] }),
    /cov is not positive semi-definite/,
  );
});

test('studyUncertainty: consumption categories from one questionnaire are drawn with their correlation', async () => {
  const { parseStudy } = await import('../../src/study/config/parseStudy.ts');
  const { computeStudy } = await import('../../src/study/model/computeStudy.ts');
  const { studyYaml, inputs } = await import('./additionalityFixture.ts');
  // Two categories estimated from one consumer questionnaire with b = 2a exactly (ρ = 1):
  // se(total) = se_a + se_b, which the survey engine also reports for consumption.total.
  const yaml = studyYaml
    .replace('questionnaires:\n', 'questionnaires:\n  c: {file: c.csv, id: id, columns: {sa: sa, sb: sb}}\n')
    .replace('consumption:\n  categories:', 'consumption:\n  questionnaire: c\n  categories:')
    .replace('total: 10000,', 'field: sa,')
    .replace('total: 4000,', 'field: sb,');
  const config = parseStudy(yaml, 'corr.yaml');
  const sa = Float64Array.from({ length: 40 }, (_, i) => 5 + ((i * 7) % 11));
  const inp = { ...inputs, questionnaires: { ...inputs.questionnaires, c: { key: 'c', file: 'c.csv', rowsRead: 40, valid: 40, rejected: 0, reasons: {}, numbers: { sa, sb: sa.map((v) => 2 * v) }, categories: {} } } };
  const results = computeStudy(config, inp);
  const seA = results.figures['consumption.a'].se as number;
  const seB = results.figures['consumption.b'].se as number;
  assert.ok(Math.abs((results.figures['consumption.total'].se as number) - (seA + seB)) < 1e-6 * (seA + seB));
  const net = parseNetImpact('uncertainty: {seed: 4, draws: 40000, level: 0.95, sampling: normal}', config);
  const u = uncertaintyOf(config, net, inp);
  const sd = u.intervals['consumption.total'].sd;
  assert.ok(Math.abs(sd / (seA + seB) - 1) < 0.02, `MC sd ${sd} vs se_a + se_b ${seA + seB} (independent draws would give ${Math.hypot(seA, seB)})`);
});

test('studyUncertainty: replicate estimates replace the normal draw of a survey figure', () => {
  const { config, results } = handStudy();
  const net = parseNetImpact('uncertainty: {seed: 2, draws: 4000, level: 0.95, sampling: normal}', config);
  // Two replicates 2400 and 2600 around 2500, scale 1/2: variance ½ (100² + 100²) = 100², draws ±100.
  const u = uncertaintyOf(config, net, undefined, { replicates: [{ figures: ['jobs.providers.prov'], values: [Float64Array.from([2400, 2600])], scale: 0.5 }] });
  const iv = u.intervals['jobs.providers.prov'];
  assert.ok(Math.abs(iv.sd - 100) < 0.5, `sd ${iv.sd}`);
  assert.equal(iv.lo, 2400);
  assert.equal(iv.hi, 2600);
  assert.throws(() => uncertaintyOf(config, net, undefined, { replicates: [{ figures: ['jobs.total'], values: [Float64Array.from([1, 2])], scale: 1 }] }), /jobs.total is not a survey-estimated component or category/);
});

test('evaluateInto and evaluate give the same Monte Carlo result', async () => {
  const { config, results } = handStudy();
  const net = parseNetImpact('additionality: {source: s, components: {default: {leakage: 0.1, deadweight: {dist: uniform, min: 0, max: 0.4}, displacement: 0, substitution: 0}}, consumption: {default: {leakage: 0, deadweight: 0.5, displacement: 0, substitution: 0}}}\nuncertainty: {seed: 1, draws: 500, level: 0.9, sampling: normal, parameters: {population.ops: {dist: triangular, min: 400, mode: 500, max: 700}}}', config);
  const m = modelOf(config, net);
  const base = { parameters: m.parameters, evaluate: m.evaluate, outputs: m.outputs, draws: 500, seed: 1, level: 0.9, chunk: 100 };
  assert.deepEqual(monteCarlo({ ...base, evaluateInto: m.evaluateInto }), monteCarlo(base));
});
