// Skewness diagnostics (hand-worked) and the simulated coverage of an interval (deterministic,
// near nominal for a light-tailed sample, well below it for a heavy-tailed one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverageOf, createRng, drawCoverage, qt, simulateCoverage, skewDiagnostics, type IntervalEstimate } from '../../src/survey/index.ts';

test('skewDiagnostics: worked example y = [1, 1, 1, 1, 10]', () => {
  const d = skewDiagnostics([1, 1, 1, 1, 10]);
  // mean 2.8; m2 = 12.96, m3 = 69.984 → g1 = 69.984 / 12.96^1.5 = 1.5
  assert.ok(Math.abs(d.skewness - 1.5) < 1e-12);
  assert.ok(Math.abs(d.cochranMinN - 56.25) < 1e-9);
  assert.ok(Math.abs(d.top1Share - 10 / 14) < 1e-15);
  assert.throws(() => skewDiagnostics([1, 2]), /at least 3/);
});

/** Mean ± t·s/√n of the rows' values (an SRS interval). */
const meanInterval = (y: Float64Array) => (rows: Int32Array): IntervalEstimate => {
  const n = rows.length;
  let s = 0, ss = 0;
  for (const i of rows) { s += y[i]; ss += y[i] * y[i]; }
  const m = s / n, se = Math.sqrt((ss - n * m * m) / (n - 1) / n), h = qt(0.975, n - 1) * se;
  return { estimate: m, lower: m - h, upper: m + h };
};

test('simulateCoverage: near 95% for a normal sample, far below for a heavy tail, misses on one side; deterministic', () => {
  const rng = createRng(7);
  const normal = Float64Array.from({ length: 300 }, () => { let z = 0; for (let k = 0; k < 12; k++) z += rng(); return z - 6; });
  const all = Int32Array.from({ length: 300 }, (_, i) => i);
  const a = simulateCoverage([all], meanInterval(normal), { reps: 1000, seed: 3 });
  assert.ok(Math.abs(a.coverage - 0.95) < 3 * a.mcSe + 0.01, `normal: ${a.coverage}`);
  // lognormal with σ = 3.5: a few units hold most of the total
  const heavy = Float64Array.from(normal, (z) => Math.exp(3.5 * z));
  const b = simulateCoverage([all], meanInterval(heavy), { reps: 1000, seed: 3 });
  assert.ok(b.coverage < 0.9, `heavy: ${b.coverage}`);
  assert.ok(b.missHigh > 5 * b.missLow, `misses on one side: ${b.missHigh} vs ${b.missLow}`);
  assert.ok(b.medianRatio < 1, `median estimate below the truth: ${b.medianRatio}`);
  assert.deepEqual(simulateCoverage([all], meanInterval(heavy), { reps: 1000, seed: 3 }), b);
  assert.throws(() => simulateCoverage([new Int32Array(0)], meanInterval(heavy)), /stratum 1 has no rows/);
});

test('drawCoverage then coverageOf: simulateCoverage with the interval applied later (a Wald multiplier known only afterwards), to the bit', () => {
  const rng = createRng(8);
  const y = Float64Array.from({ length: 150 }, () => Math.exp(2 * rng()));
  const strata = [Int32Array.from({ length: 90 }, (_, i) => i), Int32Array.from({ length: 60 }, (_, i) => 90 + i)];
  const moments = (rows: Int32Array) => {
    const n = rows.length;
    let s = 0, ss = 0;
    for (const i of rows) { s += y[i]; ss += y[i] * y[i]; }
    return { m: s / n, v: (ss - s * s / n) / (n - 1) / n };
  };
  const q = qt(0.975, 149), wald = (r: { m: number; v: number }): IntervalEstimate => ({ estimate: r.m, lower: r.m - q * Math.sqrt(r.v), upper: r.m + q * Math.sqrt(r.v) });
  const draws = drawCoverage(strata, moments, (r) => r.m, { reps: 300, seed: 5, sizes: [40, 30] });
  assert.equal(draws.records.length, 300);
  assert.deepEqual(coverageOf(draws, wald), simulateCoverage(strata, (rows) => wald(moments(rows)), { reps: 300, seed: 5, sizes: [40, 30] }));
});
