// One open Leontief system: A, the factored I − A, productivity, household shares.
import { checkProductive } from './checkProductive.ts';
import { asSolver, type Factorization, type LinearSolver } from './linearSolver.ts';
import { leontiefMatrix } from './leontiefMatrix.ts';
import { lu } from './lu.ts';
import { LocalizedError, errorText } from '../locale/errorText.ts';
import { asLabel, type Label } from '../locale/lang.ts';

/**
 * The factorization of I − A failed (singular, non-finite entries): the fault with the system's
 * name, the factorization's own words kept. factorizationFault('t.csv', singularMatrix(0, 2)).message
 * === 't.csv: I − A cannot be factorized (singular matrix: pivot 0 at column 2): the table has no Leontief inverse'.
 */
export function factorizationFault(source: string | Label, e: unknown): LocalizedError {
  const s = asLabel(source);
  return new LocalizedError({
    zh: `${s.zh}：I − A 无法分解（${errorText(e, 'zh')}）：该表的列昂惕夫逆矩阵不存在`,
    en: `${s.en}: I − A cannot be factorized (${errorText(e, 'en')}): the table has no Leontief inverse`,
  }, { cause: e });
}

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
 * `source` names the system in errors (a Label when the words around the name differ by language).
 * Failures: I − A singular (lu: factorizationFault) or not productive (checkProductive) → a
 * LocalizedError naming `source`.
 * Example: leontiefSystem(Float64Array.of(0.15, 0.25, 0.2, 0.05), 2, null, ['1', '2'], 'MB').rowSums
 * → [1.584158, 1.386139] (rounded).
 */
export function leontiefSystem(A: Float64Array, n: number, households: Float64Array | null, codes: readonly string[], source: string | Label, factorize: Factorization | LinearSolver = lu): LeontiefSystem {
  let solver: LinearSolver;
  try {
    solver = typeof factorize !== 'function' ? factorize
      : factorize.leontief ? factorize.leontief(A, n) : asSolver(factorize(leontiefMatrix(A, n), n));
  } catch (e) {
    throw factorizationFault(source, e);
  }
  const { rowSums, spectralRadiusUpper } = checkProductive(A, solver, codes, source);
  return { A, solver, rowSums, spectralRadiusUpper, households };
}
