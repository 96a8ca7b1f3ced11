// Is a distribution centred on the point value it stands for? The point estimates use the study's
// value; the Monte Carlo draws from the distribution. When the distribution's mean differs from the
// value, the simulated mean of a figure linear in it moves off the point estimate by the same
// proportion; when its median differs, so does the simulated median of any monotone figure.
import { distributionMean, quantile, type Distribution } from './distributions.ts';

/**
 * Relative tolerance: a mean or median within 0.1% of the value counts as equal (a study rounding its
 * bounds, e.g. uniform(296, 344) around 319.97, is centred; 0.1% is about one Monte Carlo standard
 * error of a headline figure at 10,000 draws).
 */
export const CENTRE_TOLERANCE = 1e-3;

/**
 * offCentre(d, value) → {mean, median} of d when either differs from `value` by more than
 * CENTRE_TOLERANCE × |value| (absolute 1e-12 at value 0), else null. A point distribution is centred.
 * Example: offCentre(uniform(100万, 300万), 230万) → {mean: 200万, median: 200万};
 * offCentre(triangular(160万, 230万, 300万), 230万) → null.
 */
export function offCentre(d: Distribution, value: number): { mean: number; median: number } | null {
  if (d.dist === 'point') return null;
  const mean = distributionMean(d);
  const median = quantile(d, 0.5);
  const tol = Math.max(CENTRE_TOLERANCE * Math.abs(value), 1e-12);
  return Math.abs(mean - value) > tol || Math.abs(median - value) > tol ? { mean, median } : null;
}
