// Type I and Type II multipliers of output, value added, income and employment, without inverting.
import type { IOModel } from './ioModel.ts';
import type { LeontiefSystem } from './leontiefSystem.ts';
import { dot } from './dot.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { noDomesticModel, typeIINeedsHouseholds } from './ioFaults.ts';

/** Type I (open model) and Type II (households endogenous) multipliers by sector. */
export interface MultiplierPair {
  typeI: Float64Array;
  /** null unless households were requested. */
  typeII: Float64Array | null;
}

export interface Multipliers {
  system: 'competitive' | 'domestic';
  /** Column sums of B = L − I (完全消耗系数): induced intermediate output per unit final demand. */
  totalRequirementColSum: Float64Array;
  /** 1ᵀL (Type I); Type II sums the n sector rows of L̄ (household row excluded). */
  output: MultiplierPair;
  /** vᵀL: value added per unit final demand; ≡ 1 in a competitive-import table, < 1 domestic. */
  valueAdded: MultiplierPair | null;
  /** wᵀL: compensation of employees per unit final demand (Type II: row n+1 of L̄). */
  income: MultiplierPair | null;
  /** eᵀL: persons employed per unit final demand. */
  employment: MultiplierPair | null;
  /** 影响力系数: column sum of L over the mean column sum. */
  influence: Float64Array;
  /** 感应度系数: row sum of L over the mean row sum. */
  sensitivity: Float64Array;
}

/**
 * For a coefficient row vector c (1, v, w or e), the Type I multipliers cᵀL are y = (I − A)⁻ᵀc:
 * transposed solves, all in one call (one pass over the factors), no inverse (Miller & Blair 2009, §6.2).
 * Type II closes the model with households (§2.5, §6.2.2): Ā = [[A, h], [wᵀ, 0]]. With u = (I − A)⁻ᵀw,
 * bordering gives (I − Ā)⁻ᵀ[c; 0] = y + η·u with η = h·y / (1 − h·u), and the income row
 * u / (1 − h·u), so Type II costs no further factorization.
 * Influence F_j = n·(1ᵀL)_j / Σ 1ᵀL and sensitivity E_i = n·(L1)_i / Σ L1 (NBS 投入产出表编制方法).
 * Failures (Error naming the model source): `domestic` for a model without imports; `households`
 * without household columns or compensation; 1 − h·u ≤ 0 (the closed model is not productive).
 * Example: Miller–Blair → output Type I [1.518152, 1.452145]; influence [1.022222, 0.977778].
 */
export function multipliers(model: IOModel, options: { domestic: boolean; households: boolean }): Multipliers {
  const sys: LeontiefSystem | null = options.domestic ? model.domestic : model.competitive;
  const name = options.domestic ? 'domestic' : 'competitive';
  if (!sys) throw noDomesticModel(model.source);
  const { n } = model;
  const rows = [new Float64Array(n).fill(1), model.income, model.valueAdded, model.employment];
  const solved = sys.solver.solveTransposed(rows.filter((r): r is Float64Array => r !== null));
  const [outI, incomeI, valueAddedI, employmentI] = rows.map((r) => (r ? solved.shift()! : null)) as [Float64Array, Float64Array | null, Float64Array | null, Float64Array | null];
  let typeII: ((y: Float64Array) => Float64Array) | null = null;
  let incomeII: Float64Array | null = null;
  if (options.households) {
    if (!sys.households || !incomeI) throw typeIINeedsHouseholds(model.source);
    const h = sys.households;
    const u = incomeI;
    const hu = dot(h, u);
    if (!(hu < 1)) throw new LocalizedError({ zh: `${model.source}：无法将居民部门内生化：h·(I − A)⁻ᵀw = ${hu} ≥ 1`, en: `${model.source}: households cannot be closed: h·(I − A)⁻ᵀw = ${hu} ≥ 1` });
    typeII = (y) => {
      const eta = dot(h, y) / (1 - hu);
      return y.map((v, j) => v + eta * u[j]);
    };
    incomeII = u.map((v) => v / (1 - hu));
  }
  const pair = (typeI: Float64Array): MultiplierPair => ({ typeI, typeII: typeII ? typeII(typeI) : null });
  const outSum = outI.reduce((s, v) => s + v, 0);
  const rowSum = sys.rowSums.reduce((s, v) => s + v, 0);
  return {
    system: name,
    totalRequirementColSum: outI.map((v) => v - 1),
    output: pair(outI),
    valueAdded: valueAddedI ? pair(valueAddedI) : null,
    income: incomeI ? { typeI: incomeI, typeII: incomeII } : null,
    employment: employmentI ? pair(employmentI) : null,
    influence: outI.map((v) => (n * v) / outSum),
    sensitivity: sys.rowSums.map((v) => (n * v) / rowSum),
  };
}
