// Every table of the report, workbook and dashboard, built once from the results.
// Numbers stay in base units (persons, yuan, shares); the renderers scale and format them by column kind.
import type { CoverageCheck, Label } from '../study/types.ts';
import { asLabel, T } from './i18n.ts';
import { formatCell, kindOfUnit, rejectionName, unitLabelFor, type ColumnKind } from '../locale/index.ts';
import { headlineGrowth, scopeChanges, scopeRuns } from '../study/model/index.ts';
import type { SeriesRow, SeriesScope } from '../study/types.ts';
import { indicators, sectorImpacts, seriesRows, type ExtendedResults } from './optionalParts.ts';
import { ciLabel } from './netParts.ts';
import { netTables } from './netTables.ts';
import { referenceColumn as ref, type Cell, type Column, type ReportTable } from './reportTable.ts';
export type { Cell, Column, KindedNumber, ReportTable } from './reportTable.ts';

const col = (key: string, zh: string, en: string, kind: ColumnKind): Column => ({ key, label: { zh, en }, kind });
const L = (zh: string, en: string): Label => ({ zh, en });
const sectorName = (code: string, name: Label): Label => ({ zh: `${code} ${name.zh}`.trim(), en: `${code} ${name.en}`.trim() });

/** Lower and upper interval columns at the results' level: "95% 置信下限" / "95% CI low". */
function ciColumns(r: ExtendedResults, kind: ColumnKind): Column[] {
  const l = ciLabel(r.intervals.level);
  return [col('ci_low', `${l.zh.replace('区间', '')}下限`, `${l.en} low`, kind), col('ci_high', `${l.zh.replace('区间', '')}上限`, `${l.en} high`, kind)];
}

/** The headline figures in the seed's reading order (those the study has). */
export function headlineIds(r: ExtendedResults): string[] {
  const ids = ['jobs.total', 'jobs.direct', 'jobs.direct.fulltime', 'jobs.direct.parttime', 'jobs.providers', 'jobs.operators', ...Object.keys(r.figures).filter((k) => k.startsWith('jobs.group.')), 'jobs.indirect', 'consumption.total', 'consumption.information', 'consumption.traditional', 'output.indirect', 'va.generated.domestic', 'va.generated.competitive', 'share.providers'];
  return ids.filter((id) => r.figures[id]);
}

function headline(r: ExtendedResults): ReportTable {
  const ids = headlineIds(r);
  const num = (value: number | undefined, kind: ColumnKind, ref: number): Cell => (value === undefined ? null : { value, kind, ref });
  return {
    id: 'headline',
    title: T.headline,
    columns: [col('figure', '指标', 'Figure', 'text'), col('value', '数值', 'Value', 'coef'), col('unit', '单位', 'Unit', 'text'), ...ciColumns(r, 'coef'), ref('id', '编号', 'id')],
    rows: ids.map((id) => {
      const f = r.figures[id];
      const kind = kindOfUnit(f.unit);
      return [f.label, num(f.value, kind, f.value), unitLabelFor(kind, f.value), num(f.ci?.[0], kind, f.value), num(f.ci?.[1], kind, f.value), id];
    }),
    figureIds: ids,
  };
}

const SCOPE: Record<SeriesScope, Label> = {
  direct: L('直接就业', 'direct jobs'),
  total: L('就业总量（直接＋间接）', 'total jobs (direct + indirect)'),
  component: L('组成部分', 'a component'),
};

