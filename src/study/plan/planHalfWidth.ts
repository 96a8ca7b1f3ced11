// Predicted confidence-interval half-width of a component total at a planned sample size.
import type { PlanSample } from './planSamples.ts';
import { LocalizedError } from '../../locale/errorText.ts';

export interface UnitSpread {
  /** The estimate from the current sample. */
  estimate: number;
  /** A = P × S_u: the population-scaled standard deviation of the linearized unit values. */
  A: number;
  /** Population count for the finite population correction, or null when unknown (operators). */
  fpcN: number | null;
  /** Valid questionnaires in the current sample. */
  n0: number;
}

/**
 * unitSpread(sample) → the quantities the planner needs, from the current sample (n0 ≥ 2):
 *   provider: T̂ = N ȳ,          u_i = y_i,                       A = N S_u, fpc with N
 *   operator: T̂ = M R̂, R̂ = Σs/Σa, u_i = (s_i − R̂ a_i) / ā,         A = M S_u, no fpc (the number of
 *             operators is not known; M counts accounts)
 * where S_u² = Σ (u_i − ū)² / (n0 − 1) (Cochran 1977, eq. 2.8 and §6.3 for the ratio).
 * Fails on n0 < 2 or Σa = 0.
 * Example: provider N = 100, y = [1, 3] → T̂ = 200, S_u = √2, A = 141.42.
 */
export function unitSpread(s: PlanSample): UnitSpread {
  let u: Float64Array;
  let estimate: number;
  let P: number;
  if (s.kind === 'provider') {
    u = s.y;
    P = s.N;
    estimate = (s.N * u.reduce((t, v) => t + v, 0)) / Math.max(1, u.length);
  } else {
    const sa = s.a.reduce((t, v) => t + v, 0);
    const ss = s.s.reduce((t, v) => t + v, 0);
    if (!(sa > 0)) throw new LocalizedError({ zh: `${s.id}：调查到的账号数合计为 ${sa}；比率无定义`, en: `${s.id}: the surveyed accounts sum to ${sa}; the ratio is undefined` });
    const R = ss / sa;
    const abar = sa / s.a.length;
    u = s.s.map((v, i) => (v - R * s.a[i]) / abar);
    P = s.M;
    estimate = R * s.M;
  }
  const n0 = u.length;
  if (n0 < 2) throw new LocalizedError({ zh: `${s.id}：规划至少需要 2 份有效问卷，实为 ${n0} 份`, en: `${s.id}: at least 2 valid questionnaires are needed to plan from, got ${n0}` });
  const mean = u.reduce((t, v) => t + v, 0) / n0;
  const S2 = u.reduce((t, v) => t + (v - mean) ** 2, 0) / (n0 - 1);
  return { estimate, A: P * Math.sqrt(S2), fpcN: s.kind === 'provider' ? s.N : null, n0 };
}

/**
 * planHalfWidth(spread, n, z) → z × A / √n × √(1 − n/N) (fpc only when N is known): the normal
 * interval half-width of the component total under simple random sampling of n units
 * (Cochran 1977, eq. 2.19; the ratio estimator by linearization, §6.3).
 * Fails on n < 1 or n > N.
 * Example: A = 141.42, n = 50, z = 1.96, N = 100 → 1.96 × 141.42 / √50 × √0.5 = 27.72.
 */
export function planHalfWidth(sp: UnitSpread, n: number, z: number): number {
  if (!(n >= 1)) throw new LocalizedError({ zh: `样本量应 ≥ 1，实为 ${n}`, en: `sample size must be ≥ 1, got ${n}` });
  if (sp.fpcN !== null && n > sp.fpcN) throw new LocalizedError({ zh: `样本量 ${n} 超过总体 ${sp.fpcN}`, en: `sample size ${n} exceeds the population ${sp.fpcN}` });
  const fpc = sp.fpcN !== null ? Math.sqrt(1 - n / sp.fpcN) : 1;
  return (z * sp.A * fpc) / Math.sqrt(n);
}
