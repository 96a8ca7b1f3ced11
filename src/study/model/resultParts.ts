// The parts of StudyResults beside the figures: rows by component and category, data quality,
// the model's stated assumptions, and impacts by IO sector.
import type { Label } from '../../locale/index.ts';
import type { StudyConfig } from '../config/types.ts';
import type { ComponentRow, ConsumptionRow, Figure, QualityRecord, SectorImpactRow, StudyInputs } from './types.ts';
import type { FigureContext } from './figures/definition.ts';
import { yuanPerUnit } from './ioResponse.ts';
import { demandOf } from './priceBridge.ts';
import { leontiefImpact } from '../../io/index.ts';

const plural = (k: 'provider' | 'operator') => (k === 'provider' ? 'providers' : 'operators');

/** One row per direct-jobs component: population, n, jobs, full- and part-time (from the figures). */
export function componentRows(config: StudyConfig, ctx: FigureContext, F: Record<string, Figure>): ComponentRow[] {
  return [...config.providers, ...config.operators].map((c) => {
    const base = `jobs.${plural(c.kind)}.${c.id}`;
    return { id: c.id, kind: c.kind, label: c.label, groups: c.groups, population: c.population, n: ctx.components.get(c.id)!.n, jobs: F[base].value, fulltime: F[`${base}.fulltime`].value, parttime: F[`${base}.parttime`].value };
  });
}

/** One row per consumption category: sector, amount, coefficient b, induced output, jobs (amount × jobs per yuan of demand). */
export function consumptionRows(config: StudyConfig, ctx: FigureContext, F: Record<string, Figure>): ConsumptionRow[] {
  return config.consumption.categories.map((cat) => {
    const sector = ctx.inputs.sectors[cat.id];
    const amount = F[`consumption.${cat.id}`].value;
    const mapped = sector.demand && (sector.demand.length > 1 || cat.bridge || sector.priceSeries);
    return {
      id: cat.id, label: cat.label, kind: cat.kind, sector: { code: sector.code, index: sector.index, name: sector.name }, amount, coefficient: sector.coefficient, inducedOutput: F[`output.indirect.${cat.id}`].value, jobs: amount * ctx.jobsPerDemand(cat.id), source: cat.total !== undefined ? 'given' : 'survey',
      ...(mapped ? { mapping: sector.demand!.map(({ code, name, share, part }) => ({ code, name, share, part })) } : {}),
      ...(sector.priceSeries && sector.prices ? { price: { series: sector.priceSeries, ratio: sector.prices.deflator } } : {}),
    };
  });
}

/** Rows read, valid and rejected per questionnaire, with the reader's notes and the design's warnings. */
export function qualityRecords(inputs: StudyInputs): QualityRecord[] {
  return Object.values(inputs.questionnaires).map((q) => ({
    questionnaire: q.key, file: q.file, rowsRead: q.rowsRead, valid: q.valid, rejected: q.rejected, reasons: q.reasons,
    ...(q.ruleReasons ? { ruleReasons: q.ruleReasons } : {}),
    ...(q.skippedRows ? { skippedRows: q.skippedRows } : {}),
    ...(q.notes?.length ? { notes: q.notes } : {}),
    ...(q.warnings?.length ? { warnings: q.warnings } : {}),
  }));
}

/** The model's assumptions in both languages: designs, intervals, IO coefficients, jobs per output. */
export function modelAssumptions(config: StudyConfig, inputs: StudyInputs): Label[] {
  const { level, method } = config.intervals;
  const io = inputs.ioMethod;
  const seedMethod = io.method === 'published';
  const jpo = inputs.jobsPerOutput;
  const pct = Math.round(level * 100);
  const jpoSource = { zh: jpo.source.zh.replace(/[。.]$/, ''), en: jpo.source.en.replace(/\.$/, '') };
  return [
    {
      zh: '未声明抽样设计的问卷按简单随机抽样处理：各类服务商为从 N_k 家中抽取 n_k 家（权数 N_k/n_k，含有限总体校正），各类运营者等权（比率估计），消费者为从平台用户 U 中抽取 n 人（权数 U/n，含有限总体校正），与原报告公式的隐含假设一致。来自相互独立样本的各部分方差相加。',
      en: 'Questionnaires without a declared design are simple random samples: provider types of n_k from N_k (weights N_k/n_k, fpc), operator types with equal weights (ratio estimator), consumers of n from the platform users (weights U/n, fpc), as the formulas of the original report imply. Components from independent samples add variances.',
    },
    {
      zh: `区间：${pct}% ${method === 't' ? '学生 t 分布，自由度取设计自由度（跨问卷用 Satterthwaite 近似）' : '正态分布'}；标准误用泰勒线性化计算。`,
      en: `Intervals: ${pct}% ${method === 't' ? 'Student t with design degrees of freedom (Satterthwaite across questionnaires)' : 'normal'}; standard errors by Taylor linearization.`,
    },
    seedMethod
      ? {
        zh: `系数 b_s 为${inputs.ioSource.zh}的 B = (I − A)⁻¹ − I 的列和（原报告的方法：I 型、竞争型进口）；视为固定值（不含抽样误差）。`,
        en: `Coefficients b_s are column sums of B = (I − A)⁻¹ − I of ${inputs.ioSource.en} (the original report's method: Type I, competitive imports); they are treated as fixed (no sampling error).`,
      }
      : {
        zh: `诱发产出来自${inputs.ioSource.zh}的列昂惕夫模型：${io.type} 型，${io.domestic ? '国内（扣除进口）' : '竞争型进口'}模型；系数视为固定值（不含抽样误差）。`,
        en: `Induced output from the Leontief model of ${inputs.ioSource.en}: Type ${io.type}, ${io.domestic ? 'domestic (import-adjusted)' : 'competitive-import'} model; coefficients treated as fixed (no sampling error).`,
      },
    { zh: `单位诱发产出的就业人数：${jpoSource.zh}。`, en: `Jobs per yuan of induced output: ${jpoSource.en}.` },
    ...priceAssumptions(inputs),
  ];
}

