// Public face of study/plan: survey planning — CI half-width against sample size (predicted and
// simulated) and the Neyman allocation over direct-jobs components.
export { planSurvey, type PlanOptions, type PlanComponent, type SurveyPlan } from './planSurvey.ts';
export { planSamples, type PlanSample } from './planSamples.ts';
export { planHalfWidth, unitSpread, type UnitSpread } from './planHalfWidth.ts';
export { simulateHalfWidth, type SimulatedWidth } from './planSimulate.ts';
export { neymanAllocation, type NeymanStratum, type NeymanAllocation } from './planNeyman.ts';
export { planCoverage, type PlannedCoverage, type ComponentCoverage } from './planCoverage.ts';
export { COVERAGE_WARN, COVERAGE_REPS, COVERAGE_BOOT_REPS, COVERAGE_BOOT_REPLICATES } from '../model/coverage.ts';
