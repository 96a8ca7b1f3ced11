// Public face of study/model: the platform-impact model (METHOD.md) — inputs and config in, every
// figure with its derivation, sampling error, net impact and uncertainty out. Pure.
export { computeStudy, type ComputeOptions } from './computeStudy.ts';
export { FIGURES, INPUT_NAMES, inputLabel, sumItem, differenceItem, type FigureContext, type FigureFamily, type FigureItem } from './figures/index.ts';
export { studyFigureModel, type StudyFigureModel } from './studyFigureModel.ts';
export type { FigureModel } from './figureModel.ts';
export type { ModelParameter } from './modelInputs.ts';
export { derivation, explain } from './explain.ts';
export { readingOrder } from './readingOrder.ts';
export { applyScenario, ioMethodOptions, ioMethodKey, rateParameters, withRates, sectorsUnder, type Scenario } from './applyScenario.ts';
export { sectorResponse, yuanPerUnit, type IOMethod, type SectorResponse } from './ioResponse.ts';
export { bridgeDemand, categoryResponse, demandOf, type BridgeMargins, type DemandShare } from './priceBridge.ts';
export { assembleSeries, growthTable, scopeChanges, seriesCagr, yoy, cagr, headlineOf, headlineGrowth, scopeRuns, type GrowthRow, type ScopeChange, type Headline, type HeadlineGrowthRow } from './series.ts';
export { studyUncertainty, SWITCHING_TOLERANCE, MC_CHUNK, type FigureReplicates, type StudyUncertaintyOptions } from './studyUncertainty.ts';
export { checkFilters, type RejectedLevels } from './checkFilters.ts';
export { attachCoverage, coverageChecks, prepareCoverageChecks } from './coverage.ts';
export { setComponentIntervals, type ComputedInterval } from './componentIntervals.ts';
export { designWarnings } from './sampling.ts';
export { logitShareInterval } from './shareInterval.ts';
export { jobUnits, componentJobUnits, JOB_UNIT_FIELDS, type JobUnitRows } from './jobUnits.ts';
export type * from './types.ts';
