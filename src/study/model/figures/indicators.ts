// Survey indicators (indicator.<id>): shares and ratios estimated by the survey engine with their
// own design-based standard errors — a family whose values and intervals come from another estimator.
import { indicatorFigures } from '../indicators.ts';
import { L, type FigureFamily } from './definition.ts';

export const surveyIndicators: FigureFamily = {
  id: 'indicator.<id>(.<level>)',
  label: L('问卷指标', 'Survey indicators'),
  unit: 'ratio',
  formula: L('条件成立的加权比例 | 两个字段的加权比值（可按水平分组）', 'svymean of a condition | svyratio of two fields (by level)'),
  items: (ctx) =>
    indicatorFigures(ctx.config, ctx.inputs).map((f) => ({
      id: f.id,
      label: f.label,
      unit: f.unit,
      formula: f.formula,
      inputs: f.inputs,
      from: f.from,
      value: () => f.value,
      ...(f.notes ? { notes: f.notes } : {}),
      ...(f.se !== undefined ? { estimated: { se: f.se, df: f.df, ci: f.ci, interval: f.interval } } : {}),
    })),
};