function series(r: ExtendedResults): ReportTable | null {
  const rows = seriesRows(r);
  if (!rows) return null;
  const growth = headlineGrowth(rows);
  const changes = scopeChanges(rows);
  return {
    id: 'series',
    title: L('历年带动就业', 'Jobs by year'),
    columns: [
      col('year', '年份', 'Year', 'year'),
      col('status', '来源', 'Source', 'text'),
      col('direct', '直接就业', 'Direct jobs', 'persons'),
      col('indirect', '间接就业', 'Indirect jobs', 'persons'),
      col('total', '就业总量', 'Total jobs', 'persons'),
      col('measure', '图中数值口径', 'Charted value measures', 'text'),
      col('yoy', '同比增长（同口径）', 'YoY growth (same scope)', 'growth'),
      col('scope', '口径变化', 'Scope change', 'text'),
    ],
    rows: rows.map((y, i) => {
      const g = growth[i];
      const ch = changes.find((c) => c.to === y.year);
      const parts: Label[] = [];
      if (g.scopeChange) {
        const a = SCOPE[g.scopeChange.from], b = SCOPE[g.scopeChange.to];
        parts.push(L(`${a.zh} → ${b.zh}：不计算增长率`, `${a.en} → ${b.en}: growth not computed`));
      }
      if (ch) parts.push(L(`新增 ${ch.added.join('、') || '—'}；移除 ${ch.removed.join('、') || '—'}`, `added ${ch.added.join(', ') || '—'}; removed ${ch.removed.join(', ') || '—'}`));
      const scope: Label | null = parts.length ? L(parts.map((p) => p.zh).join('；'), parts.map((p) => p.en).join('; ')) : null;
      const pub = y.published?.['jobs.total'];
      const base = y.status === 'published' ? T.published : T.estimated;
      const status = pub === undefined ? base : { zh: `${base.zh}；原报告 ${formatCell('persons', pub, 'zh')} 万个`, en: `${base.en}; published ${formatCell('persons', pub, 'en')} million jobs` };
      return [y.year, y.source ? { zh: `${status.zh}（${asLabel(y.source).zh}）`, en: `${status.en} (${asLabel(y.source).en})` } : status, y.figures['jobs.direct'] ?? null, y.figures['jobs.indirect'] ?? null, y.figures['jobs.total'] ?? null, g.headline ? SCOPE[g.headline.scope] : null, g.yoy ?? g.annualized, scope];
    }),
    figureIds: rows.map(() => null),
    note: cagrNote(rows),
  };
}

/** The series note: how growth is computed, and the CAGR of each run of years with one scope. */
function cagrNote(rows: SeriesRow[]): Label {
  const base = L(
    '同比增长只在同一口径（直接就业、就业总量或组成部分）的相邻年份之间计算；相隔多年时为年均增长率。口径变化时不计算增长率；直接就业所含组成部分不同也会标出。',
    'Growth is computed only between years whose charted value measures the same thing (direct jobs, total jobs or a component); over a gap of several years it is the annual average rate. Across a scope change no growth is computed; a change in the direct-jobs components is flagged too.',
  );
  const runs = scopeRuns(rows);
  if (runs.length === 0) return base;
  const zh = runs.map((u) => `${u.from}–${u.to} 年${SCOPE[u.scope].zh}年均增长 ${formatCell('growth', u.cagr)}%`).join('；');
  const en = runs.map((u) => `${SCOPE[u.scope].en.replace(/^./, (c) => c.toUpperCase())} grew ${formatCell('growth', u.cagr)}% a year over ${u.from}–${u.to} (CAGR)`).join('; ');
  return { zh: `${zh}。${base.zh}`, en: `${en}. ${base.en}` };
}

function components(r: ExtendedResults): ReportTable {
  const direct = r.figures['jobs.direct']?.value ?? 0;
  const coverageOf = (c: ExtendedResults['components'][number]) => r.figures[`jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`]?.coverage;
  const checked = r.components.some((c) => coverageOf(c));
  return {
    id: 'components',
    title: L('直接就业构成', 'Direct jobs by component'),
    columns: [
      col('component', '组成部分', 'Component', 'text'),
      col('kind', '类型', 'Type', 'text'),
      col('population', '总体数量 N/M', 'Population N/M', 'count'),
      col('n', '有效问卷 n', 'Valid questionnaires n', 'count'),
      col('jobs', '就业', 'Jobs', 'persons'),
      col('fulltime', '全职', 'Full-time', 'persons'),
      col('parttime', '兼职', 'Part-time', 'persons'),
      col('share', '占直接就业', 'Share of direct', 'ratio'),
      ...(checked ? [col('interval', '区间（模拟覆盖率）', 'Interval (simulated coverage)', 'text')] : []),
    ],
    rows: r.components.map((c) => {
      const cov = coverageOf(c);
      const row: Cell[] = [c.label, c.kind === 'provider' ? T.provider : T.operator, c.population, c.n, c.jobs, c.fulltime, c.parttime, direct > 0 ? c.jobs / direct : null];
      return checked ? [...row, cov ? intervalCoverage(cov) : null] : row;
    }),
    figureIds: r.components.map((c) => `jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`),
  };
}

