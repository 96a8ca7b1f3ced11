// Solves with M factored in single precision and refined in double: LAPACK's dsgesv scheme, in WebAssembly SIMD.
import type { LinearSolver } from './linearSolver.ts';
import { luSolver } from './linearSolver.ts';
import { leontiefMatrix } from './leontiefMatrix.ts';
import { checkSquare, type LUFactors } from './lu.ts';
import { assembleModule, growMemory } from './wasm/assemble.ts';
import { absSumsKernel } from './wasm/absSumsKernel.ts';
import { axpysKernel } from './wasm/axpysKernel.ts';
import { dotsKernel } from './wasm/dotsKernel.ts';
import { internalError } from '../locale/errorText.ts';

type Kernel = (x: number, groups: number, y: number, yStride: number, s: number, sStride: number, count: number) => void;
const EPS = 2.220446049250313e-16;

/** Counters of what the refinement did (for tests and the record). */
export interface RefinementStats {
  /** Calls of solve/solveTransposed. */
  calls: number;
  /** Single-precision solves (the first solve of each call plus one per refinement step). */
  solves: number;
  /** Residuals computed in double precision. */
  residuals: number;
  /** True once the solver fell back to a double-precision factorization. */
  fallback: boolean;
  /** Why it fell back, or null. */
  reason: string | null;
}

export interface MixedPrecisionSolver extends LinearSolver {
  readonly stats: RefinementStats;
  /** Hand the solver's WebAssembly memory to the next solver (a later call throws). */
  dispose(): void;
}

/**
 * Mixed-precision iterative refinement (Moler 1967; Langou et al. 2006, "Exploiting the
 * performance of 32 bit floating point arithmetic in obtaining 64 bit accuracy"; LAPACK dsgesv):
 * M is factored in single precision (`factor32`, e.g. luWasm32: twice the SIMD arithmetic per
 * instruction of double), and each solve of M·x = b (or Mᵀ·x = b) iterates
 *   x₀ = 0;  r_k = b − M·x_k  (double);  x_{k+1} = x_k + ‖r_k‖·solve₃₂(r_k / ‖r_k‖)
 * until ‖r_k‖∞ ≤ ‖x_k‖∞·‖M‖∞·ε·√n (ε = 2⁻⁵², dsgesv's backward-error test; ‖Mᵀ‖∞ = ‖M‖₁ for
 * transposed solves), so the result is as accurate as a double-precision LU solve. It converges
 * when κ(M)·2⁻²⁴ ≪ 1: quickly for IO tables with positive value added, where I − A is column
 * diagonally dominant and well conditioned.
 * When single precision fails (singular in f32, no convergence in `maxIterations` refinement steps,
 * a non-finite value), M is factored with `factor64` (once) and every later solve uses it: the
 * answer is then that of a double-precision LU, and `stats.fallback` says so.
 * The residual products and triangular solves run in WebAssembly SIMD kernels over one memory
 * holding M (f64) and the factors (f32): about 12n² bytes.
 * Failures: M.length ≠ n² → Error; factor64's errors (singular M); right-hand side length ≠ n → Error.
 * Example: mixedPrecisionSolver(M, n, { factor32: luWasm32, factor64: luWasm }).solveTransposed([ones])
 * → the column sums of M⁻¹ to double precision.
 */
export function mixedPrecisionSolver(M: Float64Array, n: number, options: MixedPrecisionOptions): MixedPrecisionSolver {
  checkSquare(M, n, 'mixedPrecisionSolver');
  return createSolver(n, (dst) => dst.set(M), options);
}

/**
 * mixedPrecisionSolver for the Leontief matrix M = I − A, formed directly in the solver's memory
 * from A (no separate I − A array). Example: mixedPrecisionLeontiefSolver(A, n, opts).solveTransposed([ones])
 * → the output multipliers 1ᵀ(I − A)⁻¹.
 */
export function mixedPrecisionLeontiefSolver(A: Float64Array, n: number, options: MixedPrecisionOptions): MixedPrecisionSolver {
  checkSquare(A, n, 'mixedPrecisionLeontiefSolver');
  return createSolver(n, (dst) => leontiefMatrix(A, n, dst), options);
}

/**
 * mixedPrecisionLeontiefSolver for two systems of the same order (a table's competitive and
 * domestic models), their single-precision factorizations run at once by `factor32Pair` (one per
 * thread); each solver then behaves, and falls back, on its own.
 */
