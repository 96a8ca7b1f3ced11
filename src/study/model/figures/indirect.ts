// Indirect jobs (间接带动就业), METHOD §2 step 4, and the totals built on them.
import { L, NONE_DECLARED, sumItem, type FigureFamily, type FigureItem } from './definition.ts';

const INDIRECT = L('诱发产出 × 单位产出就业', 'induced output × jobs per yuan of output');

/**
 * ratio.jobs_per_output and jobs.indirect. With a jobs-per-output ratio r (methods ratio, national;
 * input jobs_per_output): jobs.indirect = output.indirect × r. With sector employment coefficients:
 * jobs.indirect = Σ_c C_c × ĵ_c (persons per yuan of demand) and r = jobs.indirect / output.indirect.
 */
export const indirectJobs: FigureFamily = {
  id: 'jobs.indirect | ratio.jobs_per_output',
  label: L('间接带动就业', 'Indirect jobs'),
  unit: 'persons',
  formula: INDIRECT,
  items: (ctx): FigureItem[] => {
    const jpo = ctx.inputs.jobsPerOutput;
    const cats = ctx.config.consumption.categories.map((c) => c.id);
    if (jpo.method === 'sector') {
      const per = cats.map((id) => ctx.jobsPerDemand(id));
      return [
        {
          id: 'jobs.indirect',
          label: L('间接带动就业', 'Indirect jobs'),
          unit: 'persons',
          formula: L('Σ_c C_c × Σ_i e_i × （s(c) 每元最终需求诱发的部门 i 产出）', 'Σ_c C_c × Σ_i e_i × (induced output of sector i per yuan of demand for s(c))'),
          inputs: Object.fromEntries(cats.map((id, k) => [`jobs per yuan of demand, ${ctx.inputs.sectors[id].code}`, per[k]])),
          from: cats.map((id) => `consumption.${id}`),
          value: (a) => {
            let s = 0;
            for (let k = 0; k < a.length; k++) s += a[k] * per[k];
            return s;
          },
          partials: () => per,
          notes: jpo.source,
        },
        {
          id: 'ratio.jobs_per_output',
          label: L('单位产出就业人数（由部门就业系数隐含）', 'Jobs per yuan of output (implied by sector coefficients)'),
          unit: 'persons/yuan',
          formula: 'jobs.indirect / output.indirect',
          inputs: {},
          from: ['jobs.indirect', 'output.indirect'],
          value: (a) => a[0] / a[1],
        },
      ];
    }
    return [
      { id: 'ratio.jobs_per_output', label: L('单位产出就业人数', 'Jobs per yuan of output'), unit: 'persons/yuan', formula: jpo.formula, inputs: jpo.inputs, use: ['jobs_per_output'], value: (a) => a[0], notes: jpo.source },
      {
        id: 'jobs.indirect',
        label: L('间接带动就业', 'Indirect jobs'),
        unit: 'persons',
        formula: INDIRECT,
        inputs: {},
        from: ['output.indirect', 'ratio.jobs_per_output'],
        value: (a) => a[0] * a[1],
        partials: (a) => [a[1], a[0]],
      },
    ];
  },
};

/** jobs.total = direct + indirect; share.providers = jobs.providers / jobs.total (delta method). */
export const totalJobs: FigureFamily = {
  id: 'jobs.total | share.providers',
  label: L('带动就业总量', 'Total jobs driven'),
  unit: 'persons',
  formula: L('直接 + 间接', 'direct + indirect'),
  role: 'total',
  items: () => [
    sumItem('jobs.total', ['jobs.direct', 'jobs.indirect'], L('带动就业总量', 'Total jobs driven'), 'persons', L('Σ 直接 + 间接', 'Σ direct + indirect'), NONE_DECLARED),
    {
      id: 'share.providers',
      label: L('服务商就业占比', 'Service providers, share of total jobs'),
      unit: 'ratio',
      formula: 'jobs.providers / jobs.total',
      inputs: {},
      from: ['jobs.providers', 'jobs.total'],
      value: (a) => a[0] / a[1],
      partials: (a) => [1 / a[1], -a[0] / (a[1] * a[1])],
      interval: 'logit',
    },
  ],
};
