// Replicate-weight construction (own PRNG, so compared by properties, not to R's draws),
// calibration reporting and error cases. Reference numbers for replicate and calibrated variances
// are in reference.test.ts (R's exported weights).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { asReplicateDesign, calibrate, createRng, nonresponseAdjust, rake, svrepdesign, svydesign, svytotal, svymean, type RakeMargin, type Repweights } from '../../src/survey/index.ts';
import { loadData } from './fixtures.ts';

const strat = () => svydesign({ data: loadData('apistrat'), ids: '1', strata: 'stype', weights: 'pw' });
const factors = (r: Repweights): readonly Float64Array[] => (r.mode === 'compressed' ? r.factors : r.weights);

test('createRng is deterministic and uniform-looking', () => {
  const a = createRng(7), b = createRng(7), c = createRng(8);
  const xs = Array.from({ length: 10000 }, () => a());
  assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b()));
  assert.notEqual(xs[0], c());
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.throws(() => createRng(1.5), /seed must be an integer/);
});

test('createRng: the same sequences as the Uint32Array implementation it replaced (every seeded figure depends on them)', () => {
  // SHA-256 (first 16 hex) of draws 1…100000 as float64 bytes, and draw 100001, from the earlier
  // xoshiro128** with its state in a Uint32Array; seeds beyond int32 wrap modulo 2³².
  const pinned: [number, string, number][] = [
    [1, '47bb92908767a567', 0.36074721780074737], [20190, '96358561db53564c', 0.4114208612542095], [-1, '4360fbad68ffd364', 0.5563848963562789],
    [2 ** 31, '5624da21b2fe9532', 0.9335645121930515], [2 ** 32 + 5, '869364a146b7d5fd', 0.11737875176127932],
  ];
  for (const [seed, hash, next] of pinned) {
    const r = createRng(seed), d = Float64Array.from({ length: 100000 }, () => r());
    assert.equal(createHash('sha256').update(new Uint8Array(d.buffer)).digest('hex').slice(0, 16), hash, `seed ${seed}`);
    assert.equal(r(), next, `seed ${seed}: draw 100001`);
  }
});

test('Rao–Wu bootstrap: seeded, n_h − 1 draws per stratum, variance near linearization', () => {
  const d = strat();
  const b1 = asReplicateDesign(d, { type: 'bootstrap', replicates: 400, seed: 1 });
  const b2 = asReplicateDesign(d, { type: 'bootstrap', replicates: 400, seed: 1 });
  assert.deepEqual(factors(b1.repweights).map((f) => Array.from(f)), factors(b2.repweights).map((f) => Array.from(f)));
  const b3 = asReplicateDesign(d, { type: 'bootstrap', replicates: 400, seed: 2 });
  assert.notDeepEqual(Array.from(factors(b3.repweights)[0]), Array.from(factors(b1.repweights)[0]));
  // Each replicate: Σ factors over a stratum's PSUs = (n_h − 1) · n_h/(n_h − 1) = n_h.
  const stype = d.data.stype as string[];
  const f0 = factors(b1.repweights)[0];
  const rw = b1.repweights;
  assert.equal(rw.mode, 'compressed');
  if (rw.mode === 'compressed') {
    const sums = new Map<string, number>(), counts = new Map<string, number>();
    const seen = new Set<number>();
    for (let i = 0; i < d.n; i++) {
      const g = rw.index[i];
      if (seen.has(g)) continue;
      seen.add(g);
      sums.set(stype[i], (sums.get(stype[i]) ?? 0) + f0[g]);
      counts.set(stype[i], (counts.get(stype[i]) ?? 0) + 1);
    }
    for (const [h, s] of sums) assert.ok(Math.abs(s - counts.get(h)!) < 1e-9, `stratum ${h}: ${s} vs ${counts.get(h)}`);
  }
  const lin = svytotal('enroll', d).se[0], boot = svytotal('enroll', b1).se[0];
  assert.ok(Math.abs(boot / lin - 1) < 0.15, `bootstrap se ${boot} vs linearization ${lin}`);
  assert.equal(svytotal('enroll', b1).estimate[0], svytotal('enroll', d).estimate[0]);
  assert.equal(b1.scale, 1 / 399);
  assert.throws(() => asReplicateDesign(d, { type: 'bootstrap', replicates: 50 }), /needs a seed/);
  assert.throws(() => asReplicateDesign(d, { type: 'bootstrap', seed: 1 }), /needs replicates/);
});

