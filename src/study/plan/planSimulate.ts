// Simulated new surveys: resample the valid questionnaires at a planned size and re-estimate.
import type { PlanSample } from './planSamples.ts';
import { random } from '../uncertainty/random.ts';
import { LocalizedError } from '../../locale/errorText.ts';

export interface SimulatedWidth {
  n: number;
  reps: number;
  /** z × SD of the simulated estimates (compare with planHalfWidth). */
  halfWidth: number;
  /** Half the distance between the simulated (1 ± level)/2 percentiles (type 7). */
  percentileHalfWidth: number;
  mean: number;
}

/**
 * simulateHalfWidth(sample, n, reps, seed, level, z) → the spread of `reps` re-estimates, each from
 * n questionnaires drawn with replacement from the current valid ones (the sample stands in for the
 * population: Efron & Tibshirani 1993, §6). The provider estimate is N ȳ*, the operator estimate
 * M (Σ s*) / (Σ a*). Same seed ⇒ same result. The finite population correction is not simulated (draws are
 * with replacement); planHalfWidth applies it, so compare the two where n ≪ N.
 * Fails on n < 1, reps < 2, an empty sample, or a resample whose accounts sum to 0.
 */
export function simulateHalfWidth(s: PlanSample, n: number, reps: number, seed: number, level: number, z: number): SimulatedWidth {
  if (!(Number.isInteger(n) && n >= 1)) throw new LocalizedError({ zh: `n：应为 ≥ 1 的整数，实为 ${n}`, en: `n: expected an integer ≥ 1, got ${n}` });
  if (!(Number.isInteger(reps) && reps >= 2)) throw new LocalizedError({ zh: `reps：应为 ≥ 2 的整数，实为 ${reps}`, en: `reps: expected an integer ≥ 2, got ${reps}` });
  const n0 = s.kind === 'provider' ? s.y.length : s.a.length;
  if (n0 === 0) throw new LocalizedError({ zh: `${s.id}：没有可重抽的有效问卷`, en: `${s.id}: no valid questionnaire to resample` });
  const rng = random(seed);
  const est = new Float64Array(reps);
  for (let r = 0; r < reps; r++) {
    if (s.kind === 'provider') {
      let t = 0;
      for (let k = 0; k < n; k++) t += s.y[rng.int(n0)];
      est[r] = (s.N * t) / n;
    } else {
      let ta = 0;
      let ts = 0;
      for (let k = 0; k < n; k++) {
        const i = rng.int(n0);
        ta += s.a[i];
        ts += s.s[i];
      }
      if (!(ta > 0)) throw new LocalizedError({ zh: `${s.id}：模拟的 ${n} 份调查没有抽到账号；请规划更大的 n`, en: `${s.id}: a simulated survey of ${n} drew no accounts; plan a larger n` });
      est[r] = (s.M * ts) / ta;
    }
  }
  const mean = est.reduce((t, v) => t + v, 0) / reps;
  const sd = Math.sqrt(est.reduce((t, v) => t + (v - mean) ** 2, 0) / (reps - 1));
  est.sort();
  const q = (p: number) => {
    const h = (reps - 1) * p;
    const lo = Math.floor(h);
    return est[lo] + (h - lo) * (est[Math.min(reps - 1, lo + 1)] - est[lo]);
  };
  return { n, reps, halfWidth: z * sd, percentileHalfWidth: (q((1 + level) / 2) - q((1 - level) / 2)) / 2, mean };
}
