// Internal: weight adjustments shared by postStratify, rake, calibrate and nonresponseAdjust.
import type { Design, ReplicateDesign } from './types.ts';

/** Analysis weights of every replicate as full columns (rows outside a subset are 0). */
export function fullRepweights(design: ReplicateDesign): Float64Array[] {
  const rw = design.repweights, w = design.weights, n = design.n;
  if (rw.mode === 'full') return rw.weights.map((r) => Float64Array.from(r, (v, i) => (w[i] === 0 ? 0 : v)));
  return rw.factors.map((f) => { const out = new Float64Array(n); for (let i = 0; i < n; i++) out[i] = w[i] * f[rw.index[i]]; return out; });
}

/**
 * Post-stratify weights: w_i ← w_i · N_g / Σ_{j∈g} w_j for every row of cell g (index −1: untouched).
 * Returns the new weights. Cells with Σw = 0 keep weight 0.
 */
export function poststratifyWeights(w: Float64Array, index: Int32Array, N: Float64Array): Float64Array {
  const tot = new Float64Array(N.length);
  for (let i = 0; i < w.length; i++) if (index[i] >= 0) tot[index[i]] += w[i];
  const out = Float64Array.from(w);
  for (let i = 0; i < w.length; i++) {
    const g = index[i];
    if (g >= 0 && w[i] !== 0) out[i] = w[i] * (N[g] / tot[g]);
  }
  return out;
}

/** Apply a post-stratification step to a design of either kind (linearization: records the adjustment). */
export function poststratifyDesign<D extends Design>(design: D, index: Int32Array, N: Float64Array): D {
  const weights = poststratifyWeights(design.weights, index, N);
  if (design.kind === 'linearization') {
    return { ...design, weights, adjustments: [...design.adjustments, { kind: 'postStratify', index, weights, oldweights: design.weights }] };
  }
  const reps = fullRepweights(design).map((r) => poststratifyWeights(r, index, N));
  return { ...design, weights, repweights: { mode: 'full', weights: reps } };
}
