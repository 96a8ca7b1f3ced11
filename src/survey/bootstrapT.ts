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
  readonly statistic?: (u: Float64Array) => StudentizedStat;
  /**
   * Instead of statistic, its batch form: `count` replicates at once, replicate b's multipliers at
   * U[b·nRows … (b+1)·nRows) → estimate[b], se[b] (the full sample: U ≡ 1, count 1). Give one of the two.
   */
  readonly statistics?: (U: Float64Array, count: number, estimate: Float64Array, se: Float64Array) => void;
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

/** Multipliers drawn per chunk of replicates when they are not given (values; 1 MB). */
const CHUNK_VALUES = 1 << 17;

/** The batch form of a per-replicate statistic. */
function oneByOne(statistic: (u: Float64Array) => StudentizedStat, n: number): NonNullable<BootstrapTOptions['statistics']> {
  return (U, count, estimate, se) => {
    for (let b = 0; b < count; b++) {
      const r = statistic(U.subarray(b * n, (b + 1) * n));
      estimate[b] = r.estimate;
      se[b] = r.se;
    }
  };
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
  const B = o.replicates ?? 999, seed = o.seed ?? 1, level = o.level ?? 0.95, n = o.nRows;
  if (!(Number.isInteger(B) && B >= 10)) throw new LocalizedError({ zh: `bootstrapT：重复样本数应为 ≥ 10 的整数，实为 ${B}`, en: `bootstrapT: replicates must be an integer ≥ 10, got ${B}` });
  if (!(level > 0 && level < 1)) throw new LocalizedError({ zh: `bootstrapT：置信水平应在 (0, 1) 内，实为 ${level}`, en: `bootstrapT: level must be in (0, 1), got ${level}` });
  if (!o.statistic === !o.statistics) throw internalError('bootstrapT: give statistic or statistics (its batch form), one of the two');
  const statistics = o.statistics ?? oneByOne(o.statistic!, n);
  const full = { estimate: new Float64Array(1), se: new Float64Array(1) };
  statistics(new Float64Array(n).fill(1), 1, full.estimate, full.se);
  const drawn = o.multipliers;
  if (drawn && drawn.length !== B * n) throw internalError(`bootstrapT: multipliers hold ${drawn.length} values, expected ${B} replicates × ${n} rows`);
  const estimate = new Float64Array(B), se = new Float64Array(B);
  if (drawn) statistics(drawn, B, estimate, se);
  else {
    // drawn in turn, a chunk of replicates at a time (rows in no stratum keep 1)
    const rng = o.rng ?? createRng(seed), chunk = Math.min(B, Math.max(4, 4 * Math.floor(CHUNK_VALUES / 4 / Math.max(n, 1))));
    const U = new Float64Array(chunk * n).fill(1);
    for (let b0 = 0; b0 < B; b0 += chunk) {
      const k = Math.min(chunk, B - b0);
      for (let j = 0; j < k; j++) raoWuMultipliers(o.strata, o.fractions, rng, U.subarray(j * n, (j + 1) * n));
      statistics(U, k, estimate.subarray(b0, b0 + k), se.subarray(b0, b0 + k));
    }
  }
  const t = new Float64Array(B), theta = full.estimate[0];
  let kept = 0;
  for (let b = 0; b < B; b++) {
    const tb = (estimate[b] - theta) / se[b];
    if (se[b] > 0 && Number.isFinite(tb)) t[kept++] = tb;
  }
  if (kept < 10) throw new LocalizedError({ zh: `bootstrapT：${B} 个重复样本中只有 ${kept} 个的标准误为正`, en: `bootstrapT: only ${kept} of ${B} replicates had a positive standard error` });
  const ts = t.subarray(0, kept).sort();
  const a = (1 - level) / 2;
  const tLower = quantileType7(ts, a), tUpper = quantileType7(ts, 1 - a);
  return {
    estimate: theta, se: full.se[0], lower: theta - tUpper * full.se[0], upper: theta - tLower * full.se[0],
    tLower, tUpper, replicates: kept, dropped: B - kept, seed,
  };
}
