// Solve M·y = b or Mᵀ·y = b from an LU factorization (forward and back substitution).
import type { LUFactors } from './lu.ts';
import { internalError } from '../locale/errorText.ts';

function checkRhs(f: LUFactors, b: Float64Array, who: string): void {
  if (b.length !== f.n) throw internalError(`${who}: right-hand side has length ${b.length}, expected ${f.n}`);
}

/**
 * Solve M·y = b given P·M = L·U: y = U⁻¹ L⁻¹ P b. Cost 2n² flops.
 * Failure: b.length ≠ n → Error.
 * Example: luSolve(lu(Float64Array.of(2, 0, 0, 4), 2), Float64Array.of(2, 4)) → [1, 1].
 */
export function luSolve(f: LUFactors, b: Float64Array): Float64Array {
  checkRhs(f, b, 'luSolve');
  const { n, lu: a, perm } = f;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[perm[i]];
    for (let k = 0; k < i; k++) s -= a[ri + k] * y[k];
    y[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= a[ri + k] * y[k];
    y[i] = s / a[ri + i];
  }
  return y;
}

/**
 * Solve Mᵀ·y = b given P·M = L·U: Mᵀ = Uᵀ Lᵀ P, so solve Uᵀz = b, Lᵀw = z, y = Pᵀw.
 * This is how multipliers are computed: with M = I − A, y = (I − A)⁻ᵀ v = Lᵀv is the row vector
 * vᵀ(I − A)⁻¹ (Miller & Blair 2009, §6.2) without forming the inverse. Cost 2n² flops.
 * Failure: b.length ≠ n → Error.
 * Example: luSolveTransposed(lu(Float64Array.of(1, 2, 0, 1), 2), Float64Array.of(1, 1)) → [1, -1].
 */
export function luSolveTransposed(f: LUFactors, b: Float64Array): Float64Array {
  checkRhs(f, b, 'luSolveTransposed');
  const { n, lu: a, perm } = f;
  const z = Float64Array.from(b);
  // Uᵀ z = b: column-oriented forward substitution over rows of U (row-major access).
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    const zk = (z[k] /= a[rk + k]);
    if (zk !== 0) for (let j = k + 1; j < n; j++) z[j] -= a[rk + j] * zk;
  }
  // Lᵀ w = z: backward, column-oriented over rows of L.
  for (let k = n - 1; k >= 0; k--) {
    const rk = k * n;
    const wk = z[k];
    if (wk !== 0) for (let j = 0; j < k; j++) z[j] -= a[rk + j] * wk;
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[perm[i]] = z[i];
  return y;
}

/**
 * luSolveTransposed for several right-hand sides in one pass over the factors (each row of U and
 * L is read once for all of them; 2n² flops per right-hand side, memory traffic of one solve).
 * Results are bit-identical to calling luSolveTransposed on each b.
 * Failure: any b of length ≠ n → Error.
 * Example: luSolveTransposedMany(lu(Float64Array.of(1, 2, 0, 1), 2), [Float64Array.of(1, 1), Float64Array.of(0, 1)])
 * → [[1, -1], [0, 1]].
 */
export function luSolveTransposedMany(f: LUFactors, bs: Float64Array[]): Float64Array[] {
  for (const b of bs) checkRhs(f, b, 'luSolveTransposedMany');
  const { n, lu: a, perm } = f;
  const zs = bs.map((b) => Float64Array.from(b));
  const m = zs.length;
  const zk = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    const d = a[rk + k];
    for (let q = 0; q < m; q++) zk[q] = zs[q][k] /= d;
    for (let q = 0; q < m; q++) {
      const z = zs[q];
      const v = zk[q];
      if (v !== 0) for (let j = k + 1; j < n; j++) z[j] -= a[rk + j] * v;
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    const rk = k * n;
    for (let q = 0; q < m; q++) {
      const z = zs[q];
      const v = z[k];
      if (v !== 0) for (let j = 0; j < k; j++) z[j] -= a[rk + j] * v;
    }
  }
  return zs.map((z) => {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[perm[i]] = z[i];
    return y;
  });
}
