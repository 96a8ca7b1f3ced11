// The model's inputs: every quantity the figures are functions of, by id, with its central value.
// Those the study declares uncertain (uncertainty.parameters, additionality rates, survey estimates
// under sampling error) are the Monte Carlo's parameters; the rest are fixed at their central value.
// Survey estimates also carry their index in the Moments (for the delta method).
import type { NetImpactConfig, RateSpec, StudyConfig } from '../config/types.ts';
import type { StudyInputs } from './types.ts';
import type { Distribution } from '../uncertainty/distributions.ts';
import type { NormalGroup } from '../uncertainty/monteCarlo.ts';
import { distributionMean } from '../uncertainty/distributions.ts';
import { RATES } from '../config/netImpactConfig.ts';
import { surveyDeadweight } from './surveyDeadweight.ts';
import type { SurveyEstimates } from './surveyEstimates.ts';
import { LocalizedError } from '../../locale/errorText.ts';

export interface ModelParameter {
  id: string;
  /** assumption: a stated belief (uncertainty.parameters, additionality rates); sampling: survey error. */
  kind: 'assumption' | 'sampling';
  distribution: Distribution;
  /** The value the point estimates use: the study's own input, a rate's mean, a survey estimate. */
  central: number;
  /** Draws are clamped into this range before use (only survey shares can reach outside it). */
  bounds: [number, number];
}

/** One input: its central value, its position among the parameters (−1: fixed) and in the Moments (−1: none). */
export interface ModelInput {
  central: number;
  parameter: number;
  moment: number;
}

export interface ModelInputs {
  parameters: ModelParameter[];
  inputs: Map<string, ModelInput>;
  /** Survey estimates drawn jointly (consumption categories from one consumer questionnaire). */
  normalGroups: NormalGroup[];
}

const point = (value: number): Distribution => ({ dist: 'point', value });

/**
 * modelInputs(config, inputs, survey, net) → the inputs, in the order the Monte Carlo draws them:
 * per component sampling.<figure id> (its estimate Ĵ), population.<id>, its four rates; users; per
 * category consumption.<id> (given total) or sampling.consumption.<id>, coefficient.<id>, its rates;
 * jobs_per_output. Fixed: estimate.<component figure id>.parttime (P̂). Fails when uncertainty.sampling
 * is normal and an estimate has no standard error, when survey deadweight lacks its fields, or when
 * jobs_per_output is declared uncertain under sector employment coefficients.
 */
