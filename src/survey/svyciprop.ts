// svyciprop: confidence intervals for a proportion that stay inside [0, 1].
import type { Design, SvyStat } from './types.ts';
import { type EstimatorOptions, degf, prepare, replicateVariance } from './core.ts';
import { svymean } from './svymean.ts';
import { qnorm, qt } from './distributions.ts';

export interface SvycipropOptions extends EstimatorOptions {
  /** 'logit' (default, as R): Wald interval on the logit scale; 'xlogit' (same interval via the delta method); 'asin': arcsine square root scale; 'mean': plain Wald. */
  readonly method?: 'logit' | 'xlogit' | 'asin' | 'mean';
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
 * The result carries the interval (confint returns it). p̂ = 0 or 1 gives a NaN interval for the
 * transformed methods. Fails on a non-numeric column and values outside [0, 1].
 * Example (apistrat, share of schools meeting the school-wide target): 0.8279, logit 95% [0.7745, 0.8708].
 */
export function svyciprop(x: string, design: Design, options?: SvycipropOptions): SvyStat {
  const method = options?.method ?? 'logit';
  if (!['logit', 'xlogit', 'asin', 'mean'].includes(method)) throw new Error(`svyciprop: invalid method: ${String(method)} (logit, xlogit, asin or mean)`);
  const level = options?.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`svyciprop: invalid level: ${level}`);
  const col = design.data[x];
  if (!(col instanceof Float64Array)) throw new Error(`svyciprop: column '${x}' is ${col === undefined ? 'not in data' : 'not numeric (use a 0/1 column)'}`);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (design.weights[i] !== 0 && !Number.isNaN(v) && (v < 0 || v > 1)) throw new Error(`svyciprop: column '${x}' row ${i + 1} is ${v} (a proportion needs values in [0, 1])`);
  }
  const df = options?.df ?? degf(design);
  const m = svymean(x, design, options);
  const p = m.estimate[0], se = m.se[0];
  const q = df === Infinity ? qnorm((1 + level) / 2) : qt((1 + level) / 2, df);
  let lower: number, upper: number;
  if (method === 'mean') { lower = p - q * se; upper = p + q * se; }
  else if (method === 'asin') {
    const c = Math.asin(Math.sqrt(p)), h = (q * se) / (2 * Math.sqrt(p * (1 - p)));
    lower = Math.sin(c - h) ** 2; upper = Math.sin(c + h) ** 2;
  } else {
    const c = Math.log(p / (1 - p));
    let seLogit = se / (p * (1 - p));
    if (method === 'logit' && design.kind === 'replicate') {
      // R fits the logistic model to every replicate: the SE of logit p̂ comes from the replicates.
      const { X, design: d } = prepare(design, [x], options, 'svyciprop');
      if (d.kind !== 'replicate') throw new Error('svyciprop: internal: replicate design expected');
      const ones = new Float64Array(d.n).fill(1);
      seLogit = Math.sqrt(replicateVariance(d, [X[0], ones], (t) => Float64Array.of(Math.log(t[0] / t[1] / (1 - t[0] / t[1])))).variance[0]);
    }
    const h = q * seLogit;
    lower = expit(c - h); upper = expit(c + h);
  }
  return { ...m, df, label: `svyciprop(${x}, method=${method})`, interval: { level, lower: Float64Array.of(lower), upper: Float64Array.of(upper) } };
}
