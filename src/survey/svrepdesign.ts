// svrepdesign: a design from replicate weights supplied in the data.
import type { Columns, ReplicateDesign, ReplicateType } from './types.ts';
import { numericColumn, rowCount } from './columns.ts';
import { columnRank } from './linalg.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { RowError } from './rowError.ts';

export interface SvrepdesignOptions {
  readonly data: Columns;
  /** Full-sample weight column. */
  readonly weights: string;
  /** Replicate weight columns, in order. */
  readonly repweights: readonly string[];
  readonly type: ReplicateType;
  /** Replicate columns already include the sampling weight (R: combined.weights, default TRUE). */
  readonly combinedWeights?: boolean;
  /** Overall multiplier; required for JK1 ((R−1)/R for delete-one) and 'other'. */
  readonly scale?: number;
  /** Per-replicate multipliers; required for JKn and 'other'. */
  readonly rscales?: readonly number[];
  /** Fay's ρ (Fay only; required). */
  readonly rho?: number;
  readonly mse?: boolean;
}

/**
 * Declare a replicate-weight design, as R's `svrepdesign(weights, repweights, type, ...)`.
 * Default scales as R: BRR 1/R; Fay 1/(R(1−ρ)²); bootstrap 1/(R−1). Where R guesses (JK1 scale,
 * JKn rscales) spillover requires them. df = rank of the replicate weights − 1 (R: degf).
 * Fails: missing or non-positive weights, missing replicate weights, unknown columns, Fay without
 * ρ, JK1 without scale, JKn/other without rscales, rscales of the wrong length.
 * Example: scd with 4 BRR replicates, svyratio('alive', 'arrests') → 0.1535, se 0.00942 (R's ?svrepdesign).
 */
export function svrepdesign(options: SvrepdesignOptions): ReplicateDesign {
  const { data, type } = options;
  const n = rowCount(data, 'svrepdesign');
  const pw = numericColumn(data, options.weights, 'svrepdesign weights');
  for (let i = 0; i < n; i++) {
    if (!(pw[i] > 0) || !Number.isFinite(pw[i])) throw new RowError(i, (p) => ({ zh: `svrepdesign：权重列 '${options.weights}' ${p.zh}为 ${pw[i]}（权重应为有限值且 > 0）`, en: `svrepdesign: weights column '${options.weights}' ${p.en} is ${pw[i]} (weights must be finite and > 0)` }));
  }
  if (options.repweights.length === 0) throw new LocalizedError({ zh: `svrepdesign：repweights 没有给出任何列`, en: 'svrepdesign: repweights names no columns' });
  const combined = options.combinedWeights ?? true;
  const R = options.repweights.length;
  const reps = options.repweights.map((name) => {
    const c = numericColumn(data, name, 'svrepdesign repweights');
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(c[i])) throw new RowError(i, (p) => ({ zh: `svrepdesign：重复权重列 '${name}' ${p.zh}为 ${c[i]}`, en: `svrepdesign: repweights column '${name}' ${p.en} is ${c[i]}` }));
      out[i] = combined ? c[i] : c[i] * pw[i];
    }
    return out;
  });
  let scale: number;
  let rscales = new Float64Array(R).fill(1);
  let rho: number | null = null;
  switch (type) {
    case 'BRR': scale = options.scale ?? 1 / R; break;
    case 'Fay':
      if (options.rho === undefined || !(options.rho > 0 && options.rho < 1)) throw new LocalizedError({ zh: `svrepdesign：type 'Fay' 需要 (0, 1) 内的 rho，实为 ${options.rho}`, en: `svrepdesign: type 'Fay' needs rho in (0, 1), got ${options.rho}` });
      rho = options.rho;
      scale = options.scale ?? 1 / (R * (1 - rho) ** 2);
      break;
    case 'bootstrap': scale = options.scale ?? 1 / (R - 1); break;
    case 'JK1':
      if (options.scale === undefined) throw new LocalizedError({ zh: `svrepdesign：type 'JK1' 需要 scale（R = ${R} 个 PSU 的删一刀切法为 (R−1)/R = ${(R - 1) / R}）`, en: `svrepdesign: type 'JK1' needs scale ((R−1)/R = ${(R - 1) / R} for delete-one jackknife with R = ${R} PSUs)` });
      scale = options.scale; break;
    case 'JKn':
      if (options.rscales === undefined) throw new LocalizedError({ zh: `svrepdesign：type 'JKn' 需要 rscales（每个重复样本为 (n_h−1)/n_h）`, en: "svrepdesign: type 'JKn' needs rscales ((n_h−1)/n_h for each replicate)" });
      scale = options.scale ?? 1; break;
    case 'other':
      if (options.scale === undefined || options.rscales === undefined) throw new LocalizedError({ zh: `svrepdesign：type 'other' 需要 scale 和 rscales`, en: "svrepdesign: type 'other' needs scale and rscales" });
      scale = options.scale; break;
    default: throw new LocalizedError({ zh: `svrepdesign：无效的 type：${String(type)}`, en: `svrepdesign: invalid type: ${String(type)}` });
  }
  if (options.rscales !== undefined) {
    if (options.rscales.length !== R) throw new LocalizedError({ zh: `svrepdesign：rscales 的长度为 ${options.rscales.length}，应为 ${R}（重复权重列的个数）`, en: `svrepdesign: rscales has length ${options.rscales.length}, should be ${R} (number of replicate columns)` });
    rscales = Float64Array.from(options.rscales);
  }
  const df = columnRank(reps) - 1;
  return {
    kind: 'replicate', data, n, weights: Float64Array.from(pw), type,
    repweights: { mode: 'full', weights: reps }, replicates: R, scale, rscales, mse: options.mse ?? false, rho, df,
    label: `svrepdesign(weights=${options.weights}, ${R} replicates, type=${type})`,
  };
}
