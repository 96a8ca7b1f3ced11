// Event study of a lottery: winners against unsuccessful applicants, period by period.
import { tEstimate } from './estimate.ts';
import type { Estimate } from './types.ts';
import { waldTest, type WaldTest } from './waldTest.ts';
import { LocalizedError, internalError } from '../locale/errorText.ts';

/**
 * Sufficient statistics of one arm over its payers i and periods k = 0..T−1:
 * n, sums[k] = Σ_i y_ik, cross[k·T + l] = Σ_i y_ik y_il (y = the payer's spending in period k).
 */
export interface PanelMoments {
  n: number;
  sums: Float64Array;
  cross: Float64Array;
}

export interface EventStudy {
  /** Relative period of each coefficient (base omitted), e.g. [−3, −2, 0, 1, 2]. */
  periods: number[];
  coefficients: Estimate[];
  /** CR1 covariance of the coefficients, row-major. */
  vcov: Float64Array;
  base: number;
  /** Joint test that every lead (period < base) is zero: parallel pre-trends. Null without leads. */
  preTrend: WaldTest | null;
}

/**
 * β_k = (ȳ_W,k − ȳ_W,b) − (ȳ_L,k − ȳ_L,b) for every period k ≠ base b: the coefficients of
 * y_ik = α_i + λ_k + Σ_{k≠b} β_k 1[i won]·1[period k] + ε_ik (payer and period effects; the panel
 * is balanced, so the saturated fit is these mean differences). Covariance, from d_i = y_i,k − y_i,b:
 *   V = c (C_W/n_W² + C_L/n_L²),  C = Σ_i (d_i − d̄)(d_i − d̄)′,
 *   c = G/(G−1) · (N−1)/(N − (T−1) − T),  G = n payers, N = nT,
 * which is the payer-clustered CR1 of that regression with the payer effects (nested in the
 * clusters) not counted, as reghdfe / xtreg, fe (tested equal to fixedEffectsOls on the long panel).
 * Leads (k < b) test parallel trends jointly (waldTest, F(q, G−1)).
 */
export function eventStudy(winners: PanelMoments, losers: PanelMoments, periods: readonly number[], base = -1, level = 0.95): EventStudy {
  const T = periods.length;
  const b = periods.indexOf(base);
  if (b < 0) throw new LocalizedError({ zh: `eventStudy：基期 ${base} 不在各期 ${periods.join(', ')} 之中`, en: `eventStudy: base period ${base} is not among the periods ${periods.join(', ')}` });
  if (winners.n < 2 || losers.n < 2) throw new LocalizedError({ zh: `eventStudy：中签者 ${winners.n} 人，未中签申请者 ${losers.n} 人；每组至少需要 2 个付款人，无法得出任何指标`, en: `eventStudy: ${winners.n} winners and ${losers.n} unsuccessful applicants; each arm needs at least 2 payers, no figure can be claimed` });
  for (const m of [winners, losers]) if (m.sums.length !== T || m.cross.length !== T * T) throw internalError(`eventStudy: moments for ${m.sums.length} periods, expected ${T}`);
  const keep = periods.map((_, k) => k).filter((k) => k !== b);
  const K = keep.length;
  const n = winners.n + losers.n;
  const N = n * T;
  const c = (n / (n - 1)) * ((N - 1) / (N - K - T));
  const mean = (m: PanelMoments): Float64Array => Float64Array.from(keep, (k) => (m.sums[k] - m.sums[b]) / m.n);
  const centered = (m: PanelMoments): Float64Array => {
    const out = new Float64Array(K * K);
    const S = (k: number, l: number): number => m.cross[k * T + l];
    keep.forEach((k, p) => keep.forEach((l, q) => {
      const sdd = S(k, l) - S(k, b) - S(b, l) + S(b, b);
      const sk = m.sums[k] - m.sums[b], sl = m.sums[l] - m.sums[b];
      out[p * K + q] = sdd - (sk * sl) / m.n;
    }));
    return out;
  };
  const mW = mean(winners), mL = mean(losers);
  const CW = centered(winners), CL = centered(losers);
  const V = new Float64Array(K * K);
  for (let i = 0; i < V.length; i++) V[i] = c * (CW[i] / winners.n ** 2 + CL[i] / losers.n ** 2);
  const df = n - 1;
  const coefficients = keep.map((_, p) => tEstimate(mW[p] - mL[p], Math.sqrt(Math.max(0, V[p * K + p])), df, level));
  const leads = keep.map((k, p) => (periods[k] < base ? p : -1)).filter((p) => p >= 0);
  const beta = coefficients.map((e) => e.estimate);
  return {
    periods: keep.map((k) => periods[k]),
    coefficients,
    vcov: V,
    base,
    preTrend: leads.length > 0 ? waldTest(beta, V, K, leads, df) : null,
  };
}

/** PanelMoments from a payer × period matrix (row-major, tests and small data). */
export function panelMoments(y: Float64Array, T: number): PanelMoments {
  const n = y.length / T;
  const sums = new Float64Array(T), cross = new Float64Array(T * T);
  for (let i = 0; i < n; i++) for (let k = 0; k < T; k++) {
    const a = y[i * T + k];
    sums[k] += a;
    for (let l = 0; l < T; l++) cross[k * T + l] += a * y[i * T + l];
  }
  return { n, sums, cross };
}
