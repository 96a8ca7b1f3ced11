// I − A, the Leontief matrix, as a new row-major array.

/**
 * Returns I − A (n×n, row-major). Failure: A.length ≠ n² → Error.
 * Example: leontiefMatrix(Float64Array.of(0.15, 0.25, 0.2, 0.05), 2) → [0.85, -0.25, -0.2, 0.95].
 */
export function leontiefMatrix(A: Float64Array, n: number): Float64Array {
  if (A.length !== n * n) throw new Error(`A has ${A.length} entries, expected ${n}×${n}`);
  const M = new Float64Array(n * n);
  for (let i = 0; i < A.length; i++) M[i] = -A[i];
  for (let i = 0; i < n; i++) M[i * n + i] += 1;
  return M;
}
