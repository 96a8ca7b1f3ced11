// shareInterval: a confidence interval for a share that stays inside [0, 1].
import { qbeta } from '../../survey/index.ts';
import { LocalizedError } from '../../locale/errorText.ts';

/**
 * Interval for a share s ∈ (0, 1) formed on the logit scale and mapped back (R svyciprop's
 * default; Korn & Graubard 1998): expit(logit s ± q·se/(s(1−s))), the delta-method se of logit s.
 * Used for ratio-of-totals shares (a part over a whole that contains it) whose Wald interval can
 * leave [0, 1]. At s = 0 or 1 (no variance information) it falls back to the Clopper–Pearson
 * bound with the n units observed: [0, 1 − (α/2)^(1/n)] or [(α/2)^(1/n), 1].
 * Example: s = 0.572, se = 0.2, q = 1.96 → [0.212, 0.869] (Wald: [0.180, 0.964]).
 */
export function logitShareInterval(s: number, se: number, q: number, n: number, level: number): [number, number] {
  if (!(s >= 0 && s <= 1)) throw new LocalizedError({ zh: `logitShareInterval：份额应在 [0, 1] 内，实为 ${s}`, en: `logitShareInterval: a share must lie in [0, 1], got ${s}` });
  const a = (1 - level) / 2;
  if (s === 0) return [0, qbeta(1 - a, 1, n)];
  if (s === 1) return [qbeta(a, n, 1), 1];
  const c = Math.log(s / (1 - s)), h = (q * se) / (s * (1 - s));
  return [1 / (1 + Math.exp(-(c - h))), 1 / (1 + Math.exp(-(c + h)))];
}
