// svytotal: Horvitz–Thompson totals.
import type { Design, SvyStat } from './types.ts';
import { type EstimatorOptions, makeStat, prepare, replicateVariance, summary, weightedVariance } from './core.ts';
import { clusterTotals, svyrecvar, svyrecvarTotals, usesClusterTotals } from './svyrecvar.ts';

/**
 * Horvitz–Thompson total Ŷ = Σ_i w_i y_i of each variable (a category column gives one count per
 * level), as R's `svytotal(~x, design)`. Variance: linearization with influence w_i y_i (svyrecvar)
 * or replicates (svrVar). deff = V / (s² N² (1 − n/N)/n) with N = Σw (R: deff = TRUE).
 *
 * Fails on unknown columns and on missing values unless naRm (R: na.rm).
 * Example (apisrs, fpc): svytotal(['enroll'], d) → estimate 3621074, se 169519.7 (R survey 4.1).
 */
export function svytotal(x: string | readonly string[], design: Design, options?: EstimatorOptions): SvyStat {
  const vars = typeof x === 'string' ? [x] : x;
  const { X, names, design: d } = prepare(design, vars, options, 'svytotal');
  const w = d.weights, n = d.n, p = X.length;
  const s = summary(d);
  let estimate: Float64Array, variance: Float64Array;
  if (d.kind === 'linearization' && usesClusterTotals(d)) {
    const Z = X.map((c) => clusterTotals(d, c));
    estimate = Float64Array.from(Z, (z) => { let t = 0; for (let c = 0; c < z.length; c++) t += z[c]; return t; });
    variance = svyrecvarTotals(d, Z);
  } else if (d.kind === 'linearization') {
    estimate = new Float64Array(p);
    const Z = X.map((c, k) => {
      const z = new Float64Array(n);
      let t = 0;
      for (let i = 0; i < n; i++) { const v = w[i] * c[i]; z[i] = v; t += v; }
      estimate[k] = t;
      return z;
    });
    variance = svyrecvar(d, Z);
  } else {
    ({ estimate, variance } = replicateVariance(d, X, (t) => t));
  }
  const N = s.W;
  const deff = options?.deff === false ? null : Float64Array.from(X, (c, k) => variance[k * p + k] / ((weightedVariance(c, w, s, estimate[k] / N) * N * N * (N - s.n)) / (N * s.n)));
  return makeStat('total', names, estimate, variance, s, deff, `svytotal(${vars.join('+')})`);
}
