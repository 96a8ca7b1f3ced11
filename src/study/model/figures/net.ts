// Net additional impact beside the gross figures (ids net.<gross id>), never summed with them.
// Per component and category (HCA Additionality Guide 2014; Green Book 2022):
//   net = gross × (1 − L)(1 − D)(1 − Dp)(1 − S)
// and every total is the gross figure's own formula over the net figures it is made of (net
// indirect jobs follow from net consumption through the same b_s and jobs per output).
import { asLabel } from '../../../locale/index.ts';
import type { Rate, RateSpec } from '../../config/types.ts';
import { RATES } from '../../config/netImpactConfig.ts';
import { additionalityFactor, additionalityFactorOf } from '../additionality.ts';
import { L, type FigureContext, type FigureFamily, type FigureItem } from './definition.ts';
import { componentJobs, componentParttime, directTotals } from './direct.ts';
import { categoryConsumption, categoryOutput, consumptionTotals } from './consumption.ts';
import { indirectJobs, totalJobs } from './indirect.ts';

const FACTOR = L('(1 − 漏出率)(1 − 无谓效应)(1 − 挤出率)(1 − 替代率)', '(1 − leakage)(1 − deadweight)(1 − displacement)(1 − substitution)');
const NET = L(`毛额 × ${FACTOR.zh}`, `gross × ${FACTOR.en}`);
const factorAt = (a: Float64Array, at: number) => additionalityFactorOf(a[at], a[at + 1], a[at + 2], a[at + 3]);
const rateIds = (specs: Record<Rate, RateSpec>) => RATES.map((r) => specs[r].parameter);

/**
 * net.<id> for the direct figures when every component has rates, for consumption, induced output
 * and indirect jobs when every category has, and net.jobs.total when both. Rates given as
 * distributions enter at their mean. Example: gross 1000 jobs, L 0.1, D 0.2, Dp 0.25, S 0 → net 540.
 */
export const netImpact: FigureFamily = {
  id: 'net.<gross id>',
  label: L('净新增影响', 'Net additional impact'),
  unit: 'persons',
  formula: NET,
  about: L('按项目扣除漏出、无谓、替代和置换效应后的净新增；合计沿用毛指标的公式。', 'Per component and category the gross figure net of leakage, deadweight, displacement and substitution; totals follow the gross formula over net figures.'),
  items: (ctx) => {
    const add = ctx.config.additionality;
    if (!add) return [];
    const comps = [...ctx.config.providers, ...ctx.config.operators];
    const cats = ctx.config.consumption.categories;
    const withComponents = comps.every((c) => add.components[c.id]);
    const withConsumption = cats.every((c) => add.consumption[c.id]);
    const tag = add.illustrative ? { zh: '（示意性假设）', en: ' (illustrative assumptions)' } : { zh: '', en: '' };
    const notes = L(`${add.illustrative ? '示意性假设，不是估计。' : ''}额外性比率来源：${add.source.zh}。`, `${add.illustrative ? 'ILLUSTRATIVE assumptions, not estimates. ' : ''}Additionality rates: ${add.source.en}.`);
    const net = (g: FigureItem, rest: Partial<FigureItem>): FigureItem => ({
      id: `net.${g.id}`,
      label: { zh: `净新增${g.label.zh}${tag.zh}`, en: `Net additional: ${g.label.en}${tag.en}` },
      unit: g.unit,
      formula: L(`${asLabel(g.formula).zh}（按净额）`, `${asLabel(g.formula).en}, over net figures`),
      inputs: {},
      from: (g.from ?? []).map((f) => (f.startsWith('ratio.') ? f : `net.${f}`)),
      use: g.use,
      value: g.value,
      notes,
      ...rest,
    });
    const leaf = (g: FigureItem, specs: Record<Rate, RateSpec>): FigureItem =>
      net(g, {
        formula: NET,
        inputs: (figure) => {
          const rates = RATES.map((r) => ctx.input(specs[r].parameter));
          return { gross: figure(g.id), ...Object.fromEntries(RATES.map((r, k) => [r, rates[k]])), factor: additionalityFactor({ leakage: rates[0], deadweight: rates[1], displacement: rates[2], substitution: rates[3] }) };
        },
        from: [g.id],
        use: rateIds(specs),
        value: (a) => a[0] * factorAt(a, 1),
      });
    const items = (f: FigureFamily, c: FigureContext = ctx) => f.items(c);
    const out: FigureItem[] = [];
    if (withComponents) {
      const byId = new Map(comps.map((c) => [`jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`, add.components[c.id]]));
      out.push(...items(componentJobs).map((g) => leaf(g, byId.get(g.id)!)));
      const parts = items(componentParttime);
      out.push({
        id: 'net.jobs.direct.parttime',
        label: { zh: `净新增直接带动就业：兼职${tag.zh}`, en: `Net additional: Direct jobs: part-time${tag.en}` },
        unit: 'persons',
        formula: L(`Σ_k 兼职_k × ${FACTOR.zh}_k`, `Σ_k part-time_k × ${FACTOR.en}_k`),
        inputs: {},
        from: parts.map((p) => p.id),
        use: comps.flatMap((c) => rateIds(add.components[c.id])),
        value: (a) => {
          const k = parts.length;
          let s = 0;
          for (let i = 0; i < k; i++) s += a[i] * factorAt(a, k + 4 * i);
          return s;
        },
        notes,
      });
      out.push(...items(directTotals).filter((g) => g.id !== 'jobs.direct.parttime').map((g) => net(g, {})));
    }
    if (withConsumption) {
      out.push(...items(categoryConsumption).map((g) => leaf(g, add.consumption[g.id.slice('consumption.'.length)])));
      out.push(...[...items(categoryOutput), ...items(consumptionTotals)].map((g) => net(g, {})));
      out.push(...items(indirectJobs).filter((g) => g.id === 'jobs.indirect').map((g) => net(g, {})));
    }
    if (withComponents && withConsumption) out.push(...items(totalJobs).filter((g) => g.id === 'jobs.total').map((g) => net(g, {})));
    return out;
  },
};
