// Consumption the platform drove and the output it induces (METHOD §2): per category, the sums by
// kind, and the value added it generates.
import type { Label } from '../../../locale/index.ts';
import type { FigureContext, FigureItem } from './definition.ts';
import { inducedOutput } from '../inducedOutput.ts';
import { fieldLabel } from '../fieldLabel.ts';
import { L, sumItem, type FigureFamily } from './definition.ts';

/** The label of induced output under the study's IO method (seed: the report's "indirect GDP"). */
export function outputLabel(ctx: FigureContext): Label {
  const io = ctx.inputs.ioMethod;
  const model = io.domestic ? '国内（非竞争进口）模型 domestic model' : '竞争进口模型 competitive model';
  if (io.method === 'published') return L('诱发产出（原报告称“间接GDP”）', "Induced output (the original report's 'indirect GDP')");
  return io.type === 'I'
    ? L(`间接产出（I型，${model.split(' ')[0]}）`, `Indirect output (Type I, ${model.split(' ').slice(1).join(' ')})`)
    : L(`间接及引致产出（II型，${model.split(' ')[0]}）`, `Indirect and induced output (Type II, ${model.split(' ').slice(1).join(' ')})`);
}

/**
 * consumption.<category>: the total given in the study file (input consumption.<id>), or the
 * design-based estimate Ĉ (input sampling.consumption.<id>) scaled by the platform's users U:
 *   C_c = Ĉ_c × U / U_study  (= U/n × Σ_i spend_i under the default design).
 */
export const categoryConsumption: FigureFamily = {
  id: 'consumption.<category>',
  label: L('各类别带动消费', 'Consumption of one category'),
  unit: 'yuan',
  formula: L('研究文件给定 | U / n × Σ_i 消费_i', 'given in the study file | U / n × Σ_i spend_i'),
  items: (ctx) => {
    const { config, inputs } = ctx;
    const cq = config.consumption.questionnaire ? inputs.questionnaires[config.consumption.questionnaire] : undefined;
    return config.consumption.categories.map((cat): FigureItem => {
      const id = `consumption.${cat.id}`;
      if (cat.total !== undefined) return { id, label: cat.label, unit: 'yuan', formula: L('研究文件给定', 'given in the study file'), inputs: { total: cat.total }, use: [id], value: (a) => a[0] };
      const U = config.users as number;
      return {
        id,
        label: cat.label,
        unit: 'yuan',
        formula: L('U / n × Σ_i 消费_i', 'U / n × Σ_i spend_i'),
        inputs: { U, n: cq!.valid, field: fieldLabel(config, config.consumption.questionnaire as string, cat.field as string), questionnaire: cq!.file },
        use: [`sampling.${id}`, 'users'],
        value: (a) => a[0] * (a[1] / U),
        partials: (a) => [a[1] / U, a[0] / U],
      };
    });
  },
};

/** output.indirect.<category> = C_c × b_s(c): output induced per yuan of final demand for the category's sector (input coefficient.<id>). */
export const categoryOutput: FigureFamily = {
  id: 'output.indirect.<category>',
  label: L('各类别诱发产出', 'Induced output of one category'),
  unit: 'yuan',
  formula: 'C_c × b_s(c)',
  items: (ctx) => {
    const seed = ctx.inputs.ioMethod.method === 'published';
    const out = outputLabel(ctx);
    return ctx.config.consumption.categories.map((cat) => {
      const sector = ctx.inputs.sectors[cat.id];
      return {
        id: `output.indirect.${cat.id}`,
        label: L(`${cat.label.zh}：诱发产出`, `${cat.label.en}: induced output`),
        unit: 'yuan',
        formula: seed ? 'C_c × b_s(c)' : L(`C_c × s(c) 每元最终需求的${out.zh}`, `C_c × ${out.en.toLowerCase()} per yuan of final demand for s(c)`),
        inputs: { b: sector.coefficient, sector: L(`${sector.code} ${sector.name.zh}`, `${sector.code} ${sector.name.en}`) },
        from: [`consumption.${cat.id}`],
        use: [`coefficient.${cat.id}`],
        value: (a) => 0 + inducedOutput(a[0], a[1], cat.id), // a sum from 0 over this one category (a −0 term gives +0)
        partials: (a) => [a[1], a[0]],
      };
    });
  },
};

