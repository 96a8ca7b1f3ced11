// LU factorization with partial pivoting, blocked (right-looking), on a copy of a row-major matrix.
import { internalError } from '../locale/errorText.ts';
import { singularMatrix } from './ioFaults.ts';
import { exactLuBytes } from './wasm/exactLuKernel.ts';

/** A factorization P·M = L·U: `lu` holds L (unit diagonal, below) and U (on and above the diagonal). */
export interface LUFactors {
  n: number;
  /** Row-major n×n: strictly-lower part L (unit diagonal implied), upper part U. Float32Array for a single-precision factorization (luWasm32). */
  lu: Float64Array | Float32Array;
  /** Row permutation: row i of P·M is row perm[i] of M. */
  perm: Int32Array;
}

/** Failures shared by every factorization of M (n×n, row-major): n not a positive integer, M.length ≠ n². `who` names the caller. */
export function checkSquare(M: Float64Array, n: number, who: string): void {
  if (!Number.isInteger(n) || n < 1) throw internalError(`${who}: invalid n: ${n}`);
  if (M.length !== n * n) throw internalError(`${who}: matrix has ${M.length} entries, expected n² = ${n * n}`);
}

/** Default panel width: 48 columns keep the panel rows of U within L2 cache for n ≤ 4000. */
const BLOCK = 48;

/**
 * Factor the n×n row-major matrix M as P·M = L·U with partial (row) pivoting, in a copy (M is not
 * modified). Right-looking blocked algorithm (Golub & Van Loan 2013, Matrix Computations, alg. 3.2.11
 * with §3.4 pivoting): factor a panel of `blockSize` columns, solve the panel's block row of U, then
 * update the trailing matrix with one rank-`blockSize` product. Cost 2n³/3 flops.
 * Failures: M.length ≠ n² → Error; a zero pivot, or a pivot below n·ε·max|M| in absolute value,
 * → Error "singular matrix: pivot p at column k" (k 1-based).
 * Example: lu(Float64Array.of(0, 1, 2, 3), 2) → perm [1, 0], lu [2, 3, 0, 1] (rows swapped; L21 = 0).
 */
export function lu(M: Float64Array, n: number, blockSize = BLOCK): LUFactors {
  checkSquare(M, n, 'lu');
  return (n >= EXACT_WASM_N[0] && n <= EXACT_WASM_N[1] && Number.isInteger(blockSize) && blockSize >= 1 ? luInWasm(M, n, blockSize) : null) ?? luInJs(M, n, blockSize);
}

/**
 * The sizes lu hands to its WebAssembly twin (exactLuKernel: the same operations in the same order, so the same
 * bits): from 16 (below, compiling the module costs more than the loops) to 2048 (a copy of 32 MB in its memory).
 */
const EXACT_WASM_N = [16, 2048];

let exact: { memory: WebAssembly.Memory; lu: (n: number, bs: number, P: number, S: number) => void } | null | undefined;

/** The WebAssembly twin of lu, compiled at first use; null where WebAssembly is not available. */
function exactKernel() {
  if (exact === undefined) {
    try {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
      const instance = new WebAssembly.Instance(new WebAssembly.Module(exactLuBytes()), { env: { memory } });
      exact = { memory, lu: instance.exports.lu as NonNullable<typeof exact>['lu'] };
    } catch {
      exact = null;
    }
  }
  return exact;
}

/**
 * lu in its WebAssembly twin: M copied into its memory, factored there, the factors copied out; null where WebAssembly
 * is not available or its memory cannot grow to 8n² bytes. Example: luInWasm(Float64Array.of(0, 1, 2, 3), 2)?.perm → [1, 0].
 */
export function luInWasm(M: Float64Array, n: number, blockSize = BLOCK): LUFactors | null {
  checkSquare(M, n, 'lu');
  const kernel = exactKernel();
  if (!kernel) return null;
  const bytes = 8 * n * n;
  const P = bytes;
  const S = P + 4 * n + 8 - ((P + 4 * n) % 8);
  const need = S + 16 - kernel.memory.buffer.byteLength;
  if (need > 0) {
    try {
      kernel.memory.grow(Math.ceil(need / 65536));
    } catch {
      return null;
    }
  }
  new Float64Array(kernel.memory.buffer, 0, n * n).set(M);
  kernel.lu(n, blockSize, P, S);
  const buffer = kernel.memory.buffer;
  const failed = new Int32Array(buffer, S, 1)[0];
  if (failed >= 0) throw singularMatrix(new Float64Array(buffer, S + 8, 1)[0], failed + 1);
  return { n, lu: new Float64Array(buffer.slice(0, bytes)), perm: new Int32Array(buffer.slice(P, P + 4 * n)) };
}

/** lu in JavaScript (the reference its WebAssembly twin is tested against, bit for bit). */
export function luInJs(M: Float64Array, n: number, blockSize = BLOCK): LUFactors {
  const a = Float64Array.from(M);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  const tiny = n * 2.220446049250313e-16 * scale;
  for (let k0 = 0; k0 < n; k0 += blockSize) {
    const k1 = Math.min(k0 + blockSize, n);
    factorPanel(a, n, perm, k0, k1, tiny);
    solveBlockRow(a, n, k0, k1);
    updateTrailing(a, n, k0, k1, k1, n);
  }
  return { n, lu: a, perm };
}

/** Unblocked LU of columns k0..k1-1, rows k0..n-1, swapping whole rows. */
function factorPanel(a: Float64Array, n: number, perm: Int32Array, k0: number, k1: number, tiny: number): void {
  for (let k = k0; k < k1; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    if (!(best > tiny)) throw singularMatrix(best, k + 1);
    if (p !== k) {
      const rp = p * n;
      const rk = k * n;
      for (let j = 0; j < n; j++) { const t = a[rp + j]; a[rp + j] = a[rk + j]; a[rk + j] = t; }
      const t = perm[p]; perm[p] = perm[k]; perm[k] = t;
    }
    const rk = k * n;
    const inv = 1 / a[rk + k];
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const l = (a[ri + k] *= inv);
      if (l !== 0) for (let j = k + 1; j < k1; j++) a[ri + j] -= l * a[rk + j];
    }
  }
}

/** U12 = L11⁻¹·A12 for rows k0..k1-1, columns k1..n-1 (L11 unit lower). */
function solveBlockRow(a: Float64Array, n: number, k0: number, k1: number): void {
  for (let k = k0; k < k1; k++) {
    const rk = k * n;
    for (let i = k + 1; i < k1; i++) {
      const ri = i * n;
      const l = a[ri + k];
      if (l !== 0) for (let j = k1; j < n; j++) a[ri + j] -= l * a[rk + j];
    }
  }
}

/** A22[i0..i1) −= L21·U12 (rows i0..i1−1, columns k1..n−1), two rank-1 terms per pass. */
function updateTrailing(a: Float64Array, n: number, k0: number, k1: number, i0: number, i1: number): void {
  for (let i = i0; i < i1; i++) {
    const ri = i * n;
    let k = k0;
    for (; k + 1 < k1; k += 2) {
      const l0 = a[ri + k];
      const l1 = a[ri + k + 1];
      const r0 = k * n;
      const r1 = r0 + n;
      for (let j = k1; j < n; j++) a[ri + j] -= l0 * a[r0 + j] + l1 * a[r1 + j];
    }
    if (k < k1) {
      const l0 = a[ri + k];
      const r0 = k * n;
      for (let j = k1; j < n; j++) a[ri + j] -= l0 * a[r0 + j];
    }
  }
}
