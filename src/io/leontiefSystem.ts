// One open Leontief system: A, the factored I − A, productivity, household shares.
import { checkProductive } from './checkProductive.ts';
import { asSolver, type Factorization, type LinearSolver } from './linearSolver.ts';
import { leontiefMatrix } from './leontiefMatrix.ts';
import { lu } from './lu.ts';

/** One open Leontief system: A, the factored I − A, and household shares for Type II. */
export interface LeontiefSystem {
  A: Float64Array;
  /** Solves against I − A and its transpose (multipliers, impacts). */
  solver: LinearSolver;
  /** Row sums of L = (I − A)⁻¹, from the productivity check. */
  rowSums: Float64Array;
  /** Upper bound on the spectral radius of A (Collatz–Wielandt). */
  spectralRadiusUpper: number;
  /** h_i: household purchases of product i (domestic part in the domestic system) per unit of compensation; null without households. */
  households: Float64Array | null;
}

/**
 * Factorize I − A (with `factorize`, default the pure-TS lu; luWasm, a mixedPrecisionSolver or the
 * threaded factorizations of the CLI plug in here) and check productivity (checkProductive).
 * `factorize` may also be a solver of I − A already built.
 * Failures: I − A singular (lu) or not productive (checkProductive) → Error naming `source`.
 * Example: leontiefSystem(Float64Array.of(0.15, 0.25, 0.2, 0.05), 2, null, ['1', '2'], 'MB').rowSums
 * → [1.584158, 1.386139] (rounded).
 */
export function leontiefSystem(A: Float64Array, n: number, households: Float64Array | null, codes: readonly string[], source: string, factorize: Factorization | LinearSolver = lu): LeontiefSystem {
  const solver = typeof factorize !== 'function' ? factorize
    : factorize.leontief ? factorize.leontief(A, n) : asSolver(factorize(leontiefMatrix(A, n), n));
  const { rowSums, spectralRadiusUpper } = checkProductive(A, solver, codes, source);
  return { A, solver, rowSums, spectralRadiusUpper, households };
}
