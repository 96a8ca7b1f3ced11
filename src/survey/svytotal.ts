// svytotal: Horvitz–Thompson totals.
import type { Design, SvyStat } from './types.ts';
import { type EstimatorOptions, makeStat, prepare, replicateVariance, svyvarDiag, sumWeights, nUsed } from './core.ts';
import { svyrecvar } from './svyrecvar.ts';

/**
 * Horvitz–Thompson total Ŷ = Σ_i w_i y_i of each variable (a category column gives one count per
 * level), as R's `svytotal(~x, design)`. Variance: linearization with influence w_i y_i (svyrecvar)
 * or replicates (svrVar). deff = V / (s² N² (1 − n/N)/n) with N = Σw (R: deff = TRUE).
 *
 * Fails on unknown columns and on missing values unless naRm (R: na.rm).
 * Example (apisrs, fpc): svytotal(['enroll'], d) → estimate 3621074, se 169362.0 (R survey 4.1).
 */
export function svytotal(x: string | readonly string[], design: Design, options?: EstimatorOptions): SvyStat {
  const vars = typeof x === 'string' ? [x] : x;
  const { X, names, design: d } = prepare(design, vars, options, 'svytotal');
  const w = d.weights;
  let estimate: Float64Array, variance: Float64Array;
  if (d.kind === 'linearization') {
    estimate = Float64Array.from(X, (c) => { let s = 0; for (let i = 0; i < d.n; i++) s += w[i] * c[i]; return s; });
    variance = svyrecvar(d, X.map((c) => { const z = new Float64Array(d.n); for (let i = 0; i < d.n; i++) z[i] = w[i] * c[i]; return z; }));
  } else {
    ({ estimate, variance } = replicateVariance(d, X, (t) => t));
  }
  const N = sumWeights(d), n = nUsed(d), s2 = svyvarDiag(d, X), p = X.length;
  const deff = Float64Array.from(s2, (s, k) => variance[k * p + k] / ((s * N * N * (N - n)) / (N * n)));
  return makeStat('total', names, estimate, variance, d, deff, `svytotal(${vars.join('+')})`);
}
