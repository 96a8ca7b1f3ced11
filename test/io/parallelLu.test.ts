// The worker-thread LU of bench/io: bit-identical to luWasm, errors leave the pool usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luWasm } from '../../src/io/index.ts';
import { createParallelLu } from '../../bench/io/parallelLu.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test('2 threads: same factors as luWasm, bit for bit; singular input throws and the pool survives', async () => {
  const p = await createParallelLu(2);
  try {
    for (const n of [7, 301, 733]) {
      const r = rng(n);
      const M = Float64Array.from({ length: n * n }, () => r() - 0.5);
      const a = luWasm(M, n);
      const b = p.factor(M, n);
      assert.deepEqual([...b.perm], [...a.perm], `n = ${n}`);
      assert.ok(a.lu.every((v, i) => Object.is(v, b.lu[i])), `n = ${n}: factors differ`);
    }
    const n = 300;
    const S = new Float64Array(n * n);
    for (let i = 0; i < n; i++) S[i * n + i] = 1;
    for (let j = 0; j < n; j++) S[150 * n + j] = S[149 * n + j];
    assert.throws(() => p.factor(S, n), /singular matrix/);
    const M = Float64Array.from({ length: 100 * 100 }, rng(1));
    assert.deepEqual([...p.factor(M, 100).lu], [...luWasm(M, 100).lu]);
  } finally {
    await p.close();
  }
});
