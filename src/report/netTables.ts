// Tables of the net-impact and uncertainty parts (report, workbook, dashboard): gross vs net, the
// additionality rates used, Monte Carlo intervals beside the sampling intervals, the tornado, the
// switching values and job units. Numbers in base units; renderers scale them by column kind.
import type { Label } from '../study/types.ts';
import { formatCell, kindOfUnit, unitLabel, unitLabelFor, type ColumnKind } from '../locale/index.ts';
import { referenceColumn as ref, type Cell, type Column, type ReportTable } from './reportTable.ts';
import type { ExtendedResults } from './optionalParts.ts';
import { RATE_LABEL, RATE_NAMES, additionalitySource, capitalize, ciLabel, distributionText, levelPct, netItems, netPairIds, parameterKind, parameterLabel } from './netParts.ts';

const col = (key: string, zh: string, en: string, kind: ColumnKind): Column => ({ key, label: { zh, en }, kind });
const num = (value: number | undefined, kind: ColumnKind, ref?: number): Cell => (value === undefined || !Number.isFinite(value) ? null : ref === undefined ? { value, kind } : { value, kind, ref });
/** Gross / net column words: gross "jobs supported / 带动", net "net additional / 净新增". */
export const GROSS_WORD: Label = { zh: '带动（毛贡献）', en: 'Gross: jobs supported' };
export const NET_WORD: Label = { zh: '净新增', en: 'Net additional' };

/** Gross and net side by side, one row per figure that has both. */
function netVsGross(r: ExtendedResults): ReportTable | null {
  const ids = netPairIds(r);
  if (ids.length === 0) return null;
  const src = additionalitySource(r);
  const tag = src?.illustrative ? { zh: '（示意性假设）', en: ' (illustrative assumptions)' } : { zh: '', en: '' };
  return {
    id: 'net',
    title: { zh: `毛贡献与净新增影响${tag.zh}`, en: `Gross contribution vs net additional impact${tag.en}` },
    columns: [col('figure', '指标', 'Figure', 'text'), col('gross', GROSS_WORD.zh, GROSS_WORD.en, 'coef'), col('net', `${NET_WORD.zh}${tag.zh}`, `${NET_WORD.en}${tag.en}`, 'coef'), col('unit', '单位', 'Unit', 'text'), col('ratio', '净新增 / 毛贡献', 'Net / gross', 'ratio'), ref('id', '编号', 'id')],
    rows: ids.map((id) => {
      const g = r.figures[id], n = r.figures[`net.${id}`];
      const kind = kindOfUnit(g.unit);
      return [g.label, num(g.value, kind, g.value), num(n.value, kind, g.value), unitLabelFor(kind, g.value), g.value !== 0 ? n.value / g.value : null, id];
    }),
    figureIds: ids.map((id) => `net.${id}`),
    note: {
      zh: `两列回答不同的问题，不能相加：“带动”为平台生态中的全部岗位与消费（原报告口径）；“净新增”为扣除漏出、无谓效应（没有平台也会发生）、挤出与替代之后、由平台新增的部分。${src ? `比率来源：${src.source.zh}。` : ''}`,
      en: `The two columns answer different questions and are never added: "jobs supported" counts every position and yuan in the platform's ecosystem (the original report's measure); "net additional" is what the platform adds after leakage, deadweight (would have happened anyway), displacement and substitution.${src ? ` Rates: ${src.source.en}.` : ''}`,
    },
  };
}