export function modelInputs(config: StudyConfig, inputs: StudyInputs, survey: SurveyEstimates, net: NetImpactConfig): ModelInputs {
  const unc = net.uncertainty;
  const add = net.additionality;
  const { moments } = survey;
  const parameters: ModelParameter[] = [];
  const table = new Map<string, ModelInput>();
  const momentOf = (name: string) => moments.names.indexOf(name);
  const param = (p: ModelParameter, moment = -1) => {
    if (!table.has(p.id)) {
      table.set(p.id, { central: p.central, parameter: parameters.length, moment });
      parameters.push(p);
    }
  };
  const fixed = (id: string, central: number, moment = -1) => table.set(id, { central, parameter: -1, moment });
  const assumption = (id: string, central: number) => (unc?.parameters[id] ? param({ id, kind: 'assumption', distribution: unc.parameters[id], central, bounds: [0, Infinity] }) : fixed(id, central));
  const sampling = (name: string) => {
    const k = momentOf(name);
    const value = moments.values[k];
    const se = Math.sqrt(Math.max(0, moments.variance(new Map([[k, 1]])).variance));
    let d = point(value);
    if (unc?.sampling === 'normal') {
      if (!(se >= 0)) throw new LocalizedError({ zh: `uncertainty.sampling：指标 ${name} 没有标准误（不是有限数：无法计算方差）`, en: `uncertainty.sampling: figure ${name} has no standard error (not a finite number: the variance could not be computed)` });
      if (se > 0) d = { dist: 'normal', mean: value, sd: se };
    }
    param({ id: `sampling.${name}`, kind: 'sampling', distribution: d, central: value, bounds: [0, Infinity] }, k);
  };
  const rate = (spec: RateSpec, section: string, owner: string) => {
    if (spec.distribution) return param({ id: spec.parameter, kind: 'assumption', distribution: spec.distribution, central: distributionMean(spec.distribution), bounds: [0, 1] });
    // Survey-based deadweight: the spend-weighted "spent anyway" share and its sampling error.
    const cat = config.consumption.categories.find((c) => c.id === owner);
    const qk = config.consumption.questionnaire;
    const q = qk ? inputs.questionnaires[qk] : undefined;
    if (!cat?.field || !q) throw new LocalizedError({ zh: `${spec.parameter}：由调查估计无谓效应需要消费者问卷，以及一个由它估计的类别（${section}.${owner}）`, en: `${spec.parameter}: deadweight from the survey needs the consumer questionnaire and a category estimated from it (${section}.${owner})` });
    const y = q.numbers[cat.field];
    const a = q.numbers[spec.survey as string];
    if (!y || !a) throw new LocalizedError({ zh: `${spec.parameter}：消费者问卷 "${qk}" 没有数值字段 "${!y ? cat.field : spec.survey}"`, en: `${spec.parameter}: consumer questionnaire "${qk}" has no numeric field "${!y ? cat.field : spec.survey}"` });
    const dw = surveyDeadweight(y, a, new Float64Array(y.length).fill(1), spec.parameter);
    param({ id: spec.parameter, kind: 'sampling', distribution: unc?.sampling === 'normal' && dw.se > 0 ? { dist: 'normal', mean: dw.estimate, sd: dw.se } : point(dw.estimate), central: dw.estimate, bounds: [0, 1] });
  };

  for (const c of [...config.providers, ...config.operators]) {
    const fid = `jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`;
    sampling(fid);
    fixed(`estimate.${fid}.parttime`, moments.values[momentOf(`${fid}.parttime`)], momentOf(`${fid}.parttime`));
    assumption(`population.${c.id}`, c.population);
    const rates = add?.components[c.id];
    if (rates) for (const r of RATES) rate(rates[r], 'components', c.id);
  }
  if (config.users !== undefined) assumption('users', config.users);
  for (const cat of config.consumption.categories) {
    const fid = `consumption.${cat.id}`;
    if (cat.total !== undefined) assumption(fid, cat.total);
    else sampling(fid);
    assumption(`coefficient.${cat.id}`, inputs.sectors[cat.id].coefficient);
    const rates = add?.consumption[cat.id];
    if (rates) for (const r of RATES) rate(rates[r], 'consumption', cat.id);
  }
  if (inputs.jobsPerOutput.method === 'sector' && unc?.parameters.jobs_per_output)
    throw new LocalizedError({ zh: `uncertainty.parameters.jobs_per_output：这里的间接就业来自各部门的就业系数；单一的每单位产出就业比率不能变动`, en: 'uncertainty.parameters.jobs_per_output: indirect jobs come from sector employment coefficients here; a single jobs-per-output ratio cannot vary' });
  assumption('jobs_per_output', inputs.jobsPerOutput.perYuan);

  const drawn = config.consumption.categories.filter((c) => c.total === undefined && parameters[table.get(`sampling.consumption.${c.id}`)!.parameter].distribution.dist === 'normal');
  return { parameters, inputs: table, normalGroups: consumptionGroup(survey, drawn.map((c) => `consumption.${c.id}`)) };
}

/**
 * The survey-estimated consumption categories as one jointly normal group with the design-based
 * covariance of their totals (the consumer questionnaire's block of the Moments). Empty with fewer
 * than two categories.
 */
function consumptionGroup({ moments }: SurveyEstimates, names: string[]): NormalGroup[] {
  if (names.length < 2) return [];
  const k = names.length;
  const at = names.map((n) => moments.names.indexOf(n));
  const block = moments.blocks.find((b) => at.every((i) => b.indices.includes(i)))!;
  const pos = at.map((i) => block.indices.indexOf(i));
  const m = block.indices.length;
  const cov = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) cov[a * k + b] = block.V[pos[a] * m + pos[b]];
  return [{ parameters: names.map((n) => `sampling.${n}`), mean: at.map((i) => moments.values[i]), cov }];
}
