// combineIndependent: linear combinations of estimates from independent samples.
import type { SvyStat } from './types.ts';
import { LocalizedError, internalError } from '../locale/errorText.ts';

export interface IndependentTerm {
  readonly stat: SvyStat;
  /** Which coefficient of the result (default 0). */
  readonly index?: number;
  /** Multiplier c (default 1). */
  readonly coef?: number;
}

/**
 * θ = Σ_k c_k θ_k for estimates from independent samples (different questionnaires): variance
 * Σ c_k² V_k (no covariances), df by Satterthwaite (1946): (Σ c_k² V_k)² / Σ (c_k² V_k)²/df_k,
 * so t intervals remain honest when one component dominates. Terms with zero variance do not
 * count towards df. Fails on an empty list, an index out of range or a non-finite coefficient.
 * Example: totals 10 (se 3, df 9) + 20 (se 4, df 19) → 30, se 5, df ≈ 27.8.
 */
export function combineIndependent(terms: readonly IndependentTerm[], label = 'combination'): SvyStat {
  if (terms.length === 0) throw internalError('combineIndependent: no terms');
  let est = 0, v = 0, denom = 0, n = 0;
  const statistics = new Set<string>();
  for (const t of terms) {
    const k = t.index ?? 0, c = t.coef ?? 1;
    if (!Number.isFinite(c)) throw new LocalizedError({ zh: `combineIndependent：无效的系数：${c}`, en: `combineIndependent: invalid coef: ${c}` });
    const p = t.stat.estimate.length;
    if (!(k >= 0 && k < p)) throw internalError(`combineIndependent: index ${k} out of range for ${t.stat.label} (${p} coefficients)`);
    const vk = c * c * t.stat.variance[k * p + k];
    est += c * t.stat.estimate[k];
    v += vk;
    if (vk > 0) denom += (vk * vk) / t.stat.df;
    n += t.stat.n;
    statistics.add(t.stat.statistic);
  }
  const df = denom > 0 ? (v * v) / denom : Infinity;
  const statistic = statistics.size === 1 ? terms[0].stat.statistic : 'total';
  return {
    statistic, names: [label], estimate: Float64Array.of(est), variance: Float64Array.of(v), se: Float64Array.of(Math.sqrt(v)),
    df, n, deff: null, label,
  };
}
