// bootstrapT: the studentized (bootstrap-t) interval from a design-based bootstrap.
import { createRng } from './prng.ts';
import { raoWuMultipliers } from './raoWuBootstrap.ts';
import { LocalizedError, internalError } from '../locale/errorText.ts';

export interface StudentizedStat {
  readonly estimate: number;
  readonly se: number;
}

export interface BootstrapTOptions {
  /** Rows of each stratum (rows are numbered 0 … nRows − 1). */
  readonly strata: readonly Int32Array[];
  readonly nRows: number;
  /** Sampling fraction per stratum (default 0). */
  readonly fractions?: readonly number[];
  /** The estimate and its standard error with row weight multipliers u (u ≡ 1: the full sample). */
  readonly statistic: (u: Float64Array) => StudentizedStat;
  /** Replicates B (default 999), seed (default 1), level (default 0.95). */
  readonly replicates?: number;
  readonly seed?: number;
  readonly level?: number;
  /** Uniform [0, 1) source of the draws (default createRng(seed)); e.g. to replay another generator's draws. */
  readonly rng?: () => number;
  /**
   * The replicates' multipliers drawn beforehand (raoWuReplicates: `replicates` × nRows, replicate b
   * at [b·nRows, (b+1)·nRows)); then rng and seed draw nothing. Same multipliers ⇒ same interval.
   */
  readonly multipliers?: Float64Array;
}

export interface BootstrapTInterval {
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  /** The α/2 and 1 − α/2 quantiles of t* = (θ̂* − θ̂)/se*. */
  readonly tLower: number;
  readonly tUpper: number;
  /** Replicates used, and those left out because se* was 0 or not finite. */
  readonly replicates: number;
  readonly dropped: number;
  readonly seed: number;
}

/** Quantile of sorted values, R's default type 7: x[(n−1)p] interpolated. */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p, lo = Math.floor(h), hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Bootstrap-t interval (Efron & Tibshirani 1993 §12.5; Hall 1988) under a stratified design, the
 * replicates drawn by the Rao–Wu rescaling bootstrap (raoWuMultipliers):
 *   t*_b = (θ̂*_b − θ̂) / se*_b,   interval [θ̂ − t*_{(1−α/2)}·se, θ̂ − t*_{(α/2)}·se]
 * with t* quantiles of R's type 7. The point estimate θ̂ is not changed; for a right-skewed estimator
 * (few large units) t* is skewed left and the interval reaches further above θ̂ than below.
 * Replicates with se* = 0 or not finite (e.g. every draw of a stratum the same row) are left out and
 * counted. Deterministic for a seed. Fails when fewer than 10 replicates remain.
 */
export function bootstrapT(o: BootstrapTOptions): BootstrapTInterval {
  const B = o.replicates ?? 999, seed = o.seed ?? 1, level = o.level ?? 0.95;
  if (!(Number.isInteger(B) && B >= 10)) throw new LocalizedError({ zh: `bootstrapT：重复样本数应为 ≥ 10 的整数，实为 ${B}`, en: `bootstrapT: replicates must be an integer ≥ 10, got ${B}` });
  if (!(level > 0 && level < 1)) throw new LocalizedError({ zh: `bootstrapT：置信水平应在 (0, 1) 内，实为 ${level}`, en: `bootstrapT: level must be in (0, 1), got ${level}` });
  const u = new Float64Array(o.nRows).fill(1);
  const full = o.statistic(u);
  const drawn = o.multipliers;
  if (drawn && drawn.length !== B * o.nRows) throw internalError(`bootstrapT: multipliers hold ${drawn.length} values, expected ${B} replicates × ${o.nRows} rows`);
  const rng = drawn ? null : (o.rng ?? createRng(seed));
  const t = new Float64Array(B);
  let kept = 0;
  for (let b = 0; b < B; b++) {
    const r = o.statistic(drawn ? drawn.subarray(b * o.nRows, (b + 1) * o.nRows) : raoWuMultipliers(o.strata, o.fractions, rng!, u));
    const tb = (r.estimate - full.estimate) / r.se;
    if (r.se > 0 && Number.isFinite(tb)) t[kept++] = tb;
  }
  if (kept < 10) throw new LocalizedError({ zh: `bootstrapT：${B} 个重复样本中只有 ${kept} 个的标准误为正`, en: `bootstrapT: only ${kept} of ${B} replicates had a positive standard error` });
  const ts = t.subarray(0, kept).sort();
  const a = (1 - level) / 2;
  const tLower = quantileType7(ts, a), tUpper = quantileType7(ts, 1 - a);
  return {
    estimate: full.estimate, se: full.se, lower: full.estimate - tUpper * full.se, upper: full.estimate - tLower * full.se,
    tLower, tUpper, replicates: kept, dropped: B - kept, seed,
  };
}
