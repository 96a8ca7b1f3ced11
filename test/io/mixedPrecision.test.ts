// Single-precision LU refined to double precision: as accurate as the double-precision LU, with a fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disposeModel, ioModel, leontiefImpact, linkages, lu, luSolver, luWasm, luWasm32, mixedPrecisionLeontiefSolver, mixedPrecisionSolver, multipliers } from '../../src/io/index.ts';
import { close, fixture, nbs } from './nbs2017.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const mixed = (M: Float64Array, n: number) => mixedPrecisionSolver(M, n, { factor32: luWasm32, factor64: luWasm });

/** I − A for a random non-negative A with column sums `share` (productive, like an IO table). */
function leontief(n: number, seed: number, share = 0.7): Float64Array {
  const r = rng(seed);
  const M = Float64Array.from({ length: n * n }, () => r());
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += M[i * n + j];
    for (let i = 0; i < n; i++) M[i * n + j] *= -share / s;
    M[j * n + j] += 1;
  }
  return M;
}

function residual(M: Float64Array, n: number, y: Float64Array, b: Float64Array, transposed: boolean): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (transposed ? M[j * n + i] : M[i * n + j]) * y[j];
    worst = Math.max(worst, Math.abs(s - b[i]));
  }
  return worst;
}

test('luWasm32: single-precision factors with small backward error ‖PM − LU‖ ≤ n·2⁻²³·‖M‖', () => {
  const f = luWasm32(Float64Array.of(0, 1, 2, 3), 2);
  assert.ok(f.lu instanceof Float32Array);
  assert.deepEqual([...f.perm], [1, 0]);
  assert.deepEqual([...f.lu], [2, 3, 0, 1]);
  for (const n of [1, 23, 24, 25, 301]) {
    const r = rng(n);
    const M = Float64Array.from({ length: n * n }, () => r() - 0.5);
    const { lu: a, perm } = luWasm32(M, n);
    let worst = 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k <= Math.min(i, j); k++) s += (k === i ? 1 : a[i * n + k]) * a[k * n + j];
        worst = Math.max(worst, Math.abs(s - M[perm[i] * n + j]));
        norm = Math.max(norm, Math.abs(M[i * n + j]));
      }
    }
    assert.ok(worst <= n * 2 ** -23 * norm, `n = ${n}: backward error ${worst}`);
    // Without refinement the f32 factors are only good to ~1e-6: they must not be used alone.
    assert.throws(() => luSolver(luWasm32(M, n)), /single-precision factors need mixedPrecisionSolver/);
  }
});

test('NBS 2017 (149 sectors): multipliers through mixed precision equal the numpy references to 1e-12', () => {
  const ref = fixture('nbs2017-multipliers.json');
  const m = ioModel(nbs, { factorize: mixed });
  assert.equal(m.competitive.solver.method, 'lu-f32+refinement');
  const d = multipliers(m, { domestic: true, households: true });
  const c = multipliers(m, { domestic: false, households: true });
  close(c.totalRequirementColSum, ref.competitive.totalRequirementColSum, 1e-12, 'B column sums');
  close(c.output.typeI, ref.competitive.outputTypeI, 1e-12, 'output I');
  close(c.output.typeII!, ref.competitive.outputTypeII, 1e-12, 'output II');
  close(d.output.typeII!, ref.domestic.outputTypeII, 1e-12, 'domestic output II');
  close(d.valueAdded!.typeI, ref.domestic.valueAddedTypeI, 1e-12, 'domestic VA I');
  const stats = (m.domestic!.solver as ReturnType<typeof mixed>).stats;
  assert.equal(stats.fallback, false);
  assert.ok(stats.solves / stats.calls <= 4, `${stats.solves} single-precision solves in ${stats.calls} calls`);
  // Same figures as the double-precision model, everywhere the solver is used.
  const ref64 = ioModel(nbs);
  const demand = Float64Array.from({ length: nbs.n }, (_, i) => (i % 7 === 0 ? 1e6 : 0));
  for (const domestic of [false, true]) {
    const a = leontiefImpact(m, demand, { type: 'II', domestic });
    const b = leontiefImpact(ref64, demand, { type: 'II', domestic });
    close(a.output.total, b.output.total, 1e-12, `impact output (domestic ${domestic})`);
    close(linkages(m, { domestic }).forwardTotal.raw, linkages(ref64, { domestic }).forwardTotal.raw, 1e-12, 'forward linkages');
  }
  close(m.competitive.rowSums, ref64.competitive.rowSums, 1e-12, 'row sums of L');
});

test('random productive systems with n mod 4 = 0…3: solves equal the double-precision LU to 1e-13, residuals at double precision', () => {
  for (const n of [500, 501, 502, 503]) {
    const M = leontief(n, n);
    const s = mixed(M, n);
    const d = luSolver(lu(M, n));
    const r = rng(n + 1);
    const bs = Array.from({ length: 5 }, () => Float64Array.from({ length: n }, () => r()));
    for (const transposed of [false, true]) {
      const a = transposed ? s.solveTransposed(bs) : s.solve(bs);
      const b = transposed ? d.solveTransposed(bs) : d.solve(bs);
      a.forEach((y, q) => {
        close(y, b[q], 1e-13, `n = ${n}, transposed ${transposed}, rhs ${q}`);
        assert.ok(residual(M, n, y, bs[q], transposed) <= 1e-13, `n = ${n}: residual`);
      });
    }
    assert.equal(s.stats.fallback, false);
    assert.deepEqual(s.solve([]), []);
  }
});

