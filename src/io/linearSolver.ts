// A factored square matrix M that solves M·y = b and Mᵀ·y = b: the interface the Leontief systems use.
import type { LUFactors } from './lu.ts';
import { luSolve, luSolveTransposedMany } from './luSolve.ts';
import { internalError } from '../locale/errorText.ts';

/** Solves against one factored n×n matrix M, for several right-hand sides at once. */
export interface LinearSolver {
  readonly n: number;
  /** How M was factored: `lu` (double precision) or `lu-f32+refinement` (mixedPrecisionSolver). */
  readonly method: string;
  /** y with M·y = b, for each b. */
  solve(bs: readonly Float64Array[]): Float64Array[];
  /** y with Mᵀ·y = b, for each b (row vectors bᵀM⁻¹: multipliers). */
  solveTransposed(bs: readonly Float64Array[]): Float64Array[];
  /** Optional: hand the solver's memory on for reuse; the solver must not be used afterwards. */
  dispose?(): void;
}

/**
 * What a factorization hands to ioModel: double-precision LU factors, or a ready solver.
 * `leontief`, when present, factors I − A given A directly
 * (saving the separate I − A array); leontiefSystem then uses it instead.
 */
export type Factorization = ((M: Float64Array, n: number) => LUFactors | LinearSolver) & {
  leontief?: (A: Float64Array, n: number) => LinearSolver;
  /** Optional: I − A₁ and I − A₂ at once (ioModel's competitive and domestic systems). */
  leontiefPair?: (A1: Float64Array, A2: Float64Array, n: number) => [LinearSolver, LinearSolver];
};

/**
 * The solver of double-precision LU factors (luSolve; luSolveTransposedMany, one pass for all
 * right-hand sides). Example: luSolver(lu(Float64Array.of(2, 0, 0, 4), 2)).solve([Float64Array.of(2, 4)]) → [[1, 1]].
 */
export function luSolver(f: LUFactors): LinearSolver {
  if (f.lu instanceof Float32Array) throw internalError('luSolver: single-precision factors need mixedPrecisionSolver');
  return {
    n: f.n,
    method: 'lu',
    solve: (bs) => bs.map((b) => luSolve(f, b)),
    solveTransposed: (bs) => luSolveTransposedMany(f, [...bs]),
  };
}

/** Normalize what a Factorization returned: LU factors become luSolver(factors). */
export function asSolver(x: LUFactors | LinearSolver): LinearSolver {
  return 'solve' in x ? x : luSolver(x);
}
