// lu hands matrices of 16 to 2048 rows to its WebAssembly twin (luInWasm, exactLuKernel): the same factors bit for bit
// as lu in JavaScript (luInJs), the same permutation and the same singular-matrix error, on the 149-sector table too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lu, luInJs, luInWasm } from '../../src/io/lu.ts';
import { leontiefMatrix, parseNbsTable, technicalCoefficients } from '../../src/io/index.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** The factors' bits (NaN payloads aside) and the permutation, or the error's message. */
function outcome(f: () => { lu: Float64Array | Float32Array; perm: Int32Array }) {
  try {
    const r = f();
    return { bits: Buffer.from(new Float64Array(r.lu).buffer).toString('base64'), perm: [...r.perm] };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

test('the 149-sector table: the same factors bit for bit as lu in JavaScript', () => {
  const table = parseNbsTable(readFileSync(new URL('../../data/china-io-2017/china-io-2017-149.csv', import.meta.url), 'utf8'), 't.csv');
  const M = leontiefMatrix(technicalCoefficients(table), table.n);
  const js = outcome(() => luInJs(M, table.n));
  assert.ok(!('error' in js));
  assert.deepEqual(outcome(() => luInWasm(M, table.n)!), js);
  assert.deepEqual(outcome(() => lu(M, table.n)), js);
});

test('random matrices of 16–200 rows, several panel widths, pivoting, zeros, NaN and singular ones: the same as lu in JavaScript', () => {
  const r = rng(149);
  let singular = 0;
  for (let t = 0; t < 60; t++) {
    const n = 16 + Math.floor(r() * 185);
    const M = new Float64Array(n * n);
    const kind = t % 6;
    for (let i = 0; i < M.length; i++) M[i] = kind === 1 && r() < 0.6 ? 0 : (r() - 0.5) * 10 ** Math.floor(r() * 6 - 3);
    if (kind === 2) for (let j = 0; j < n; j++) M[5 * n + j] = 2 * M[3 * n + j]; // dependent rows: singular
    if (kind === 3) M[Math.floor(r() * M.length)] = NaN;
    if (kind === 4) for (let i = 0; i < n; i++) M[i * n + i] += n; // diagonally dominant: no row swaps
    const blockSize = [48, 1, 7, 16, 64, 500][Math.floor(r() * 6)];
    const js = outcome(() => luInJs(M, n, blockSize));
    if ('error' in js) singular++;
    assert.deepEqual(outcome(() => luInWasm(M, n, blockSize)!), js, `n ${n}, kind ${kind}, block ${blockSize}`);
  }
  assert.ok(singular >= 5, `${singular} singular matrices`);
  const M = Float64Array.from({ length: 400 }, (_, i) => (i % 21 === 0 ? 3 : (i % 7) / 10));
  const copy = Float64Array.from(M);
  assert.deepEqual(outcome(() => lu(M, 20)), outcome(() => luInWasm(M, 20)!)); // lu takes the twin from 16 rows
  assert.deepEqual(M, copy); // M is not modified
});
