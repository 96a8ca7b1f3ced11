// Pad, factor with the SIMD kernels, unpad: shared by luWasm, luWasm32 and the worker-thread LU (internal).
import type { LUFactors } from '../lu.ts';
import { assembleModule, elementOps, growMemory, type Precision } from './assemble.ts';
import { absMaxKernel } from './absMaxKernel.ts';
import { axpysKernel } from './axpysKernel.ts';
import { applySwaps, blockedLu, packL, packU, type Padded } from './blockedLu.ts';
import { gemmKernel } from './gemmKernel.ts';
import { LocalizedError, internalError } from '../../locale/errorText.ts';

/** Register tile of the trailing update: R rows × W(precision) columns (W = 2 v128 of lanes). */
export const R = 6;
const W_OF: Record<Precision, number> = { f64: 4, f32: 8 };
/** Panel width (a multiple of R and of every W). */
export const KB = 48;

export type Gemm = (c: number, ldc: number, lp: number, up: number, kb: number, rowTiles: number, colTiles: number) => void;
export type AxpysRaw = (x: number, groups: number, y: number, yStride: number, s: number, sStride: number, count: number) => void;
export interface LuKernels {
  memory: WebAssembly.Memory;
  gemm: Gemm;
  axpys: AxpysRaw;
  absMax: (p: number, groups: number, out: number) => void;
  precision: Precision;
  /** Bytes per element. */
  es: number;
  /** Elements per v128. */
  lanes: number;
  /** Columns of a register tile. */
  W: number;
}

/** The work of panel k0..k1 (kb = k1 − k0) on columns to its right: rows k1..np−1 (rowTiles tiles of R) of the matrix at element `base`, packed L at lpOff, packed U strips (from column k1) at upOff, in elements from the start of memory. */
export interface UpdateJob { base: number; np: number; k0: number; k1: number; kb: number; lpOff: number; upOff: number; rowTiles: number }

/** Runs a job: columns k1..k2−1 first, then `factorNext()`, then columns k2..np−1 (see RunUpdate). */
export type RunJob = (job: UpdateJob, k2: number, swaps: Int32Array, factorNext: () => void) => void;

/**
 * Told after each panel's trailing update: columns 0..k1−1 are factored, of n (for a progress line;
 * the work done is then 1 − ((n − k1)/n)³ of the whole, the trailing updates shrinking as they go).
 */
export type OnPanel = (k1: number, n: number) => void;

export const COLUMN_BLOCK = 240;

/**
 * Module bytes: `gemm` (R×W tiles) and `axpys` in `precision` (f64: f64x2, W = 4; f32: f32x4,
 * W = 8), importing `env.memory` (shared for threads). `fused` uses relaxed-SIMD nmadd in the
 * gemm (fused where the CPU has FMA: faster, but rounding then differs between machines); it needs
 * relaxed SIMD (current browsers; Node 20 only with --experimental-wasm-relaxed-simd).
 */
export function luKernelBytes(shared: boolean, fused = false, precision: Precision = 'f64'): Uint8Array<ArrayBuffer> {
  return assembleModule([gemmKernel({ R, W: W_OF[precision], relaxed: fused, precision }), axpysKernel(precision), absMaxKernel(precision)], { initial: 1, maximum: shared ? 32768 : 65536, shared });
}

export function instantiateKernels(memory: WebAssembly.Memory, bytes: Uint8Array<ArrayBuffer> | WebAssembly.Module, precision: Precision = 'f64'): LuKernels {
  const module = bytes instanceof WebAssembly.Module ? bytes : new WebAssembly.Module(bytes);
  const inst = new WebAssembly.Instance(module, { env: { memory } });
  const e = elementOps(precision);
  return { memory, gemm: inst.exports.gemm as Gemm, axpys: inst.exports.axpys as AxpysRaw, absMax: inst.exports.absMax as LuKernels['absMax'], precision, es: e.bytes, lanes: e.lanes, W: W_OF[precision] };
}

