// Within transformation for several fixed effects: the method of alternating projections.
import type { Factor } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';

export interface DemeanOptions {
  /** Stop when no element changes by more than tol × (largest |x|) in a sweep. Default 1e-14. */
  tol?: number;
  maxIterations?: number;
}

/**
 * Residual of x after projecting out every factor's dummies jointly: x̃ = M_D x with
 * D = [D₁ … D_F]. Alternating projections x ← x − D_f (D_fᵀD_f)⁻¹ D_fᵀ x (subtract group means),
 * one factor after another until a sweep changes nothing (Guimarães & Portugal 2010; Gaure 2013,
 * "lfe: Linear group fixed effects", R Journal 5(2)). One factor: exact in one sweep; balanced
 * panels with two-way or interaction effects: exact after one or two sweeps.
 * Example: x = [1,2,3,4], one factor codes [0,0,1,1] → [−0.5, 0.5, −0.5, 0.5].
 * Fails when the sweeps do not converge within maxIterations (default 100 000).
 */
export function demean(x: Float64Array, factors: readonly Factor[], options: DemeanOptions = {}): Float64Array {
  const out = Float64Array.from(x);
  if (factors.length === 0) return out;
  const n = x.length;
  const tol = options.tol ?? 1e-14;
  const maxIterations = options.maxIterations ?? 100_000;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(x[i]));
  if (scale === 0) return out;
  const sums = factors.map((f) => new Float64Array(f.levels));
  const counts = factors.map((f) => {
    const c = new Float64Array(f.levels);
    for (let i = 0; i < n; i++) c[f.codes[i]] += 1;
    return c;
  });
  for (let it = 0; it < maxIterations; it++) {
    let change = 0;
    for (let f = 0; f < factors.length; f++) {
      const { codes } = factors[f];
      const s = sums[f].fill(0);
      for (let i = 0; i < n; i++) s[codes[i]] += out[i];
      const c = counts[f];
      for (let l = 0; l < s.length; l++) { s[l] /= c[l]; change = Math.max(change, Math.abs(s[l])); }
      for (let i = 0; i < n; i++) out[i] -= s[codes[i]];
    }
    if (factors.length === 1 || change <= tol * scale) return out;
  }
  throw new LocalizedError({ zh: `demean：交替投影在 ${maxIterations} 轮内未收敛`, en: `demean: alternating projections did not converge in ${maxIterations} sweeps` });
}
