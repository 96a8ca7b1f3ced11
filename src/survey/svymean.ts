// svymean: weighted means and, for category columns, proportions.
import type { Design, SvyStat } from './types.ts';
import { type EstimatorOptions, makeStat, prepare, replicateVariance, summary, weightedVariance } from './core.ts';
import { clusterTotals, svyrecvar, svyrecvarTotals, usesClusterTotals } from './svyrecvar.ts';

/**
 * Weighted mean ȳ = Σ w_i y_i / Σ w_i (a category column gives the proportion in each level),
 * as R's `svymean(~x, design)`. Linearization influence w_i (y_i − ȳ)/Σw; replicate designs
 * recompute the ratio per replicate. deff = V / (s² (N − n)/(N n)) (R: deff = TRUE); null when
 * Σw < n (weights not scaled to the population, R gives NA).
 *
 * Fails on unknown columns and on missing values unless naRm.
 * Example (apistrat, fpc): svymean('api00', d) → 662.2874, se 9.4089 (R survey 4.1).
 */
export function svymean(x: string | readonly string[], design: Design, options?: EstimatorOptions): SvyStat {
  const vars = typeof x === 'string' ? [x] : x;
  const { X, names, design: d } = prepare(design, vars, options, 'svymean');
  const w = d.weights, n = d.n, p = X.length;
  const s = summary(d);
  const W = s.W;
  let estimate: Float64Array, variance: Float64Array;
  if (d.kind === 'linearization' && usesClusterTotals(d)) {
    // PSU totals of w(y − ȳ)/W = (Σ_c w y − ȳ Σ_c w)/W.
    const Wc = s.clusterW!;
    const T = X.map((c) => clusterTotals(d, c));
    estimate = Float64Array.from(T, (t) => { let s2 = 0; for (let c = 0; c < t.length; c++) s2 += t[c]; return s2 / W; });
    variance = svyrecvarTotals(d, T.map((t, k) => {
      const z = new Float64Array(t.length), m = estimate[k];
      for (let c = 0; c < t.length; c++) z[c] = (t[c] - m * Wc[c]) / W;
      return z;
    }));
  } else if (d.kind === 'linearization') {
    estimate = Float64Array.from(X, (c) => { let t = 0; for (let i = 0; i < n; i++) t += (c[i] * w[i]) / W; return t; });
    variance = svyrecvar(d, X.map((c, k) => { const z = new Float64Array(n), m = estimate[k]; for (let i = 0; i < n; i++) z[i] = ((c[i] - m) * w[i]) / W; return z; }));
  } else {
    const ones = new Float64Array(n).fill(1);
    ({ estimate, variance } = replicateVariance(d, [...X, ones], (t) => Float64Array.from({ length: p }, (_, k) => t[k] / t[p])));
  }
  const deff = W < s.n || options?.deff === false ? null : Float64Array.from(X, (c, k) => variance[k * p + k] / ((weightedVariance(c, w, s, estimate[k]) * (W - s.n)) / (W * s.n)));
  return makeStat('mean', names, estimate, variance, s, deff, `svymean(${vars.join('+')})`);
}