/**
 * The job on columns [c0, c1), one column block (its packed U in L2) at a time: the panel's row
 * swaps, the block row of U (U12 = L11⁻¹·A12 by row updates, in the axpys kernel), the packing of
 * those U12 columns, then C −= L21·U12 (gemm kernel). Columns are independent: any thread may
 * take any block.
 */
export function updateColumns(k: LuKernels, job: UpdateJob, c0: number, c1: number, swaps: ArrayLike<number>): void {
  const { base, np, k0, k1, kb, lpOff, upOff, rowTiles } = job;
  const { es, W, lanes } = k;
  const a = elements(k);
  const m: Padded = { a, base, n: np, np };
  for (let b0 = c0; b0 < c1; b0 += COLUMN_BLOCK) {
    const b1 = Math.min(b0 + COLUMN_BLOCK, c1);
    applySwaps(m, k0, kb, b0, b1, swaps);
    for (let r = k0; r < k1 - 1; r++) {
      const rk = base + r * np;
      k.axpys((rk + b0) * es, (b1 - b0) / lanes, (rk + np + b0) * es, np * es, (rk + np + r) * es, np * es, k1 - r - 1);
    }
    const up = upOff + ((b0 - k1) / W) * kb * W;
    packU(m, k0, k1, b0, b1, W, a, up);
    k.gemm((base + k1 * np + b0) * es, np * es, lpOff * es, up * es, kb, rowTiles, (b1 - b0) / W);
  }
}

/** The whole kernel memory as elements of the kernels' precision. */
export function elements(k: LuKernels): Float64Array | Float32Array {
  return k.precision === 'f64' ? new Float64Array(k.memory.buffer) : new Float32Array(k.memory.buffer);
}

/** Machine epsilon of each precision (2⁻⁵² and 2⁻²³: the spacing of numbers at 1). */
export const EPSILON: Record<Precision, number> = { f64: 2.220446049250313e-16, f32: 1.1920928955078125e-7 };

/**
 * Where one factorization of order n lives in kernel memory, in elements from its start: the
 * padded matrix (np × np, np a multiple of the kernel tile) at `base`, the packed L and U panels,
 * the column-major panel buffer, and room for the row permutation (np Int32 at byte permByte).
 */
export interface Region { n: number; np: number; base: number; lpOff: number; upOff: number; panelOff: number; permByte: number; endByte: number }

/** The region of an order-n factorization starting at element `base` (its byte offset a multiple of 16). */
export function region(n: number, k: LuKernels, base = 0): Region {
  const tile = R * k.W / gcd(R, k.W);
  const np = Math.ceil(n / tile) * tile;
  const lpOff = base + np * np;
  const upOff = lpOff + np * KB;
  const panelOff = upOff + np * KB;
  const permByte = (panelOff + np * KB) * k.es;
  return { n, np, base, lpOff, upOff, panelOff, permByte, endByte: Math.ceil((permByte + np * 4) / 16) * 16 };
}

/** Grow the kernel memory to hold bytes [0, endByte). */
export function ensureMemory(k: LuKernels, endByte: number): void {
  growMemory(k.memory, endByte, { zh: 'LU 分解', en: 'the LU factorization' });
}

/**
 * Copy M into the region padded with an identity block, in the kernels' precision; return
 * max |M| (a SIMD pass over the copy). Failure: a non-finite entry (or one beyond f32's range in
 * single precision) → Error "matrix has non-finite entries".
 */
