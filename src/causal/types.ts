// Shared result shapes of the causal engine.

/** A scalar estimate with its standard error and a two-sided confidence interval. */
export interface Estimate {
  estimate: number;
  se: number;
  /** Confidence interval at `level` (default 0.95). */
  ci: [number, number];
  /** Degrees of freedom of the t reference distribution (Infinity: normal). */
  df: number;
  level: number;
}

/** Categorical codes 0..levels−1, one per observation. */
export interface Factor {
  codes: Int32Array;
  levels: number;
}
