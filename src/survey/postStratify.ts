// postStratify: weights adjusted to known population counts of post-strata.
import type { Design } from './types.ts';
import { factorCodes, getColumn, interactionCodes } from './columns.ts';
import { poststratifyDesign } from './reweight.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { RowError } from './rowError.ts';

export interface PostStratifyOptions {
  /** Ignore population cells absent from the sample (R: partial = TRUE). Default false: error. */
  readonly partial?: boolean;
}

/**
 * Post-stratification, as R's `postStratify(design, ~g, population)`: within each cell g of the
 * post-stratifying variables, w_i ← w_i · N_g / N̂_g. `population` maps each cell label to N_g
 * (several variables: labels joined with '.', as R's interaction, e.g. 'E.Yes').
 * Linearization variance uses residuals from post-stratum means (Lumley 2010 §7.2); replicate
 * designs post-stratify every replicate. Fails: missing post-stratum values, sample cells absent
 * from the population, population cells absent from the sample (unless partial), N_g ≤ 0 for a
 * sampled cell. Example (apiclus1, population E 4421, H 755, M 1018): svytotal('enroll') →
 * 3680893 (se 406293).
 */
export function postStratify<D extends Design>(design: D, strata: string | readonly string[], population: Readonly<Record<string, number>>, options?: PostStratifyOptions): D {
  const { index, labels } = cells(design, typeof strata === 'string' ? [strata] : strata, 'postStratify');
  return poststratifyDesign(design, index, populationVector(design, index, labels, population, options?.partial ?? false, 'postStratify'));
}

/** Cell index of every row and the cell labels. Missing values are errors. */
export function cells(design: Design, vars: readonly string[], where: string): { index: Int32Array; labels: string[] } {
  if (vars.length === 0) throw new LocalizedError({ zh: `${where}：没有事后分层变量`, en: `${where}: no post-stratifying variables` });
  const factors = vars.map((v) => {
    const f = factorCodes(getColumn(design.data, v, where));
    const bad = f.codes.indexOf(-1);
    if (bad >= 0) throw new RowError(bad, (p) => ({ zh: `${where}：列 '${v}' ${p.zh}缺失`, en: `${where}: column '${v}' is missing at ${p.en}` }));
    return f;
  });
  const { codes, count } = interactionCodes(factors.map((f) => f.codes), design.n);
  const labels = new Array<string>(count);
  for (let i = 0; i < design.n; i++) if (labels[codes[i]] === undefined) labels[codes[i]] = factors.map((f) => f.levels[f.codes[i]]).join('.');
  return { index: codes, labels };
}

/** N_g for every sampled cell, checked against the sample as R checks it. */
export function populationVector(design: Design, index: Int32Array, labels: readonly string[], population: Readonly<Record<string, number>>, partial: boolean, where: string): Float64Array {
  const sampled = new Float64Array(labels.length);
  for (let i = 0; i < design.n; i++) sampled[index[i]] += design.weights[i];
  const N = new Float64Array(labels.length);
  labels.forEach((lab, g) => {
    const v = population[lab];
    if (sampled[g] === 0) { N[g] = v ?? 0; return; }
    if (v === undefined || v === 0) throw new LocalizedError({ zh: `${where}：事后分层 '${lab}' 在样本中，却不在总体中（总体有 ${Object.keys(population).join(', ')}）`, en: `${where}: post-stratum '${lab}' is in the sample but not in the population (population has ${Object.keys(population).join(', ')})` });
    if (!(v > 0) || !Number.isFinite(v)) throw new LocalizedError({ zh: `${where}：'${lab}' 的总体数为 ${v}（应 > 0）`, en: `${where}: population count for '${lab}' is ${v} (must be > 0)` });
    N[g] = v;
  });
  for (const [lab, v] of Object.entries(population)) {
    const g = labels.indexOf(lab);
    if (v > 0 && (g < 0 || sampled[g] === 0) && !partial) throw new LocalizedError({ zh: `${where}：总体格 '${lab}'（N = ${v}）没有样本；设置 partial: true 可忽略它`, en: `${where}: population cell '${lab}' (N = ${v}) has no sample; pass partial: true to ignore it` });
  }
  return N;
}
