// svyciprop: confidence intervals for a proportion that stay inside [0, 1].
import type { Design, SvyStat } from './types.ts';
import { type EstimatorOptions, degf, nUsed, prepare, replicateVariance, sumWeights } from './core.ts';
import { svymean } from './svymean.ts';
import { qbeta, qnorm, qt } from './distributions.ts';
import { profileLikelihoodCi } from './profileLikelihoodCi.ts';
import { LocalizedError, internalError } from '../locale/errorText.ts';
import { RowError } from './rowError.ts';

/** Interval methods of svyciprop, as R names them ('beta' is the Korn–Graubard interval). */
export const CIPROP_METHODS = ['logit', 'likelihood', 'asin', 'beta', 'mean', 'xlogit'] as const;
export type CipropMethod = (typeof CIPROP_METHODS)[number];

export interface SvycipropOptions extends EstimatorOptions {
  /**
   * 'logit' (default, as R): Wald interval on the logit scale; 'xlogit' (same interval via the
   * delta method); 'likelihood': design-scaled profile likelihood; 'beta': Korn–Graubard
   * (Clopper–Pearson with the effective sample size); 'asin': arcsine square root scale;
   * 'mean': plain Wald (the only one that can leave [0, 1]).
   */
  readonly method?: CipropMethod;
  readonly level?: number;
  /** Degrees of freedom; default the design df of the whole design, as R's df = degf(design). */
  readonly df?: number;
}

const expit = (u: number): number => 1 / (1 + Math.exp(-u));

/**
 * Proportion p̂ = svymean of a 0/1 column with an interval as R's `svyciprop(~y, design, method)`
 * (Korn & Graubard 1998; Lumley 2010 §2.3.1): with se the linearization or replicate SE of p̂ and
 * q = t_{df,(1+level)/2},
 *   logit / xlogit: expit(logit p̂ ± q·se/(p̂(1−p̂))); replicate designs with 'logit' use the
 *                   replicate SE of logit p̂ (R refits the model per replicate)
 *   asin:           sin²(asin √p̂ ± q·se/(2√(p̂(1−p̂))))
 *   mean:           p̂ ± q·se
 *   beta:           Korn & Graubard (1998): n* = p̂(1−p̂)/se² · (t_{n−1,α/2}/t_{df,α/2})², n = rows
 *                   of the design, df = its design df (R ignores `df` here); interval
 *                   [B⁻¹(α/2; n*p̂, n*(1−p̂)+1), B⁻¹(1−α/2; n*p̂+1, n*(1−p̂))] (B: beta quantile)
 *   likelihood:     profile of the quasi-binomial deviance scaled by the design effect (see
 *                   profileLikelihoodCi); linearization designs only
 * The result carries the interval (confint returns it). p̂ = 0 or 1 gives a NaN interval for the
 * transformed methods. Fails on a non-numeric column and values outside [0, 1].
 * Example (apistrat, share of schools meeting the school-wide target): 0.8279, logit 95% [0.7745, 0.8708].
 */
export function svyciprop(x: string, design: Design, options?: SvycipropOptions): SvyStat {
  const method = options?.method ?? 'logit';
  if (!(CIPROP_METHODS as readonly string[]).includes(method)) throw new LocalizedError({ zh: `svyciprop：无效的方法：${String(method)}（${CIPROP_METHODS.join('、')}）`, en: `svyciprop: invalid method: ${String(method)} (${CIPROP_METHODS.join(', ')})` });
  const level = options?.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new LocalizedError({ zh: `svyciprop：无效的置信水平：${level}`, en: `svyciprop: invalid level: ${level}` });
  const col = design.data[x];
  if (!(col instanceof Float64Array)) throw new LocalizedError({ zh: `svyciprop：列 '${x}' ${col === undefined ? '不在数据中' : '不是数值列（请用 0/1 列）'}`, en: `svyciprop: column '${x}' is ${col === undefined ? 'not in data' : 'not numeric (use a 0/1 column)'}` });
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (design.weights[i] !== 0 && !Number.isNaN(v) && (v < 0 || v > 1)) throw new RowError(i, (p) => ({ zh: `svyciprop：列 '${x}' ${p.zh}为 ${v}（比例需要 [0, 1] 内的值）`, en: `svyciprop: column '${x}' ${p.en} is ${v} (a proportion needs values in [0, 1])` }));
  }
  const df = options?.df ?? degf(design);
  const m = svymean(x, design, options);
  const p = m.estimate[0], se = m.se[0];
  const q = df === Infinity ? qnorm((1 + level) / 2) : qt((1 + level) / 2, df);
  let lower: number, upper: number;
  if (method === 'mean') { lower = p - q * se; upper = p + q * se; }
  else if (method === 'beta') {
    const a = (1 - level) / 2;
    const nEff = ((p * (1 - p)) / (se * se)) * (qt(a, nUsed(design) - 1) / qt(a, degf(design))) ** 2;
    lower = p === 0 ? 0 : qbeta(a, nEff * p, nEff * (1 - p) + 1);
    upper = p === 1 ? 1 : qbeta(1 - a, nEff * p + 1, nEff * (1 - p));
  } else if (method === 'likelihood') {
    if (design.kind !== 'linearization') throw new LocalizedError({ zh: `svyciprop：方法 'likelihood' 需要线性化设计（svydesign）`, en: "svyciprop: method 'likelihood' needs a linearization design (svydesign)" });
    const { X, design: d } = prepare(design, [x], options, 'svyciprop');
    const meanWeight = sumWeights(design) / nUsed(design);
    [lower, upper] = profileLikelihoodCi({ y: X[0], w: d.weights, seLogit: se / (p * (1 - p)), df, level, meanWeight });
  }
  else if (method === 'asin') {
    const c = Math.asin(Math.sqrt(p)), h = (q * se) / (2 * Math.sqrt(p * (1 - p)));
    lower = Math.sin(c - h) ** 2; upper = Math.sin(c + h) ** 2;
  } else {
    const c = Math.log(p / (1 - p));
    let seLogit = se / (p * (1 - p));
    if (method === 'logit' && design.kind === 'replicate') {
      // R fits the logistic model to every replicate: the SE of logit p̂ comes from the replicates.
      const { X, design: d } = prepare(design, [x], options, 'svyciprop');
      if (d.kind !== 'replicate') throw internalError('svyciprop: internal: replicate design expected');
      const ones = new Float64Array(d.n).fill(1);
      seLogit = Math.sqrt(replicateVariance(d, [X[0], ones], (t) => Float64Array.of(Math.log(t[0] / t[1] / (1 - t[0] / t[1])))).variance[0]);
    }
    const h = q * seLogit;
    lower = expit(c - h); upper = expit(c + h);
  }
  return { ...m, df, label: `svyciprop(${x}, method=${method})`, interval: { level, lower: Float64Array.of(lower), upper: Float64Array.of(upper) } };
}
