// The valid questionnaires of each direct-jobs component, as the survey planner needs them.
import type { StudyConfig, StudyInputs, Label } from '../types.ts';
import { selectRows, take, numberField } from '../model/select.ts';
import { LocalizedError } from '../../locale/errorText.ts';

/**
 * One component's sample: provider (HT total T̂ = N/n Σ y_i, y_i = employees_i × related_share_i)
 * or operator (ratio total T̂ = M Σ s_i / Σ a_i, s = staff, a = accounts).
 */
export type PlanSample =
  | { id: string; label: Label; kind: 'provider'; N: number; y: Float64Array }
  | { id: string; label: Label; kind: 'operator'; M: number; a: Float64Array; s: Float64Array };

/**
 * planSamples(config, inputs) → one PlanSample per component, in study order, from the screened
 * questionnaires (the same rows computeStudy uses). Fails as computeStudy does on a missing
 * questionnaire or field.
 * Example: a provider with employees [10, 30] and related_share [1, 0.5] → y = [10, 15].
 */
export function planSamples(config: StudyConfig, inputs: StudyInputs): PlanSample[] {
  return [...config.providers, ...config.operators].map((c) => {
    const q = inputs.questionnaires[c.questionnaire];
    if (!q) throw new LocalizedError({ zh: `${c.yamlPath}：问卷 "${c.questionnaire}" 没有读入`, en: `${c.yamlPath}: questionnaire "${c.questionnaire}" was not loaded` });
    const ctx = `${c.yamlPath} (${c.id})`;
    const rows = selectRows(q, c.where, ctx);
    const f = (name: string) => take(numberField(q, name, ctx), rows);
    if (c.kind === 'provider') {
      const e = f('employees');
      const r = f('related_share');
      return { id: c.id, label: c.label, kind: 'provider', N: c.population, y: e.map((v, i) => v * r[i]) };
    }
    return { id: c.id, label: c.label, kind: 'operator', M: c.population, a: f('accounts'), s: f('staff') };
  });
}
