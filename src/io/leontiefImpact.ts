// Impacts of a final-demand shock by sector: output, value added, income, jobs; direct, indirect, induced.
import type { IOModel } from './ioModel.ts';
import { dot } from './dot.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { noDomesticModel, typeIINeedsHouseholds } from './ioFaults.ts';

/** One effect by sector, split into its parts; total = direct + indirect + induced. */
export interface EffectBySector {
  direct: Float64Array;
  indirect: Float64Array;
  /** Household-spending effect; zeros for Type I. */
  induced: Float64Array;
  total: Float64Array;
}

export interface ImpactTotals {
  direct: number;
  indirect: number;
  induced: number;
  total: number;
}

export interface Impact {
  type: 'I' | 'II';
  system: 'competitive' | 'domestic';
  /** The demand met by the model's output: f (competitive) or (I − M̂)f (domestic). */
  demand: Float64Array;
  /** Demand met by imports directly: M̂f (domestic), zeros (competitive). */
  importedDemand: Float64Array;
  output: EffectBySector;
  valueAdded: EffectBySector | null;
  income: EffectBySector | null;
  jobs: EffectBySector | null;
  totals: { output: ImpactTotals; valueAdded: ImpactTotals | null; income: ImpactTotals | null; jobs: ImpactTotals | null };
}

/**
 * Output effects (Miller & Blair 2009, §2.5, §6.2; the IMPLAN/RIMS II split):
 *   direct   = f_d                         (f_d = f, or (I − M̂)f in the domestic model)
 *   indirect = L·f_d − f_d                 (L = (I − A)⁻¹, one solve)
 *   induced  = x_II − L·f_d  (Type II)     x_II = L·f_d + κ·L·h, κ = w·L·f_d / (1 − w·L·h)
 * (κ is the household income generated, the bordered solution of the closed model). Value
 * added, income and jobs apply v, w, e to each part. Demand is in the table's unit by sector.
 * Failures (Error naming the model source): demand of the wrong length, non-finite entries;
 * `domestic` without imports; Type II without households; value added, income or jobs are null
 * (not zero) when the model lacks v, w or e.
 * Example: Miller–Blair, f = [100, 0], Type I → output direct [100, 0], indirect [25.41, 26.40].
 */
export function leontiefImpact(model: IOModel, demand: Float64Array, options: { type: 'I' | 'II'; domestic: boolean }): Impact {
  const { n, source } = model;
  if (demand.length !== n) throw new LocalizedError({ zh: `${source}：最终需求的长度为 ${demand.length}，应为 ${n}`, en: `${source}: demand has length ${demand.length}, expected ${n}` });
  demand.forEach((v, i) => { if (!Number.isFinite(v)) throw new LocalizedError({ zh: `${source}：部门 ${model.codes[i]} 的最终需求为 ${v}`, en: `${source}: demand for sector ${model.codes[i]} is ${v}` }); });
  const sys = options.domestic ? model.domestic : model.competitive;
  if (!sys) throw noDomesticModel(source);
  const m = options.domestic ? model.importShares! : null;
  const fd = m ? demand.map((v, i) => (1 - m[i]) * v) : Float64Array.from(demand);
  const importedDemand = m ? demand.map((v, i) => m[i] * v) : new Float64Array(n);
  const x1 = sys.solver.solve([fd])[0];
  let x2 = x1;
  if (options.type === 'II') {
    if (!sys.households || !model.income) throw typeIINeedsHouseholds(source);
    const Lh = sys.solver.solve([sys.households])[0];
    const w = model.income;
    const wLh = dot(w, Lh);
    if (!(wLh < 1)) throw new LocalizedError({ zh: `${source}：无法将居民部门内生化：w·(I − A)⁻¹h = ${wLh} ≥ 1`, en: `${source}: households cannot be closed: w·(I − A)⁻¹h = ${wLh} ≥ 1` });
    const kappa = dot(w, x1) / (1 - wLh);
    x2 = x1.map((v, i) => v + kappa * Lh[i]);
  } else if (options.type !== 'I') throw new LocalizedError({ zh: `乘数类型 ${String(options.type)} 无效（应为 'I' 或 'II'）`, en: `invalid type: ${String(options.type)} (use 'I' or 'II')` });
  const effect = (c: Float64Array | null): EffectBySector | null => {
    if (!c) return null;
    const direct = fd.map((v, i) => c[i] * v);
    const indirect = x1.map((v, i) => c[i] * (v - fd[i]));
    const induced = x2.map((v, i) => c[i] * (v - x1[i]));
    return { direct, indirect, induced, total: direct.map((v, i) => v + indirect[i] + induced[i]) };
  };
  const output = effect(new Float64Array(n).fill(1))!;
  const valueAdded = effect(model.valueAdded);
  const income = effect(model.income);
  const jobs = effect(model.employment);
  return {
    type: options.type, system: options.domestic ? 'domestic' : 'competitive', demand: fd, importedDemand,
    output, valueAdded, income, jobs,
    totals: { output: totals(output)!, valueAdded: totals(valueAdded), income: totals(income), jobs: totals(jobs) },
  };
}

function totals(e: EffectBySector | null): ImpactTotals | null {
  if (!e) return null;
  const sum = (v: Float64Array): number => v.reduce((s, x) => s + x, 0);
  return { direct: sum(e.direct), indirect: sum(e.indirect), induced: sum(e.induced), total: sum(e.total) };
}
