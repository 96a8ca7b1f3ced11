// Public face of study/uncertainty: generic tools for uncertainty over assumptions, knowing nothing of
// a study — distributions, seeded random numbers, Monte Carlo, tornado, switching values.
export { quantile, sample, distributionMean, checkDistribution, DISTRIBUTION_NAME, type Distribution } from './distributions.ts';
export { normalQuantile } from './normalQuantile.ts';
export { random, type Random } from './random.ts';
export { monteCarlo, type McParameter, type ReplicateGroup, type NormalGroup, type McOptions, type McInterval, type McResult } from './monteCarlo.ts';
export { tornado, type TornadoRow } from './tornado.ts';
export { switchingValue, type SwitchingResult } from './switchingValue.ts';
export { offCentre, CENTRE_TOLERANCE } from './offCentre.ts';
