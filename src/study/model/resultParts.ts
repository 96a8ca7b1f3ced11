// The parts of StudyResults beside the figures: rows by component and category, data quality,
// the model's stated assumptions, and impacts by IO sector.
import type { Label } from '../../locale/index.ts';
import type { StudyConfig } from '../config/types.ts';
import type { ComponentRow, ConsumptionRow, Figure, QualityRecord, SectorImpactRow, StudyInputs } from './types.ts';
import type { FigureContext } from './figures/definition.ts';
import { yuanPerUnit } from './ioResponse.ts';
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
    return { id: cat.id, label: cat.label, kind: cat.kind, sector: { code: sector.code, index: sector.index, name: sector.name }, amount, coefficient: sector.coefficient, inducedOutput: F[`output.indirect.${cat.id}`].value, jobs: amount * ctx.jobsPerDemand(cat.id), source: cat.total !== undefined ? 'given' : 'survey' };
  });
}

/** Rows read, valid and rejected per questionnaire, with the reader's notes and the design's warnings. */
export function qualityRecords(inputs: StudyInputs): QualityRecord[] {
  return Object.values(inputs.questionnaires).map((q) => ({
    questionnaire: q.key, file: q.file, rowsRead: q.rowsRead, valid: q.valid, rejected: q.rejected, reasons: q.reasons,
    ...(q.skippedRows ? { skippedRows: q.skippedRows } : {}),
    ...(q.notes?.length ? { notes: q.notes } : {}),
    ...(q.warnings?.length ? { warnings: q.warnings } : {}),
  }));
}

/** The model's assumptions in both languages: designs, intervals, IO coefficients, jobs per output. */
export function modelAssumptions(config: StudyConfig, inputs: StudyInputs): Label[] {
  const { level, method } = config.intervals;
  const io = inputs.ioMethod;
  const seedMethod = io.method === 'seed';
  const jpo = inputs.jobsPerOutput;
  const pct = Math.round(level * 100);
  const jpoSource = jpo.source.replace(/\.$/, '');
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
        zh: `系数 b_s 为 ${inputs.ioSource} 的 B = (I − A)⁻¹ − I 的列和（原报告的方法：I 型、竞争型进口）；视为固定值（不含抽样误差）。`,
        en: `Coefficients b_s are column sums of B = (I − A)⁻¹ − I of ${inputs.ioSource} (the original report's method: Type I, competitive imports); they are treated as fixed (no sampling error).`,
      }
      : {
        zh: `诱发产出来自 ${inputs.ioSource} 的列昂惕夫模型：${io.type} 型，${io.domestic ? '国内（扣除进口）' : '竞争型进口'}模型；系数视为固定值（不含抽样误差）。`,
        en: `Induced output from the Leontief model of ${inputs.ioSource}: Type ${io.type}, ${io.domestic ? 'domestic (import-adjusted)' : 'competitive-import'} model; coefficients treated as fixed (no sampling error).`,
      },
    { zh: `单位诱发产出的就业人数：${jpoSource}。`, en: `Jobs per yuan of induced output: ${jpoSource}.` },
  ];
}

/** Impacts by IO sector of the estimated consumption, under the study's method (seed: Type I, competitive). */
export function sectorImpacts(inputs: StudyInputs, config: StudyConfig, figures: Record<string, Figure>): SectorImpactRow[] {
  const model = inputs.model!;
  const scale = yuanPerUnit(model.unit);
  const demand = new Float64Array(model.n);
  for (const c of config.consumption.categories) demand[inputs.sectors[c.id].index] += figures[`consumption.${c.id}`].value / scale;
  const seed = inputs.ioMethod.method === 'seed';
  const imp = leontiefImpact(model, demand, { type: seed ? 'I' : inputs.ioMethod.type, domestic: seed ? false : inputs.ioMethod.domestic });
  const jpo = inputs.jobsPerOutput;
  return Array.from({ length: model.n }, (_, i) => ({
    code: model.codes[i],
    name: model.names[i],
    demand: demand[i] * scale,
    output: { direct: imp.output.direct[i] * scale, indirect: imp.output.indirect[i] * scale, induced: imp.output.induced[i] * scale },
    valueAdded: imp.valueAdded ? imp.valueAdded.total[i] * scale : null,
    jobs: jpo.method === 'sector' ? (imp.jobs ? imp.jobs.indirect[i] + imp.jobs.induced[i] : null) : (imp.output.indirect[i] + imp.output.induced[i]) * scale * jpo.perYuan,
  }));
}