test('replicate types check the design', () => {
  const d = strat();
  assert.throws(() => asReplicateDesign(d, { type: 'JK1' }), /unstratified/);
  assert.throws(() => asReplicateDesign(d, { type: 'BRR' }), /exactly 2 PSUs per stratum; stratum 1 has \d+/);
  const srs = svydesign({ data: loadData('apisrs'), ids: '1', weights: 'pw' });
  assert.throws(() => asReplicateDesign(srs, { type: 'JKn' }), /needs a stratified design/);
  const scd = svydesign({ data: loadData('scd'), ids: 'ambulance', strata: 'ESA', nest: true, fpc: 'fpc5' });
  assert.throws(() => asReplicateDesign(scd, { type: 'Fay' }), /needs rho in \(0, 1\)/);
  const brr = asReplicateDesign(scd, { type: 'BRR' });
  assert.equal(brr.replicates, 4);
  // Full orthogonal balance: BRR variance of a total equals the with-replacement linearization variance.
  const noFpc = svydesign({ data: loadData('scd'), ids: 'ambulance', strata: 'ESA', nest: true, weights: 'fpc5' });
  const a = svytotal('arrests', asReplicateDesign(noFpc, { type: 'BRR' })).se[0], b = svytotal('arrests', noFpc).se[0];
  assert.ok(Math.abs(a / b - 1) < 1e-12, `${a} vs ${b}`);
});

test('svrepdesign requires what R would guess', () => {
  const data = { y: Float64Array.of(1, 2, 3, 4), w: Float64Array.of(1, 1, 1, 1), r1: Float64Array.of(0, 2, 1, 1), r2: Float64Array.of(2, 0, 1, 1) };
  assert.throws(() => svrepdesign({ data, weights: 'w', repweights: ['r1', 'r2'], type: 'JK1' }), /needs scale \(\(R−1\)\/R = 0.5/);
  assert.throws(() => svrepdesign({ data, weights: 'w', repweights: ['r1', 'r2'], type: 'JKn' }), /needs rscales/);
  assert.throws(() => svrepdesign({ data, weights: 'w', repweights: ['r1', 'r2'], type: 'JKn', rscales: [1] }), /rscales has length 1, should be 2/);
  const bad = { ...data, w: Float64Array.of(1, 0, 1, 1) };
  assert.throws(() => svrepdesign({ data: bad, weights: 'w', repweights: ['r1', 'r2'], type: 'BRR' }), /weights column 'w' row 2 is 0/);
  const d = svrepdesign({ data, weights: 'w', repweights: ['r1', 'r2'], type: 'BRR' });
  assert.equal(d.df, 1);
  assert.equal(d.scale, 0.5);
});

test('rake reports sweeps and convergence; calibrate checks names', () => {
  const d = svydesign({ data: loadData('apiclus1'), ids: 'dnum', weights: 'pw', fpc: 'fpc' });
  const margins: RakeMargin[] = [
    { strata: 'stype', population: { E: 4421, H: 755, M: 1018 } },
    { strata: 'sch.wide', population: { No: 1072, Yes: 5122 } },
  ];
  const r = rake(d, margins);
  assert.equal(r.calibration?.converged, true);
  assert.ok(r.calibration!.iterations >= 2 && r.calibration!.iterations <= 10, `iterations ${r.calibration!.iterations}`);
  assert.ok(r.calibration!.misfit < 1);
  assert.throws(() => rake(d, margins, { maxit: 1, epsilon: 1e-9 }), /did not converge after 1 sweeps/);
  assert.equal(rake(d, margins, { maxit: 1, epsilon: 1e-9, force: true }).calibration?.converged, false);
  assert.throws(() => rake(d, [{ strata: 'stype', population: { E: 4421, H: 755 } }]), /post-stratum 'M' is in the sample but not in the population/);
  assert.throws(() => calibrate(d, { formula: '~stype', population: { '(Intercept)': 6194, stypeH: 755 } }), /lack stypeM/);
  assert.throws(() => calibrate(d, { formula: '~stype', population: { '(Intercept)': 6194, stypeH: 755, stypeM: 1018 }, calfun: 'logit' }), /finite bounds/);
  const c = calibrate(d, { formula: ['stype'], population: { '(Intercept)': 6194, stypeH: 755, stypeM: 1018 } });
  assert.ok(Math.abs(svytotal('stype', c).estimate[1] - 755) < 1e-6);
});

test('nonresponseAdjust: classes without respondents are an error', () => {
  const data = { y: Float64Array.of(1, 2, 3, 4), w: Float64Array.of(1, 2, 3, 4), c: ['a', 'a', 'b', 'b'], r: Float64Array.of(1, 0, 0, 0) };
  const d = svydesign({ data, ids: '1', weights: 'w' });
  assert.throws(() => nonresponseAdjust(d, { respond: 'r', classes: 'c' }), /class 'b' has no respondents/);
  const data2 = { ...data, r: Float64Array.of(1, 0, 1, 1) };
  const d2 = nonresponseAdjust(svydesign({ data: data2, ids: '1', weights: 'w' }), { respond: 'r', classes: 'c' });
  assert.equal(d2.n, 3);
  assert.deepEqual(Array.from(d2.weights), [3, 3, 4]);
  assert.equal(svymean('y', d2).estimate[0], (3 * 1 + 3 * 3 + 4 * 4) / 10);
  const bad = { ...data, r: Float64Array.of(1, 2, 1, 1) };
  assert.throws(() => nonresponseAdjust(svydesign({ data: bad, ids: '1', weights: 'w' }), { respond: 'r', classes: 'c' }), /row 2 is 2 \(must be 0 or 1\)/);
});
