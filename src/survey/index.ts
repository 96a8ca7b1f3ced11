// spillover survey engine: design-based estimation equal to R's survey package. Pure, synchronous,
// browser-safe. Grouped public index.

// Types
export type { Column, Columns, Design, LonelyPsu, ReplicateDesign, ReplicateType, Repweights, Stage, SurveyDesign, SvyStat, VarianceAdjustment } from './types.ts';

// Designs
export { svydesign, type SvydesignOptions } from './svydesign.ts';
export { subset } from './subset.ts';
export { update } from './update.ts';
export { sequence } from './columns.ts';

// Estimators
export { svytotal } from './svytotal.ts';
export { svymean } from './svymean.ts';
export { svyratio } from './svyratio.ts';
export { predictRatio } from './predictRatio.ts';
export { svyratioSeparate, predictSeparateRatio, type SeparateRatio } from './svyratioSeparate.ts';
export { combineIndependent, type IndependentTerm } from './combineIndependent.ts';
export { svyby, type Estimator, type SvyBy, type SvyByGroup } from './svyby.ts';
export type { EstimatorOptions } from './core.ts';
export { degf } from './core.ts';

// Variance and intervals
export { svyrecvar } from './svyrecvar.ts';
export { svrVar } from './svrVar.ts';
export { confint, type ConfintOptions } from './confint.ts';
export { qnorm, qt, pnorm, pt, pbeta, qbeta } from './distributions.ts';

// Replicate designs
export { svrepdesign, type SvrepdesignOptions } from './svrepdesign.ts';
export { asReplicateDesign, type AsReplicateOptions } from './asReplicateDesign.ts';
export { createRng } from './prng.ts';

// Quantiles
export { svyquantile, type SvyquantileOptions } from './svyquantile.ts';
export { svyciprop, CIPROP_METHODS, type CipropMethod, type SvycipropOptions } from './svyciprop.ts';
export { profileLikelihoodCi } from './profileLikelihoodCi.ts';
export { splineFmm } from './splineFmm.ts';

// Calibration and nonresponse
export type { CalibrationInfo } from './types.ts';
export { postStratify, type PostStratifyOptions } from './postStratify.ts';
export { rake, type RakeMargin, type RakeControl } from './rake.ts';
export { calibrate, type CalibrateOptions } from './calibrate.ts';
export { nonresponseAdjust, type NonresponseOptions } from './nonresponseAdjust.ts';

// Declarative specification (used by the CLI)
export { designFromSpec, runSurveySpec, checkSpecKeys, SpecError, type SurveySpec, type EstimateSpec, type EstimateRow } from './surveySpec.ts';
export { RowError } from './rowError.ts';
export { didYouMean, editDistance, unknownKeyMessage } from './didYouMean.ts';

// Interval diagnostics for skewed data
export { skewDiagnostics, type SkewDiagnostics } from './skewDiagnostics.ts';
export { simulateCoverage, drawCoverage, coverageOf, type CoverageOptions, type CoverageResult, type CoverageDraws, type IntervalEstimate } from './simulateCoverage.ts';
export { raoWuMultipliers, raoWuReplicates } from './raoWuBootstrap.ts';
export { bootstrapT, quantileType7, type BootstrapTOptions, type BootstrapTInterval, type StudentizedStat } from './bootstrapT.ts';
export { winsorisedTotal, type WinsorStratum, type WinsorisedTotal } from './winsorisedTotal.ts';
export { takeAllTotal, type TakeAllTotal } from './takeAllTotal.ts';
