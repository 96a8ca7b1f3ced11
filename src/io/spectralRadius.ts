// Spectral radius of a non-negative matrix with guaranteed Collatz–Wielandt bounds.
import { LocalizedError, internalError } from '../locale/errorText.ts';

/**
 * Power iteration on I + A (primitive whenever A is irreducible; keeps the iterate v positive) with
 * the Collatz–Wielandt bounds (Horn & Johnson 2013, Matrix Analysis, §8.1 and 8.3):
 *   upper: ρ(A) ≤ max_i (Av)_i / v_i for v > 0;
 *   lower: ρ(A) ≥ min_{i ∈ S} (Av′)_i / v′_i for v′ ≥ 0, v′ ≠ 0, S its support — v′ is v with
 *   entries below 10⁻⁸·max v set to 0, so reducible matrices (rows of zeros) still get a useful bound.
 * Stops when the bounds agree to `tolerance` (relative), when both lie on one side of 1 and
 * `decideOnly` is set, or after `maxIterations`; the bounds hold whenever it stops.
 * Failures: a negative or non-finite entry of A → Error naming its row and column (1-based).
 * Example: spectralRadius(Float64Array.of(0.15, 0.25, 0.2, 0.05), 2).estimate → 0.329129 (rounded).
 */
export function spectralRadius(
  A: Float64Array,
  n: number,
  options: { tolerance?: number; maxIterations?: number; decideOnly?: boolean } = {},
): { estimate: number; lower: number; upper: number; iterations: number } {
  const { tolerance = 1e-10, maxIterations = 10000, decideOnly = false } = options;
  if (A.length !== n * n) throw internalError(`spectralRadius: A has ${A.length} entries, expected ${n}×${n}`);
  for (let k = 0; k < A.length; k++) {
    if (!(A[k] >= 0) || !Number.isFinite(A[k])) {
      const at = `(${Math.floor(k / n) + 1}, ${(k % n) + 1})`;
      throw new LocalizedError({ zh: `spectralRadius：A 有负值或非有限值：元素 ${at} 为 ${A[k]}`, en: `spectralRadius: A is not non-negative: entry ${at} is ${A[k]}` });
    }
  }
  let v = new Float64Array(n).fill(1);
  let w = new Float64Array(n);
  const vs = new Float64Array(n);
  const ws = new Float64Array(n);
  let lower = 0;
  let upper = Infinity;
  let it = 0;
  for (; it < maxIterations; it++) {
    matvec(A, n, v, w);
    let hi = 0;
    let vmax = 0;
    for (let i = 0; i < n; i++) {
      hi = Math.max(hi, w[i] / v[i]);
      vmax = Math.max(vmax, v[i]);
    }
    upper = Math.min(upper, hi);
    for (let i = 0; i < n; i++) vs[i] = v[i] >= 1e-8 * vmax ? v[i] : 0;
    matvec(A, n, vs, ws);
    let lo = Infinity;
    for (let i = 0; i < n; i++) if (vs[i] > 0) lo = Math.min(lo, ws[i] / vs[i]);
    lower = Math.max(lower, lo);
    if (upper - lower <= tolerance * Math.max(upper, 1e-300)) break;
    if (decideOnly && (upper < 1 || lower >= 1)) break;
    let norm = 0;
    for (let i = 0; i < n; i++) { w[i] += v[i]; norm = Math.max(norm, w[i]); }
    for (let i = 0; i < n; i++) w[i] /= norm;
    [v, w] = [w, v];
  }
  return { estimate: (lower + upper) / 2, lower, upper, iterations: Math.min(it + 1, maxIterations) };
}

function matvec(A: Float64Array, n: number, v: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += A[ri + j] * v[j];
    out[i] = s;
  }
}