/**
 * Impacts by IO sector of the estimated consumption, under the study's method (seed: Type I, competitive):
 * each category's spending spread over its producer-price demand rows (price bridge) in table-year prices.
 */
export function sectorImpacts(inputs: StudyInputs, config: StudyConfig, figures: Record<string, Figure>): SectorImpactRow[] {
  const model = inputs.model!;
  const scale = yuanPerUnit(model.unit);
  const demand = new Float64Array(model.n);
  // producer-price demand in table-year prices (÷ P_c); output and value added restated in study-year prices (× P_out)
  let restate = 1;
  let productivity = 1;
  for (const c of config.consumption.categories) {
    const s = inputs.sectors[c.id];
    const p = s.prices ?? { deflator: 1, output: 1, productivity: 1 };
    [restate, productivity] = [p.output, p.productivity];
    for (const d of demandOf(s)) demand[d.index] += (figures[`consumption.${c.id}`].value * d.share) / p.deflator / scale;
  }
  const seed = inputs.ioMethod.method === 'published';
  const imp = leontiefImpact(model, demand, { type: seed ? 'I' : inputs.ioMethod.type, domestic: seed ? false : inputs.ioMethod.domestic });
  const jpo = inputs.jobsPerOutput;
  const money = scale * restate;
  return Array.from({ length: model.n }, (_, i) => ({
    code: model.codes[i],
    name: model.names[i],
    demand: demand[i] * money,
    output: { direct: imp.output.direct[i] * money, indirect: imp.output.indirect[i] * money, induced: imp.output.induced[i] * money },
    valueAdded: imp.valueAdded ? imp.valueAdded.total[i] * money : null,
    jobs: jpo.method === 'sector' ? (imp.jobs ? (imp.jobs.indirect[i] + imp.jobs.induced[i]) / productivity : null) : (imp.output.indirect[i] + imp.output.induced[i]) * money * jpo.perYuan,
  }));
}


/** The price bridge's margins and the price-year adjustment, stated (none when the study declares neither). */
function priceAssumptions(inputs: StudyInputs): Label[] {
  const out: Label[] = [];
  const b = inputs.priceBasis;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  if (b?.margins) {
    const m = b.margins;
    out.push({
      zh: `价格桥接：标注 bridge 的消费类别按购买者价格支出拆分为生产者价值 ${pct(m.producer)}（分配到所列商品部门）、批发零售贸易加价 ${pct(m.trade)}、货物运输加价 ${pct(m.transport)}${m.derived ? '，比例取自投入产出表居民消费列（贸易和货运部门的居民消费 ÷ 居民购买商品的购买者价值）' : `（${m.source}）`}。`,
      en: `Price bridge: categories marked bridge split purchaser-price spending into producer value ${pct(m.producer)} (to their goods sectors), trade margin ${pct(m.trade)} (wholesale, retail) and transport margin ${pct(m.transport)} (freight)${m.derived ? ', shares from the table\'s household-consumption column (household purchases of trade and freight services ÷ purchaser value of household goods)' : ` (${m.source})`}.`,
    });
  }
  if (b?.prices) {
    const p = b.prices;
    const f = (x: number) => x.toFixed(4);
    out.push({
      zh: `价格年份：${p.studyYear} 年支出按各类别价格指数（${p.index}）折算为 ${p.tableYear} 年价格后乘以 ${p.tableYear} 年系数；诱发产出再按 ${p.output.series}（${f(p.output.ratio)}）换回 ${p.studyYear} 年价格${p.productivity ? `；单位产出就业人数除以 ${p.tableYear}–${p.studyYear} 年劳动生产率增长（${p.productivity.series}，${f(p.productivity.ratio)}）` : ''}。`,
      en: `Price year: ${p.studyYear} spending deflated to ${p.tableYear} prices with each category's index (${p.index}) before the ${p.tableYear} coefficients; induced output restated in ${p.studyYear} prices with ${p.output.series} (${f(p.output.ratio)})${p.productivity ? `; jobs per output divided by labour-productivity growth ${p.tableYear}–${p.studyYear} (${p.productivity.series}, ${f(p.productivity.ratio)})` : ''}.`,
    });
  }
  return out;
}