export function copyIn(M: Float64Array, r: Region, k: LuKernels): number {
  const { n, np, base, panelOff } = r;
  ensureMemory(k, r.endByte);
  const a = elements(k);
  for (let i = 0; i < n; i++) {
    a.set(M.subarray(i * n, i * n + n), base + i * np);
    a.fill(0, base + i * np + n, base + i * np + np);
  }
  // max |M| over the n rows (padding columns are 0), into the panel buffer's first element.
  k.absMax(base * k.es, (n * np) / k.lanes, panelOff * k.es);
  const scale = a[panelOff];
  if (!Number.isFinite(scale)) throw new LocalizedError({ zh: '矩阵中有非有限值（无穷大或 NaN）', en: 'matrix has non-finite entries' });
  for (let i = n; i < np; i++) { a.fill(0, base + i * np, base + i * np + np); a[base + i * np + i] = 1; }
  return scale;
}

/**
 * Factor the region in place with blockedLu (singular below n·ε·scale, ε of the precision),
 * each trailing update through `runJob` (default: this thread); the permutation (np entries) is
 * returned and also stored at r.permByte, so that another thread can read it. `onPanel` after each panel.
 */
export function factorInPlace(r: Region, k: LuKernels, scale: number, runJob?: RunJob, onPanel?: OnPanel): Int32Array {
  const { n, np, base, lpOff, upOff, panelOff } = r;
  const a = elements(k);
  const perm = new Int32Array(np);
  for (let i = 0; i < np; i++) perm[i] = i;
  const m: Padded = { a, base, n, np };
  const run: RunJob = runJob ?? ((job, k2, swaps, factorNext) => {
    updateColumns(k, job, job.k1, k2, swaps);
    factorNext();
    updateColumns(k, job, k2, job.np, swaps);
  });
  const { es, lanes } = k;
  blockedLu(m, KB, n * EPSILON[k.precision] * scale, perm, (k0, k1, k2, swaps, factorNext) => {
    packL(m, k0, k1, panelOff, R, lpOff);
    run({ base, np, k0, k1, kb: k1 - k0, lpOff, upOff, rowTiles: (np - k1) / R }, k2, swaps, factorNext);
    onPanel?.(Math.min(k1, n), n);
  }, panelOff, (x, len, y, yStride, s, sStride, count) => k.axpys(x * es, len / lanes, y * es, yStride * es, s * es, sStride * es, count), lanes);
  new Int32Array(k.memory.buffer, r.permByte, np).set(perm);
  onPanel?.(n, n);
  return perm;
}

/** An output array for the factors must hold n² elements of the kernels' precision (checked before any work). */
export function checkOut(out: Float64Array | Float32Array | undefined, n: number, k: LuKernels): void {
  if (out && (out.length !== n * n || (out instanceof Float32Array) !== (k.precision === 'f32'))) throw internalError(`factorWithKernels: output must be a ${k.precision === 'f32' ? 'Float32Array' : 'Float64Array'} of n² = ${n * n}`);
}

/** Unpad the factors of the region into `out` (default a new array) with the permutation (first n entries). */
export function copyOut(r: Region, k: LuKernels, perm: Int32Array, out?: Float64Array | Float32Array): LUFactors {
  const { n, np, base } = r;
  const a = elements(k);
  const lu = out ?? (k.precision === 'f64' ? new Float64Array(n * n) : new Float32Array(n * n));
  for (let i = 0; i < n; i++) lu.set(a.subarray(base + i * np, base + i * np + n), i * n);
  return { n, lu, perm: perm.slice(0, n) };
}

/**
 * copyIn, factorInPlace, copyOut at the start of kernel memory: M padded to a multiple of the tile
 * (identity block), in the kernels' precision; trailing updates through `runJob` (default: this
 * thread); factors unpadded into `out` (default a new array); `onPanel` after each panel. Singular below n·ε·max|M|.
 */
export function factorWithKernels(M: Float64Array, n: number, k: LuKernels, runJob?: RunJob, out?: Float64Array | Float32Array, onPanel?: OnPanel): LUFactors {
  checkOut(out, n, k);
  const r = region(n, k);
  const scale = copyIn(M, r, k);
  return copyOut(r, k, factorInPlace(r, k, scale, runJob, onPanel), out);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
