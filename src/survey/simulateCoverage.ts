// simulateCoverage: the coverage an interval achieves when the sample is the population.
import { createRng } from './prng.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** An estimate with the interval the study reports for it. */
export interface IntervalEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface CoverageOptions {
  /** Replications (default 400). */
  readonly reps?: number;
  /** Seed of the resampling (default 1); same seed ⇒ same result everywhere. */
  readonly seed?: number;
  /** Sample size per stratum in the simulation (default: as observed). */
  readonly sizes?: readonly number[];
}

export interface CoverageResult {
  /** Share of replications whose interval contains the truth. */
  readonly coverage: number;
  /** Monte Carlo standard error of the coverage, √(c(1−c)/reps). */
  readonly mcSe: number;
  readonly reps: number;
  readonly seed: number;
  /** Share of replications with the truth below the interval / above it. */
  readonly missLow: number;
  readonly missHigh: number;
  /** Mean estimate / truth − 1 over the replications (relative bias), and the median ratio. */
  readonly relativeBias: number;
  readonly medianRatio: number;
  /** Per-stratum sample sizes simulated. */
  readonly sizes: readonly number[];
}

/**
 * Coverage of an interval by resampling the data's own empirical distribution under a stratified
 * design (Efron & Tibshirani 1993 §12; a "pseudo-population" check as in Särndal et al. 1992 §2.11):
 * the observed sample is taken as the population, so the truth is the estimator on all rows; each
 * replication draws n_h rows with replacement within each stratum h (stratum h = the rows listed in
 * strata[h]), recomputes estimate and interval with `estimator(rows)`, and records whether the
 * interval contains the truth. Heavy right tails show as coverage below the nominal level with the
 * misses on one side and a negative median bias.
 * Deterministic for a seed (xoshiro128**). Cost: reps × Σ n_h estimator row visits.
 * Fails on an empty stratum or reps < 1.
 */
export function simulateCoverage(strata: readonly Int32Array[], estimator: (rows: Int32Array) => IntervalEstimate, options: CoverageOptions = {}): CoverageResult {
  return coverageOf(drawCoverage(strata, estimator, (e) => e.estimate, options), (e) => e);
}

/** simulateCoverage's replications before their intervals: the truth and each replication's record. */
export interface CoverageDraws<T> {
  readonly truth: number;
  /** record(rows) of each replication, in order. */
  readonly records: readonly T[];
  readonly reps: number;
  readonly seed: number;
  readonly sizes: readonly number[];
}

/**
 * The replications of simulateCoverage with `record(rows)` kept for each (e.g. estimate and variance,
 * when the interval's multiplier is not known yet); the truth is estimateOf(record(all rows)).
 * coverageOf(drawCoverage(strata, estimator, (e) => e.estimate, o), (e) => e) is simulateCoverage.
 */
export function drawCoverage<T>(strata: readonly Int32Array[], record: (rows: Int32Array) => T, estimateOf: (t: T) => number, options: CoverageOptions = {}): CoverageDraws<T> {
  const reps = options.reps ?? 400, seed = options.seed ?? 1;
  if (!(reps >= 1)) throw new LocalizedError({ zh: `simulateCoverage：重复次数应 ≥ 1，实为 ${reps}`, en: `simulateCoverage: reps must be ≥ 1, got ${reps}` });
  strata.forEach((s, h) => { if (s.length === 0) throw new LocalizedError({ zh: `simulateCoverage：第 ${h + 1} 层没有行`, en: `simulateCoverage: stratum ${h + 1} has no rows` }); });
  const sizes = options.sizes ?? strata.map((s) => s.length);
  const all = Int32Array.from(strata.flatMap((s) => Array.from(s)));
  const truth = estimateOf(record(all));
  const rng = createRng(seed);
  const total = sizes.reduce((a, b) => a + b, 0);
  const rows = new Int32Array(total);
  const records: T[] = [];
  for (let r = 0; r < reps; r++) {
    drawRows(strata, sizes, rng, rows);
    records.push(record(rows));
  }
  return { truth, records, reps, seed, sizes };
}

/**
 * One replication's rows: sizes[h] drawn with replacement from each stratum h in turn, into rows. A
 * function of its own, the same for every caller, so that V8 keeps it optimized while drawCoverage's
 * callers pass different `record`s (which made drawCoverage's optimized code, with the draws in it, deoptimize).
 */
function drawRows(strata: readonly Int32Array[], sizes: readonly number[], rng: () => number, rows: Int32Array): void {
  let at = 0;
  for (let h = 0; h < strata.length; h++) {
    const s = strata[h], m = s.length, size = sizes[h];
    for (let j = 0; j < size; j++) rows[at++] = s[Math.floor(rng() * m)];
  }
}

/** The coverage of the interval(record) of each replication of draws (simulateCoverage's result). */
export function coverageOf<T>(draws: CoverageDraws<T>, interval: (t: T) => IntervalEstimate): CoverageResult {
  const { truth, reps, seed, sizes } = draws;
  let hit = 0, low = 0, high = 0, sum = 0;
  const ratios = new Float64Array(reps);
  for (let r = 0; r < reps; r++) {
    const e = interval(draws.records[r]);
    if (truth < e.lower) low++;
    else if (truth > e.upper) high++;
    else hit++;
    sum += e.estimate;
    ratios[r] = e.estimate / truth;
  }
  ratios.sort();
  const c = hit / reps;
  return {
    coverage: c, mcSe: Math.sqrt((c * (1 - c)) / reps), reps, seed, missLow: low / reps, missHigh: high / reps,
    relativeBias: sum / reps / truth - 1, medianRatio: reps % 2 ? ratios[(reps - 1) / 2] : 0.5 * (ratios[reps / 2 - 1] + ratios[reps / 2]), sizes,
  };
}
