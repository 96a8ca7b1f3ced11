// svrVar: the one routine for replicate-weight variance.
import { LocalizedError } from '../locale/errorText.ts';

/**
 * Replicate variance, as R's `svrVar`: V = scale · Σ_r rscales_r (θ_r − c)(θ_r − c)ᵀ with
 * c = the mean of the replicates whose rscale > 0 (mse = false, R's default) or the full-sample
 * estimate (mse = true). Replicates giving NaN are dropped, as R drops NA replicates.
 * Throws when every replicate is NaN. Example: θ = [1, 3], scale 1, rscales [1, 1] → V = 2.
 */
export function svrVar(thetas: readonly Float64Array[], estimate: Float64Array, scale: number, rscales: Float64Array, mse: boolean): Float64Array {
  const p = estimate.length;
  const ok: number[] = [];
  thetas.forEach((t, r) => { if (!t.some((v) => Number.isNaN(v))) ok.push(r); });
  if (ok.length === 0 && thetas.length > 0) throw new LocalizedError({ zh: `svrVar：所有重复样本的估计都是 NaN`, en: 'svrVar: all replicates gave NaN estimates' });
  const centre = new Float64Array(p);
  if (mse) centre.set(estimate);
  else {
    let cnt = 0;
    for (const r of ok) if (rscales[r] > 0) { cnt++; for (let k = 0; k < p; k++) centre[k] += thetas[r][k]; }
    for (let k = 0; k < p; k++) centre[k] /= cnt;
  }
  const V = new Float64Array(p * p);
  for (const r of ok) {
    const t = thetas[r], s = rscales[r];
    for (let a = 0; a < p; a++) {
      const da = t[a] - centre[a];
      for (let b = 0; b < p; b++) V[a * p + b] += s * da * (t[b] - centre[b]);
    }
  }
  for (let q = 0; q < p * p; q++) V[q] *= scale;
  return V;
}
