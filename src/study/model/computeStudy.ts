// computeStudy: the platform-impact model of METHOD.md composed from its parts.
// Pure: takes the validated config and the prepared inputs, returns every figure with its derivation.
import type { StudyConfig, StudyInputs, StudyResults, Figure, ComponentRow, ConsumptionRow, Label, Unit, QualityRecord, SectorImpactRow } from '../types.ts';
import { inducedOutput } from './inducedOutput.ts';
import { selectRows, numberField } from './select.ts';
import { componentEstimates, consumptionEstimates, type ComponentEstimate } from './sampling.ts';
import { Moments, combine, unit, ratioGradient, type Gradient } from './moments.ts';
import { qnorm, qt } from '../../survey/index.ts';
import { indicatorFigures } from './indicators.ts';
import { logitShareInterval } from './shareInterval.ts';
import { yuanPerUnit } from './ioResponse.ts';
import { assembleSeries } from './series.ts';
import { netFigures } from './netFigures.ts';
import { studyUncertainty, type StudyUncertaintyOptions } from './studyUncertainty.ts';
import { componentJobUnits } from './jobUnits.ts';
import { leontiefImpact } from '../../io/index.ts';
import { noteMissingVariance } from './varianceNotes.ts';

type FigureSpec = Omit<Figure, 'id' | 'from'> & { from?: string[]; g?: Gradient; share?: boolean };

const PROVIDER_FORMULA = 'N_k / n_k × Σ_i employees_i × related_share_i';
const OPERATOR_FORMULA = '(Σ_i staff_i / Σ_i accounts_i) × M_j';

/** Design-based estimates of every component, grouped by questionnaire (one independent block each). */
function estimateComponents(config: StudyConfig, inputs: StudyInputs, moments: Moments): Map<string, { est: ComponentEstimate; jobs: number; part: number }> {
  const out = new Map<string, { est: ComponentEstimate; jobs: number; part: number }>();
  const all = [...config.providers, ...config.operators];
  for (const key of new Set(all.map((c) => c.questionnaire))) {
    const q = inputs.questionnaires[key];
    const comps = all.filter((c) => c.questionnaire === key);
    if (!q) throw new Error(`${comps[0].yamlPath}: questionnaire "${key}" was not loaded`);
    const members = comps.map((c) => {
      const ctx = `${c.yamlPath} (${c.id})`;
      for (const f of c.kind === 'provider' ? ['employees', 'related_share', 'fulltime_share'] : ['accounts', 'staff', 'fulltime_share']) numberField(q, f, ctx);
      return selectRows(q, c.where, ctx);
    });
    const { estimates, block } = componentEstimates(q, config.questionnaires[key], comps, members);
    const figureIds = estimates.flatMap((e) => {
      const base = `jobs.${e.component.kind === 'provider' ? 'providers' : 'operators'}.${e.component.id}`;
      return [base, `${base}.parttime`];
    });
    const idx = moments.addBlock(figureIds, block.values, block.V, block.df);
    estimates.forEach((est, k) => out.set(est.component.id, { est, jobs: idx[2 * k], part: idx[2 * k + 1] }));
  }
  return out;
}

/**
 * computeStudy(config, inputs) → StudyResults with figures keyed by stable ids:
 * jobs.total, jobs.direct(.fulltime|.parttime), jobs.providers, jobs.operators, jobs.<kind>.<id>,
 * jobs.group.<g>, jobs.indirect, consumption.<kind>|.total|.<id>, output.indirect(.<id>),
 * ratio.jobs_per_output, share.providers. Options: those of studyUncertainty, and
 * `uncertainty: false` to leave out `results.uncertainty` (the Monte Carlo) — figures are the same.
 */
