// The figures of a run as results.json states them: value, derivation, and the sampling error of
// those that carry one — se = √(gᵀVg) over the survey estimates (delta method; exact for sums), df
// by Welch–Satterthwaite across questionnaires, the interval t or normal at the study's level
// (Wald, or on the logit scale for a share).
import { qnorm, qt } from '../../survey/index.ts';
import type { Figure } from './types.ts';
import type { FigureModel } from './figureModel.ts';
import type { Moments } from './moments.ts';
import { logitShareInterval } from './shareInterval.ts';
import { noteMissingVariance } from './varianceNotes.ts';

/** figureRecords(model, moments, intervals) → figures keyed by id, sorted by id; a variance that cannot be computed is replaced by `seNote` (noteMissingVariance). */
export function figureRecords(model: FigureModel, moments: Moments, { level, method }: { level: number; method: 't' | 'z' }): Record<string, Figure> {
  const value = (id: string) => model.values.get(id) as number;
  const out: Record<string, Figure> = {};
  for (const it of model.items) {
    const f: Figure = {
      id: it.id,
      from: it.from ?? [],
      value: value(it.id),
      unit: it.unit,
      label: it.label,
      formula: it.formula,
      inputs: typeof it.inputs === 'function' ? it.inputs(value) : (it.inputs ?? {}),
      ...(it.notes ? { notes: it.notes } : {}),
    };
    const g = model.gradients.get(it.id);
    if (it.estimated) {
      f.se = it.estimated.se;
      f.df = it.estimated.df;
      f.ci = it.estimated.ci;
      if (it.estimated.interval) f.interval = it.estimated.interval;
    } else if (g && g.size > 0) {
      const { variance, df } = moments.variance(g);
      const se = Math.sqrt(Math.max(0, variance));
      const q = method === 'z' || !Number.isFinite(df) ? qnorm((1 + level) / 2) : qt((1 + level) / 2, df);
      f.se = se;
      f.df = Number.isFinite(df) ? df : undefined;
      // A part over a whole that contains it: logit scale, so the interval stays inside [0, 1].
      f.ci = it.interval === 'logit' ? logitShareInterval(f.value, se, q, Infinity, level) : [f.value - q * se, f.value + q * se];
      f.interval = it.interval ?? 'wald';
    }
    out[it.id] = f;
  }
  noteMissingVariance(out);
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}
