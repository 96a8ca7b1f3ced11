// I − A, the Leontief matrix, as a row-major array.
import { internalError } from '../locale/errorText.ts';

/**
 * Returns I − A (n×n, row-major), in a new array or written into `out` (e.g. a solver's own
 * memory). Failures: A.length ≠ n², out.length ≠ n² → Error.
 * Example: leontiefMatrix(Float64Array.of(0.15, 0.25, 0.2, 0.05), 2) → [0.85, -0.25, -0.2, 0.95].
 */
export function leontiefMatrix(A: Float64Array, n: number, out?: Float64Array): Float64Array {
  if (A.length !== n * n) throw internalError(`A has ${A.length} entries, expected ${n}×${n}`);
  if (out && out.length !== n * n) throw internalError(`leontiefMatrix: out has ${out.length} entries, expected ${n}×${n}`);
  const M = out ?? new Float64Array(n * n);
  for (let i = 0; i < A.length; i++) M[i] = -A[i];
  for (let i = 0; i < n; i++) M[i * n + i] += 1;
  return M;
}