export function computeStudy(config: StudyConfig, inputs: StudyInputs, options: StudyUncertaintyOptions & { uncertainty?: boolean } = {}): StudyResults {
  const figures: Record<string, Figure> = {};
  const grads = new Map<string, Gradient>();
  const moments = new Moments();
  const shares = new Set<string>();
  const put = (id: string, { g, share, ...f }: FigureSpec) => {
    if (figures[id]) throw new Error(`internal: figure ${id} defined twice`);
    if (share) shares.add(id);
    figures[id] = { id, from: [], ...f };
    grads.set(id, g ?? new Map());
  };
  const gsum = (ids: string[]) => combine(ids.map((id) => [1, grads.get(id) as Gradient]));
  const L = (zh: string, en: string): Label => ({ zh, en });

  // --- Direct jobs -------------------------------------------------------------------------
  const components: ComponentRow[] = [];
  const estimated = estimateComponents(config, inputs, moments);
  for (const c of [...config.providers, ...config.operators]) {
    const { est: e, jobs: gj, part: gp } = estimated.get(c.id)!;
    const est = { n: e.n, jobs: e.jobs, parttime: e.parttime, fulltime: e.jobs - e.parttime };
    const plural = c.kind === 'provider' ? 'providers' : 'operators';
    const base = `jobs.${plural}.${c.id}`;
    const q = config.questionnaires[c.questionnaire];
    const common = { questionnaire: q.file, n: est.n, [c.kind === 'provider' ? 'N_k' : 'M_j']: c.population };
    put(base, {
      value: est.jobs,
      unit: 'persons',
      label: c.label,
      formula: c.kind === 'provider' ? PROVIDER_FORMULA : OPERATOR_FORMULA,
      inputs: common,
      g: unit(gj),
    });
    put(`${base}.parttime`, {
      value: est.parttime,
      unit: 'persons',
      label: L(`${c.label.zh}：兼职`, `${c.label.en}: part-time`),
      formula:
        c.kind === 'provider'
          ? 'N_k / n_k × Σ_i employees_i × related_share_i × (1 − fulltime_share_i)'
          : '(Σ_i staff_i × (1 − fulltime_share_i) / Σ_i accounts_i) × M_j',
      inputs: common,
      g: unit(gp),
    });
    put(`${base}.fulltime`, {
      value: est.fulltime,
      unit: 'persons',
      label: L(`${c.label.zh}：全职`, `${c.label.en}: full-time`),
      formula: 'jobs − part-time',
      inputs: {},
      from: [base, `${base}.parttime`],
      g: combine([[1, unit(gj)], [-1, unit(gp)]]),
    });
    components.push({ id: c.id, kind: c.kind, label: c.label, groups: c.groups, population: c.population, n: est.n, jobs: est.jobs, fulltime: est.fulltime, parttime: est.parttime });
  }
  const sumOf = (ids: string[]) => ids.reduce((s, id) => s + figures[id].value, 0);
  const compIds = (kind: 'providers' | 'operators') => (kind === 'providers' ? config.providers : config.operators).map((c) => `jobs.${kind}.${c.id}`);
  const sumFigure = (id: string, ids: string[], label: Label, formulaTerm: string) =>
    put(id, { value: sumOf(ids), unit: 'persons', label, formula: ids.length ? `Σ ${formulaTerm}` : '0 (no component declared)', inputs: {}, from: ids, g: gsum(ids) });

  sumFigure('jobs.providers', compIds('providers'), L('服务商带动就业', 'Jobs at service providers'), 'jobs_k over provider types');
  sumFigure('jobs.operators', compIds('operators'), L('运营者带动就业', 'Jobs of account operators'), 'jobs_j over account types');
  const allComp = [...compIds('providers'), ...compIds('operators')];
  sumFigure('jobs.direct', ['jobs.providers', 'jobs.operators'], L('直接带动就业', 'Direct jobs'), 'providers + operators');
  sumFigure('jobs.direct.parttime', allComp.map((id) => `${id}.parttime`), L('直接带动就业：兼职', 'Direct jobs: part-time'), 'part-time over components');
  put('jobs.direct.fulltime', {
    value: figures['jobs.direct'].value - figures['jobs.direct.parttime'].value,
    unit: 'persons',
    label: L('直接带动就业：全职', 'Direct jobs: full-time'),
    formula: 'direct − part-time',
    inputs: {},
    from: ['jobs.direct', 'jobs.direct.parttime'],
    g: combine([[1, grads.get('jobs.direct')!], [-1, grads.get('jobs.direct.parttime')!]]),
  });
  for (const [g, { label }] of Object.entries(config.groups)) {
    const ids = components.filter((c) => c.groups.includes(g)).map((c) => `jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`);
    sumFigure(`jobs.group.${g}`, ids, label, `jobs over components in group ${g}`);
  }

  // --- Consumption and induced output -----------------------------------------------------
  const io = inputs.ioMethod;
  const seedMethod = io.method === 'seed';
  const model = io.domestic ? '国内（非竞争进口）模型 domestic model' : '竞争进口模型 competitive model';
  const outputLabel = seedMethod
    ? L('诱发产出（原报告称“间接GDP”）', "Induced output (the original report's 'indirect GDP')")
    : io.type === 'I'
      ? L(`间接产出（I型，${model.split(' ')[0]}）`, `Indirect output (Type I, ${model.split(' ').slice(1).join(' ')})`)
      : L(`间接及引致产出（II型，${model.split(' ')[0]}）`, `Indirect and induced output (Type II, ${model.split(' ').slice(1).join(' ')})`);
  const jpo = inputs.jobsPerOutput;
  const jobsCoefficient = (catId: string): number => {
    const sc = inputs.sectors[catId];
    if (jpo.method === 'sector') {
      if (sc.jobs === null) throw new Error(`jobs_per_output: no sector employment coefficients were prepared for ${sc.code}`);
      return sc.jobs;
    }
    return jpo.perYuan * sc.coefficient;
  };
  const consumption: ConsumptionRow[] = [];
  const cq = config.consumption.questionnaire ? inputs.questionnaires[config.consumption.questionnaire] : undefined;
  const surveyed = config.consumption.categories.filter((c) => c.field !== undefined);
  const consIndex = new Map<string, number>();
  if (surveyed.length > 0) {
    if (!cq) throw new Error(`consumption.questionnaire: the consumer questionnaire was not loaded`);
    for (const c of surveyed) if (!cq.moments?.fields.includes(c.field as string)) numberField(cq, c.field as string, c.yamlPath);
    const key = config.consumption.questionnaire as string;
    const block = consumptionEstimates(cq, config.questionnaires[key], surveyed.map((c) => c.field as string), config.users as number);
    const idx = moments.addBlock(surveyed.map((c) => `consumption.${c.id}`), block.values, block.V, block.df);
    surveyed.forEach((c, k) => consIndex.set(c.id, idx[k]));
  }
  for (const cat of config.consumption.categories) {
    const sector = inputs.sectors[cat.id];
    if (!sector) throw new Error(`${cat.yamlPath}: no IO coefficient was prepared for sector ${cat.sector}`);
    let amount: number;
    if (cat.total !== undefined) {
      amount = cat.total;
      put(`consumption.${cat.id}`, { value: amount, unit: 'yuan', label: cat.label, formula: 'given in the study file', inputs: { total: amount } });
    } else {
      const k = consIndex.get(cat.id) as number;
      amount = moments.values[k];
      put(`consumption.${cat.id}`, {
        value: amount,
        unit: 'yuan',
        label: cat.label,
        formula: 'U / n × Σ_i spend_i',
        inputs: { U: config.users as number, n: cq!.valid, field: cat.field as string, questionnaire: cq!.file },
        g: unit(k),
      });
    }
    const out = inducedOutput([{ amount, coefficient: sector.coefficient, id: cat.id }]);
    put(`output.indirect.${cat.id}`, {
      value: out,
      unit: 'yuan',
      label: L(`${cat.label.zh}：诱发产出`, `${cat.label.en}: induced output`),
      formula: seedMethod ? 'C_c × b_s(c)' : `C_c × ${outputLabel.en.toLowerCase()} per yuan of final demand for s(c)`,
      inputs: { b: sector.coefficient, sector: `${sector.code} ${sector.name.zh} ${sector.name.en}` },
      from: [`consumption.${cat.id}`],
      g: combine([[sector.coefficient, grads.get(`consumption.${cat.id}`)!]]),
    });
    consumption.push({ id: cat.id, label: cat.label, kind: cat.kind, sector: { code: sector.code, index: sector.index, name: sector.name }, amount, coefficient: sector.coefficient, inducedOutput: out, jobs: amount * jobsCoefficient(cat.id) });
  }
  const catIds = (kind?: 'information' | 'traditional') => config.consumption.categories.filter((c) => !kind || c.kind === kind).map((c) => `consumption.${c.id}`);
  const moneySum = (id: string, ids: string[], label: Label, formula: string) => put(id, { value: sumOf(ids), unit: 'yuan', label, formula, inputs: {}, from: ids, g: gsum(ids) });
  moneySum('consumption.information', catIds('information'), L('信息消费', 'Information consumption'), 'Σ C_c over information categories');
  moneySum('consumption.traditional', catIds('traditional'), L('带动传统消费', 'Traditional consumption driven'), 'Σ C_c over traditional categories');
  moneySum('consumption.total', ['consumption.information', 'consumption.traditional'], L('直接经济贡献（带动消费合计）', 'Direct economic contribution (consumption driven)'), 'D = Σ_c C_c');
  moneySum(
    'output.indirect',
    config.consumption.categories.map((c) => `output.indirect.${c.id}`),
    outputLabel,
    seedMethod ? 'Σ_c C_c × b_s(c), b_s = column sum of (I − A)⁻¹ − I' : `Σ_c C_c × (${outputLabel.en.toLowerCase()} per yuan of final demand)`,
  );
  figures['output.indirect'].notes =
    'Output of intermediate goods and services (plus household-induced output for Type II), not value added: in a competitive-import table one yuan of final demand generates exactly one yuan of value added in total (see va.generated.*).';

  // --- Value-added view: what the consumption adds to GDP, by model ----------------------------
  for (const [key, zh, en] of [
    ['competitive', '竞争进口模型', 'competitive-import model'],
    ['domestic', '国内模型（扣除进口）', 'domestic model, imports excluded'],
  ] as const) {
    const per = config.consumption.categories.map((c) => inputs.sectors[c.id].valueAdded[key]);
    if (per.some((v) => v === null)) continue;
    const cats = config.consumption.categories.map((c) => `consumption.${c.id}`);
    put(`va.generated.${key}`, {
      value: cats.reduce((sum, id, k) => sum + figures[id].value * (per[k] as number), 0),
      unit: 'yuan',
      label: L(`带动增加值（直接＋间接，${zh}）`, `Value added generated (direct + indirect, ${en})`),
      formula: 'Σ_c C_c × v·(I − A)⁻¹e_s(c)' + (key === 'domestic' ? ' with A_d = (I − M̂)A and demand (1 − m_s)' : ''),
      inputs: Object.fromEntries(config.consumption.categories.map((c, k) => [`VA multiplier ${inputs.sectors[c.id].code}`, per[k] as number])),
      from: cats,
      g: combine(cats.map((id, k) => [per[k] as number, grads.get(id)!])),
      notes:
        key === 'competitive'
          ? 'Equals the consumption itself: in this table Σ_i a_ij + v_j = 1, so the value-added multiplier is 1 in every sector. This, not induced output, is the GDP view.'
          : 'Value added generated in the domestic economy, after imported inputs and directly imported consumption.',
    });
  }

  // --- Indirect jobs and totals -------------------------------------------------------------
  const catIdsAll = config.consumption.categories.map((c) => c.id);
  if (jpo.method === 'sector') {
    put('jobs.indirect', {
      value: catIdsAll.reduce((sum, id) => sum + figures[`consumption.${id}`].value * jobsCoefficient(id), 0),
      unit: 'persons',
      label: L('间接带动就业', 'Indirect jobs'),
      formula: 'Σ_c C_c × Σ_i e_i × (induced output of sector i per yuan of demand for s(c))',
      inputs: Object.fromEntries(catIdsAll.map((id) => [`jobs per yuan of demand, ${inputs.sectors[id].code}`, jobsCoefficient(id)])),
      from: catIdsAll.map((id) => `consumption.${id}`),
      g: combine(catIdsAll.map((id) => [jobsCoefficient(id), grads.get(`consumption.${id}`)!])),
      notes: jpo.source,
    });
    put('ratio.jobs_per_output', {
      value: figures['jobs.indirect'].value / figures['output.indirect'].value,
      unit: 'persons/yuan',
      label: L('单位产出就业人数（由部门就业系数隐含）', 'Jobs per yuan of output (implied by sector coefficients)'),
      formula: 'jobs.indirect / output.indirect',
      inputs: {},
      from: ['jobs.indirect', 'output.indirect'],
    });
  } else {
    put('ratio.jobs_per_output', { value: jpo.perYuan, unit: 'persons/yuan', label: L('单位产出就业人数', 'Jobs per yuan of output'), formula: jpo.formula, inputs: jpo.inputs, notes: jpo.source });
    put('jobs.indirect', {
      value: figures['output.indirect'].value * jpo.perYuan,
      unit: 'persons',
      label: L('间接带动就业', 'Indirect jobs'),
      formula: 'induced output × jobs per yuan of output',
      inputs: {},
      from: ['output.indirect', 'ratio.jobs_per_output'],
      g: combine([[jpo.perYuan, grads.get('output.indirect')!]]),
    });
  }
  sumFigure('jobs.total', ['jobs.direct', 'jobs.indirect'], L('带动就业总量', 'Total jobs driven'), 'direct + indirect');
  put('share.providers', {
    value: figures['jobs.providers'].value / figures['jobs.total'].value,
    unit: 'ratio',
    label: L('服务商就业占比', 'Service providers, share of total jobs'),
    formula: 'jobs.providers / jobs.total',
    inputs: {},
    from: ['jobs.providers', 'jobs.total'],
    share: true,
    g: ratioGradient(figures['jobs.providers'].value, grads.get('jobs.providers')!, figures['jobs.total'].value, grads.get('jobs.total')!),
  });

  // --- Sampling error: se, df and interval of every figure that depends on a survey ----------
  const { level, method } = config.intervals;
  for (const [id, g] of grads) {
    if (g.size === 0) continue;
    const { variance, df } = moments.variance(g);
    const se = Math.sqrt(Math.max(0, variance));
    const q = method === 'z' || !Number.isFinite(df) ? qnorm((1 + level) / 2) : qt((1 + level) / 2, df);
    const f = figures[id];
    f.se = se;
    f.df = Number.isFinite(df) ? df : undefined;
    // A part over a whole that contains it: logit scale, so the interval stays inside [0, 1].
    f.ci = shares.has(id) ? logitShareInterval(f.value, se, q, Infinity, level) : [f.value - q * se, f.value + q * se];
    f.interval = shares.has(id) ? 'logit' : 'wald';
  }

  for (const f of indicatorFigures(config, inputs)) {
    if (figures[f.id]) throw new Error(`indicator id ${f.id} collides with another figure`);
    figures[f.id] = f;
  }

  const quality: QualityRecord[] = Object.values(inputs.questionnaires).map((q) => ({
    questionnaire: q.key, file: q.file, rowsRead: q.rowsRead, valid: q.valid, rejected: q.rejected, reasons: q.reasons,
    ...(q.skippedRows ? { skippedRows: q.skippedRows } : {}),
    ...(q.notes?.length ? { notes: q.notes } : {}),
  }));
  const pct = Math.round(level * 100);
  const jpoSource = jpo.source.replace(/\.$/, '');
  const assumptions: Label[] = [
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
  const sectors = inputs.model ? sectorImpacts(inputs, config, figures) : undefined;
  let results: StudyResults = {
    spillover: inputs.version,
    study: { name: config.name, year: config.year, platform: config.platform, source: config.source },
    figures,
    components,
    consumption,
    quality,
    assumptions,
    sampling: moments.blocks.map((b) => ({ ids: b.indices.map((i) => moments.names[i]), V: Array.from(b.V), df: b.df })),
    intervals: config.intervals,
    ...(config.additionality ? { additionality: { source: config.additionality.source, illustrative: config.additionality.illustrative } } : {}),
  };
  // Net additional impact beside the gross figures (never summed with them), then uncertainty over assumptions.
  Object.assign(figures, netFigures(config, results, config, inputs));
  noteMissingVariance(figures);
  const sortedFigures = sortKeys(figures);
  results = { ...results, figures: sortedFigures };
  // `uncertainty: false` skips the Monte Carlo (explain needs only the point derivations).
  const uncertainty = config.uncertainty && options.uncertainty !== false ? studyUncertainty(config, results, config, inputs, options) : undefined;
  const jobUnits = config.jobUnits ? componentJobUnits(config, inputs, config.jobUnits) : undefined;
  const series = config.series.length > 0 ? assembleSeries(config.series, { study: { name: config.name, year: config.year, source: config.source }, figures: sortedFigures, components }) : undefined;
  return {
    ...results,
    ...(sectors ? { sectors } : {}),
    ...(series ? { series } : {}),
    ...(uncertainty ? { uncertainty } : {}),
    ...(jobUnits ? { jobUnits } : {}),
  };
}

/** Impacts by IO sector of the estimated consumption, under the study's method (seed: Type I, competitive). */
function sectorImpacts(inputs: StudyInputs, config: StudyConfig, figures: Record<string, Figure>): SectorImpactRow[] {
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

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

export type { Unit };
