// Backward (Leontief) and forward (Ghosh) linkages, direct and total, raw and normalized.
import type { IOModel } from './ioModel.ts';
import { noDomesticModel } from './ioFaults.ts';

/** A linkage by sector and the same divided by its mean over sectors (> 1: above average). */
export interface Linkage {
  raw: Float64Array;
  normalized: Float64Array;
}

/**
 * Rasmussen–Hirschman linkages (Miller & Blair 2009, §12.2):
 *   backward direct  Σ_i a_ij             backward total  Σ_i l_ij  (= output multiplier)
 *   forward direct   Σ_j b_ij = Σ_j z_ij/x_i   forward total   Σ_j g_ij = (L·x)_i / x_i
 * with B = diag(x)⁻¹Z and G = (I − B)⁻¹ = diag(x)⁻¹·L·diag(x), so no Ghosh inverse is formed.
 * Sectors with x_i = 0 get forward linkages of 0. `domestic` uses A_d.
 * Failures: `domestic` for a model without imports → Error.
 * Example: Miller–Blair → forward total [1.914191, 1.254125], backward total [1.518152, 1.452145].
 */
export function linkages(model: IOModel, options: { domestic: boolean }): {
  backwardDirect: Linkage; backwardTotal: Linkage; forwardDirect: Linkage; forwardTotal: Linkage;
} {
  const sys = options.domestic ? model.domestic : model.competitive;
  if (!sys) throw noDomesticModel(model.source);
  const { n, x } = model;
  const { A, solver } = sys;
  const colA = new Float64Array(n);
  const rowB = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = A[i * n + j];
      colA[j] += a;
      rowB[i] += a * x[j];
    }
  }
  const Lx = solver.solve([x])[0];
  const perOutput = (v: Float64Array): Float64Array => v.map((s, i) => (x[i] === 0 ? 0 : s / x[i]));
  return {
    backwardDirect: normalize(colA),
    backwardTotal: normalize(solver.solveTransposed([new Float64Array(n).fill(1)])[0]),
    forwardDirect: normalize(perOutput(rowB)),
    forwardTotal: normalize(perOutput(Lx)),
  };
}

function normalize(raw: Float64Array): Linkage {
  const mean = raw.reduce((s, v) => s + v, 0) / raw.length;
  return { raw, normalized: raw.map((v) => (mean === 0 ? 0 : v / mean)) };
}
