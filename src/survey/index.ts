// spillover survey engine: design-based estimation equal to R's survey package. Pure, synchronous,
// browser-safe. Grouped public index.

// Types
export type { Column, Columns, Design, LonelyPsu, ReplicateDesign, ReplicateType, Repweights, Stage, SurveyDesign, SvyStat, VarianceAdjustment } from './types.ts';

// Designs
export { svydesign, type SvydesignOptions } from './svydesign.ts';
export { subset } from './subset.ts';

// Estimators
export { svytotal } from './svytotal.ts';
export { svymean } from './svymean.ts';
export { svyratio } from './svyratio.ts';
export { predictRatio } from './predictRatio.ts';
export { svyby, type Estimator, type SvyBy, type SvyByGroup } from './svyby.ts';
export type { EstimatorOptions } from './core.ts';
export { degf } from './core.ts';

// Variance and intervals
export { svyrecvar } from './svyrecvar.ts';
export { svrVar } from './svrVar.ts';
export { confint, type ConfintOptions } from './confint.ts';
export { qnorm, qt, pnorm, pt } from './distributions.ts';
