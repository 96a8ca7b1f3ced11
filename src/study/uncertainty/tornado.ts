// One-at-a-time sensitivity: each uncertain parameter at its low and high quantile, the others at
// their central values; drivers ranked by the swing of one figure (a tornado chart's bars).
import { quantile, type Distribution } from './distributions.ts';
import { LocalizedError } from '../../locale/errorText.ts';

export interface TornadoRow {
  parameter: string;
  low: number; // parameter value at quantile p
  high: number; // parameter value at quantile 1 − p
  figureAtLow: number;
  figureAtHigh: number;
  swing: number; // |figureAtHigh − figureAtLow|
}

/**
 * tornado(parameters, central, evaluate, figure, p) → {base, rows}: base = the figure at the
 * central values; one row per parameter whose distribution is not a point, sorted by swing
 * (largest first, ties by id). p is the low quantile (e.g. 0.05 → 5th and 95th percentiles).
 * Fails on p outside (0, 0.5) or when `figure` is not among evaluate's outputs.
 * Example: f = 2a + b, a ~ U(0, 1), b ~ U(0, 10), central (0.5, 5), p = 0.1 →
 *   rows b (swing 8), a (swing 1.6).
 */
export function tornado(
  parameters: { id: string; distribution: Distribution }[],
  central: Float64Array,
  evaluate: (x: Float64Array) => Record<string, number>,
  figure: string,
  p: number,
): { figure: string; p: number; base: number; rows: TornadoRow[] } {
  if (!(p > 0 && p < 0.5)) throw new LocalizedError({ zh: `龙卷风图：低分位数应在 (0, 0.5) 内，实为 ${p}`, en: `tornado: the low quantile must be in (0, 0.5), got ${p}` });
  const at = (x: Float64Array) => {
    const v = evaluate(x)[figure];
    if (v === undefined) throw new LocalizedError({ zh: `龙卷风图：指标 ${figure} 没有计算`, en: `tornado: figure ${figure} is not computed` });
    return v;
  };
  const base = at(central);
  const rows: TornadoRow[] = [];
  parameters.forEach((par, j) => {
    if (par.distribution.dist === 'point') return;
    const x = Float64Array.from(central);
    const low = quantile(par.distribution, p);
    const high = quantile(par.distribution, 1 - p);
    x[j] = low;
    const figureAtLow = at(x);
    x[j] = high;
    const figureAtHigh = at(x);
    rows.push({ parameter: par.id, low, high, figureAtLow, figureAtHigh, swing: Math.abs(figureAtHigh - figureAtLow) });
  });
  rows.sort((a, b) => b.swing - a.swing || a.parameter.localeCompare(b.parameter));
  return { figure, p, base, rows };
}