/** consumption.information, .traditional, .total and output.indirect: sums over categories. */
export const consumptionTotals: FigureFamily = {
  id: 'consumption.information | consumption.traditional | consumption.total | output.indirect',
  label: L('带动消费与诱发产出合计', 'Consumption and induced output, totals'),
  unit: 'yuan',
  formula: L('Σ 各类别', 'Σ over categories'),
  role: 'total',
  items: (ctx) => {
    const cats = ctx.config.consumption.categories;
    const ids = (kind?: 'information' | 'traditional') => cats.filter((c) => !kind || c.kind === kind).map((c) => `consumption.${c.id}`);
    const seed = ctx.inputs.ioMethod.method === 'published';
    const out = outputLabel(ctx);
    return [
      sumItem('consumption.information', ids('information'), L('信息消费', 'Information consumption'), 'yuan', L('Σ 信息消费各类别 C_c', 'Σ C_c over information categories')),
      sumItem('consumption.traditional', ids('traditional'), L('带动传统消费', 'Traditional consumption driven'), 'yuan', L('Σ 传统消费各类别 C_c', 'Σ C_c over traditional categories')),
      sumItem('consumption.total', ['consumption.information', 'consumption.traditional'], L('直接经济贡献（带动消费合计）', 'Direct economic contribution (consumption driven)'), 'yuan', 'D = Σ_c C_c'),
      {
        ...sumItem('output.indirect', cats.map((c) => `output.indirect.${c.id}`), out, 'yuan', seed ? 'Σ_c C_c × b_s(c), b_s = 1ᵀ[(I − A)⁻¹ − I]e_s' : L(`Σ_c C_c × （每元最终需求的${out.zh}）`, `Σ_c C_c × (${out.en.toLowerCase()} per yuan of final demand)`)),
        notes: L('中间产品与服务的产出（II 型另含居民消费诱发的产出），不是增加值：在竞争型进口表中一元最终需求总共只产生一元增加值（见 va.generated.*）。', 'Output of intermediate goods and services (plus household-induced output for Type II), not value added: in a competitive-import table one yuan of final demand generates exactly one yuan of value added in total (see va.generated.*).'),
      },
    ];
  },
};

/** va.generated.<competitive|domestic> = Σ_c C_c × v·(I − A)⁻¹e_s(c): the GDP view (when the table gives value added). */
export const valueAddedGenerated: FigureFamily = {
  id: 'va.generated.<competitive|domestic>',
  label: L('带动增加值', 'Value added generated'),
  unit: 'yuan',
  formula: 'Σ_c C_c × v·(I − A)⁻¹e_s(c)',
  items: (ctx) => {
    const cats = ctx.config.consumption.categories;
    return (
      [
        ['competitive', '竞争进口模型', 'competitive-import model'],
        ['domestic', '国内模型（扣除进口）', 'domestic model, imports excluded'],
      ] as const
    ).flatMap(([key, zh, en]) => {
      const per = cats.map((c) => ctx.inputs.sectors[c.id].valueAdded[key]);
      if (per.some((v) => v === null)) return [];
      const m = per as number[];
      return [{
        id: `va.generated.${key}`,
        label: L(`带动增加值（直接＋间接，${zh}）`, `Value added generated (direct + indirect, ${en})`),
        unit: 'yuan' as const,
        formula: key === 'domestic' ? 'Σ_c C_c (1 − m_s(c)) × v·(I − A_d)⁻¹e_s(c), A_d = (I − M̂)A' : 'Σ_c C_c × v·(I − A)⁻¹e_s(c)',
        inputs: Object.fromEntries(cats.map((c, k) => [`VA multiplier ${ctx.inputs.sectors[c.id].code}`, m[k]])),
        from: cats.map((c) => `consumption.${c.id}`),
        value: (a: Float64Array) => {
          let s = 0;
          for (let k = 0; k < a.length; k++) s += a[k] * m[k];
          return s;
        },
        partials: () => m,
        notes:
          key === 'competitive'
            ? L('等于消费额本身：该表中 Σ_i a_ij + v_j = 1，每个部门的增加值乘数都是 1。GDP 口径看的是它，而不是诱发产出。', 'Equals the consumption itself: in this table Σ_i a_ij + v_j = 1, so the value-added multiplier is 1 in every sector. This, not induced output, is the GDP view.')
            : L('国内经济中产生的增加值，已扣除进口投入和直接进口的消费。', 'Value added generated in the domestic economy, after imported inputs and directly imported consumption.'),
      }];
    });
  },
};
