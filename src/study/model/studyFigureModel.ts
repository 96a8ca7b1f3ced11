// The study's model, built once per run: survey estimates → model inputs → the figure definitions
// resolved into one evaluable, differentiable model (figureModel). computeStudy, the net figures,
// the Monte Carlo, tornado and switching values all use this one model.
import type { StudyConfig } from '../config/types.ts';
import type { StudyInputs } from './types.ts';
import type { FigureContext, FigureFamily } from './figures/definition.ts';
import { FIGURES } from './figures/index.ts';
import { surveyEstimates, type SurveyEstimates } from './surveyEstimates.ts';
import { modelInputs } from './modelInputs.ts';
import { figureModel, type FigureModel } from './figureModel.ts';
import { LocalizedError, internalError } from '../../locale/errorText.ts';

export interface StudyFigureModel {
  survey: SurveyEstimates;
  context: FigureContext;
  model: FigureModel;
}

/**
 * studyFigureModel(config, inputs, families = FIGURES) → the survey estimates, the context the
 * definitions saw and the model. Fails as surveyEstimates, modelInputs and figureModel do, and when
 * sector employment coefficients are missing for a category.
 */
export function studyFigureModel(config: StudyConfig, inputs: StudyInputs, families: readonly FigureFamily[] = FIGURES): StudyFigureModel {
  const survey = surveyEstimates(config, inputs);
  const mi = modelInputs(config, inputs, survey, config);
  const jpo = inputs.jobsPerOutput;
  const context: FigureContext = {
    config,
    inputs,
    components: survey.components,
    has: (id) => mi.inputs.has(id),
    input: (id) => {
      const v = mi.inputs.get(id);
      if (!v) throw internalError(`the model has no input ${id}`);
      return v.central;
    },
    jobsPerDemand: (categoryId) => {
      const sc = inputs.sectors[categoryId];
      if (jpo.method !== 'sector') return jpo.perYuan * sc.coefficient;
      if (sc.jobs === null) throw new LocalizedError({ zh: `jobs_per_output：没有为 ${sc.code} 准备部门就业系数`, en: `jobs_per_output: no sector employment coefficients were prepared for ${sc.code}` });
      return sc.jobs;
    },
  };
  return { survey, context, model: figureModel(families, context, mi) };
}
