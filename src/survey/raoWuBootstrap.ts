// raoWuBootstrap: rescaling bootstrap multipliers within strata (Rao & Wu 1988; Rao, Wu & Yue 1992).
import { LocalizedError } from '../locale/errorText.ts';

/**
 * One replicate of the Rao–Wu rescaling bootstrap: in each stratum h (its rows listed in strata[h],
 * n_h ≥ 2) draw m_h = n_h − 1 rows with replacement, count the draws c_i, and give each row the
 * weight multiplier
 *   u_i = 1 − λ_h + λ_h · (n_h / m_h) · c_i,   λ_h = √(m_h (1 − f_h) / (n_h − 1)),
 * f_h the sampling fraction (0 when sampled with replacement or from a very large population).
 * With m_h = n_h − 1: λ_h = √(1 − f_h), and with f_h = 0, u_i = n_h/(n_h − 1)·c_i — R survey's
 * "subbootstrap" (as.svrepdesign). Σ_{i∈h} u_i = n_h always; E u_i = 1. `out` (length: number of rows)
 * receives the multipliers; rows in no stratum keep their value. Draws from `rng` (uniform [0, 1)).
 * Example: n_h = 3, f_h = 0, draws (row 0, row 0) → u = (1.5·2, 0, 0) = (3, 0, 0).
 */
export function raoWuMultipliers(strata: readonly Int32Array[], fractions: readonly number[] | undefined, rng: () => number, out: Float64Array): Float64Array {
  strata.forEach((rows, h) => {
    const n = rows.length, m = n - 1;
    if (n < 2) throw new LocalizedError({ zh: `raoWuMultipliers：第 ${h + 1} 层有 ${n} 行；至少需要 2 行`, en: `raoWuMultipliers: stratum ${h + 1} has ${n} row(s); at least 2 are needed` });
    const f = fractions?.[h] ?? 0;
    if (!(f >= 0 && f < 1)) throw new LocalizedError({ zh: `raoWuMultipliers：第 ${h + 1} 层的抽样比应在 [0, 1) 内，实为 ${f}`, en: `raoWuMultipliers: sampling fraction of stratum ${h + 1} must be in [0, 1), got ${f}` });
    const lambda = Math.sqrt((m * (1 - f)) / (n - 1));
    for (let j = 0; j < n; j++) out[rows[j]] = 1 - lambda;
    const step = (lambda * n) / m;
    for (let d = 0; d < m; d++) out[rows[Math.floor(rng() * n)]] += step;
  });
  return out;
}

/**
 * B replicates of raoWuMultipliers drawn in turn from `rng`, flattened: replicate b's multipliers
 * are out[b·nRows … (b+1)·nRows) (rows in no stratum: 1). The same draws, in the same order, as B
 * calls of raoWuMultipliers — for reusing one set of replicates on many samples of the same sizes
 * (the coverage check's bootstrap-t: each simulated sample is resampled with the same seed).
 */
export function raoWuReplicates(strata: readonly Int32Array[], fractions: readonly number[] | undefined, rng: () => number, nRows: number, replicates: number): Float64Array {
  const out = new Float64Array(replicates * nRows);
  const u = new Float64Array(nRows).fill(1);
  for (let b = 0; b < replicates; b++) out.set(raoWuMultipliers(strata, fractions, rng, u), b * nRows);
  return out;
}
