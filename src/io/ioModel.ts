// The Leontief model of a table: A (competitive and, with imports, domestic), factorized once, plus coefficients.
import { importShares } from './importShares.ts';
import { factorizationFault, leontiefSystem, type LeontiefSystem } from './leontiefSystem.ts';
import { technicalCoefficients } from './technicalCoefficients.ts';
import type { Factorization, LinearSolver } from './linearSolver.ts';
import type { IOTable, Label } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** A table turned into the coefficient vectors and factorized systems that multipliers and impacts use. */
export interface IOModel {
  n: number;
  codes: string[];
  names: Label[];
  unit: string;
  source: string;
  x: Float64Array;
  /** v_j = total value added_j / x_j, or null when the table has no value-added rows. */
  valueAdded: Float64Array | null;
  /** w_j = compensation of employees_j / x_j (劳动者报酬), or null without a compensation row. */
  income: Float64Array | null;
  /** e_j = persons employed per unit of output (see employmentCoefficients), or null. */
  employment: Float64Array | null;
  /** Import shares m (importShares), or null for a table without imports. */
  importShares: Float64Array | null;
  competitive: LeontiefSystem;
  /** A_d = (I − M̂)A, or null for a table without imports. */
  domestic: LeontiefSystem | null;
}

/**
 * Build both models of a competitive-import table (Miller & Blair 2009, ch. 2 and §6.2):
 * competitive A = Z·diag(x)⁻¹ and domestic A_d = (I − M̂)·A with m from importShares; each with
 * I − A factorized (lu) and checked for productivity. Households for Type II: h = household
 * final-demand columns / Σ compensation (domestic: (I − M̂)h), w = compensation / x.
 * `employment` (persons per table unit of output, length n) is optional and only feeds the jobs
 * multipliers and impacts; `factorize` replaces the pure-TS lu (luWasm, a mixedPrecisionSolver, threads).
 * Failures: as technicalCoefficients, importShares, lu, checkProductive; employment of the wrong
 * length or negative → Error; household columns present but total compensation ≤ 0 → Error.
 * Example: ioModel(nbs2017).competitive.spectralRadiusUpper → 0.72… (ρ(A) = 0.638).
 */
export function ioModel(
  table: IOTable,
  options: { employment?: Float64Array | null; factorize?: Factorization } = {},
): IOModel {
  const { n, source, codes } = table;
  const employment = options.employment ?? null;
  if (employment) {
    if (employment.length !== n) throw new LocalizedError({ zh: `${source}：就业系数的长度为 ${employment.length}，应为 ${n}`, en: `${source}: employment coefficients have length ${employment.length}, expected ${n}` });
    employment.forEach((e, j) => { if (!(e >= 0)) throw new LocalizedError({ zh: `${source}：部门 ${codes[j]}：就业系数 ${e} 无效（应为 ≥ 0 的数）`, en: `${source}: sector ${codes[j]}: invalid employment coefficient ${e}` }); });
  }
  const perOutput = (values: Float64Array): Float64Array => values.map((v, j) => (table.x[j] === 0 ? 0 : v / table.x[j]));
  let valueAdded: Float64Array | null = null;
  if (table.valueAdded.length > 0) {
    const total = new Float64Array(n);
    for (const a of table.valueAdded) for (let j = 0; j < n; j++) total[j] += a.values[j];
    valueAdded = perOutput(total);
  }
  const comp = table.valueAdded.filter((a) => a.role === 'compensation');
  let income: Float64Array | null = null;
  let compensationTotal = 0;
  if (comp.length > 0) {
    const total = new Float64Array(n);
    for (const a of comp) for (let j = 0; j < n; j++) total[j] += a.values[j];
    compensationTotal = total.reduce((s, v) => s + v, 0);
    income = perOutput(total);
  }
  const hh = table.finalDemand.filter((a) => a.role === 'household');
  let households: Float64Array | null = null;
  if (hh.length > 0 && income) {
    if (!(compensationTotal > 0)) throw new LocalizedError({ zh: `${source}：劳动者报酬合计为 ${compensationTotal}；无法将居民部门内生化`, en: `${source}: total compensation is ${compensationTotal}; households cannot be closed` });
    households = new Float64Array(n);
    for (const a of hh) for (let i = 0; i < n; i++) households[i] += a.values[i] / compensationTotal;
  }
  const A = technicalCoefficients(table);
  const m = table.imports ? importShares(table) : null;
  let Ad: Float64Array | null = null;
  if (m) {
    Ad = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const keep = 1 - m[i];
      for (let j = 0; j < n; j++) Ad[i * n + j] = keep * A[i * n + j];
    }
  }
  // Both systems factored at once when the factorization can (one per thread), else one by one.
  const f = options.factorize;
  let pair: [LinearSolver, LinearSolver] | null = null;
  try {
    pair = Ad && f?.leontiefPair ? f.leontiefPair(A, Ad, n) : null;
  } catch (e) {
    throw factorizationFault(source, e);
  }
  const competitive = leontiefSystem(A, n, households, codes, { zh: `${source}（竞争型进口模型）`, en: `${source} (competitive)` }, pair ? pair[0] : f);
  const domestic = Ad && m
    ? leontiefSystem(Ad, n, households && households.map((h, i) => (1 - m[i]) * h), codes, { zh: `${source}（国内模型）`, en: `${source} (domestic)` }, pair ? pair[1] : f)
    : null;
  return {
    n, codes: table.codes, names: table.names, unit: table.unit, source, x: table.x,
    valueAdded, income, employment, importShares: m, competitive, domestic,
  };
}

/**
 * Hand the memory of a model's solvers on to the next model (LinearSolver.dispose: the
 * mixed-precision solvers keep about 12n² bytes each; fresh memory costs a page fault per 4 KB
 * on first touch). The model must not be used afterwards. Solvers without dispose are left alone.
 */
export function disposeModel(model: IOModel): void {
  model.competitive.solver.dispose?.();
  model.domestic?.solver.dispose?.();
}