function additionality(r: ExtendedResults): ReportTable | null {
  const items = netItems(r);
  if (items.length === 0) return null;
  const src = additionalitySource(r);
  const params = new Map((r.uncertainty?.parameters ?? []).map((p) => [p.id, p]));
  const basis = (it: (typeof items)[number]): Label | null => {
    const parts = RATE_NAMES.flatMap((k) => {
      const p = it.parameters[k] ? params.get(it.parameters[k] as string) : undefined;
      if (!p || (p.kind === 'assumption' && p.distribution.dist === 'point')) return [];
      const d = p.kind === 'sampling' ? { zh: `问卷估计 ${distributionText(p.distribution, 1, 'zh')}`, en: `survey estimate ${distributionText(p.distribution)}` } : { zh: distributionText(p.distribution, 1, 'zh'), en: distributionText(p.distribution) };
      return [{ zh: `${RATE_LABEL[k].zh} ${d.zh}`, en: `${RATE_LABEL[k].en} ${d.en}` }];
    });
    return parts.length ? { zh: parts.map((p) => p.zh).join('；'), en: parts.map((p) => p.en).join('; ') } : null;
  };
  return {
    id: 'additionality',
    title: { zh: '所用的额外性比率', en: 'Additionality rates used' },
    columns: [
      col('item', '组成部分／消费类别', 'Component / category', 'text'),
      col('kind', '类型', 'Type', 'text'),
      ...RATE_NAMES.map((k) => col(k, RATE_LABEL[k].zh, RATE_LABEL[k].en[0].toUpperCase() + RATE_LABEL[k].en.slice(1), 'ratio')),
      col('factor', '净额系数 Π(1 − 比率)', 'Net factor Π(1 − rate)', 'ratio'),
      col('basis', '分布（蒙特卡洛）', 'Distribution (Monte Carlo)', 'text'),
    ],
    rows: items.map((it) => [it.label, it.section === 'components' ? { zh: '直接就业', en: 'Direct jobs' } : { zh: '消费', en: 'Consumption' }, ...RATE_NAMES.map((k) => it.rates[k]), it.factor, basis(it)]),
    figureIds: items.map((it) => `net.${it.figure}`),
    note: {
      zh: `净额 = 毛额 × (1 − 漏出率)(1 − 无谓效应)(1 − 挤出率)(1 − 替代率)；间接就业的净额由净消费经同一系数 b 与单位产出就业推出。服从分布的比率在点估计中取其均值。${src ? `来源：${src.source.zh}${src.illustrative ? '（示意性假设，不是对本平台的估计）' : ''}。` : ''}`,
      en: `net = gross × (1 − leakage)(1 − deadweight)(1 − displacement)(1 − substitution); net indirect jobs follow from net consumption through the same b and jobs per output. A rate with a distribution enters the point estimate at its mean.${src ? ` Source: ${src.source.en}${src.illustrative ? ' (illustrative assumptions, not estimates for this platform)' : ''}.` : ''}`,
    },
  };
}

/** Headline ids whose Monte Carlo interval the report shows (gross, then net). */
export function uncertaintyIds(r: ExtendedResults): string[] {
  const u = r.uncertainty;
  if (!u) return [];
  const base = ['jobs.total', 'jobs.direct', 'jobs.providers', 'jobs.operators', 'jobs.indirect', 'consumption.total', 'output.indirect'];
  return [...base, ...base.map((id) => `net.${id}`)].filter((id) => u.intervals[id] && r.figures[id]);
}

