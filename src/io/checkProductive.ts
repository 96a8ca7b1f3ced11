// The productivity condition: I − A non-singular with (I − A)⁻¹ ≥ 0, i.e. spectral radius of A < 1.
import type { LinearSolver } from './linearSolver.ts';
import { spectralRadius } from './spectralRadius.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { asLabel, type Label } from '../locale/lang.ts';

/**
 * For non-negative A, ρ(A) < 1 exactly when z = (I − A)⁻¹·1 exists and z > 0; then z ≥ 1 and, by
 * Collatz–Wielandt with v = z, ρ(A) ≤ 1 − 1/max_i z_i (Miller & Blair 2009, §2.6 Hawkins–Simon).
 * Uses the factored I − A (`solver`); returns z (the row sums of L, for sensitivity coefficients)
 * and that upper bound on ρ.
 * Failures: some z_i < 1 − 1e-9 or non-finite → Error "not productive: spectral radius of A is 1.08 ≥ 1
 * (Collatz–Wielandt bounds …)" naming `source` and the first offending sector.
 * Example: Miller–Blair A → z = [1.584158, 1.386139], upper bound 0.36875 (ρ = 0.329129).
 */
export function checkProductive(
  A: Float64Array,
  solver: LinearSolver,
  codes: readonly string[],
  source: string | Label,
): { rowSums: Float64Array; spectralRadiusUpper: number } {
  const n = solver.n;
  const z = solver.solve([new Float64Array(n).fill(1)])[0];
  let zmax = 0;
  for (let i = 0; i < n; i++) {
    if (!(z[i] >= 1 - 1e-9) || !Number.isFinite(z[i])) {
      const r = spectralRadius(A, n, { tolerance: 1e-7, maxIterations: 500 });
      const s = asLabel(source);
      const radius = `${r.estimate.toPrecision(6)} ≥ 1`, bounds = `${r.lower.toPrecision(6)}…${r.upper.toPrecision(6)}`;
      throw new LocalizedError({
        zh: `${s.zh}：表不满足生产性条件：A 的谱半径为 ${radius}（Collatz–Wielandt 界 ${bounds}）；部门 ${codes[i]} 的列昂惕夫逆矩阵 (I − A)⁻¹ 行和为 ${z[i]}`,
        en: `${s.en}: not productive: spectral radius of A is ${radius} (Collatz–Wielandt bounds ${bounds}); row sum of (I − A)⁻¹ for sector ${codes[i]} is ${z[i]}`,
      });
    }
    zmax = Math.max(zmax, z[i]);
  }
  return { rowSums: z, spectralRadiusUpper: 1 - 1 / zmax };
}
