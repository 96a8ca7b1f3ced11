// Switching values (HM Treasury Green Book, 2022, §5.80: the value an input would have to take for
// a conclusion to change): the parameter value at which a figure reaches a target, by bisection.
import { LocalizedError } from '../../locale/errorText.ts';

export interface SwitchingResult {
  /** The parameter value, within `tolerance` of the exact root. */
  value: number;
  /** The figure at `value`. */
  figure: number;
  iterations: number;
  tolerance: number;
}

/**
 * switchingValue(f, target, [lo, hi], tolerance) → the x in [lo, hi] with f(x) = target, for f
 * continuous on the interval. Bisection on g(x) = f(x) − target: each step halves the bracket, so
 * after ⌈log₂((hi − lo)/tolerance)⌉ steps the returned midpoint is within `tolerance` of a root
 * (Burden & Faires, Numerical Analysis, Thm 2.1). Monotone f (the study's figures in each rate)
 * has exactly one root.
 * Fails when the target is not bracketed (f(lo) and f(hi) on the same side: the figure never
 * reaches the target in the range), on tolerance ≤ 0 or lo ≥ hi.
 * Example: f(x) = 1000 (1 − x), target 600, [0, 1], tolerance 1e-9 → x = 0.4 (±1e-9).
 */
export function switchingValue(f: (x: number) => number, target: number, range: [number, number], tolerance: number): SwitchingResult {
  let [lo, hi] = range;
  if (!(lo < hi)) throw new LocalizedError({ zh: `转换值：范围应为 [low, high] 且 low < high，实为 [${lo}, ${hi}]`, en: `switching value: range must be [low, high] with low < high, got [${lo}, ${hi}]` });
  if (!(tolerance > 0)) throw new LocalizedError({ zh: `转换值：容差应 > 0，实为 ${tolerance}`, en: `switching value: tolerance must be > 0, got ${tolerance}` });
  let glo = f(lo) - target;
  const ghi = f(hi) - target;
  if (glo === 0) return { value: lo, figure: target, iterations: 0, tolerance };
  if (ghi === 0) return { value: hi, figure: target, iterations: 0, tolerance };
  if (Math.sign(glo) === Math.sign(ghi))
    throw new LocalizedError({ zh: `转换值：指标在 [${range[0]}, ${range[1]}] 上从 ${f(lo)} 变到 ${f(hi)}，始终达不到 ${target}`, en: `switching value: the figure goes from ${f(lo)} to ${f(hi)} over [${range[0]}, ${range[1]}] and never reaches ${target}` });
  let iterations = 0;
  while ((hi - lo) / 2 > tolerance) {
    const mid = lo + (hi - lo) / 2;
    const g = f(mid) - target;
    iterations++;
    if (g === 0) return { value: mid, figure: target, iterations, tolerance };
    if (Math.sign(g) === Math.sign(glo)) {
      lo = mid;
      glo = g;
    } else hi = mid;
  }
  const value = lo + (hi - lo) / 2;
  return { value, figure: f(value), iterations, tolerance };
}
