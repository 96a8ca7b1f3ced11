// The worker-thread LU of the CLI: bit-identical to the one-thread kernels, errors leave the pool usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lu, luWasm, luWasm32 } from '../../src/io/index.ts';
import { spawnSync } from 'node:child_process';
import { createLuThreads, ioFactorization, relaxedSimdAvailable, THREADED_FROM } from '../../src/io-node/luThreads.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => Object.is(v, b[i]));

test('2 threads: f64 and f32 factors equal luWasm / luWasm32 bit for bit; singular input throws and the pool survives', async () => {
  const p = await createLuThreads(2, { fused: false });
  try {
    assert.equal(p.threads, 2);
    assert.equal(p.fused, false);
    for (const n of [7, 301, 733]) {
      const r = rng(n);
      const M = Float64Array.from({ length: n * n }, () => r() - 0.5);
      const a = luWasm(M, n);
      const b = p.factor64(M, n);
      assert.deepEqual([...b.perm], [...a.perm], `n = ${n}`);
      assert.ok(same(a.lu, b.lu), `n = ${n}: f64 factors differ`);
      const c = luWasm32(M, n);
      const d = p.factor32(M, n);
      assert.ok(d.lu instanceof Float32Array);
      assert.deepEqual([...d.perm], [...c.perm], `n = ${n} (f32)`);
      assert.ok(same(c.lu, d.lu), `n = ${n}: f32 factors differ`);
    }
    const n = 300;
    const S = new Float64Array(n * n);
    for (let i = 0; i < n; i++) S[i * n + i] = 1;
    for (let j = 0; j < n; j++) S[150 * n + j] = S[149 * n + j];
    assert.throws(() => p.factor64(S, n), /singular matrix/);
    assert.throws(() => p.factor32(S, n), /singular matrix/);
    assert.throws(() => p.factor64(new Float64Array(5), 2), /5 entries, expected n² = 4/);
    const M = Float64Array.from({ length: 100 * 100 }, rng(1));
    assert.ok(same(p.factor64(M, 100).lu, luWasm(M, 100).lu));
  } finally {
    await p.close();
  }
});

test('ioFactorization: pure-TS lu below THREADED_FROM or without threads; mixed precision above', async () => {
  assert.equal(ioFactorization(149, null), lu);
  assert.equal(ioFactorization(THREADED_FROM + 1, null), lu);
  const p = await createLuThreads(1);
  try {
    assert.equal(ioFactorization(THREADED_FROM - 1, p), lu);
    assert.equal(ioFactorization(THREADED_FROM, p, 'double'), p.factor64);
    const n = THREADED_FROM;
    const r = rng(3);
    const M = Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0) - r() * 0.5 / n);
    const s = ioFactorization(n, p)(M, n);
    assert.ok('solve' in s && s.method === 'lu-f32+refinement');
  } finally {
    await p.close();
  }
  await assert.rejects(createLuThreads(0), /threads: invalid value 0/);
});

test('fused (relaxed-SIMD FMA) kernels: refused without relaxed SIMD; with it, mixed precision still equals lu to 1e-13', async () => {
  if (!relaxedSimdAvailable()) await assert.rejects(createLuThreads(1, { fused: true }), /fused kernels need relaxed SIMD/);
  const probe = new URL('./fusedProbe.ts', import.meta.url).pathname;
  const r = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', probe], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual({ fused: out.fused, method: out.method, fallback: out.fallback }, { fused: true, method: 'lu-f32+refinement', fallback: false });
  assert.ok(out.worst <= 1e-13, `worst relative difference ${out.worst}`);
});

test('factorPair: two factorizations at once, each bit-identical to luWasm32 / luWasm; one failure does not hide the other', async () => {
  const p = await createLuThreads(2, { fused: false });
  try {
    for (const n of [5, 301, 500]) {
      const r = rng(n + 7);
      const M1 = Float64Array.from({ length: n * n }, () => r() - 0.5);
      const M2 = Float64Array.from({ length: n * n }, () => r() - 0.5);
      const [a, b] = p.factor32Pair!(M1, M2, n);
      assert.ok(!(a instanceof Error) && !(b instanceof Error));
      for (const [f, M] of [[a, M1], [b, M2]] as const) {
        const ref = luWasm32(M, n);
        assert.deepEqual([...f.perm], [...ref.perm], `n = ${n}`);
        assert.ok(same(f.lu, ref.lu), `n = ${n}: factors differ`);
      }
    }
    const n = 300;
    const S = new Float64Array(n * n);
    for (let i = 0; i < n; i++) S[i * n + i] = 1;
    for (let j = 0; j < n; j++) S[150 * n + j] = S[149 * n + j];
    const G = Float64Array.from({ length: n * n }, rng(2));
    const [ok, bad] = p.factor32Pair!(G, S, n);
    assert.ok(!(ok instanceof Error) && same(ok.lu, luWasm32(G, n).lu));
    assert.ok(bad instanceof Error);
    assert.equal(bad.message, (() => { try { luWasm32(S, n); return ''; } catch (e) { return (e as Error).message; } })());
    const N = Float64Array.from(G);
    N[5] = NaN;
    const [nan, fine] = p.factor32Pair!(N, G, n);
    assert.match((nan as Error).message, /non-finite entries/);
    assert.ok(!(fine instanceof Error));
    // The pool still works afterwards.
    assert.ok(same(p.factor32(G, n).lu, luWasm32(G, n).lu));
  } finally {
    await p.close();
  }
});

test('with 2 threads, ioModel factors its two systems at once; multipliers equal the pure-TS lu model to 1e-12', async () => {
  const { ioModel, multipliers, parseNbsTable } = await import('../../src/io/index.ts');
  const { readFileSync } = await import('node:fs');
  const nbs = parseNbsTable(readFileSync(new URL('../../data/china-io-2017/china-io-2017-149.csv', import.meta.url), 'utf8'), 'nbs');
  const p = await createLuThreads(2, { fused: false });
  try {
    const f = ioFactorization(THREADED_FROM, p);
    assert.equal(typeof f.leontiefPair, 'function');
    const fast = ioModel(nbs, { factorize: f });
    const ref = ioModel(nbs);
    for (const domestic of [false, true]) {
      const a = multipliers(fast, { domestic, households: true });
      const b = multipliers(ref, { domestic, households: true });
      for (const k of ['typeI', 'typeII'] as const) {
        a.output[k]!.forEach((v, j) => assert.ok(Math.abs(v - b.output[k]![j]) <= 1e-12 * Math.abs(b.output[k]![j]), `output ${k} ${j}`));
      }
    }
    assert.equal(fast.domestic!.solver.method, 'lu-f32+refinement');
  } finally {
    await p.close();
  }
  const one = await createLuThreads(1);
  try {
    assert.equal(one.factor32Pair, null);
    assert.equal(ioFactorization(THREADED_FROM, one).leontiefPair, undefined);
  } finally {
    await one.close();
  }
});

test('3 threads: factors still bit-identical; the two models are then factored one after the other on all threads', async () => {
  const p = await createLuThreads(3, { fused: false });
  try {
    const n = 400;
    const M = Float64Array.from({ length: n * n }, rng(13));
    assert.ok(same(p.factor32(M, n).lu, luWasm32(M, n).lu));
    assert.ok(same(p.factor64(M, n).lu, luWasm(M, n).lu));
    assert.equal(ioFactorization(THREADED_FROM, p).leontiefPair, undefined);
    const [a, b] = p.factor32Pair!(M, M, n);
    assert.ok(!(a instanceof Error) && !(b instanceof Error) && same(a.lu, b.lu));
  } finally {
    await p.close();
  }
});
