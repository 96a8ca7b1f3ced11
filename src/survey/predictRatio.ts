// predictRatio: the ratio-estimated total from a ratio and a known auxiliary total.
import type { SvyStat } from './types.ts';
import { LocalizedError, internalError } from '../locale/errorText.ts';

/**
 * Ratio estimator of a total, Ŷ_R = R̂ · X, with se(Ŷ_R) = se(R̂) · X, as R's
 * `predict(svyratio(...), total = X)`. The auxiliary total X is treated as known without error.
 * Fails when the input is not a single ratio or X is not finite.
 * Example (apiclus1): ratio 0.8497 (se 0.008386) with X = 3811472 gives 3238641 (se 31964.1).
 */
export function predictRatio(ratio: SvyStat, total: number): SvyStat {
  if (ratio.statistic !== 'ratio' || ratio.estimate.length !== 1) throw internalError('predictRatio: expects the result of svyratio');
  if (!Number.isFinite(total)) throw new LocalizedError({ zh: `predictRatio：无效的合计：${total}`, en: `predictRatio: invalid total: ${total}` });
  return {
    ...ratio,
    statistic: 'total',
    names: [`${ratio.names[0]}*total`],
    estimate: Float64Array.of(ratio.estimate[0] * total),
    variance: Float64Array.of(ratio.variance[0] * total * total),
    se: Float64Array.of(ratio.se[0] * Math.abs(total)),
    label: `predictRatio(${ratio.label}, ${total})`,
  };
}
