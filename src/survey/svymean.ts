// svymean: weighted means and, for category columns, proportions.
import type { Design, SvyStat } from './types.ts';
import { type EstimatorOptions, makeStat, prepare, replicateVariance, svyvarDiag, sumWeights, nUsed } from './core.ts';
import { svyrecvar } from './svyrecvar.ts';

/**
 * Weighted mean ȳ = Σ w_i y_i / Σ w_i (a category column gives the proportion in each level),
 * as R's `svymean(~x, design)`. Linearization influence w_i (y_i − ȳ)/Σw; replicate designs
 * recompute the ratio per replicate. deff = V / (s² (N − n)/(N n)) (R: deff = TRUE).
 *
 * Fails on unknown columns and on missing values unless naRm.
 * Example (apistrat): svymean('api00', d) → 662.2874, se 9.4089 (R survey 4.1).
 */
export function svymean(x: string | readonly string[], design: Design, options?: EstimatorOptions): SvyStat {
  const vars = typeof x === 'string' ? [x] : x;
  const { X, names, design: d } = prepare(design, vars, options, 'svymean');
  const w = d.weights, p = X.length;
  let estimate: Float64Array, variance: Float64Array;
  if (d.kind === 'linearization') {
    const W = sumWeights(d);
    estimate = Float64Array.from(X, (c) => { let s = 0; for (let i = 0; i < d.n; i++) s += (c[i] * w[i]) / W; return s; });
    variance = svyrecvar(d, X.map((c, k) => { const z = new Float64Array(d.n); for (let i = 0; i < d.n; i++) z[i] = ((c[i] - estimate[k]) * w[i]) / W; return z; }));
  } else {
    const ones = new Float64Array(d.n).fill(1);
    ({ estimate, variance } = replicateVariance(d, [...X, ones], (t) => Float64Array.from({ length: p }, (_, k) => t[k] / t[p])));
  }
  const N = sumWeights(d), n = nUsed(d), s2 = svyvarDiag(d, X);
  const deff = N < n ? null : Float64Array.from(s2, (s, k) => variance[k * p + k] / ((s * (N - n)) / (N * n)));
  return makeStat('mean', names, estimate, variance, d, deff, `svymean(${vars.join('+')})`);
}
