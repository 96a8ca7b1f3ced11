// LU with partial pivoting and the two solves, against direct checks of the residual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lu, luSolve, luSolveTransposed, luSolveTransposedMany } from '../../src/io/index.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
function matvec(M: Float64Array, n: number, y: Float64Array, transposed: boolean): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i] += (transposed ? M[j * n + i] : M[i * n + j]) * y[j];
  return out;
}

test('doc examples', () => {
  const f = lu(Float64Array.of(0, 1, 2, 3), 2);
  assert.deepEqual([...f.perm], [1, 0]);
  assert.deepEqual([...f.lu], [2, 3, 0, 1]);
  assert.deepEqual([...luSolve(lu(Float64Array.of(2, 0, 0, 4), 2), Float64Array.of(2, 4))], [1, 1]);
  assert.deepEqual([...luSolveTransposed(lu(Float64Array.of(1, 2, 0, 1), 2), Float64Array.of(1, 1))], [1, -1]);
});

test('random 157×157 systems (spanning several panels): residuals below 1e-12', () => {
  const n = 157;
  const r = rng(7);
  const M = Float64Array.from({ length: n * n }, () => r() - 0.5);
  const b = Float64Array.from({ length: n }, () => r());
  for (const block of [1, 16, 48, 200]) {
    const f = lu(M, n, block);
    for (const transposed of [false, true]) {
      const y = transposed ? luSolveTransposed(f, b) : luSolve(f, b);
      const res = matvec(M, n, y, transposed);
      const err = Math.max(...res.map((v, i) => Math.abs(v - b[i])));
      assert.ok(err < 1e-12, `block ${block} transposed ${transposed}: residual ${err}`);
    }
  }
});

test('singular and malformed input', () => {
  assert.throws(() => lu(Float64Array.of(1, 2, 2, 4), 2), /singular matrix: pivot .* at column 2/);
  assert.throws(() => lu(Float64Array.of(1, 2, 3), 2), /3 entries, expected n² = 4/);
  assert.throws(() => luSolve(lu(Float64Array.of(1, 0, 0, 1), 2), Float64Array.of(1)), /length 1, expected 2/);
});

test('luSolveTransposedMany equals luSolveTransposed, bit for bit', () => {
  const n = 61;
  const r = rng(11);
  const f = lu(Float64Array.from({ length: n * n }, () => r() - 0.5), n);
  const bs = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => r()));
  const many = luSolveTransposedMany(f, bs);
  bs.forEach((b, q) => assert.deepEqual([...many[q]], [...luSolveTransposed(f, b)]));
  assert.deepEqual(luSolveTransposedMany(lu(Float64Array.of(1, 2, 0, 1), 2), [Float64Array.of(1, 1), Float64Array.of(0, 1)]).map((y) => [...y]), [[1, -1], [0, 1]]);
  assert.throws(() => luSolveTransposedMany(f, [new Float64Array(3)]), /length 3, expected 61/);
});
