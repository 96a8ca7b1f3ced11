// Gross → net additional impact, HM Treasury Green Book (2022) and the HCA Additionality Guide
// (Homes and Communities Agency, 4th ed., 2014, §2–§7 and its ready reckoner).
import { LocalizedError } from '../../locale/errorText.ts';

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
  if (!Number.isFinite(gross)) throw new LocalizedError({ zh: `netImpact：总量应为有限数，实为 ${gross}`, en: `netImpact: gross must be a finite number, got ${gross}` });
  return gross * additionalityFactor(rates);
}

/** (1 − L)(1 − D)(1 − Dp)(1 − S), the share of the gross effect that is additional. */
export function additionalityFactor(r: AdditionalityRates): number {
  return additionalityFactorOf(r.leakage, r.deadweight, r.displacement, r.substitution);
}

/** additionalityFactor of the four rates given one by one, in that order (no object: the Monte Carlo's draws); 1·(1 − L)·(1 − D)·(1 − Dp)·(1 − S) from the left. */
export function additionalityFactorOf(leakage: number, deadweight: number, displacement: number, substitution: number): number {
  return times(times(times(times(1, 'leakage', leakage), 'deadweight', deadweight), 'displacement', displacement), 'substitution', substitution);
}

/** f × (1 − v), v a rate checked to be in [0, 1]. */
function times(f: number, rate: keyof AdditionalityRates, v: number): number {
  if (!(v >= 0 && v <= 1)) throw new LocalizedError({ zh: `${rate}：比率应在 [0, 1] 内，实为 ${v}`, en: `${rate}: a rate must be in [0, 1], got ${v}` });
  return f * (1 - v);
}
