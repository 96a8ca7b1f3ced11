// nonresponseAdjust: weighting-class adjustment for unit nonresponse.
import type { Column, Columns, Design, Stage } from './types.ts';
import { numericColumn } from './columns.ts';
import { cells } from './postStratify.ts';
import { fullRepweights } from './reweight.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { RowError } from './rowError.ts';

export interface NonresponseOptions {
  /** Response indicator column: 1 = responded, 0 = did not. */
  readonly respond: string;
  /** Weighting-class column(s). */
  readonly classes: string | readonly string[];
}

/**
 * Weighting-class nonresponse adjustment (Kalton & Flores-Cervantes 2003, §2): in class c,
 * respondents' weights are multiplied by Σ_{i∈c} w_i / Σ_{i∈c, responded} w_i and nonrespondents
 * leave the design. The result is the design of the respondents (sample counts per stratum
 * recomputed, fpc kept), i.e. what R gives for svydesign(..., weights = adjusted weights) on the
 * respondents: the adjustment factors are treated as fixed. Replicate designs adjust every
 * replicate with its own factors. Fails: missing or non-0/1 response values, a class without
 * respondents, designs already calibrated or subset (apply the adjustment first).
 * Example: apistrat, 3 of every 4 schools respond, classes stype → svymean('api00') 666.80 (se 10.96).
 */
export function nonresponseAdjust<D extends Design>(design: D, options: NonresponseOptions): D {
  const r = numericColumn(design.data, options.respond, 'nonresponseAdjust respond');
  for (let i = 0; i < design.n; i++) {
    if (r[i] !== 0 && r[i] !== 1) throw new RowError(i, (p) => ({ zh: `nonresponseAdjust：应答列 '${options.respond}' ${p.zh}为 ${r[i]}（应为 0 或 1）`, en: `nonresponseAdjust: respond column '${options.respond}' ${p.en} is ${r[i]} (must be 0 or 1)` }));
    if (design.weights[i] === 0) throw new LocalizedError({ zh: `nonresponseAdjust：设计中有权重为 0 的行（子集）；请先做无回答调整，再取子集`, en: 'nonresponseAdjust: the design has rows of weight 0 (a subset); adjust for nonresponse before taking subsets' });
  }
  if (design.kind === 'linearization' && design.adjustments.length > 0) throw new LocalizedError({ zh: `nonresponseAdjust：设计已经校准；请先做无回答调整，再校准`, en: 'nonresponseAdjust: the design is already calibrated; adjust for nonresponse before calibration' });
  const { index, labels } = cells(design, typeof options.classes === 'string' ? [options.classes] : options.classes, 'nonresponseAdjust');
  const keep: number[] = [];
  for (let i = 0; i < design.n; i++) if (r[i] === 1) keep.push(i);
  const adjust = (w: Float64Array): Float64Array => {
    const all = new Float64Array(labels.length), resp = new Float64Array(labels.length);
    for (let i = 0; i < w.length; i++) { all[index[i]] += w[i]; if (r[i] === 1) resp[index[i]] += w[i]; }
    return Float64Array.from(keep, (i) => {
      if (resp[index[i]] === 0) throw new LocalizedError({ zh: `nonresponseAdjust：类别 '${labels[index[i]]}' 没有应答者；请把它与另一类合并`, en: `nonresponseAdjust: class '${labels[index[i]]}' has no respondents; merge it with another class` });
      return w[i] * (all[index[i]] / resp[index[i]]);
    });
  };
  for (let c = 0; c < labels.length; c++) if (!keep.some((i) => index[i] === c)) throw new LocalizedError({ zh: `nonresponseAdjust：类别 '${labels[c]}' 没有应答者；请把它与另一类合并`, en: `nonresponseAdjust: class '${labels[c]}' has no respondents; merge it with another class` });
  const data: Record<string, Column> = {};
  for (const [k, col] of Object.entries(design.data)) data[k] = col instanceof Float64Array ? Float64Array.from(keep, (i) => col[i]) : keep.map((i) => col[i]);
  const weights = adjust(design.weights);
  const label = `nonresponseAdjust(${design.label}, classes=${[options.classes].flat().join('+')})`;
  if (design.kind === 'linearization') {
    const stages: Stage[] = design.stages.map((s) => {
      const cluster = Int32Array.from(keep, (i) => s.cluster[i]);
      const strata = Int32Array.from(keep, (i) => s.strata[i]);
      const per = new Map<number, Set<number>>();
      keep.forEach((_, k) => { let set = per.get(strata[k]); if (!set) per.set(strata[k], (set = new Set())); set.add(cluster[k]); });
      return { cluster, strata, nPSU: Float64Array.from(strata, (h) => per.get(h)!.size), popsize: s.popsize ? Float64Array.from(keep, (i) => s.popsize![i]) : null, clusterCount: s.clusterCount, strataCount: s.strataCount };
    });
    return { ...design, data: data as Columns, n: keep.length, weights, stages, label };
  }
  const reps = fullRepweights(design).map(adjust);
  return { ...design, data: data as Columns, n: keep.length, weights, repweights: { mode: 'full', weights: reps }, label };
}
