// computeStudy: the platform-impact model of METHOD.md, composed from its parts. Pure: the
// validated config and the prepared inputs in, every figure with its derivation out. The figures
// themselves are the definitions in figures/ (one per family), built into one model per run.
import type { StudyConfig } from '../config/types.ts';
import type { Figure, StudyInputs, StudyResults } from './types.ts';
import type { FigureFamily } from './figures/definition.ts';
import { FIGURES } from './figures/index.ts';
import { studyFigureModel } from './studyFigureModel.ts';
import { figureRecords } from './figureRecords.ts';
import { attachCoverage, coverageChecks } from './coverage.ts';
import { applyComponentIntervals, declaredBootstrapT } from './componentIntervals.ts';
import { componentRows, consumptionRows, modelAssumptions, qualityRecords, sectorImpacts } from './resultParts.ts';
import { assembleSeries } from './series.ts';
import { studyUncertainty, type StudyUncertaintyOptions } from './studyUncertainty.ts';
import { componentJobUnits } from './jobUnits.ts';

export interface ComputeOptions extends StudyUncertaintyOptions {
  /** false: leave out `results.uncertainty` (the Monte Carlo); the figures are the same. */
  uncertainty?: boolean;
  /** The figure definitions (default FIGURES); a new family is one more entry. */
  figures?: readonly FigureFamily[];
  /**
   * The coverage check left to the caller (e.g. run on another thread while the Monte Carlo runs here):
   * called with the figures as the check reads them; the caller adds its result with attachCoverage
   * before using the results (the figures are the same objects, so their keys keep the same order).
   */
  deferCoverage?: (figures: Readonly<Record<string, Figure>>) => void;
  /**
   * The components' bootstrap-t intervals left to the caller (e.g. computed on the coverage check's
   * thread): computeStudy still fails where they cannot be computed (declaredBootstrapT), but leaves
   * those figures' Wald intervals; the caller replaces them (componentIntervals, setComponentIntervals)
   * before using the results, and a deferred coverage check must do the same on the figures it is given.
   */
  deferComponentIntervals?: boolean;
}

/**
 * computeStudy(config, inputs) → StudyResults with figures keyed by stable ids (see figures/):
 * jobs.total, jobs.direct(.fulltime|.parttime), jobs.providers, jobs.operators, jobs.<kind>.<id>,
 * jobs.group.<g>, jobs.indirect, consumption.<kind>|.total|.<id>, output.indirect(.<id>),
 * va.generated.*, ratio.jobs_per_output, share.providers, indicator.<id>, net.<id> (with
 * `additionality`); the Monte Carlo with `uncertainty`, job units, series, impacts by IO sector.
 */
export function computeStudy(config: StudyConfig, inputs: StudyInputs, options: ComputeOptions = {}): StudyResults {
  const built = studyFigureModel(config, inputs, options.figures);
  const { survey, context, model } = built;
  const figures = figureRecords(model, survey.moments, config.intervals);
  // Components declaring another interval than Wald (componentIntervals.ts); then does each
  // direct-jobs interval cover? (coverage.ts: the sample resampled as the population)
  if (options.deferComponentIntervals) declaredBootstrapT(config, inputs);
  else applyComponentIntervals(config, inputs, figures);
  if (options.deferCoverage) options.deferCoverage(figures);
  else attachCoverage(figures, coverageChecks(config, inputs, figures));
  const components = componentRows(config, context, figures);
  const results: StudyResults = {
    spillover: inputs.version,
    study: { name: config.name, year: config.year, platform: config.platform, source: config.source },
    figures,
    components,
    consumption: consumptionRows(config, context, figures),
    quality: qualityRecords(inputs),
    assumptions: modelAssumptions(config, inputs),
    ...(inputs.priceBasis && (inputs.priceBasis.margins || inputs.priceBasis.prices) ? { priceBasis: inputs.priceBasis } : {}),
    sampling: survey.moments.blocks.map((b) => ({ ids: b.indices.map((i) => survey.moments.names[i]), V: Array.from(b.V), df: b.df })),
    intervals: config.intervals,
    ...(config.additionality ? { additionality: { source: config.additionality.source, illustrative: config.additionality.illustrative } } : {}),
    families: (options.figures ?? FIGURES).map(({ id, label, unit, formula, about }) => ({ id, label, unit, formula, ...(about ? { about } : {}) })),
  };
  const sectors = inputs.model ? sectorImpacts(inputs, config, figures) : undefined;
  const series = config.series.length > 0 ? assembleSeries(config.series, { study: results.study, figures, components }) : undefined;
  const uncertainty = config.uncertainty && options.uncertainty !== false ? studyUncertainty(config, built, options) : undefined;
  const jobUnits = config.jobUnits ? componentJobUnits(config, inputs, config.jobUnits) : undefined;
  return {
    ...results,
    ...(sectors ? { sectors } : {}),
    ...(series ? { series } : {}),
    ...(uncertainty ? { uncertainty } : {}),
    ...(jobUnits ? { jobUnits } : {}),
  };
}