function intervals(r: ExtendedResults, all: boolean): ReportTable | null {
  const u = r.uncertainty;
  if (!u) return null;
  const ids = all ? Object.keys(u.intervals).filter((id) => r.figures[id]) : uncertaintyIds(r);
  const s = ciLabel(r.intervals.level), m = levelPct(u.level);
  return {
    id: all ? 'uncertainty_all' : 'uncertainty',
    title: all ? { zh: '全部指标的蒙特卡洛区间', en: 'Monte Carlo intervals of every figure' } : { zh: '不确定性：抽样区间与蒙特卡洛区间（假设＋抽样）', en: 'Uncertainty: sampling intervals and Monte Carlo intervals (assumptions + sampling)' },
    columns: [
      col('figure', '指标', 'Figure', 'text'),
      col('central', '点估计', 'Point estimate', 'coef'),
      col('unit', '单位', 'Unit', 'text'),
      col('ci_low', `${s.zh}下限（仅抽样）`, `${s.en} low (sampling only)`, 'coef'),
      col('ci_high', `${s.zh}上限（仅抽样）`, `${s.en} high (sampling only)`, 'coef'),
      col('mc_low', `${m}% 区间下限（假设＋抽样）`, `${m}% interval low (assumptions + sampling)`, 'coef'),
      col('mc_high', `${m}% 区间上限（假设＋抽样）`, `${m}% interval high (assumptions + sampling)`, 'coef'),
      col('median', '蒙特卡洛中位数', 'MC median', 'coef'),
      col('sd', '蒙特卡洛标准差', 'MC sd', 'coef'),
      ...(all ? [ref('id', '编号', 'id')] : []),
    ],
    rows: ids.map((id) => {
      const f = r.figures[id], iv = u.intervals[id];
      const k = kindOfUnit(f.unit);
      const c = iv.central;
      const row: Cell[] = [f.label, num(c, k, c), unitLabelFor(k, c), num(f.ci?.[0], k, c), num(f.ci?.[1], k, c), num(iv.lo, k, c), num(iv.hi, k, c), num(iv.median, k, c), num(iv.sd, k, c)];
      return all ? [...row, id] : row;
    }),
    figureIds: ids,
    note: {
      zh: `蒙特卡洛 ${u.draws.toLocaleString('en-US')} 次，随机数流 ${u.seed}；区间为第 ${levelPct((1 - u.level) / 2)} 与第 ${levelPct((1 + u.level) / 2)} 百分位数。${u.sampling === 'normal' ? '同时抽取各调查估计的抽样误差。' : '未包含抽样误差（sampling: none）。'}净新增指标没有单独的抽样区间：其不确定性主要来自假设。`,
      en: `Monte Carlo: ${u.draws.toLocaleString('en-US')} draws, random stream ${u.seed}; intervals are the ${levelPct((1 - u.level) / 2)}th and ${levelPct((1 + u.level) / 2)}th percentiles. ${u.sampling === 'normal' ? 'The survey estimates are drawn with their sampling error too.' : 'Sampling error is not included (sampling: none).'} Net figures have no sampling-only interval: their uncertainty is mostly in the assumptions.`,
    },
  };
}

function tornadoTable(r: ExtendedResults): ReportTable | null {
  const t = r.uncertainty?.tornado;
  if (!t || !r.figures[t.figure]) return null;
  const f = r.figures[t.figure];
  const k = kindOfUnit(f.unit);
  const p = levelPct(t.p), q = levelPct(1 - t.p);
  return {
    id: 'tornado',
    title: { zh: `敏感性（龙卷风图）：${f.label.zh}`, en: `Sensitivity (tornado): ${f.label.en}` },
    columns: [
      col('parameter', '参数', 'Parameter', 'text'),
      col('low', `参数第 ${p} 百分位`, `Parameter at ${p}th pct`, 'coef'),
      col('high', `参数第 ${q} 百分位`, `Parameter at ${q}th pct`, 'coef'),
      col('param_unit', '参数单位', 'Parameter unit', 'text'),
      col('at_low', '指标（低值时）', 'Figure at low', k),
      col('at_high', '指标（高值时）', 'Figure at high', k),
      col('swing', '摆幅', 'Swing', k),
      ref('id', '编号', 'id'),
    ],
    rows: t.rows.map((row) => {
      const pk = parameterKind(r, row.parameter);
      // A drawn population (a percentile, not a count of records) is rounded for reading: 17,260,000.
      const shown = pk === 'count' ? 'coef' : pk;
      return [capitalize(parameterLabel(r, row.parameter)), num(row.low, shown), num(row.high, shown), (pk === 'count' ? { zh: '个', en: 'count' } : unitLabel(pk)) ?? { zh: '', en: '' }, row.figureAtLow, row.figureAtHigh, row.swing, row.parameter];
    }),
    figureIds: t.rows.map(() => t.figure),
    note: {
      zh: `每次只改变一个参数（取其第 ${p} 与第 ${q} 百分位数），其余参数取中心值；按摆幅排序。中心值：${f.label.zh} = ${formatCell(k, t.base, 'zh')} ${unitLabel(k)?.zh ?? ''}。`,
      en: `One parameter at a time at its ${p}th and ${q}th percentiles, the others at their central values; ranked by swing. Central value: ${f.label.en} = ${formatCell(k, t.base, 'en')} (${unitLabel(k)?.en ?? ''}).`,
    },
  };
}

