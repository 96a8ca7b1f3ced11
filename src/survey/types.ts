// Shared types of the survey engine: columns, designs (linearization and replicate) and results.
import type { Label } from '../locale/lang.ts';
// A design is an immutable value: every operation that changes weights returns a new design.

/** A data column: numbers (NaN = missing) or categories (null = missing). */
export type Column = Float64Array | readonly (string | null)[];
/** Data as named columns of equal length. */
export type Columns = Readonly<Record<string, Column>>;

/** What to do with a stratum that has a single PSU (R: options(survey.lonely.psu)). */
export type LonelyPsu = 'fail' | 'adjust' | 'average' | 'certainty' | 'remove';

/** One sampling stage, one entry per row. */
export interface Stage {
  /** Sampling unit code at this stage (unique across the whole sample, nested as R nests them). */
  readonly cluster: Int32Array;
  /** Stratum code at this stage. */
  readonly strata: Int32Array;
  /** Number of sampled units in the row's stratum at this stage (R: fpc$sampsize). */
  readonly nPSU: Float64Array;
  /** Population number of units in the row's stratum (R: fpc$popsize); null when no fpc. */
  readonly popsize: Float64Array | null;
  /** Number of distinct cluster codes (codes are 0..clusterCount−1). */
  readonly clusterCount: number;
  /** Number of distinct stratum codes. */
  readonly strataCount: number;
}

/** Information a calibration leaves for the linearization variance (R: design$postStrata). */
export type VarianceAdjustment =
  | { readonly kind: 'postStratify'; readonly index: Int32Array; readonly weights: Float64Array; readonly oldweights: Float64Array }
  | { readonly kind: 'raking'; readonly margins: readonly { readonly index: Int32Array; readonly weights: Float64Array }[] }
  | { readonly kind: 'greg'; readonly Z: readonly Float64Array[]; readonly w: Float64Array };

/** What the last calibration did (raking and calibrate report iterations and convergence). */
export interface CalibrationInfo {
  readonly method: 'postStratify' | 'rake' | 'linear' | 'raking' | 'logit';
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest change in the cross-table (rake) or largest relative misfit (calibrate) at the end. */
  readonly misfit: number;
  readonly epsilon: number;
  readonly maxit: number;
}

/** A design with Taylor-linearization variance (R: survey.design2). */
export interface SurveyDesign {
  readonly kind: 'linearization';
  readonly data: Columns;
  readonly n: number;
  /** Sampling weights 1/π; 0 marks a row outside the current subset. */
  readonly weights: Float64Array;
  readonly stages: readonly Stage[];
  readonly hasStrata: boolean;
  readonly lonelyPsu: LonelyPsu;
  /** Variance from stage-1 PSU totals only (R: options(survey.ultimate.cluster = TRUE)); absent = false. */
  readonly ultimateCluster?: boolean;
  /** Label of each stage-1 stratum code (when strata are given); R: design$strata[, 1]. */
  readonly strataLevels?: readonly string[];
  readonly adjustments: readonly VarianceAdjustment[];
  readonly calibration?: CalibrationInfo;
  /** Human description, e.g. 'svydesign(ids=dnum, fpc=fpc)'. */
  readonly label: string;
  /** Warnings R gives for this design, in zh and en (en "fpc varies within strata: stratum 1 at stage 1 …"); absent = none. */
  readonly warnings?: readonly Label[];
}

/** Replicate weights: per-PSU multipliers of the sampling weights, or full analysis weights per row. */
export type Repweights =
  | { readonly mode: 'compressed'; readonly index: Int32Array; readonly factors: readonly Float64Array[] }
  | { readonly mode: 'full'; readonly weights: readonly Float64Array[] };

export type ReplicateType = 'JK1' | 'JKn' | 'BRR' | 'Fay' | 'bootstrap' | 'other';

/** A design with replicate-weight variance (R: svyrep.design). */
export interface ReplicateDesign {
  readonly kind: 'replicate';
  readonly data: Columns;
  readonly n: number;
  /** Full-sample analysis weights; 0 marks a row outside the current subset. */
  readonly weights: Float64Array;
  readonly type: ReplicateType;
  readonly repweights: Repweights;
  readonly replicates: number;
  /** v = scale · Σ_r rscales_r (θ_r − θ̄)² (R: svrVar). */
  readonly scale: number;
  readonly rscales: Float64Array;
  readonly mse: boolean;
  readonly rho: number | null;
  /** Design degrees of freedom (R: degf, rank of the replicate weights − 1). */
  readonly df: number;
  readonly calibration?: CalibrationInfo;
  readonly label: string;
  /** Warnings carried over from the design it was built on (see SurveyDesign.warnings). */
  readonly warnings?: readonly Label[];
}

export type Design = SurveyDesign | ReplicateDesign;

/** An estimate with its variance (R: svystat / svrepstat). */
export interface SvyStat {
  readonly statistic: 'total' | 'mean' | 'ratio' | 'quantile';
  /** Name of each coefficient, as R names them (e.g. 'api00', 'stypeE', 'api00/enroll'). */
  readonly names: readonly string[];
  readonly estimate: Float64Array;
  /** Variance–covariance matrix, p×p row-major. */
  readonly variance: Float64Array;
  readonly se: Float64Array;
  /** Design degrees of freedom used for t intervals. */
  readonly df: number;
  /** Rows used: non-zero weight and no missing value. */
  readonly n: number;
  /** Design effect (R: deff=TRUE, i.e. against SRS without replacement); null when not defined. */
  readonly deff: Float64Array | null;
  /** Human label, e.g. 'svytotal(api00)'. */
  readonly label: string;
  /** Precomputed interval (quantiles: Woodruff), with its level. */
  readonly interval?: { readonly level: number; readonly lower: Float64Array; readonly upper: Float64Array };
}
