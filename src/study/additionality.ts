// Gross → net additional impact, HM Treasury Green Book (2022) and the HCA Additionality Guide
// (Homes and Communities Agency, 4th ed., 2014, §2–§7 and its ready reckoner).

/** The four additionality rates, each a share in [0, 1]. */
export interface AdditionalityRates {
  /** Effects that benefit those outside the target area or group. */
  leakage: number;
  /** Effects that would have happened anyway (the reference case). */
  deadweight: number;
  /** Effects offset by reductions elsewhere (e.g. spending diverted from other sellers). */
  displacement: number;
  /** Activity substituted for a similar one to take advantage of the platform. */
  substitution: number;
}

/**
 * Net additional impact of one gross effect:
 *
 *   net = gross × (1 − leakage) × (1 − deadweight) × (1 − displacement) × (1 − substitution)
 *
 * The HCA Guide writes net additional = gross × (1 − L) × (1 − Dp) × (1 − S) × multiplier − the
 * reference case; with deadweight D stated as a share of the gross effect (the reference case
 * scaled the same way), subtracting it is the factor (1 − D). The multiplier is not applied here:
 * indirect effects come from the input–output model (net consumption → net induced output → net
 * indirect jobs), so applying a multiplier too would count them twice.
 * Fails on a rate outside [0, 1] or a non-finite gross.
 * Example: netImpact(1000, {leakage: 0.1, deadweight: 0.2, displacement: 0.25, substitution: 0})
 *   → 1000 × 0.9 × 0.8 × 0.75 × 1 = 540.
 */
export function netImpact(gross: number, rates: AdditionalityRates): number {
  if (!Number.isFinite(gross)) throw new Error(`netImpact: gross must be a finite number, got ${gross}`);
  return gross * additionalityFactor(rates);
}

/** (1 − L)(1 − D)(1 − Dp)(1 − S), the share of the gross effect that is additional. */
export function additionalityFactor(r: AdditionalityRates): number {
  let f = 1;
  for (const k of ['leakage', 'deadweight', 'displacement', 'substitution'] as const) {
    const v = r[k];
    if (!(v >= 0 && v <= 1)) throw new Error(`${k}: a rate must be in [0, 1], got ${v}`);
    f *= 1 - v;
  }
  return f;
}

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
  if (n < 2) throw new Error(`${where}: needs at least 2 answers to the "spent anyway" question, got ${n}`);
  if (!(sy > 0)) throw new Error(`${where}: the weighted platform-driven spend sums to ${sy}; the share is undefined`);
  const d = sya / sy;
  let ss = 0;
  for (let i = 0; i < spend.length; i++) {
    if (Number.isNaN(anyway[i]) || Number.isNaN(spend[i])) continue;
    const e = weights[i] * spend[i] * (anyway[i] - d);
    ss += e * e;
  }
  return { estimate: d, se: Math.sqrt(((n / (n - 1)) * ss) / (sy * sy)), n };
}
