// Consumption deadweight estimated from a consumer-survey question (see docs/net-impact.md).
import { LocalizedError, zhPlace } from '../../locale/errorText.ts';

/**
 * Deadweight of platform-driven consumption from a consumer-survey question ("would you have
 * spent this anyway?", answered as a share a_i of respondent i's platform-driven spend y_i):
 *
 *   D̂ = Σ_i w_i y_i a_i / Σ_i w_i y_i        (a ratio estimator: the spend-weighted share)
 *
 * with its linearization standard error under the given weights treated as an SRS with
 * replacement: se² = n/(n − 1) · Σ_i w_i² (y_i (a_i − D̂))² / (Σ_i w_i y_i)²  (Cochran 1977, §6.4).
 * Rows with a missing (NaN) share are dropped. Fails when fewer than 2 rows remain or Σ w y = 0.
 * Example: y = [100, 300], a = [1, 0], w = [1, 1] → D̂ = 100/400 = 0.25,
 *   se² = 2 · ((100·0.75)² + (300·(−0.25))²) / 400² = 2 · 11250 / 160000 = 0.140625, se = 0.375.
 */
export function surveyDeadweight(spend: Float64Array, anyway: Float64Array, weights: Float64Array, where = 'deadweight'): { estimate: number; se: number; n: number } {
  let sy = 0;
  let sya = 0;
  let n = 0;
  for (let i = 0; i < spend.length; i++) {
    if (Number.isNaN(anyway[i]) || Number.isNaN(spend[i])) continue;
    sy += weights[i] * spend[i];
    sya += weights[i] * spend[i] * anyway[i];
    n++;
  }
  if (n < 2) throw new LocalizedError({ zh: `${zhPlace(where)}：“本来也会花”问题至少需要 2 个回答，实为 ${n} 个`, en: `${where}: needs at least 2 answers to the "spent anyway" question, got ${n}` });
  if (!(sy > 0)) throw new LocalizedError({ zh: `${zhPlace(where)}：平台带动的加权消费合计为 ${sy}；份额无定义`, en: `${where}: the weighted platform-driven spend sums to ${sy}; the share is undefined` });
  const d = sya / sy;
  let ss = 0;
  for (let i = 0; i < spend.length; i++) {
    if (Number.isNaN(anyway[i]) || Number.isNaN(spend[i])) continue;
    const e = weights[i] * spend[i] * (anyway[i] - d);
    ss += e * e;
  }
  return { estimate: d, se: Math.sqrt(((n / (n - 1)) * ss) / (sy * sy)), n };
}