export function mixedPrecisionLeontiefPair(
  A1: Float64Array, A2: Float64Array, n: number,
  options: MixedPrecisionOptions & { factor32Pair: (M1: Float64Array, M2: Float64Array, n: number, out1?: Float32Array, out2?: Float32Array) => [LUFactors | Error, LUFactors | Error] },
): [MixedPrecisionSolver, MixedPrecisionSolver] {
  checkSquare(A1, n, 'mixedPrecisionLeontiefPair');
  checkSquare(A2, n, 'mixedPrecisionLeontiefPair');
  const w1 = refinementMemory(n, (dst) => leontiefMatrix(A1, n, dst));
  const w2 = refinementMemory(n, (dst) => leontiefMatrix(A2, n, dst));
  let fs: [LUFactors | Error, LUFactors | Error];
  try {
    fs = options.factor32Pair(w1.matrix(), w2.matrix(), n, w1.factorsView(), w2.factorsView());
  } catch (e) {
    fs = [e as Error, e as Error];
  }
  return [solverFrom(w1, n, fs[0], options), solverFrom(w2, n, fs[1], options)];
}


export interface MixedPrecisionOptions {
  /** Single-precision LU (e.g. luWasm32), writing its factors into `out` when given. */
  factor32: (M: Float64Array, n: number, out?: Float32Array) => LUFactors;
  /** Double-precision LU for the fallback (e.g. luWasm). */
  factor64: (M: Float64Array, n: number) => LUFactors;
  /** Refinement steps before falling back (default 30, as dsgesv). */
  maxIterations?: number;
}

function createSolver(n: number, fill: (dst: Float64Array) => void, options: MixedPrecisionOptions): MixedPrecisionSolver {
  // M and room for the factors in one WebAssembly memory; factor32 reads M there and writes the
  // factors there; the fallback factors this copy too (the caller's array may be reused).
  const work = refinementMemory(n, fill);
  let f: LUFactors | Error;
  try {
    f = options.factor32(work.matrix(), n, work.factorsView());
  } catch (e) {
    f = e as Error;
  }
  return solverFrom(work, n, f, options);
}

/** The solver over a refinement memory and its single-precision factorization (or why it failed). */
function solverFrom(work: ReturnType<typeof refinementMemory>, n: number, f: LUFactors | Error, options: MixedPrecisionOptions): MixedPrecisionSolver {
  const maxIterations = options.maxIterations ?? 30;
  const stats: RefinementStats = { calls: 0, solves: 0, residuals: 0, fallback: false, reason: null };
  let perm: Int32Array | null = null;
  try {
    if (f instanceof Error) throw f;
    perm = work.setFactors(f);
  } catch (e) {
    stats.fallback = true;
    stats.reason = `single-precision factorization failed: ${(e as Error).message}`;
  }
  let direct: LinearSolver | null = null;
  const fallback = (reason: string): LinearSolver => {
    if (!stats.fallback) { stats.fallback = true; stats.reason = reason; }
    direct ??= luSolver(options.factor64(work.matrix(), n));
    return direct;
  };
  if (!perm) {
    const d = fallback(stats.reason!);
    work.release(); // the double-precision factors hold all that is needed now
    return { n, get method() { return d.method; }, stats, solve: (bs) => d.solve(bs), solveTransposed: (bs) => d.solveTransposed(bs), dispose: () => {} };
  }
  let disposed = false;
  const run = (bs: readonly Float64Array[], transposed: boolean): Float64Array[] => {
    if (disposed) throw internalError('mixedPrecisionSolver: used after dispose()');
    for (const b of bs) if (b.length !== n) throw internalError(`mixedPrecisionSolver: right-hand side has length ${b.length}, expected ${n}`);
    stats.calls++;
    if (direct) return transposed ? direct.solveTransposed(bs) : direct.solve(bs);
    if (bs.length === 0) return [];
    const out = work.refine(bs, transposed, maxIterations, stats);
    if (typeof out === 'string') {
      const d = fallback(out);
      return transposed ? d.solveTransposed(bs) : d.solve(bs);
    }
    return out;
  };
  return {
    n,
    get method() { return direct ? 'lu' : 'lu-f32+refinement'; },
    stats,
    solve: (bs) => run(bs, false),
    solveTransposed: (bs) => run(bs, true),
    dispose: () => {
      if (disposed) return;
      disposed = true;
      work.release();
    },
  };
}

/**
 * Memories of disposed solvers, reused by the next ones: fresh WebAssembly memory costs a page
 * fault per 4 KB on first touch (a quarter of a 1000-sector model's time here). At most 4 kept.
 */
const spare: WebAssembly.Memory[] = [];
const SPARE_MAX = 4;

let moduleCache: WebAssembly.Module | null = null;