function consumption(r: ExtendedResults): ReportTable {
  const total = r.figures['consumption.total']?.value ?? 0;
  return {
    id: 'consumption',
    title: L('带动消费（按类别）', 'Consumption driven, by category'),
    columns: [col('category', '类别', 'Category', 'text'), col('kind', '类型', 'Type', 'text'), col('amount', '消费额', 'Consumption', 'yuan'), col('share', '占比', 'Share', 'ratio')],
    rows: r.consumption.map((c) => [c.label, c.kind === 'information' ? T.information : T.traditional, c.amount, total > 0 ? c.amount / total : null]),
    figureIds: r.consumption.map((c) => `consumption.${c.id}`),
  };
}

function sectors(r: ExtendedResults): ReportTable {
  const s = sectorImpacts(r, 15);
  const byProducer = !!r.sectors?.length;
  const anyInduced = s.some((x) => x.induced > 0);
  const t: ReportTable = {
    id: 'sectors',
    title: byProducer ? L('间接产出与就业（按产出部门）', 'Indirect output and jobs, by producing IO sector') : L('诱发产出与就业（按投入产出部门）', 'Induced output and jobs, by IO sector'),
    columns: [
      col('sector', '部门', 'Sector', 'text'),
      col('demand', '最终需求 C', 'Final demand C', 'yuan'),
      col('coefficient', '完全消耗系数列和 b', 'Total-requirement column sum b', 'coef'),
      col('indirect', '间接产出', 'Indirect output', 'yuan'),
      col('induced', '引致产出（II型）', 'Induced output (Type II)', 'yuan'),
      col('jobs', '间接就业', 'Indirect jobs', 'persons'),
    ],
    rows: s.map((x) => [x.code ? sectorName(x.code, x.name) : x.name, x.demand, x.coefficient ?? null, x.indirect, anyInduced ? x.induced : null, x.jobs]),
    figureIds: s.map(() => null),
    note: byProducer
      ? L('按生产该产出的部门列示（需求落在少数部门，产出分布于全部部门）；诱发产出为中间产出（原报告称“间接GDP”），不是增加值。', "By the sector that produces the output (demand lands in a few sectors, output spreads over all of them). Induced output is intermediate output (the original report calls it 'indirect GDP'), not value added.")
      : L('诱发产出为中间产出（原报告称“间接GDP”），不是增加值。', "Induced output is intermediate output (the original report calls it 'indirect GDP'), not value added."),
  };
  return dropEmptyColumns(t, ['coefficient', 'induced']);
}

const INTERVAL: Record<string, Label> = {
  wald: L('t 区间（估计值 ± t·标准误）', 't interval (estimate ± t·se)'),
  logit: L('logit 尺度区间', 'logit-scale interval'),
  beta: L('Korn–Graubard（beta）区间', 'Korn–Graubard (beta) interval'),
  'bootstrap-t': L('bootstrap-t 区间（学生化 Rao–Wu 自助法）', 'bootstrap-t interval (studentized Rao–Wu bootstrap)'),
};

/** "bootstrap-t (88.0% ⚠)": a figure's interval method and simulated coverage, flagged under 90%. */
function intervalCoverage(c: CoverageCheck): Label {
  const pct = `${(c.coverage * 100).toFixed(1)}%${c.warning ? ' ⚠' : ''}`;
  const m = c.interval === 'wald' ? L('t 区间', 't interval') : L(c.interval, c.interval);
  return L(`${m.zh}（${pct}）`, `${m.en} (${pct})`);
}

