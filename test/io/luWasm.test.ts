// The WebAssembly SIMD factorization: same contract as lu, checked against lu and by residuals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ioModel, lu, luSolve, luSolveTransposed, luWasm, luWasm32, multipliers, wasmSimdAvailable } from '../../src/io/index.ts';
import { close, fixture, nbs } from './nbs2017.ts';
import { errorText } from '../../src/locale/errorText.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test('SIMD is available on Node 20 (CI runs this path)', () => {
  assert.equal(wasmSimdAvailable(), true);
});

test('doc example and small sizes (padding to 12, single panel)', () => {
  const f = luWasm(Float64Array.of(0, 1, 2, 3), 2);
  assert.deepEqual([...f.perm], [1, 0]);
  assert.deepEqual([...f.lu], [2, 3, 0, 1]);
  for (const n of [1, 11, 12, 13, 47, 49]) {
    const r = rng(n);
    const M = Float64Array.from({ length: n * n }, () => r() - 0.5);
    const a = lu(M, n);
    const b = luWasm(M, n);
    assert.deepEqual([...b.perm], [...a.perm], `n = ${n}: same pivots`);
    close(b.lu, a.lu, 1e-12, `n = ${n}`);
  }
});

test('n = 301 (several panels, tiles and padding): residuals below 1e-12 for both solves', () => {
  const n = 301;
  const r = rng(5);
  const M = Float64Array.from({ length: n * n }, () => r() - 0.5);
  const f = luWasm(M, n);
  const b = Float64Array.from({ length: n }, () => r());
  for (const transposed of [false, true]) {
    const y = transposed ? luSolveTransposed(f, b) : luSolve(f, b);
    let err = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (transposed ? M[j * n + i] : M[i * n + j]) * y[j];
      err = Math.max(err, Math.abs(s - b[i]));
    }
    assert.ok(err < 1e-12, `transposed ${transposed}: residual ${err}`);
  }
});

test('NBS 2017 multipliers through luWasm equal the numpy references', () => {
  const ref = fixture('nbs2017-multipliers.json');
  const m = ioModel(nbs, { factorize: luWasm });
  const mu = multipliers(m, { domestic: true, households: true });
  close(mu.output.typeII!, ref.domestic.outputTypeII, 1e-10, 'output II');
  close(multipliers(m, { domestic: false, households: false }).totalRequirementColSum, ref.competitive.totalRequirementColSum, 1e-10, 'B');
});

test('singular and malformed input', () => {
  assert.throws(() => luWasm(Float64Array.of(1, 2, 2, 4), 2), /singular matrix: pivot .* at column 2/);
  assert.throws(() => luWasm(Float64Array.of(1, 2, 3), 2), /3 entries, expected n² = 4/);
  assert.throws(() => luWasm(Float64Array.of(1, NaN, 0, 1), 2), /non-finite entries/);
  assert.throws(() => luWasm32(Float64Array.of(1, 1e39, 0, 1), 2), /non-finite entries/); // overflows single precision
  const n = 60;
  const M = new Float64Array(n * n);
  for (let i = 0; i < n; i++) M[i * n + i] = 1;
  for (let j = 0; j < n; j++) M[30 * n + j] = M[29 * n + j];
  assert.throws(() => luWasm(M, n), /singular matrix/);
});

test('memory the engine cannot provide: an error saying how much was needed', async () => {
  const { growMemory } = await import('../../src/io/wasm/assemble.ts');
  const m = new WebAssembly.Memory({ initial: 1, maximum: 2 });
  growMemory(m, 2 * 65536, { zh: '够用', en: 'fits' });
  assert.equal(m.buffer.byteLength, 2 * 65536);
  const what = { zh: 'LU 分解', en: 'the LU factorization' };
  assert.throws(() => growMemory(m, 5 * 2 ** 20, what), /the LU factorization needs 5\.0 MiB of WebAssembly memory, which this engine cannot provide/);
  assert.throws(() => growMemory(m, 5 * 2 ** 20, what), (e: Error) => /^LU 分解需要 5\.0 MiB 的 WebAssembly 内存，此引擎无法提供（/.test(errorText(e, 'zh')));
});