/** M (f64, written by `fill`) and the f32 factors in one WebAssembly memory, with the refinement loop over them. */
function refinementMemory(n: number, fill: (dst: Float64Array) => void) {
  moduleCache ??= new WebAssembly.Module(assembleModule(
    [axpysKernel('f64', 'axpys64'), dotsKernel('f64', 'dots64'), axpysKernel('f32', 'axpys32'), dotsKernel('f32', 'dots32'), absSumsKernel()],
    { initial: 1, maximum: 65536, shared: false },
  ));
  const memory = spare.pop() ?? new WebAssembly.Memory({ initial: 1, maximum: 65536 });
  const ex = new WebAssembly.Instance(moduleCache, { env: { memory } }).exports as Record<'axpys64' | 'dots64' | 'axpys32' | 'dots32', Kernel> & { absSums: (m: number, groups: number, rows: number, stride: number, col: number, row: number) => void };
  const mOff = 0;
  const fOff = align(n * n * 8);
  const vOff = align(fOff + n * n * 4);
  let capacity = -1;
  const ensure = (count: number): void => {
    if (count <= capacity) return;
    const bytes = vOff + count * n * (8 + 8 + 4) + 64;
    growMemory(memory, bytes, { zh: `mixedPrecisionSolver（${n} 阶）`, en: `mixedPrecisionSolver (order ${n})` });
    capacity = count;
  };
  ensure(1);
  /** M in the memory (a fresh view: views detach when the memory grows). */
  const matrix = (): Float64Array => new Float64Array(memory.buffer, mOff, n * n);
  const M = matrix();
  fill(M);
  // ‖M‖∞ (largest absolute row sum) and ‖M‖₁ (largest absolute column sum), in one SIMD pass
  // (sums in the vector area, before it is used; an odd last column is added here).
  let mNorm1 = 0;
  let mNormInf = 0;
  {
    const colOff = vOff;
    const rowOff = vOff + n * 8;
    new Float64Array(memory.buffer, colOff, n).fill(0);
    ex.absSums(mOff, n >> 1, n, n * 8, colOff, rowOff);
    const col = new Float64Array(memory.buffer, colOff, n);
    const row = new Float64Array(memory.buffer, rowOff, n);
    if (n & 1) {
      let last = 0;
      for (let i = 0; i < n; i++) { const v = Math.abs(M[i * n + n - 1]); row[i] += v; last += v; }
      col[n - 1] = last;
    }
    for (let i = 0; i < n; i++) { if (row[i] > mNormInf) mNormInf = row[i]; if (col[i] > mNorm1) mNorm1 = col[i]; }
  }
  let perm: Int32Array = new Int32Array(0);
  /** Where factor32 writes the factors (valid until the memory grows: used at once). */
  const factorsView = (): Float32Array => new Float32Array(memory.buffer, fOff, n * n);
  /** Take the factorization: copy its factors in unless they were written in place. */
  const setFactors = (f: LUFactors): Int32Array => {
    if (!(f.lu instanceof Float32Array)) throw internalError('factor32 returned double-precision factors');
    const view = factorsView();
    if (f.lu.buffer !== memory.buffer || f.lu.byteOffset !== fOff) view.set(f.lu);
    perm = f.perm;
    return perm;
  };

  /** R_q −= op(M)·X_q for q < m (f64): Mᵀx by row axpys, M·x by row dots. */
  const residual = (m: number, transposed: boolean, xOff: number, rOff: number, mv: Float64Array, X: Float64Array, R: Float64Array): void => {
    const groups = n >> 1;
    const tail = n & 1;
    for (let i = 0; i < n; i++) {
      const row = mOff + i * n * 8;
      if (transposed) {
        if (groups > 0) ex.axpys64(row, groups, rOff, n * 8, xOff + i * 8, n * 8, m);
        if (tail) { const a = mv[i * n + n - 1]; for (let q = 0; q < m; q++) R[q * n + n - 1] -= a * X[q * n + i]; }
      } else {
        if (groups > 0) ex.dots64(row, groups, xOff, n * 8, rOff + i * 8, n * 8, m);
        if (tail) { const a = mv[i * n + n - 1]; for (let q = 0; q < m; q++) R[q * n + i] -= a * X[q * n + n - 1]; }
      }
    }
  };

  /** Z_q ← op(M)⁻¹ Z_q with the f32 factors, in place (Z in f32, permutation applied by the caller). */
  const solve32 = (m: number, transposed: boolean, zOff: number, F: Float32Array, Z: Float32Array): void => {
    const zs = n * 4;
    if (transposed) {
      // Uᵀ w = z: w_k = z_k / u_kk, then z[k+1..n) −= w_k·U[k, k+1..n).
      for (let k = 0; k < n; k++) {
        const d = F[k * n + k];
        for (let q = 0; q < m; q++) Z[q * n + k] /= d;
        const len = n - k - 1;
        const groups = len >> 2;
        if (groups > 0) ex.axpys32(fOff + (k * n + k + 1) * 4, groups, zOff + (k + 1) * 4, zs, zOff + k * 4, zs, m);
        for (let j = k + 1 + groups * 4; j < n; j++) { const u = F[k * n + j]; for (let q = 0; q < m; q++) Z[q * n + j] -= Z[q * n + k] * u; }
      }
      // Lᵀ v = w: z[0..k) −= z_k·L[k, 0..k), k descending.
      for (let k = n - 1; k > 0; k--) {
        const groups = k >> 2;
        if (groups > 0) ex.axpys32(fOff + k * n * 4, groups, zOff, zs, zOff + k * 4, zs, m);
        for (let j = groups * 4; j < k; j++) { const l = F[k * n + j]; for (let q = 0; q < m; q++) Z[q * n + j] -= Z[q * n + k] * l; }
      }
    } else {
      // L y = P b: z_i −= L[i, 0..i)·z[0..i).
      for (let i = 1; i < n; i++) {
        const groups = i >> 2;
        if (groups > 0) ex.dots32(fOff + i * n * 4, groups, zOff, zs, zOff + i * 4, zs, m);
        for (let j = groups * 4; j < i; j++) { const l = F[i * n + j]; for (let q = 0; q < m; q++) Z[q * n + i] -= l * Z[q * n + j]; }
      }
      // U x = y: z_i = (z_i − U[i, i+1..n)·z[i+1..n)) / u_ii, i descending.
      for (let i = n - 1; i >= 0; i--) {
        const len = n - i - 1;
        const groups = len >> 2;
        if (groups > 0) ex.dots32(fOff + (i * n + i + 1) * 4, groups, zOff + (i + 1) * 4, zs, zOff + i * 4, zs, m);
        for (let j = i + 1 + groups * 4; j < n; j++) { const u = F[i * n + j]; for (let q = 0; q < m; q++) Z[q * n + i] -= u * Z[q * n + j]; }
        const d = F[i * n + i];
        for (let q = 0; q < m; q++) Z[q * n + i] /= d;
      }
    }
  };

  const refine = (bs: readonly Float64Array[], transposed: boolean, maxIterations: number, stats: RefinementStats): Float64Array[] | string => {
    const m = bs.length;
    ensure(m);
    const xOff = vOff;
    const rOff = xOff + m * n * 8;
    const zOff = rOff + m * n * 8;
    const Mv = matrix();
    const F = factorsView();
    const X = new Float64Array(memory.buffer, xOff, m * n);
    const R = new Float64Array(memory.buffer, rOff, m * n);
    const Z = new Float32Array(memory.buffer, zOff, m * n);
    const anorm = transposed ? mNorm1 : mNormInf;
    const tol = anorm * EPS * Math.sqrt(n);
    X.fill(0);
    for (let it = 0; ; it++) {
      for (let q = 0; q < m; q++) R.set(bs[q], q * n);
      if (it > 0) {
        residual(m, transposed, xOff, rOff, Mv, X, R);
        stats.residuals++;
        let done = true;
        for (let q = 0; q < m && done; q++) {
          let rn = 0;
          let xn = 0;
          for (let i = q * n; i < (q + 1) * n; i++) { rn = Math.max(rn, Math.abs(R[i])); xn = Math.max(xn, Math.abs(X[i])); }
          if (!(rn <= xn * tol)) done = false;
        }
        if (done) return Array.from({ length: m }, (_, q) => X.slice(q * n, (q + 1) * n));
        if (it > maxIterations) return `no convergence in ${maxIterations} refinement steps (κ(M)·2⁻²⁴ too large)`;
      }
      // Scaled residual to single precision; the normal solve permutes it first (P·r).
      const scale = new Float64Array(m);
      for (let q = 0; q < m; q++) {
        let s = 0;
        for (let i = q * n; i < (q + 1) * n; i++) s = Math.max(s, Math.abs(R[i]));
        if (!Number.isFinite(s)) return 'non-finite residual';
        scale[q] = s === 0 ? 1 : s;
        const inv = 1 / scale[q];
        if (transposed) for (let i = 0; i < n; i++) Z[q * n + i] = R[q * n + i] * inv;
        else for (let i = 0; i < n; i++) Z[q * n + i] = R[q * n + perm[i]] * inv;
      }
      solve32(m, transposed, zOff, F, Z);
      stats.solves++;
      for (let q = 0; q < m; q++) {
        const s = scale[q];
        if (transposed) for (let i = 0; i < n; i++) X[q * n + perm[i]] += s * Z[q * n + i];
        else for (let i = 0; i < n; i++) X[q * n + i] += s * Z[q * n + i];
      }
      for (let i = 0; i < m * n; i++) if (!Number.isFinite(X[i])) return 'non-finite solution';
    }
  };
  /** Give the memory to the next solver (this one must not be used again). */
  const release = (): void => {
    if (spare.length < SPARE_MAX && !spare.includes(memory)) spare.push(memory);
  };
  return { refine, factorsView, setFactors, matrix, release };
}

const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;
