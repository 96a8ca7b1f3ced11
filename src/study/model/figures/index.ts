// The figure definitions of the platform-impact model, in one table (see definition.ts). Adding a
// figure family is adding one entry here (or passing it to computeStudy's `figures` option).
import type { FigureFamily } from './definition.ts';
import { componentFulltime, componentJobs, componentParttime, directTotals } from './direct.ts';
import { categoryConsumption, categoryOutput, consumptionTotals, valueAddedGenerated } from './consumption.ts';
import { indirectJobs, totalJobs } from './indirect.ts';
import { netImpact } from './net.ts';
import { surveyIndicators } from './indicators.ts';

export const FIGURES: readonly FigureFamily[] = [
  componentJobs,
  componentParttime,
  componentFulltime,
  directTotals,
  categoryConsumption,
  categoryOutput,
  consumptionTotals,
  valueAddedGenerated,
  indirectJobs,
  totalJobs,
  surveyIndicators,
  netImpact,
];

export { sumItem, differenceItem, type FigureContext, type FigureFamily, type FigureItem } from './definition.ts';
export { outputLabel } from './consumption.ts';
export { INPUT_NAMES, inputLabel } from './inputNames.ts';
