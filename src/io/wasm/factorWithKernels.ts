// Pad, factor with the SIMD kernels, unpad: shared by luWasm and the worker-thread LU in bench/io (internal).
import type { LUFactors } from '../lu.ts';
import { assembleModule } from './assemble.ts';
import { axpysKernel } from './axpysKernel.ts';
import { blockedLu, packL, packU, type Padded } from './blockedLu.ts';
import { gemmKernel } from './gemmKernel.ts';

export const R = 6;
export const W = 4;
const TILE = 12;
export const KB = 48;

export type Gemm = (c: number, ldc: number, lp: number, up: number, kb: number, rowTiles: number, colTiles: number) => void;
export type AxpysRaw = (x: number, pairs: number, y: number, yStride: number, s: number, sStride: number, count: number) => void;
export interface LuKernels { memory: WebAssembly.Memory; gemm: Gemm; axpys: AxpysRaw }

/** One trailing update: rows k1..np−1 (rowTiles tiles of R), packed L at lpOff and U (from column k1) at upOff, in elements. */
export interface UpdateJob { np: number; k1: number; kb: number; lpOff: number; upOff: number; rowTiles: number }

/** Runs a job: columns k1..k2−1 first, then `factorNext()`, then columns k2..np−1 (see RunUpdate). */
export type RunJob = (job: UpdateJob, k2: number, factorNext: () => void) => void;

export const COLUMN_BLOCK = 240;

/**
 * Module bytes: `gemm` (R×W f64 tiles) and `axpys`, importing `env.memory` (shared for threads).
 * `fused` uses relaxed-SIMD f64x2.relaxed_nmadd in the gemm (fused where the CPU has FMA: faster,
 * but rounding then differs between machines); it needs relaxed SIMD (current browsers; Node 20
 * only with --experimental-wasm-relaxed-simd).
 */
export function luKernelBytes(shared: boolean, fused = false): Uint8Array<ArrayBuffer> {
  return assembleModule([gemmKernel({ R, W, relaxed: fused }), axpysKernel()], { initial: 1, maximum: shared ? 32768 : 65536, shared });
}

export function instantiateKernels(memory: WebAssembly.Memory, bytes: Uint8Array<ArrayBuffer> | WebAssembly.Module): LuKernels {
  const module = bytes instanceof WebAssembly.Module ? bytes : new WebAssembly.Module(bytes);
  const inst = new WebAssembly.Instance(module, { env: { memory } });
  return { memory, gemm: inst.exports.gemm as Gemm, axpys: inst.exports.axpys as AxpysRaw };
}

/** C −= L·U for all rows of a job and columns [c0, c1), one column block (packed U in L2) at a time. */
export function updateColumns(gemm: Gemm, job: UpdateJob, c0: number, c1: number): void {
  const { np, k1, kb, lpOff, upOff, rowTiles } = job;
  for (let b0 = c0; b0 < c1; b0 += COLUMN_BLOCK) {
    const b1 = Math.min(b0 + COLUMN_BLOCK, c1);
    const up = upOff + ((b0 - k1) / W) * kb * W;
    gemm((k1 * np + b0) * 8, np * 8, lpOff * 8, up * 8, kb, rowTiles, (b1 - b0) / W);
  }
}

/**
 * Copy M into kernel memory padded to a multiple of 12 (identity block), factor with blockedLu,
 * run each trailing update through `runJob` (default: this thread), unpad.
 */
export function factorWithKernels(M: Float64Array, n: number, k: LuKernels, runJob?: RunJob): LUFactors {
  const np = Math.ceil(n / TILE) * TILE;
  const lpOff = np * np;
  const upOff = lpOff + np * KB;
  const panelOff = upOff + np * KB;
  const bytes = (panelOff + np * KB) * 8;
  if (k.memory.buffer.byteLength < bytes) k.memory.grow(Math.ceil((bytes - k.memory.buffer.byteLength) / 65536));
  const a = new Float64Array(k.memory.buffer, 0, panelOff + np * KB);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    a.set(M.subarray(i * n, i * n + n), i * np);
    a.fill(0, i * np + n, i * np + np);
    for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(M[i * n + j]));
  }
  for (let i = n; i < np; i++) { a.fill(0, i * np, i * np + np); a[i * np + i] = 1; }
  const perm = new Int32Array(np);
  for (let i = 0; i < np; i++) perm[i] = i;
  const m: Padded = { a, base: 0, n, np };
  const run: RunJob = runJob ?? ((job, k2, factorNext) => {
    updateColumns(k.gemm, job, job.k1, k2);
    factorNext();
    updateColumns(k.gemm, job, k2, job.np);
  });
  blockedLu(m, KB, n * 2.220446049250313e-16 * scale, perm, (k0, k1, k2, factorNext) => {
    packL(m, k0, k1, panelOff, R, lpOff);
    packU(m, k0, k1, k1, np, W, a, upOff);
    run({ np, k1, kb: k1 - k0, lpOff, upOff, rowTiles: (np - k1) / R }, k2, factorNext);
  }, panelOff, (x, len, y, yStride, s, sStride, count) => k.axpys(x * 8, len >> 1, y * 8, yStride * 8, s * 8, sStride * 8, count));
  const lu = new Float64Array(n * n);
  for (let i = 0; i < n; i++) lu.set(a.subarray(i * np, i * np + n), i * n);
  return { n, lu, perm: perm.slice(0, n) };
}
