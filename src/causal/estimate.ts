// Building an Estimate (value, se, t interval).
import { qt } from '../survey/distributions.ts';
import type { Estimate } from './types.ts';

/** value ± t_{df, 1−(1−level)/2} · se; df = Infinity for the normal. */
export function tEstimate(estimate: number, se: number, df: number, level = 0.95): Estimate {
  const q = qt(1 - (1 - level) / 2, df);
  return { estimate, se, ci: [estimate - q * se, estimate + q * se], df, level };
}
