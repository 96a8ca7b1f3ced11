// Direct jobs (直接带动就业), METHOD §1: one figure per component, its part-time and full-time
// split, and the sums over providers, operators, groups and all components.
import type { Label } from '../../../locale/index.ts';
import type { ComponentConfig } from '../../config/types.ts';
import { L, NONE_DECLARED as NONE, differenceItem, sumItem, type FigureContext, type FigureFamily } from './definition.ts';

const plural = (c: ComponentConfig) => (c.kind === 'provider' ? 'providers' : 'operators');
const componentId = (c: ComponentConfig) => `jobs.${plural(c)}.${c.id}`;
const components = (ctx: FigureContext) => [...ctx.config.providers, ...ctx.config.operators];
// The questionnaire's fields by their study-file keys in en (employees, related_share, …), in words in zh.
const PROVIDER_FORMULA = L('N_k / n_k × Σ_i 员工数_i × 相关业务占比_i', 'N_k / n_k × Σ_i employees_i × related_share_i');
const OPERATOR_FORMULA = L('(Σ_i 开发运营人员_i / Σ_i 账号数_i) × M_j', '(Σ_i staff_i / Σ_i accounts_i) × M_j');
const PROVIDER_PARTTIME = L('N_k / n_k × Σ_i 员工数_i × 相关业务占比_i × (1 − 全职占比_i)', 'N_k / n_k × Σ_i employees_i × related_share_i × (1 − fulltime_share_i)');
const OPERATOR_PARTTIME = L('(Σ_i 开发运营人员_i × (1 − 全职占比_i) / Σ_i 账号数_i) × M_j', '(Σ_i staff_i × (1 − fulltime_share_i) / Σ_i accounts_i) × M_j');
const either = (a: Label, b: Label) => L(`${a.zh}；${b.zh}`, `${a.en}; ${b.en}`);
const FULLTIME = L('就业 − 兼职', 'jobs − part-time');

/**
 * jobs.<providers|operators>.<id>: the design-based estimate Ĵ (input sampling.<figure id>),
 * proportional to the population count N (input population.<id>, = N at the central value):
 *   jobs = Ĵ × N / N_study.  Providers: N_k/n_k × Σ employees × related share; operators: ratio × M_j.
 */
export const componentJobs: FigureFamily = {
  id: 'jobs.<providers|operators>.<component>',
  label: L('各组成部分带动就业', 'Jobs of one component'),
  unit: 'persons',
  formula: either(PROVIDER_FORMULA, OPERATOR_FORMULA),
  items: (ctx) =>
    components(ctx).map((c) => {
      const e = ctx.components.get(c.id)!;
      const N = c.population;
      return {
        id: componentId(c),
        label: c.label,
        unit: 'persons',
        formula: c.kind === 'provider' ? PROVIDER_FORMULA : OPERATOR_FORMULA,
        inputs: { questionnaire: ctx.config.questionnaires[c.questionnaire].file, n: e.n, [c.kind === 'provider' ? 'N_k' : 'M_j']: N },
        use: [`sampling.${componentId(c)}`, `population.${c.id}`],
        value: (a) => a[0] * (a[1] / N),
        partials: (a) => [a[1] / N, a[0] / N],
      };
    }),
};

/**
 * jobs.<…>.<id>.parttime: the component's jobs × its estimated part-time share P̂/Ĵ (the share is
 * held fixed when the Monte Carlo varies the jobs); its sampling error is that of its own
 * design-based estimate P̂ (input estimate.<id>.parttime).
 */
export const componentParttime: FigureFamily = {
  id: 'jobs.<providers|operators>.<component>.parttime',
  label: L('各组成部分：兼职', 'One component: part-time'),
  unit: 'persons',
  formula: either(PROVIDER_PARTTIME, OPERATOR_PARTTIME),
  items: (ctx) =>
    components(ctx).map((c) => {
      const base = componentId(c);
      const J = ctx.input(`sampling.${base}`);
      return {
        id: `${base}.parttime`,
        label: L(`${c.label.zh}：兼职`, `${c.label.en}: part-time`),
        unit: 'persons',
        formula: c.kind === 'provider' ? PROVIDER_PARTTIME : OPERATOR_PARTTIME,
        inputs: { questionnaire: ctx.config.questionnaires[c.questionnaire].file, n: ctx.components.get(c.id)!.n, [c.kind === 'provider' ? 'N_k' : 'M_j']: c.population },
        from: [],
        use: [`sampling.${base}`, `population.${c.id}`, `estimate.${base}.parttime`],
        value: (a) => a[0] * (a[1] / c.population) * (J > 0 ? a[2] / J : 0),
        partials: () => [0, 0, 1],
      };
    }),
};

/** jobs.<…>.<id>.fulltime = jobs − part-time. */
export const componentFulltime: FigureFamily = {
  id: 'jobs.<providers|operators>.<component>.fulltime',
  label: L('各组成部分：全职', 'One component: full-time'),
  unit: 'persons',
  formula: FULLTIME,
  items: (ctx) => components(ctx).map((c) => differenceItem(`${componentId(c)}.fulltime`, [componentId(c), `${componentId(c)}.parttime`], L(`${c.label.zh}：全职`, `${c.label.en}: full-time`), 'persons', FULLTIME)),
};

/** jobs.providers, jobs.operators, jobs.direct, jobs.direct.parttime, jobs.direct.fulltime, jobs.group.<g>: sums. */
export const directTotals: FigureFamily = {
  id: 'jobs.providers | jobs.operators | jobs.direct(.parttime|.fulltime) | jobs.group.<group>',
  label: L('直接带动就业', 'Direct jobs'),
  unit: 'persons',
  formula: L('Σ 各组成部分就业', 'Σ jobs over components'),
  role: 'total',
  items: (ctx) => {
    const ids = (kind: 'providers' | 'operators') => (kind === 'providers' ? ctx.config.providers : ctx.config.operators).map(componentId);
    const all = components(ctx);
    return [
      sumItem('jobs.providers', ids('providers'), L('服务商带动就业', 'Jobs at service providers'), 'persons', L('Σ_k 各类服务商就业', 'Σ jobs_k over provider types'), NONE),
      sumItem('jobs.operators', ids('operators'), L('运营者带动就业', 'Jobs of account operators'), 'persons', L('Σ_j 各类账号就业', 'Σ jobs_j over account types'), NONE),
      sumItem('jobs.direct', ['jobs.providers', 'jobs.operators'], L('直接带动就业', 'Direct jobs'), 'persons', L('Σ 服务商 + 运营者', 'Σ providers + operators'), NONE),
      sumItem('jobs.direct.parttime', all.map((c) => `${componentId(c)}.parttime`), L('直接带动就业：兼职', 'Direct jobs: part-time'), 'persons', L('Σ 各组成部分兼职', 'Σ part-time over components'), NONE),
      differenceItem('jobs.direct.fulltime', ['jobs.direct', 'jobs.direct.parttime'], L('直接带动就业：全职', 'Direct jobs: full-time'), 'persons', L('直接就业 − 兼职', 'direct − part-time')),
      ...Object.entries(ctx.config.groups).map(([g, { label }]) => sumItem(`jobs.group.${g}`, all.filter((c) => c.groups.includes(g)).map(componentId), label, 'persons', L(`Σ 各组成部分就业（${label.zh}）`, `Σ jobs over components in group ${g}`), NONE)),
    ];
  },
};
