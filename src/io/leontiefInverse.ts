// The explicit Leontief inverse L = (I − A)⁻¹ — only when the whole matrix is wanted.
import { leontiefMatrix } from './leontiefMatrix.ts';
import { lu } from './lu.ts';
import { luSolve } from './luSolve.ts';

/**
 * L = (I − A)⁻¹ (完全需要系数, Miller & Blair 2009, eq. 2.11), column by column from one LU
 * factorization (n solves, 2n³/3 + 2n³ flops). Multipliers and impacts never need it: use
 * ioModel/multipliers/leontiefImpact, which solve against I − A or its transpose.
 * Failures: A.length ≠ n² → Error; I − A singular → Error from lu.
 * Example: leontiefInverse(Float64Array.of(0.15, 0.25, 0.2, 0.05), 2)
 * → [1.254125, 0.330033, 0.264026, 1.122112] (rounded).
 */
export function leontiefInverse(A: Float64Array, n: number): Float64Array {
  const f = lu(leontiefMatrix(A, n), n);
  const L = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = luSolve(f, e);
    for (let i = 0; i < n; i++) L[i * n + j] = col[i];
  }
  return L;
}
