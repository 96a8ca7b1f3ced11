// The study's survey estimates: every direct-jobs component and every consumption category
// estimated from a questionnaire, with their design-based covariance, one independent block per
// questionnaire (Moments). The figures are functions of these (figures/).
import type { StudyConfig } from '../config/types.ts';
import type { StudyInputs } from './types.ts';
import { selectRows, numberField } from './select.ts';
import { componentEstimates, consumptionEstimates, type ComponentEstimate } from './sampling.ts';
import { Moments } from './moments.ts';
import { LocalizedError } from '../../locale/errorText.ts';

export interface SurveyEstimates {
  moments: Moments;
  /** By component id: the estimate (n, jobs, part-time). Moments hold jobs.<kind>.<id> and …parttime. */
  components: Map<string, ComponentEstimate>;
}

/**
 * surveyEstimates(config, inputs) → the moments named jobs.<providers|operators>.<id>,
 * jobs.<…>.<id>.parttime and consumption.<category> (categories with a `field`). Fails when a
 * questionnaire was not loaded or lacks a field a role needs, naming the YAML path.
 */
export function surveyEstimates(config: StudyConfig, inputs: StudyInputs): SurveyEstimates {
  const moments = new Moments();
  const components = new Map<string, ComponentEstimate>();
  const all = [...config.providers, ...config.operators];
  for (const key of new Set(all.map((c) => c.questionnaire))) {
    const q = inputs.questionnaires[key];
    const comps = all.filter((c) => c.questionnaire === key);
    if (!q) throw new LocalizedError({ zh: `${comps[0].yamlPath}：问卷 "${key}" 没有读入`, en: `${comps[0].yamlPath}: questionnaire "${key}" was not loaded` });
    const members = comps.map((c) => {
      const ctx = `${c.yamlPath} (${c.id})`;
      for (const f of c.kind === 'provider' ? ['employees', 'related_share', 'fulltime_share'] : ['accounts', 'staff', 'fulltime_share']) numberField(q, f, ctx);
      return selectRows(q, c.where, ctx);
    });
    const { estimates, block } = componentEstimates(q, config.questionnaires[key], comps, members);
    moments.addBlock(estimates.flatMap((e) => {
      const base = `jobs.${e.component.kind === 'provider' ? 'providers' : 'operators'}.${e.component.id}`;
      return [base, `${base}.parttime`];
    }), block.values, block.V, block.df);
    for (const est of estimates) components.set(est.component.id, est);
  }
  const surveyed = config.consumption.categories.filter((c) => c.field !== undefined);
  if (surveyed.length > 0) {
    const key = config.consumption.questionnaire;
    const cq = key ? inputs.questionnaires[key] : undefined;
    if (!key || !cq) throw new LocalizedError({ zh: `consumption.questionnaire：消费者问卷没有读入`, en: `consumption.questionnaire: the consumer questionnaire was not loaded` });
    for (const c of surveyed) if (!cq.moments?.fields.includes(c.field as string)) numberField(cq, c.field as string, c.yamlPath);
    const block = consumptionEstimates(cq, config.questionnaires[key], surveyed.map((c) => c.field as string), config.users as number);
    moments.addBlock(surveyed.map((c) => `consumption.${c.id}`), block.values, block.V, block.df);
  }
  for (const cat of config.consumption.categories) if (!inputs.sectors[cat.id]) throw new LocalizedError({ zh: `${cat.yamlPath}：没有为部门 ${cat.sector} 准备投入产出系数`, en: `${cat.yamlPath}: no IO coefficient was prepared for sector ${cat.sector}` });
  return { moments, components };
}
