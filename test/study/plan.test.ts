// Survey planning: predicted half-widths against repeated simulation, Neyman allocation by hand and
// by simulation, sample extraction from a study.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unitSpread, planHalfWidth } from '../../src/study/plan/planHalfWidth.ts';
import { simulateHalfWidth } from '../../src/study/plan/planSimulate.ts';
import { neymanAllocation } from '../../src/study/plan/planNeyman.ts';
import { planSurvey } from '../../src/study/plan/planSurvey.ts';
import { planSamples, type PlanSample } from '../../src/study/plan/planSamples.ts';
import { random } from '../../src/study/uncertainty/random.ts';
import { qnorm } from '../../src/survey/distributions.ts';
import { handStudy, inputs } from './additionalityFixture.ts';

const z = qnorm(0.975);
const label = { zh: '测', en: 'test' };
/** Skewed firm sizes: lognormal(2, 1) employees × uniform related share, seeded. */
function provider(n0: number, N: number, seed: number): PlanSample {
  const r = random(seed);
  return { id: 'p', label, kind: 'provider', N, y: Float64Array.from({ length: n0 }, () => Math.exp(2 + r.normal()) * r.uniform()) };
}
function operator(n0: number, M: number, seed: number): PlanSample {
  const r = random(seed);
  const a = Float64Array.from({ length: n0 }, () => 1 + r.int(5));
  return { id: 'o', label, kind: 'operator', M, a, s: a.map((v) => Math.max(0, v * 1.5 + 2 * r.normal())) };
}

test('unitSpread and planHalfWidth by hand', () => {
  const sp = unitSpread({ id: 'p', label, kind: 'provider', N: 100, y: Float64Array.from([1, 3]) });
  assert.equal(sp.estimate, 200);
  assert.ok(Math.abs(sp.A - 100 * Math.SQRT2) < 1e-12);
  assert.ok(Math.abs(planHalfWidth(sp, 50, 1.96) - (1.96 * 100 * Math.SQRT2 / Math.sqrt(50)) * Math.sqrt(0.5)) < 1e-12);
  // operator: a = [1, 3], s = [2, 2] → R = 1, ā = 2, u = [(2 − 1)/2, (2 − 3)/2] = [0.5, −0.5], S_u = √0.5
  const so = unitSpread({ id: 'o', label, kind: 'operator', M: 1000, a: Float64Array.from([1, 3]), s: Float64Array.from([2, 2]) });
  assert.equal(so.estimate, 1000);
  assert.ok(Math.abs(so.A - 1000 * Math.sqrt(0.5)) < 1e-12);
  assert.equal(so.fpcN, null);
  assert.throws(() => planHalfWidth(sp, 101, 1.96), /exceeds the population 100/);
});

test('predicted half-widths match repeated simulation (providers: HT total; operators: ratio)', () => {
  // Tolerance: the SD of 4000 simulated estimates has relative SE ≈ √((κ − 1)/(4·4000)) ≈ 1.2% for
  // κ ≈ 3; allow 5% (providers) and 6% (operators, adds the linearization error at n ≥ 100).
  const p = provider(400, 1e7, 1);
  const sp = unitSpread(p);
  for (const n of [50, 200, 800]) {
    const sim = simulateHalfWidth(p, n, 4000, 100 + n, 0.95, z);
    const pred = planHalfWidth(sp, n, z);
    assert.ok(Math.abs(sim.halfWidth / pred - 1) < 0.05, `provider n=${n}: simulated ${sim.halfWidth} vs predicted ${pred}`);
    assert.ok(Math.abs(sim.percentileHalfWidth / pred - 1) < 0.08, `provider n=${n}: percentile ${sim.percentileHalfWidth} vs ${pred}`);
  }
  const o = operator(300, 2e7, 2);
  const so = unitSpread(o);
  for (const n of [100, 400]) {
    const sim = simulateHalfWidth(o, n, 4000, 200 + n, 0.95, z);
    const pred = planHalfWidth(so, n, z);
    assert.ok(Math.abs(sim.halfWidth / pred - 1) < 0.06, `operator n=${n}: simulated ${sim.halfWidth} vs predicted ${pred}`);
  }
});

test('simulation is reproducible by seed', () => {
  const p = provider(50, 1e5, 3);
  assert.deepEqual(simulateHalfWidth(p, 20, 500, 9, 0.95, z), simulateHalfWidth(p, 20, 500, 9, 0.95, z));
  assert.notDeepEqual(simulateHalfWidth(p, 20, 500, 9, 0.95, z), simulateHalfWidth(p, 20, 500, 10, 0.95, z));
});

