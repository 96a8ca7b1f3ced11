// Estimators for skewed business data against R (scripts/ref/skewed_reference.R → test/fixtures/survey/
// skewed.json) and hand-worked cases: take-all stratum, Kokic–Bell winsorisation, Rao–Wu bootstrap-t;
// and a simulation of the bootstrap-t's coverage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bootstrapT, createRng, qt, raoWuMultipliers, raoWuReplicates, simulateCoverage, takeAllTotal, winsorisedTotal, type IntervalEstimate } from '../../src/survey/index.ts';
import { loadData } from './fixtures.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/survey/skewed.json', import.meta.url), 'utf8'));
const close = (a: number, e: number, tol: number, what: string) => assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}: ${a} vs ${e}`);
const num = (d: ReturnType<typeof loadData>, k: string) => d[k] as Float64Array;

test('takeAllTotal: worked example and R svytotal with a certainty stratum (1e-9)', () => {
  const t = takeAllTotal([1, 2, 3, 50], 10, 50);
  assert.equal(t.estimate, 68);
  close(t.variance, 18, 1e-14, "worked variance");
  assert.equal(t.certainty, 1);
  const srs = loadData('apisrs');
  for (const c of ref.takeAll) {
    const r = takeAllTotal(num(srs, c.y), c.N, c.cutoff, num(srs, c.x));
    assert.equal(r.certainty, c.certainty);
    close(r.estimate, c.estimate, 1e-9, `take-all ${c.y} ≥ ${c.cutoff} estimate`);
    close(r.se, c.se, 1e-9, `take-all ${c.y} ≥ ${c.cutoff} se`);
  }
  assert.throws(() => takeAllTotal([1, 50, 60], 10, 50), /1 sampled unit\(s\) below the cutoff 50/);
  assert.throws(() => takeAllTotal([1, 2, 3], 2, 50), /smaller than the sample/);
});

test('winsorisedTotal: Kokic–Bell cutoffs, bias and MSE interval equal to R (uniroot) at 1e-9', () => {
  const strat = loadData('apistrat');
  const stype = strat.stype as string[];
  for (const c of ref.winsorised) {
    const strata = c.y === 'worked'
      ? [{ y: [1, 2, 3, 4, 40], N: 100 }]
      : (c.strata as string[]).map((s, h) => {
        const y = num(strat, c.y).filter((_, i) => stype[i] === s);
        return { y, N: c.case.N[h] };
      });
    const r = winsorisedTotal(strata, c.case.q);
    for (const k of ['estimate', 'unwinsorised', 'bias', 'variance', 'mse', 'lower', 'upper']) close((r as any)[k], c.case[k], 1e-9, `${c.y} ${k}`);
    r.cutoffs.forEach((K, h) => close(K, c.case.cutoffs[h], 1e-9, `${c.y} cutoff ${h}`));
  }
  // worked: K = 25, one value winsorised, bias −285; a take-all stratum (N = n) is left alone
  const w = winsorisedTotal([{ y: [1, 2, 3, 4, 40], N: 100 }, { y: [5, 500], N: 2 }], 2);
  assert.equal(w.cutoffs[1], Infinity);
  assert.deepEqual(w.winsorised, [1, 0]);
  close(w.bias, -285, 1e-12, 'bias with a take-all stratum');
  // symmetric data with nothing above the mean-plus-excess: small cut; never a positive bias
  const flat = winsorisedTotal([{ y: [1, 1, 1, 1], N: 40 }], 2);
  assert.equal(flat.bias, 0);
  assert.throws(() => winsorisedTotal([{ y: [1], N: 5 }], 2), /at least 2/);
  assert.throws(() => winsorisedTotal([{ y: [1, NaN], N: 5 }], 2), /not finite/);
});

test('raoWuMultipliers: worked draws, Σu = n per stratum, λ from the sampling fraction', () => {
  // n = 3, f = 0, draws (row 0, row 0): u = (1.5·2, 0, 0)
  const seq = [0.1, 0.2];
  const u = raoWuMultipliers([Int32Array.from([0, 1, 2])], undefined, () => seq.shift()!, new Float64Array(3));
  assert.deepEqual(Array.from(u), [3, 0, 0]);
  const rng = createRng(5), v = new Float64Array(10);
  raoWuMultipliers([Int32Array.from([0, 1, 2, 3]), Int32Array.from([4, 5, 6, 7, 8, 9])], [0.5, 0], rng, v);
  close(v.slice(0, 4).reduce((a, b) => a + b, 0), 4, 1e-12, 'Σu stratum 1');
  close(v.slice(4).reduce((a, b) => a + b, 0), 6, 1e-12, 'Σu stratum 2');
  // f = 0.5, n = 4: λ = √(3·0.5/3) = 0.7071…; rows never drawn keep 1 − λ
  assert.ok(Array.from(v.slice(0, 4)).every((x) => Math.abs(((x - (1 - Math.SQRT1_2)) / (Math.SQRT1_2 * 4 / 3)) - Math.round((x - (1 - Math.SQRT1_2)) / (Math.SQRT1_2 * 4 / 3))) < 1e-12));
  assert.throws(() => raoWuMultipliers([Int32Array.from([0])], undefined, rng, v), /stratum 1 has 1 row/);
});

test('raoWuReplicates: B replicates as B calls of raoWuMultipliers; bootstrapT with them drawn beforehand is the same interval', () => {
  const strata = [Int32Array.from([0, 2, 4, 6]), Int32Array.from([1, 3, 5, 7, 8])], fractions = [0.25, 0];
  const all = raoWuReplicates(strata, fractions, createRng(9), 10, 30);
  assert.equal(all.length, 300);
  const rng = createRng(9), u = new Float64Array(10).fill(1);
  for (let b = 0; b < 30; b++) assert.deepEqual(all.subarray(b * 10, (b + 1) * 10), raoWuMultipliers(strata, fractions, rng, u), `replicate ${b}`);
  assert.equal(all[9], 1, 'a row in no stratum keeps 1');
  const y = Float64Array.from([3, 1, 40, 2, 5, 9, 1, 7, 120, 4]);
  const statistic = (w: Float64Array) => {
    let s = 0, s2 = 0;
    for (let i = 0; i < 10; i++) { s += w[i] * y[i]; s2 += w[i] * y[i] * y[i]; }
    return { estimate: s / 10, se: Math.sqrt(Math.max(s2 / 10 - (s / 10) ** 2, 0) / 9) };
  };
  const drawn = bootstrapT({ strata, fractions, nRows: 10, statistic, replicates: 30, seed: 9 });
  assert.deepEqual(bootstrapT({ strata, fractions, nRows: 10, statistic, replicates: 30, seed: 9, multipliers: all }), drawn);
  assert.throws(() => bootstrapT({ strata, fractions, nRows: 10, statistic, replicates: 31, multipliers: all }), /multipliers hold 300 values, expected 31 replicates × 10 rows/);
});

test('bootstrapT: R\'s Rao–Wu draws replayed give R\'s t*, quantiles and interval (1e-9)', () => {
  const d = loadData('apistrat');
  const stype = d.stype as string[];
  const bt = ref.bootstrapT;
  const rows = (bt.strata as string[]).map((s) => Int32Array.from(stype.flatMap((t, i) => (t === s ? [i] : []))));
  const ns = rows.map((r) => r.length);
  const y = num(d, 'api.stu'), x = num(d, 'enroll'), wt = num(d, 'pw'), fpc = num(d, 'fpc');
  const N = rows.map((r) => fpc[r[0]]);
  const ratio = (u: Float64Array) => {
    let ty = 0, tx = 0;
    for (let i = 0; i < u.length; i++) { ty += u[i] * wt[i] * y[i]; tx += u[i] * wt[i] * x[i]; }
    const R = ty / tx;
    let v = 0;
    rows.forEach((r, h) => {
      let m = 0;
      for (const i of r) m += (u[i] * wt[i] * (y[i] - R * x[i])) / tx;
      m /= ns[h];
      for (const i of r) { const e = (wt[i] * (y[i] - R * x[i])) / tx - m; v += (ns[h] / (ns[h] - 1)) * u[i] * e * e; }
    });
    return { estimate: R, se: Math.sqrt(v) };
  };
  const total = (u: Float64Array) => {
    let est = 0, v = 0;
    rows.forEach((r, h) => {
      const n = ns[h];
      let m = 0;
      for (const i of r) m += u[i] * x[i];
      m /= n;
      let s = 0;
      for (const i of r) s += u[i] * (x[i] - m) ** 2;
      est += N[h] * m;
      v += (N[h] ** 2 * (1 - n / N[h]) * s) / (n - 1) / n;
    });
    return { estimate: est, se: Math.sqrt(v) };
  };
  for (const [k, c] of (bt.cases as any[]).entries()) {
    const draws: number[] = [];
    for (const b of bt.draws as number[][][]) b.forEach((hs, h) => hs.forEach((j) => draws.push((j + 0.5) / ns[h])));
    let at = 0;
    const r = bootstrapT({ strata: rows, nRows: y.length, fractions: c.fractions, statistic: k === 0 ? ratio : total, replicates: bt.B, level: c.level, rng: () => draws[at++] });
    assert.equal(at, draws.length);
    for (const f of ['estimate', 'se', 'tLower', 'tUpper', 'lower', 'upper']) close((r as any)[f], c.result[f], 1e-9, `${c.statistic} ${f}`);
    assert.equal(r.dropped, 0);
  }
});

test('bootstrapT: simulated coverage near 95% (normal), above the Wald interval\'s on a skewed sample; deterministic', () => {
  const rng = createRng(11);
  const z = Float64Array.from({ length: 120 }, () => { let s = 0; for (let k = 0; k < 12; k++) s += rng(); return s - 6; });
  const skewed = Float64Array.from(z, (v) => Math.exp(3 * v));
  const all = Int32Array.from({ length: z.length }, (_, i) => i);
  const run = (y: Float64Array) => {
    const q = qt(0.975, y.length - 1);
    let wald = 0;
    const boot = (rows: Int32Array): IntervalEstimate => {
      const n = rows.length, strata = [Int32Array.from({ length: n }, (_, i) => i)];
      const stat = (u: Float64Array) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += u[i] * y[rows[i]];
        const m = s / n;
        let v = 0;
        for (let i = 0; i < n; i++) v += u[i] * (y[rows[i]] - m) ** 2;
        return { estimate: m, se: Math.sqrt(v / (n - 1) / n) };
      };
      const r = bootstrapT({ strata, nRows: n, statistic: stat, replicates: 199, seed: rows[0] + 1 });
      if (r.estimate - q * r.se <= trueMean && trueMean <= r.estimate + q * r.se) wald++;
      return { estimate: r.estimate, lower: r.lower, upper: r.upper };
    };
    const trueMean = y.reduce((a, b) => a + b, 0) / y.length;
    const sim = simulateCoverage([all], boot, { reps: 300, seed: 4 });
    return { boot: sim, wald: wald / 300 };
  };
  const n = run(z);
  assert.ok(Math.abs(n.boot.coverage - 0.95) < 3 * n.boot.mcSe + 0.01, `normal: bootstrap-t ${n.boot.coverage}`);
  const s = run(skewed);
  assert.ok(s.boot.coverage > s.wald + 0.02, `skewed: bootstrap-t ${s.boot.coverage} vs Wald ${s.wald}`);
  assert.ok(s.boot.coverage >= 0.9, `skewed: bootstrap-t ${s.boot.coverage}`);
  assert.deepEqual(run(skewed).boot, s.boot);
});
