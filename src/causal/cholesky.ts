// Symmetric positive-definite solves for the small normal equations of the estimators.
import { LocalizedError } from '../locale/errorText.ts';

/**
 * Cholesky factor L (row-major k×k, lower) of a symmetric positive-definite A = L Lᵀ.
 * Throws naming `what` when A is not positive definite (a regressor collinear with the fixed
 * effects or with the others, or a group with no variation).
 */
export function cholesky(A: Float64Array, k: number, what: string): Float64Array {
  const L = new Float64Array(k * k);
  let scale = 0;
  for (let i = 0; i < k; i++) scale = Math.max(scale, Math.abs(A[i * k + i]));
  for (let j = 0; j < k; j++) {
    let d = A[j * k + j];
    for (let p = 0; p < j; p++) d -= L[j * k + p] * L[j * k + p];
    if (!(d > 1e-12 * scale)) throw new LocalizedError({ zh: `${what}：回归变量共线（彼此之间或与固定效应之间）；无法估计`, en: `${what}: the regressors are collinear (with each other or with the fixed effects); nothing can be estimated` });
    const ljj = Math.sqrt(d);
    L[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = A[i * k + j];
      for (let p = 0; p < j; p++) s -= L[i * k + p] * L[j * k + p];
      L[i * k + j] = s / ljj;
    }
  }
  return L;
}

/** Solves L Lᵀ x = b for one right-hand side (b untouched). */
export function choleskySolve(L: Float64Array, k: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b as ArrayLike<number>);
  for (let i = 0; i < k; i++) {
    let s = x[i];
    for (let p = 0; p < i; p++) s -= L[i * k + p] * x[p];
    x[i] = s / L[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i];
    for (let p = i + 1; p < k; p++) s -= L[p * k + i] * x[p];
    x[i] = s / L[i * k + i];
  }
  return x;
}

/** A⁻¹ M A⁻¹ for symmetric M (the sandwich), by 2k solves with the factor L of A; no inverse formed. */
export function sandwich(L: Float64Array, k: number, M: Float64Array): Float64Array {
  const T = new Float64Array(k * k); // T = A⁻¹ M, column by column (M symmetric: row j of M = column j)
  for (let j = 0; j < k; j++) {
    const col = choleskySolve(L, k, M.subarray(j * k, j * k + k));
    for (let i = 0; i < k; i++) T[i * k + j] = col[i];
  }
  const V = new Float64Array(k * k); // V = A⁻¹ Tᵀ = A⁻¹ M A⁻¹
  for (let j = 0; j < k; j++) {
    const col = choleskySolve(L, k, T.subarray(j * k, j * k + k));
    for (let i = 0; i < k; i++) V[i * k + j] = col[i];
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) { const m = (V[i * k + j] + V[j * k + i]) / 2; V[i * k + j] = m; V[j * k + i] = m; }
  return V;
}