/** Interval check: for each survey figure with a coverage check, the interval method, its simulated coverage and the skewness diagnostics. */
function coverageTable(r: ExtendedResults): ReportTable | null {
  const ids = Object.keys(r.figures).filter((id) => r.figures[id].coverage).sort((a, b) => (a === 'jobs.direct' ? -1 : b === 'jobs.direct' ? 1 : a < b ? -1 : 1));
  if (ids.length === 0) return null;
  const c0 = r.figures[ids[0]].coverage!;
  const boot = ids.map((id) => r.figures[id].coverage!).find((c) => c.replicates);
  return {
    id: 'coverage',
    title: L('区间检查：模拟覆盖率', 'Interval check: simulated coverage'),
    columns: [
      col('figure', '指标', 'Figure', 'text'),
      col('interval', '区间方法', 'Interval', 'text'),
      col('coverage', `模拟覆盖率（名义 ${Math.round(c0.level * 100)}%）`, `Simulated coverage (nominal ${Math.round(c0.level * 100)}%)`, 'ratio'),
      col('miss_low', '真值低于区间', 'Truth below interval', 'ratio'),
      col('miss_high', '真值高于区间', 'Truth above interval', 'ratio'),
      col('median_ratio', '估计值/真值 中位数', 'Median estimate / truth', 'ratio'),
      col('n', '问卷数 n', 'Questionnaires n', 'count'),
      col('skewness', '偏度 g₁', 'Skewness g₁', 'coef'),
      col('cochran', 'Cochran 规则所需 n（25·g₁²）', "Cochran's rule: n > 25·g₁²", 'count'),
      col('top1', '最大 1% 单位所占份额', 'Share of the largest 1% of units', 'ratio'),
      col('warning', '提示', 'Warning', 'text'),
    ],
    rows: ids.map((id) => {
      const f = r.figures[id], c = f.coverage!;
      const warn = c.warning ? L(`覆盖率 ${(c.coverage * 100).toFixed(1)}% 低于 90%：区间偏窄`, `coverage ${(c.coverage * 100).toFixed(1)}% is below 90%: the interval is too narrow`) : null;
      return [f.label, INTERVAL[c.interval] ?? c.interval, c.coverage, c.missLow, c.missHigh, c.medianRatio, c.n, c.skewness ?? null, c.cochranMinN === undefined ? null : Math.ceil(c.cochranMinN), c.top1Share ?? null, warn];
    }),
    figureIds: ids,
    note: L(
      `把样本本身当作总体，按组成部分分层有放回重抽 ${c0.reps} 次（随机数流 ${c0.seed}${boot ? `；bootstrap-t 区间 ${boot.reps} 次，每次 ${boot.replicates} 个自助重复` : ''}），每次重新计算估计值和报告所用的区间，统计区间包含“真值”（全样本估计）的比例（蒙特卡洛标准误约 ±${(c0.mcSe * 100).toFixed(1)} 个百分点）。重尾数据（少数大单位）使区间覆盖不足、且多在一侧漏掉真值。`,
      `The sample is taken as the population and resampled with replacement within each component ${c0.reps} times (random stream ${c0.seed}${boot ? `; bootstrap-t intervals ${boot.reps} times, each with ${boot.replicates} bootstrap replicates` : ''}); each time the estimate and the reported interval are recomputed and the share of intervals containing the "truth" (the full-sample estimate) is counted (Monte Carlo se about ±${(c0.mcSe * 100).toFixed(1)} points). Heavy tails (a few very large units) make intervals undercover, with the misses on one side.`,
    ),
  };
}

function indicatorTable(r: ExtendedResults): ReportTable | null {
  const ind = indicators(r);
  if (ind.length === 0) return null;
  const t: ReportTable = {
    id: 'indicators',
    title: L('调查指标', 'Survey indicators'),
    columns: [col('indicator', '指标', 'Indicator', 'text'), col('domain', '范围', 'Domain', 'text'), col('estimate', '估计值', 'Estimate', 'ratio'), col('se', '标准误', 'SE', 'ratio'), ...ciColumns(r, 'ratio'), col('published', '原报告', 'Published', 'ratio')],
    rows: ind.map((i) => [i.label, i.domain ?? null, i.estimate, i.se ?? null, i.ci?.[0] ?? null, i.ci?.[1] ?? null, i.published ?? null]),
    figureIds: ind.map((i) => (r.figures[i.id] ? i.id : null)),
  };
  return dropEmptyColumns(t, ['domain', 'published']);
}

