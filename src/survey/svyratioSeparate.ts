// svyratioSeparate: the separate ratio estimator, one ratio per stratum.
import type { Design, SvyStat } from './types.ts';
import { type EstimatorOptions, degf, withWeightsMasked } from './core.ts';
import { svyratio } from './svyratio.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** One ratio per stage-1 stratum (R: class svyratio_separate). */
export interface SeparateRatio {
  /** Stratum labels, in the design's stratum order (R: sorted unique design$strata[, 1]). */
  readonly strata: readonly string[];
  /** R̂_h = Σ_{i∈h} w_i y_i / Σ_{i∈h} w_i x_i with its variance from stratum h alone. */
  readonly ratios: readonly SvyStat[];
  /** Design df of the whole design (used for the predicted total's interval). */
  readonly df: number;
}

/**
 * Separate ratio estimator, as R's `svyratio(~y, ~x, design, separate = TRUE)`: in each stage-1
 * stratum h the ratio R̂_h = Ŷ_h / X̂_h of HT totals, each with the linearized variance of the
 * stratum's own subset (R: svyratio(..., subset(design, strata == h))). Combine with known
 * stratum totals X_h by predictSeparateRatio: Ŷ_RS = Σ_h R̂_h X_h (Cochran 1977 §6.10).
 *
 * Linearization designs with strata only; fails otherwise (R warns that separate and combined
 * estimators coincide without strata; spillover refuses so the wrong call is visible).
 * Example (apistrat, api.stu/enroll by stype): E 0.8744, H 0.8174, M 0.8433 (R survey 4.1).
 */
export function svyratioSeparate(numerator: string, denominator: string, design: Design, options?: EstimatorOptions): SeparateRatio {
  if (design.kind !== 'linearization' || !design.hasStrata || !design.strataLevels) {
    throw new LocalizedError({ zh: `svyratioSeparate：需要分层的 svydesign（没有分层时，分别比率估计与联合比率估计相同）`, en: 'svyratioSeparate: needs a stratified svydesign (separate and combined ratio estimators are the same without strata)' });
  }
  const codes = design.stages[0].strata, w = design.weights;
  const present = new Set<number>();
  for (let i = 0; i < design.n; i++) if (w[i] !== 0) present.add(codes[i]);
  const order = [...present].sort((a, b) => a - b);
  return {
    strata: order.map((h) => design.strataLevels![h]),
    ratios: order.map((h) => {
      const r = svyratio(numerator, denominator, withWeightsMasked(design, (i) => codes[i] === h), options);
      return { ...r, label: `svyratio(${numerator}, ${denominator}; stratum ${design.strataLevels![h]})` };
    }),
    df: degf(design),
  };
}

/**
 * Separate ratio estimate of the total, Ŷ_RS = Σ_h R̂_h X_h, se = √(Σ_h X_h² var R̂_h) (strata are
 * independent), as R's `predict(svyratio(..., separate = TRUE), total = X)`. `totals` gives X_h
 * by stratum label, every stratum of the ratio exactly once. df: the whole design's df.
 * Fails on a missing, extra or non-finite stratum total.
 */
export function predictSeparateRatio(ratio: SeparateRatio, totals: Readonly<Record<string, number>>): SvyStat {
  const extra = Object.keys(totals).filter((k) => !ratio.strata.includes(k));
  if (extra.length > 0) throw new LocalizedError({ zh: `predictSeparateRatio：这些层的合计不在比率中：${extra.join(', ')}（层：${ratio.strata.join(', ')}）`, en: `predictSeparateRatio: totals for strata not in the ratio: ${extra.join(', ')} (strata: ${ratio.strata.join(', ')})` });
  let est = 0, v = 0;
  ratio.strata.forEach((h, k) => {
    const X = totals[h];
    if (X === undefined) throw new LocalizedError({ zh: `predictSeparateRatio：层 '${h}' 没有合计`, en: `predictSeparateRatio: no total for stratum '${h}'` });
    if (!Number.isFinite(X)) throw new LocalizedError({ zh: `predictSeparateRatio：层 '${h}' 的合计无效：${X}`, en: `predictSeparateRatio: invalid total for stratum '${h}': ${X}` });
    est += ratio.ratios[k].estimate[0] * X;
    v += ratio.ratios[k].variance[0] * X * X;
  });
  const first = ratio.ratios[0];
  return {
    statistic: 'total',
    names: [`${first.names[0]}*total`],
    estimate: Float64Array.of(est),
    variance: Float64Array.of(v),
    se: Float64Array.of(Math.sqrt(v)),
    df: ratio.df,
    n: ratio.ratios.reduce((s, r) => s + r.n, 0),
    deff: null,
    label: `predictSeparateRatio(${first.names[0]})`,
  };
}
