// takeAllTotal: a certainty (take-all) stratum for the largest units beside a simple random sample.
import { LocalizedError, internalError } from '../locale/errorText.ts';

export interface TakeAllTotal {
  readonly estimate: number;
  readonly variance: number;
  readonly se: number;
  /** Units enumerated (size ≥ cutoff; variance 0) and sampled (the rest). */
  readonly certainty: number;
  readonly sampled: number;
  /** Σ y of the certainty units, and the expansion estimate of the rest. */
  readonly certaintyTotal: number;
  readonly restTotal: number;
}

/**
 * Total under a design with a take-all stratum (Cochran 1977 §5A.13; Hidiroglou 1986): units whose
 * size x_i ≥ cutoff are enumerated (weight 1, no sampling variance), the other N − n_c units are
 * represented by a simple random sample of n − n_c without replacement:
 *   T̂ = Σ_{c} y_i + (N − n_c)/(n − n_c) · Σ_{rest} y_i,
 *   V̂ = (N − n_c)² (1 − (n − n_c)/(N − n_c)) s²_rest / (n − n_c).
 * Equal to R survey's svytotal under svydesign(ids = ~1, strata = ~certainty, fpc = ~N_h) with
 * N_h = n_c for the certainty stratum. Valid only when the design really took every population unit
 * of size ≥ cutoff: applied to a sample drawn otherwise it ASSUMES the population has no unit of
 * that size outside the sample (then the large sampled units are no longer expanded, and the total
 * and its variance are understated if that is false). x defaults to y.
 * Worked example: y = (1, 2, 3, 50), N = 10, cutoff 50 → 50 + 9/3·6 = 68, s² = 1, V̂ = 81·(2/3)/3 = 18.
 * Fails with fewer than 2 sampled units below the cutoff, or N < n.
 */
export function takeAllTotal(y: ArrayLike<number>, N: number, cutoff: number, x: ArrayLike<number> = y): TakeAllTotal {
  const n = y.length;
  if (x.length !== n) throw internalError(`takeAllTotal: ${n} values but ${x.length} sizes`);
  if (!(N >= n)) throw new LocalizedError({ zh: `takeAllTotal：总体 N = ${N} 小于样本量（${n}）`, en: `takeAllTotal: population N = ${N} is smaller than the sample (${n})` });
  let certaintyTotal = 0, nc = 0, s = 0, ss = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] >= cutoff) { certaintyTotal += y[i]; nc++; } else { s += y[i]; ss += y[i] * y[i]; }
  }
  const m = n - nc, Nr = N - nc;
  if (m < 2) throw new LocalizedError({ zh: `takeAllTotal：低于截断值 ${cutoff} 的样本单元只有 ${m} 个；至少需要 2 个`, en: `takeAllTotal: ${m} sampled unit(s) below the cutoff ${cutoff}; at least 2 are needed` });
  const mean = s / m, s2 = Math.max(0, (ss - m * mean * mean) / (m - 1));
  const restTotal = Nr * mean;
  const variance = (Nr * Nr * (1 - m / Nr) * s2) / m;
  return { estimate: certaintyTotal + restTotal, variance, se: Math.sqrt(variance), certainty: nc, sampled: m, certaintyTotal, restTotal };
}