function switching(r: ExtendedResults): ReportTable | null {
  const u = r.uncertainty;
  if (!u || u.switching.length === 0) return null;
  return {
    id: 'switching',
    title: { zh: '临界值（使指标达到目标的参数值）', en: 'Switching values (the parameter value at which a figure reaches a target)' },
    columns: [col('parameter', '参数', 'Parameter', 'text'), col('figure', '指标', 'Figure', 'text'), col('target', '目标值', 'Target', 'coef'), col('value', '临界值', 'Switching value', 'coef'), col('central', '中心值', 'Central value', 'coef'), ref('tolerance', '容差', 'Tolerance'), ref('matched', '参数编号', 'Parameter ids')],
    rows: u.switching.map((s) => {
      const f = r.figures[s.figure];
      const k = f ? kindOfUnit(f.unit) : 'coef';
      const pk = parameterKind(r, s.matched[0] ?? s.parameter);
      const central = u.parameters.find((p) => p.id === s.matched[0])?.central;
      return [capitalize(parameterLabel(r, s.parameter)), f?.label ?? s.figure, num(s.target, k), num(s.value, pk === 'ratio' ? 'coef' : pk), num(central, pk === 'ratio' ? 'coef' : pk), s.tolerance.toExponential(1), s.matched.join(', ')];
    }),
    figureIds: u.switching.map((s) => s.figure),
  };
}

function jobUnitsTable(r: ExtendedResults): ReportTable | null {
  const ju = r.jobUnits;
  if (!ju || Object.keys(ju).length === 0) return null;
  const comps = r.components.filter((c) => ju[c.id]);
  // each unit with its formula, in the reader's language: "FTE (40 h/week): Σ w_i p_i hours_i / 40; …"
  const text = (us: ({ unit: Label; formula: Label } | undefined)[]): Label => {
    const present = us.filter((u): u is { unit: Label; formula: Label } => u !== undefined);
    return { zh: present.map((u) => `${u.unit.zh}：${u.formula.zh}`).join('；'), en: present.map((u) => `${u.unit.en}: ${u.formula.en}`).join('; ') };
  };
  return {
    id: 'job_units',
    title: { zh: '就业计量单位：岗位、全职当量与人数', en: 'Job units: positions, full-time equivalents and headcount' },
    columns: [col('component', '组成部分', 'Component', 'text'), col('positions', '岗位数', 'Positions (jobs)', 'persons'), col('fte', '全职当量', 'FTE', 'persons'), col('headcount', '人数（去重）', 'Headcount (people counted once)', 'persons'), col('basis', '单位与公式', 'Units and formulas', 'text')],
    rows: comps.map((c) => {
      const u = ju[c.id];
      return [c.label, u.positions.value, u.fte?.value ?? null, u.headcount?.value ?? null, text([u.positions, u.fte, u.headcount])];
    }),
    figureIds: comps.map((c) => `jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`),
    note: { zh: '原报告的“带动就业”为岗位数（全职与兼职同样计一）。全职当量按工时折算；人数按每人所持平台岗位数去重。', en: "The original report's 'jobs driven' are positions (full- and part-time count one each). FTE converts hours worked; headcount counts a person holding several platform jobs once." },
  };
}

/**
 * netTables(results) → [net (gross vs net), additionality, uncertainty, uncertainty_all, tornado,
 * switching, job_units], each only when the results have that part.
 */
export function netTables(r: ExtendedResults): ReportTable[] {
  return [netVsGross(r), additionality(r), intervals(r, false), intervals(r, true), tornadoTable(r), switching(r), jobUnitsTable(r)].filter((t): t is ReportTable => t !== null);
}
