// skewDiagnostics: how far a sample is from the normal approximation behind a Wald interval.
import { LocalizedError } from '../locale/errorText.ts';

export interface SkewDiagnostics {
  n: number;
  /** Sample skewness g₁ = m₃ / m₂^{3/2} (moments about the mean, divisor n). */
  skewness: number;
  /** Cochran's rule: the normal approximation for a mean is adequate when n > 25·G₁². */
  cochranMinN: number;
  /** Share of Σ y held by the largest ⌈n/100⌉ values (the top 1% of units). */
  top1Share: number;
}

/**
 * Diagnostics of the values y behind an estimated total or ratio: skewness, the sample size
 * Cochran's rule asks for (Cochran 1977 §2.15: n > 25 G₁², G₁ the population skewness, estimated
 * here by g₁) and the share of the total held by the top 1% of units. For a ratio estimator pass the
 * residuals y − R̂x for the skewness and the numerator for the concentration (two calls).
 * Example: y = [1, 1, 1, 1, 10] → g₁ = 1.5, Cochran n > 56.25, top 1% (1 unit) holds 10/14 = 0.714.
 * Fails on fewer than 3 values.
 */
export function skewDiagnostics(y: ArrayLike<number>): SkewDiagnostics {
  const n = y.length;
  if (n < 3) throw new LocalizedError({ zh: `skewDiagnostics：至少需要 3 个值，实为 ${n} 个`, en: `skewDiagnostics: needs at least 3 values, got ${n}` });
  let s = 0;
  for (let i = 0; i < n; i++) s += y[i];
  const mean = s / n;
  let m2 = 0, m3 = 0;
  for (let i = 0; i < n; i++) { const d = y[i] - mean; m2 += d * d; m3 += d * d * d; }
  m2 /= n; m3 /= n;
  const skewness = m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
  const sorted = Float64Array.from(y).sort();
  const k = Math.ceil(n / 100);
  let top = 0;
  for (let i = n - k; i < n; i++) top += sorted[i];
  return { n, skewness, cochranMinN: 25 * skewness * skewness, top1Share: s !== 0 ? top / s : NaN };
}
