// svyratio: ratio of two totals.
import type { Design, SvyStat } from './types.ts';
import { type EstimatorOptions, makeStat, prepare, replicateVariance, summary, weightedVariance, withWeightsMasked } from './core.ts';
import { clusterTotals, svyrecvar, svyrecvarTotals, usesClusterTotals } from './svyrecvar.ts';
import { LocalizedError } from '../locale/errorText.ts';

/**
 * Ratio R̂ = Σ w_i y_i / Σ w_i x_i of two numeric columns, as R's `svyratio(~y, ~x, design)`.
 * Linearization influence w_i (y_i − R̂ x_i)/Σ w x; replicate designs recompute the ratio per
 * replicate. With naRm, rows missing either variable are dropped. deff as R's deff of svytotal(r).
 * Use predictRatio for the ratio-estimated total R̂·X given a known auxiliary total X.
 *
 * Fails on unknown or non-numeric columns and on missing values unless naRm.
 * Example (apiclus1, fpc): svyratio('api.stu', 'enroll', d) → 0.8497, se 0.008386 (R survey 4.1).
 */
export function svyratio(numerator: string, denominator: string, design: Design, options?: EstimatorOptions): SvyStat {
  // Rows missing either variable drop out of both (R: complete.cases(cbind(num, den))).
  let base = design;
  if (options?.naRm) {
    const { X } = prepareRaw(design, numerator, denominator);
    const [a, b] = X, keep = new Uint8Array(design.n);
    for (let i = 0; i < keep.length; i++) keep[i] = +(a[i] === a[i] && b[i] === b[i]);
    base = withWeightsMasked(design, keep);
  }
  const { X, design: d } = prepare(base, [numerator, denominator], options, 'svyratio');
  if (X.length !== 2) throw new LocalizedError({ zh: `svyratio：分子 '${numerator}' 和分母 '${denominator}' 必须是数值列`, en: `svyratio: numerator '${numerator}' and denominator '${denominator}' must be numeric columns` });
  const [y, x] = X;
  const w = d.weights;
  let estimate: Float64Array, variance: Float64Array;
  const n = d.n;
  let ty = 0, tx = 0;
  for (let i = 0; i < n; i++) { ty += w[i] * y[i]; tx += w[i] * x[i]; }
  const R = ty / tx;
  const wantDeff = options?.deff !== false;
  // Linearized variable r_i = (y_i − R̂ x_i)/Σwx (needed for the influence and the deff).
  const r = wantDeff ? new Float64Array(n) : null;
  if (r) for (let i = 0; i < n; i++) r[i] = (y[i] - R * x[i]) / tx;
  if (d.kind === 'linearization' && usesClusterTotals(d)) {
    estimate = Float64Array.of(R);
    const Ty = clusterTotals(d, y), Tx = clusterTotals(d, x);
    const z = new Float64Array(Ty.length);
    for (let c = 0; c < z.length; c++) z[c] = (Ty[c] - R * Tx[c]) / tx;
    variance = svyrecvarTotals(d, [z]);
  } else if (d.kind === 'linearization') {
    estimate = Float64Array.of(R);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = (w[i] * (y[i] - R * x[i])) / tx;
    variance = svyrecvar(d, [z]);
  } else {
    ({ estimate, variance } = replicateVariance(d, [y, x], (t) => Float64Array.of(t[0] / t[1])));
  }
  const s = summary(d), N = s.W;
  const deff = !r ? null : Float64Array.of(variance[0] / ((weightedVariance(r, w, s, 0) * N * N * (N - s.n)) / (N * s.n)));
  return makeStat('ratio', [`${numerator}/${denominator}`], estimate, variance, s, deff, `svyratio(${numerator}, ${denominator})`);
}

function prepareRaw(design: Design, a: string, b: string): { X: Float64Array[] } {
  const X = [a, b].map((v) => {
    const c = design.data[v];
    if (!(c instanceof Float64Array)) throw new LocalizedError({ zh: `svyratio：列 '${v}' ${c === undefined ? '不在数据中' : '不是数值列'}`, en: `svyratio: column '${v}' is ${c === undefined ? 'not in data' : 'not numeric'}` });
    return c;
  });
  return { X };
}
