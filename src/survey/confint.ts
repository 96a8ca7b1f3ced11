// confint: confidence intervals for survey estimates.
import type { SvyStat } from './types.ts';
import { qnorm, qt } from './distributions.ts';
import { LocalizedError } from '../locale/errorText.ts';

export interface ConfintOptions {
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /**
   * 't' (default): Student t with the design degrees of freedom (textbook practice, Korn & Graubard
   * 1990); 'z': normal quantiles, which is R's confint() default (df = Inf).
   */
  readonly method?: 'z' | 't';
}

/**
 * Wald interval estimate ± q·se with q = t_{df, (1+level)/2} or z_{(1+level)/2}, per coefficient.
 * Quantile results carry their own (Woodruff) interval, returned when the level matches.
 * Fails on a level outside (0, 1) and on t intervals with df ≤ 0.
 * Example: mean 662.2874, se 9.4089, df 197, level 0.95, 't' → [643.732, 680.843].
 */
export function confint(stat: SvyStat, options?: ConfintOptions): { lower: Float64Array; upper: Float64Array; level: number; method: 'z' | 't' } {
  const level = options?.level ?? 0.95;
  const method = options?.method ?? 't';
  if (!(level > 0 && level < 1)) throw new LocalizedError({ zh: `confint：无效的置信水平：${level}（应在 (0, 1) 内）`, en: `confint: invalid level: ${level} (must be in (0, 1))` });
  if (method !== 't' && method !== 'z') throw new LocalizedError({ zh: `confint：无效的方法：${String(method)}（请用 't' 或 'z'）`, en: `confint: invalid method: ${String(method)} (use 't' or 'z')` });
  if (stat.interval) {
    if (Math.abs(stat.interval.level - level) > 1e-12) throw new LocalizedError({ zh: `confint：${stat.label} 的区间按置信水平 ${stat.interval.level} 算出；请按置信水平 ${level} 重新计算`, en: `confint: ${stat.label} has its interval at level ${stat.interval.level}; recompute it with level ${level}` });
    return { lower: stat.interval.lower, upper: stat.interval.upper, level, method };
  }
  if (method === 't' && !(stat.df > 0)) throw new LocalizedError({ zh: `confint：${stat.label} 的设计自由度为 ${stat.df}；请用方法 'z'`, en: `confint: design degrees of freedom are ${stat.df} for ${stat.label}; use method 'z'` });
  const q = method === 'z' ? qnorm((1 + level) / 2) : qt((1 + level) / 2, stat.df);
  const lower = stat.estimate.map((e, k) => e - q * stat.se[k]);
  const upper = stat.estimate.map((e, k) => e + q * stat.se[k]);
  return { lower, upper, level, method };
}