test('Neyman allocation: hand case, take-all stratum, fpc', () => {
  const a = neymanAllocation([{ id: 'x', A: 300, N: null }, { id: 'y', A: 100, N: null }], 19.6, 1.96);
  assert.deepEqual(a.strata.map((s) => s.n), [1200, 400]);
  assert.ok(Math.abs(a.halfWidth - 19.6) < 1e-9);
  // Stratum y has only 200 units: Neyman would give it 160000/(100 + 50) × 1/4 = 266.7 > 200, so it is
  // taken whole (no variance) and x alone must reach V = 100 → n_x = 300²/100 = 900.
  const b = neymanAllocation([{ id: 'x', A: 300, N: null }, { id: 'y', A: 100, N: 200 }], 19.6, 1.96);
  assert.deepEqual(b.strata, [{ id: 'x', n: 900, takeAll: false }, { id: 'y', n: 200, takeAll: true }]);
  // One stratum with fpc: n = A²/(V + A²/N) = 90000/(100 + 90) → 474 (rounded up).
  assert.equal(neymanAllocation([{ id: 'x', A: 300, N: 1000 }], 19.6, 1.96).n, Math.ceil(90000 / 190));
  // A very tight target on a small stratum: a census (n = N, no sampling variance).
  assert.equal(neymanAllocation([{ id: 'x', A: 300, N: 10 }], 1e-6, 1.96).n, 10);
  assert.throws(() => neymanAllocation([{ id: 'x', A: 300, N: 10 }], 0, 1.96), /target half-width must be > 0/);
});

test('Neyman allocation reaches the target in simulated stratified surveys', () => {
  const strata = [provider(300, 1e7, 4), { ...provider(300, 3e6, 5), id: 'q' }];
  const sps = strata.map(unitSpread);
  const total = sps.reduce((t, s) => t + s.estimate, 0);
  const alloc = neymanAllocation(strata.map((s, i) => ({ id: s.id, A: sps[i].A, N: sps[i].fpcN })), 0.05 * total, z);
  assert.ok(alloc.halfWidth <= 0.05 * total);
  // Variance of the sum = Σ variances of independent strata: combine simulated SDs.
  const sims = strata.map((s, i) => simulateHalfWidth(s, alloc.strata[i].n, 4000, 40 + i, 0.95, z).halfWidth);
  const combined = Math.sqrt(sims.reduce((t, h) => t + h * h, 0));
  assert.ok(Math.abs(combined / alloc.halfWidth - 1) < 0.05, `simulated ${combined} vs planned ${alloc.halfWidth}`);
});

test('planSamples and planSurvey on the hand study', () => {
  const { config } = handStudy();
  const samples = planSamples(config, inputs);
  assert.deepEqual(samples.map((s) => s.kind), ['provider', 'operator']);
  assert.deepEqual(Array.from((samples[0] as { y: Float64Array }).y), [10, 15]);
  const plan = planSurvey(samples, { sizes: [2, 100, 300], reps: 200, seed: 1, level: 0.95, target: 0.1 });
  assert.equal(plan.components[0].estimate, 2500);
  assert.deepEqual(plan.components[0].rows.map((r) => r.n), [2, 100], 'sizes above N = 200 are skipped for a provider');
  assert.equal(plan.components[1].estimate, 500);
  assert.deepEqual(plan, planSurvey(samples, { sizes: [2, 100, 300], reps: 200, seed: 1, level: 0.95, target: 0.1 }));
});

test('planCoverage: bias and coverage of each component\'s declared interval by n; at the observed n the run\'s own check', async () => {
  const { runStudy } = await import('../../src/cli/runStudy.ts');
  const { DEFAULT_STUDY } = await import('../../src/data/packagePaths.ts');
  const { planCoverage } = await import('../../src/study/plan/planCoverage.ts');
  const { results, prepared } = await runStudy(DEFAULT_STUDY, { uncertainty: false });
  const cfg = prepared.study.config;
  const cov = planCoverage(cfg, prepared.inputs, [50, 1400], 0.95);
  const oa = cov.find((c) => c.id === 'jobs.operators.official_accounts')!;
  assert.equal(oa.interval, 'bootstrap-t');
  const [small, full] = oa.rows;
  // heavy tail: at n = 50 the median estimate is well below the truth and the interval misses above
  assert.ok(small.medianRatio < 0.85 && small.relativeBias < -0.05, `n = 50: median ${small.medianRatio}, bias ${small.relativeBias}`);
  assert.ok(small.coverage < 0.8 && small.missHigh > 5 * small.missLow, `n = 50: coverage ${small.coverage}`);
  // at the example's n (1400) the plan's number is the run's coverage check of the same interval
  const run = results.figures['jobs.operators.official_accounts'].coverage!;
  assert.equal(full.n, run.n);
  assert.equal(full.coverage, run.coverage);
  assert.equal(full.relativeBias, run.relativeBias);
  // a light-tailed provider component: near nominal and unbiased at n = 1400
  const pay = cov.find((c) => c.id === 'jobs.providers.pay')!;
  assert.equal(pay.interval, 'wald');
  assert.ok(pay.rows[1].coverage >= 0.9 && Math.abs(pay.rows[1].relativeBias) < 0.01, JSON.stringify(pay.rows[1]));
  // merged into the plan, per component and n
  const plan = planSurvey(planSamples(cfg, prepared.inputs), { sizes: [50, 1400], reps: 50, seed: 1, level: 0.95, target: 0.05 }, cov);
  const p = plan.components.find((c) => c.id === 'official_accounts')!;
  assert.equal(p.interval, 'bootstrap-t');
  assert.deepEqual(p.rows.map((r) => r.coverage), oa.rows);
  assert.deepEqual(planCoverage(cfg, prepared.inputs, [50, 1400], 0.95), cov);
});
