// spillover causal engine: estimators of programme effects from aggregates of payment
// transactions (payer × period moments, city × industry × day cells). Pure, browser-safe.

export type { Estimate, Factor } from './types.ts';
export { factor, interact, nestedIn } from './factor.ts';
export { demean, type DemeanOptions } from './demean.ts';
export { tEstimate } from './estimate.ts';
export { fixedEffectsOls, type FixedEffectsOls, type FixedEffectsOlsInput } from './fixedEffectsOls.ts';
export { lotteryDid, armMoments, type ArmMoments, type LotteryDid } from './lotteryDid.ts';
export { eventStudy, panelMoments, type EventStudy, type PanelMoments } from './eventStudy.ts';
export { waldTest, type WaldTest } from './waldTest.ts';
export { groupTimeAtt, type AttCell, type GroupTimeAtt, type GroupTimeOptions, type LeftOut, type StaggeredPanel } from './groupTimeAtt.ts';
export { wildClusterBootstrap, drawWeights, bootstrapStatistic, type BootstrapWeights, type WildBootstrapOptions, type WildClusterBootstrap } from './wildClusterBootstrap.ts';
export { tripleDifference, type CityIndustryDayCells, type TripleDifference } from './tripleDifference.ts';
export { leverage, windowGrowth, shares, type WindowSum } from './reportedMeasures.ts';