/** The table without the listed columns where no row has a value. */
function dropEmptyColumns(t: ReportTable, keys: string[]): ReportTable {
  const drop = t.columns.map((c, j) => keys.includes(c.key) && t.rows.every((r) => r[j] === null));
  return { ...t, columns: t.columns.filter((_c, j) => !drop[j]), rows: t.rows.map((r) => r.filter((_v, j) => !drop[j])) };
}

function quality(r: ExtendedResults): ReportTable {
  return {
    id: 'quality',
    title: L('问卷读取与筛选', 'Questionnaires read and screened'),
    columns: [col('questionnaire', '问卷', 'Questionnaire', 'text'), col('file', '文件', 'File', 'text'), col('rows', '读取行数', 'Rows read', 'count'), col('valid', '有效', 'Valid', 'count'), col('rejected', '剔除', 'Rejected', 'count'), col('rate', '有效率', 'Valid rate', 'ratio')],
    rows: r.quality.map((q) => [q.questionnaire, q.file, q.rowsRead, q.valid, q.rejected, q.rowsRead > 0 ? q.valid / q.rowsRead : null]),
    figureIds: r.quality.map(() => null),
  };
}

function rejections(r: ExtendedResults): ReportTable {
  const rows: Cell[][] = [];
  // The reason in words of each language (the codes stay in rejected.csv and results.json).
  for (const q of r.quality) for (const [reason, n] of Object.entries(q.reasons).sort()) rows.push([q.questionnaire, { zh: rejectionName(reason, 'zh', q.ruleReasons), en: rejectionName(reason, 'en', q.ruleReasons) }, n]);
  return {
    id: 'rejections',
    title: L('剔除原因', 'Rejections by reason'),
    columns: [col('questionnaire', '问卷', 'Questionnaire', 'text'), col('reason', '原因', 'Reason', 'text'), col('count', '份数', 'Count', 'count')],
    rows,
    figureIds: rows.map(() => null),
    note: L('每一份被剔除的问卷（文件、行号、编号、原因）见 rejected.csv。', 'Every rejected questionnaire (file, row, id, reason) is listed in rejected.csv.'),
  };
}

function figures(r: ExtendedResults): ReportTable {
  const fs = Object.values(r.figures);
  const num = (value: number | undefined, kind: ColumnKind, ref: number): Cell => (value === undefined ? null : { value, kind, ref });
  return {
    id: 'figures',
    title: T.allFigures,
    columns: [col('id', '编号', 'id', 'text'), col('label', '指标', 'Figure', 'text'), col('value', '数值', 'Value', 'coef'), col('unit', '单位', 'Unit', 'text'), col('se', '标准误', 'SE', 'coef'), ...ciColumns(r, 'coef'), col('formula', '公式', 'Formula', 'text')],
    rows: fs.map((f) => {
      const kind = kindOfUnit(f.unit);
      // A figure whose variance cannot be computed says why where its standard error would be.
      return [f.id, f.label, num(f.value, kind, f.value), unitLabelFor(kind, f.value), f.seNote ? { zh: `无标准误：${f.seNote.zh}`, en: `no SE: ${f.seNote.en}` } : num(f.se, kind, f.value), num(f.ci?.[0], kind, f.value), num(f.ci?.[1], kind, f.value), f.formula];
    }),
    figureIds: fs.map((f) => f.id),
  };
}

/**
 * reportTables(results) → the tables in report order: headline, the net-impact and uncertainty tables
 * of netTables (when the results have them), series (when declared), components, consumption, sectors, indicators (when present),
 * quality, rejections, figures. Same inputs → same tables.
 */
export function reportTables(r: ExtendedResults): ReportTable[] {
  return [headline(r), ...netTables(r), coverageTable(r), series(r), components(r), consumption(r), sectors(r), indicatorTable(r), quality(r), rejections(r), figures(r)].filter((t): t is ReportTable => t !== null);
}

