// LU with partial pivoting whose inner loops run in WebAssembly SIMD kernels (browser and Node).
import { checkSquare, type LUFactors } from './lu.ts';
import type { Precision } from './wasm/assemble.ts';
import { factorWithKernels, instantiateKernels, luKernelBytes, type LuKernels } from './wasm/factorWithKernels.ts';
import { LocalizedError } from '../locale/errorText.ts';

const kernels: Partial<Record<Precision, LuKernels>> = {};

/** True when this engine can compile the WebAssembly SIMD kernels (Node ≥ 16.4, current browsers). */
export function wasmSimdAvailable(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(luKernelBytes(false));
  } catch {
    return false;
  }
}

function kernelsFor(precision: Precision, who: string): LuKernels {
  let k = kernels[precision];
  if (!k) {
    if (!wasmSimdAvailable()) throw new LocalizedError({ zh: `${who}：此环境不支持 WebAssembly SIMD；请改用 lu`, en: `${who}: WebAssembly SIMD is not available here; use lu` });
    k = kernels[precision] = instantiateKernels(new WebAssembly.Memory({ initial: 1, maximum: 65536 }), luKernelBytes(false, false, precision), precision);
  }
  return k;
}

/**
 * Same contract and result as `lu` (P·M = L·U with partial pivoting; blocked right-looking,
 * Golub & Van Loan 2013, §3.4), for large n: the matrix is padded to a multiple of 12 with an
 * identity block; pivot search stays in JS; the panel's rank-1 updates and the block row of U
 * run in a SIMD row-update kernel; the trailing update A22 −= L21·U12 runs in a SIMD kernel
 * with 6×4 register tiles (f64x2 multiply then subtract, never fused, so results are identical
 * on every platform). The kernels are generated at first use by src/io/wasm (no binary shipped).
 * Failures: as lu; WebAssembly SIMD unavailable → Error (use lu).
 * Example: luWasm(Float64Array.of(0, 1, 2, 3), 2) → perm [1, 0], lu [2, 3, 0, 1] (as lu).
 */
export function luWasm(M: Float64Array, n: number): LUFactors {
  checkSquare(M, n, 'luWasm');
  return factorWithKernels(M, n, kernelsFor('f64', 'luWasm'));
}

/**
 * The same factorization in single precision (LAPACK's sgetrf): M rounded to f32, f32x4 kernels
 * with 6×8 register tiles (twice the arithmetic per instruction of luWasm), factors returned as
 * a Float32Array (`out`, if given, of length n²). Accurate to about κ(M)·n·2⁻²⁴ only: it is meant to be refined in double
 * precision (mixedPrecisionSolver), never used alone for results.
 * Failures: as luWasm, with "singular" below n·2⁻²³·max|M|.
 * Example: luWasm32(Float64Array.of(0, 1, 2, 3), 2).lu → Float32Array [2, 3, 0, 1].
 */
export function luWasm32(M: Float64Array, n: number, out?: Float32Array): LUFactors {
  checkSquare(M, n, 'luWasm32');
  return factorWithKernels(M, n, kernelsFor('f32', 'luWasm32'), undefined, out);
}
