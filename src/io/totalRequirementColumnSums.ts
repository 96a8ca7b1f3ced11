// Column sums of B = (I − A)⁻¹ − I, the total requirement coefficients (完全消耗系数).
import { leontiefMatrix } from './leontiefMatrix.ts';
import { lu } from './lu.ts';
import { luSolveTransposed } from './luSolve.ts';

/**
 * b_j = Σ_i B_ij with B = L − I, L = (I − A)⁻¹ (完全消耗系数 = 完全需要系数 − I; NBS 2017 table
 * notes; Miller & Blair 2009, §2.3). Computed without the inverse: y = (I − A)⁻ᵀ·1 holds the column
 * sums of L, so b = y − 1. This is the coefficient the 2020 WeChat report multiplies consumption by
 * (e.g. 1.35092814 for 64123 互联网和相关服务).
 * Failures: A.length ≠ n² → Error; I − A singular → Error from lu.
 * Example: Miller–Blair A = [[0.15, 0.25], [0.2, 0.05]] → [0.518152, 0.452145]
 * (L = [[1.254125, 0.330033], [0.264026, 1.122112]]).
 */
export function totalRequirementColumnSums(A: Float64Array, n: number): Float64Array {
  const y = luSolveTransposed(lu(leontiefMatrix(A, n), n), new Float64Array(n).fill(1));
  for (let j = 0; j < n; j++) y[j] -= 1;
  return y;
}