test('ill-conditioned or f32-singular matrices fall back to the double-precision LU and still solve exactly', () => {
  const n = 60;
  // Rows 30 and 31 differ by 1e-6 relative: κ ≈ 1e7, so κ·2⁻²⁴ ≈ 1 and refinement cannot converge.
  const r = rng(9);
  const M = Float64Array.from({ length: n * n }, () => r() - 0.5);
  for (let i = 0; i < n; i++) M[i * n + i] += 4;
  for (let j = 0; j < n; j++) M[31 * n + j] = M[30 * n + j] * (1 + 1e-6 * (j === 31 ? 1 : 0));
  const b = Float64Array.from({ length: n }, () => r());
  const s = mixed(M, n);
  const y = s.solve([b])[0];
  assert.equal(s.stats.fallback, true);
  assert.match(s.stats.reason!, /no convergence|single-precision factorization failed/);
  assert.equal(s.method, 'lu');
  // The fallback is factor64 (luWasm) itself: the same answer bit for bit.
  assert.deepEqual([...y], [...luSolver(luWasm(M, n)).solve([b])[0]]);
  assert.deepEqual([...s.solveTransposed([b])[0]], [...luSolver(luWasm(M, n)).solveTransposed([b])[0]]);
  // Rows equal in single precision but not in double: luWasm32 finds it singular.
  const T = Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0));
  for (let j = 0; j < n; j++) { T[10 * n + j] = 1; T[11 * n + j] = j === 11 ? 1 + 1e-12 : 1; }
  const t = mixed(T, n);
  assert.equal(t.stats.fallback, true);
  assert.match(t.stats.reason!, /single-precision factorization failed: singular matrix/);
  const z = t.solveTransposed([b])[0];
  assert.ok(residual(T, n, z, b, true) <= 1e-6 * Math.max(...z.map(Math.abs)) * 1e-6);
});

test('input errors', () => {
  assert.throws(() => mixed(new Float64Array(3), 2), /3 entries, expected n² = 4/);
  const s = mixed(leontief(30, 1), 30);
  assert.throws(() => s.solve([new Float64Array(29)]), /length 29, expected 30/);
  // Entries beyond single precision's range: f32 fails, the double-precision LU solves.
  const big = Float64Array.of(1e39, 2e39, 3e39, 1e39);
  const sb = mixed(big, 2);
  assert.match(sb.stats.reason!, /non-finite entries/);
  close(sb.solve([Float64Array.of(5e39, 5e39)])[0], [1, 2], 1e-15, 'solve beyond f32 range');
  // A singular matrix: f32 fails, then the f64 factorization reports it.
  const S = new Float64Array(16);
  assert.throws(() => mixed(S, 4), /singular matrix/);
});

test('the Leontief form (I − A formed in the solver) equals the general solver bit for bit; the fallback factors the solver\'s own copy of M', () => {
  const n = 201;
  const M = leontief(n, 4);
  const A = M.map((v, k) => (k % (n + 1) === 0 ? 1 - v : -v));
  const b = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5));
  const opts = { factor32: luWasm32, factor64: luWasm };
  const a = mixedPrecisionLeontiefSolver(A, n, opts).solveTransposed([b])[0];
  const g = mixedPrecisionSolver(M, n, opts).solveTransposed([b])[0];
  assert.deepEqual([...a], [...g]);
  // No refinement step allowed: the first check falls back. The caller's array is overwritten
  // before that (ioModel reuses one I − A array for two systems): the answer must not change.
  const work = Float64Array.from(M);
  const s = mixedPrecisionSolver(work, n, { ...opts, maxIterations: 0 });
  work.fill(0);
  const y = s.solve([b])[0];
  assert.equal(s.stats.fallback, true);
  assert.match(s.stats.reason!, /no convergence in 0 refinement steps/);
  assert.deepEqual([...y], [...luSolver(luWasm(M, n)).solve([b])[0]]);
  assert.throws(() => mixedPrecisionLeontiefSolver(new Float64Array(3), 2, opts), /mixedPrecisionLeontiefSolver: matrix has 3 entries/);
});

test('dispose: the memory goes to the next solver, which gives the same bits; a disposed solver refuses to solve', () => {
  const n = 301;
  const M = leontief(n, 21);
  const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i) + 2);
  const first = mixed(M, n);
  const y1 = first.solveTransposed([b])[0];
  const z1 = first.solve([b])[0];
  first.dispose();
  first.dispose(); // twice is harmless
  assert.throws(() => first.solve([b]), /used after dispose/);
  // A different matrix in between dirties the reused memory.
  const other = mixed(leontief(n + 40, 3), n + 40);
  other.solve([new Float64Array(n + 40).fill(1)]);
  other.dispose();
  const second = mixed(M, n);
  assert.deepEqual([...second.solveTransposed([b])[0]], [...y1]);
  assert.deepEqual([...second.solve([b])[0]], [...z1]);
  // disposeModel on models with and without disposable solvers.
  const m1 = ioModel(nbs, { factorize: mixed });
  const before = multipliers(m1, { domestic: true, households: true }).output.typeII!;
  disposeModel(m1);
  assert.throws(() => multipliers(m1, { domestic: true, households: true }), /used after dispose/);
  const m2 = ioModel(nbs, { factorize: mixed });
  assert.deepEqual([...multipliers(m2, { domestic: true, households: true }).output.typeII!], [...before]);
  disposeModel(ioModel(nbs)); // pure-TS solvers: nothing to release
});
