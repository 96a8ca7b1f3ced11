// The body of the report, as bilingual HTML, in the order of a publication: summary and headline
// cards, each chart with its table, the uncertainty and net-impact analysis, methodology, data
// quality and an appendix of all figures. Shared by report.html (charts as inline SVG) and the dashboard
// (charts drawn client-side into placeholders): the caller supplies `chartSlot`.
import type { Figure, Label } from '../study/types.ts';
import { asLabel, bi, esc, T } from './i18n.ts';
import { displayUnitFor, displayValue, formatCellLabel, studyTitle, unitLabel, type DisplayUnit, type Lang } from '../locale/index.ts';
import { reportTables, type Cell, type ReportTable } from './reportTables.ts';
import { chartSpecs, type ChartSpec } from './chartSpecs.ts';
import { methodologyHtml } from './methodologyHtml.ts';
import type { ExtendedResults } from './optionalParts.ts';
import { summarySection } from './executiveSummary.ts';
import { vouchersSectionHtml } from './vouchersSection.ts';
import type { VoucherResults } from '../study/vouchers/computeVouchers.ts';
import { additionalitySource, ciLabel, hasNet, levelPct, mcLabel, switchingText } from './netParts.ts';

/**
 * The gross-vs-net section: the two kinds of figure in two labelled columns of cards (never summed),
 * each with its Monte Carlo interval when the results have one, then the table of both and the
 * additionality rates used. Empty when the results have no net figures.
 */
export function netSection(r: ExtendedResults, byId: Map<string, ReportTable>): string {
  const t = byId.get('net');
  if (!t) return '';
  const src = additionalitySource(r);
  const u = r.uncertainty;
  const mc = (f: Figure) => (u?.intervals[f.id] ? rangeLine('ci mc', mcLabel(u.level), f, u.intervals[f.id].lo, u.intervals[f.id].hi) : '');
  const ids = ['jobs.total', 'jobs.direct', 'jobs.indirect', 'consumption.total'].filter((id) => r.figures[id] && r.figures[`net.${id}`]);
  const warn = src?.illustrative
    ? `<p class="warn">${bi({ zh: `净新增数字基于示意性假设（${src.source.zh}），不是对本平台的估计。`, en: `Net figures rest on illustrative assumptions (${src.source.en}); they are not estimates for this platform.` })}</p>`
    : '';
  const head = `<div class="pair-head">${bi({ zh: '毛贡献：带动', en: 'Gross contribution: jobs supported' })}</div><div class="pair-head net">${bi({ zh: '净新增影响', en: 'Net additional impact' })}${src?.illustrative ? ` <span class="tag">${bi({ zh: '示意性假设', en: 'illustrative assumptions' })}</span>` : ''}</div>`;
  const pairs = ids.map((id) => card(r.figures[id], [], r.intervals.level, mc(r.figures[id]), 'gross') + card(r.figures[`net.${id}`], [], r.intervals.level, mc(r.figures[`net.${id}`]), 'net')).join('');
  const intro = { zh: '“带动”（毛贡献）统计平台生态中的全部岗位与消费，沿用原报告口径；“净新增”回答另一个问题：如果没有平台，这些岗位和消费有多少不会出现。两者并列，不能相加。', en: '"Jobs supported" (gross contribution) counts every position and yuan in the platform\'s ecosystem, as the original report does; "net additional" answers a different question: how much of it would not exist without the platform. They stand side by side and are never added.' };
  const rates = byId.get('additionality');
  return `<section id="net"><h2>${bi(T.net)}</h2><p>${bi(intro)}</p>${warn}<div class="pairs">${head}${pairs}</div>${tableHtml(t)}${rates ? tableHtml(rates) : ''}</section>`;
}

/**
 * The uncertainty section: how the Monte Carlo ran (draws, seed, level), its intervals beside the
 * sampling-only ones, the tornado chart with its table, switching values in words, and every
 * figure's interval (collapsed). Empty without results.uncertainty.
 */
export function uncertaintySection(r: ExtendedResults, byId: Map<string, ReportTable>, tornado: ChartSpec | undefined, chartSlot: BodyOptions['chartSlot']): string {
  const u = r.uncertainty;
  const t = byId.get('uncertainty');
  if (!u || !t) return '';
  const how = {
    zh: `蒙特卡洛模拟：${u.draws.toLocaleString('en-US')} 次抽样，随机数流 ${u.seed}（同一数流结果完全相同），区间水平 ${levelPct(u.level)}%；${u.sampling === 'normal' ? '假设的分布与调查抽样误差一并抽取' : '只抽取假设的分布，不含抽样误差'}。抽样区间（${levelPct(r.intervals.level)}%）只反映问卷抽样误差。`,
    en: `Monte Carlo: ${u.draws.toLocaleString('en-US')} draws, random stream ${u.seed} (the same stream gives identical results), ${levelPct(u.level)}% intervals; ${u.sampling === 'normal' ? 'the assumptions\' distributions and the survey sampling error drawn together' : 'the assumptions\' distributions only, no sampling error'}. The ${levelPct(r.intervals.level)}% sampling intervals reflect questionnaire sampling error only.`,
  };
  const sw = u.switching.map((s) => `<li>${bi(switchingText(r, s, (f, v, lang) => { const x = displayValue(f, lang, v); return `${x.text} ${x.unit}`; }))}</li>`).join('');
  const tt = byId.get('tornado');
  const all = byId.get('uncertainty_all');
  return [
    `<section id="uncertainty"><h2>${bi(T.uncertainty)}</h2><p>${bi(how)}</p>${(u.warnings ?? []).map((w) => `<p class="warn">⚠ ${bi(w)}</p>`).join('')}${tableHtml(t)}`,
    tornado && tt ? `<h3 id="chart-tornado">${bi(tornado.title)}</h3>${chartSlot(tornado)}${tableHtml(tt)}` : '',
    sw ? `<h3>${bi(T.switching)}</h3><ul class="switching">${sw}</ul>${byId.get('switching') ? tableHtml(byId.get('switching') as ReportTable) : ''}` : '',
    // The engine's notes, less the draws/seed line the paragraph above states (older results: English strings).
    `<ul class="note">${(u.notes as (Label | string)[]).map(asLabel).filter((n) => !n.en.startsWith('Monte Carlo:')).map((n) => `<li>${bi(n)}</li>`).join('')}</ul>`,
    all ? `<details><summary>${bi(all.title)} (${all.rows.length})</summary>${tableHtml(all)}</details>` : '',
    '</section>',
  ].join('');
}

/** Text of a figure in both languages (value and unit), e.g. 2962.6 万个 / 29.6 million jobs. */
function figureValue(f: Pick<Figure, 'unit' | 'value'>, v = f.value): string {
  const zh = displayValue(f, 'zh', v), en = displayValue(f, 'en', v);
  return `<span class="v">${bi({ zh: zh.text, en: en.text })}</span> <span class="u">${bi({ zh: zh.unit, en: en.unit })}</span>`;
}

/** "label: lo – hi" in the figure's display units (each language its own scale). */
const rangeLine = (cls: string, label: Label, f: Figure, lo: number, hi: number) => {
  const range = (lang: Lang) => `${displayValue(f, lang, lo).text} – ${displayValue(f, lang, hi).text}`;
  return `<div class="${cls}">${bi(label)}: ${bi({ zh: range('zh'), en: range('en') })}</div>`;
};

/** Short names of interval methods beside a figure (the interval-check table has the long ones). */
const INTERVAL_SHORT: Record<string, Label> = {
  wald: { zh: 't 区间', en: 't interval' },
  logit: { zh: 'logit 区间', en: 'logit interval' },
  beta: { zh: 'beta 区间', en: 'beta interval' },
  'bootstrap-t': { zh: 'bootstrap-t 区间', en: 'bootstrap-t interval' },
};

/** The interval method and simulated coverage of a figure's interval, flagged when below 90% (see the interval-check table). */
function coverageLine(f: Figure): string {
  const c = f.coverage;
  if (!c) return '';
  const pct = `${(c.coverage * 100).toFixed(1)}%`;
  const m = INTERVAL_SHORT[c.interval] ?? { zh: c.interval, en: c.interval };
  const text = c.warning
    ? { zh: `⚠ ${m.zh}，模拟覆盖率 ${pct}（名义 ${Math.round(c.level * 100)}%）：区间偏窄`, en: `⚠ ${m.en}, simulated coverage ${pct} (nominal ${Math.round(c.level * 100)}%): interval too narrow` }
    : { zh: `${m.zh}，模拟覆盖率 ${pct}`, en: `${m.en}, simulated coverage ${pct}` };
  return `<div class="coverage${c.warning ? ' warn' : ''}">${bi(text)}</div>`;
}

/** The same, short, after a sub-figure's value: "(bootstrap-t interval, 88.0% ⚠)". */
function coverageMark(f: Figure): string {
  const c = f.coverage;
  if (!c) return '';
  const pct = `${(c.coverage * 100).toFixed(1)}%${c.warning ? ' ⚠' : ''}`;
  const m = INTERVAL_SHORT[c.interval] ?? { zh: c.interval, en: c.interval };
  return ` <span class="coverage${c.warning ? ' warn' : ''}">${bi({ zh: `（${m.zh}，模拟覆盖率 ${pct}）`, en: `(${m.en}, simulated coverage ${pct})` })}</span>`;
}

/** A card: label, value, sampling interval (at `level`), optional extra lines, then sub-figures. */
function card(f: Figure, sub: Figure[] = [], level = 0.95, extra = '', tag = ''): string {
  const ci = (f.ci ? rangeLine('ci', ciLabel(level), f, f.ci[0], f.ci[1]) : '') + coverageLine(f);
  // "直接带动就业：全职" under "直接带动就业" reads as "全职".
  const short = (s: Figure) => ({ zh: s.label.zh.replace(`${f.label.zh}：`, ''), en: s.label.en.replace(`${f.label.en}: `, '') });
  const subs = sub.map((s) => `<div class="sub" data-fig="${esc(s.id)}">${bi(short(s))} ${figureValue(s)}${coverageMark(s)}</div>`).join('');
  return `<div class="card${tag ? ` ${tag}` : ''}" data-fig="${esc(f.id)}" tabindex="0"><div class="label">${bi(f.label)}</div><div class="value">${figureValue(f)}</div>${ci}${extra}${subs}</div>`;
}

/** Headline cards: total, direct (full-/part-time), providers, operators, groups, indirect, consumption, induced output. */
export function headlineCards(r: ExtendedResults): string {
  const F = r.figures;
  const get = (id: string) => F[id];
  const cards: string[] = [];
  const add = (id: string, subs: string[] = []) => {
    if (get(id)) cards.push(card(get(id), subs.map(get).filter(Boolean), r.intervals.level));
  };
  add('jobs.total');
  add('jobs.direct', ['jobs.direct.fulltime', 'jobs.direct.parttime']);
  add('jobs.providers', ['share.providers']);
  add('jobs.operators');
  for (const g of Object.keys(F).filter((k) => k.startsWith('jobs.group.'))) add(g);
  add('jobs.indirect');
  add('consumption.total', ['consumption.information', 'consumption.traditional']);
  add('output.indirect');
  // The GDP view beside induced output (METHOD §2): value added generated, domestic and competitive.
  if (get('va.generated.domestic')) add('va.generated.domestic', ['va.generated.competitive']);
  else add('va.generated.competitive');
  const anyCi = Object.values(F).some((f) => f.ci);
  const grossNote = hasNet(r) ? `<p class="note">${bi({ zh: '以上为毛贡献（“带动”，原报告口径）；扣除无谓效应、挤出等之后的净新增影响见下文专节。', en: 'These are gross figures ("jobs supported", the measure of the original report); the net additional impact, after deadweight, displacement and the like, is in its own section below.' })}</p>` : '';
  return `<section id="headline"><h2>${bi(T.headline)}</h2><div class="cards">${cards.join('')}</div>${anyCi ? '' : `<p class="note">${bi(T.noInterval)}</p>`}${grossNote}</section>`;
}

function cellHtml(c: Cell, kind: ReportTable['columns'][number]['kind'], en?: DisplayUnit): { html: string; numeric: boolean; value?: number } {
  if (c === null || c === undefined) return { html: '–', numeric: kind !== 'text' };
  if (typeof c === 'number') return { html: bi(formatCellLabel(kind === 'text' ? 'count' : kind, c, en)), numeric: true, value: c };
  if (typeof c === 'string') return { html: esc(c), numeric: false };
  if ('value' in c) return { html: bi(formatCellLabel(c.kind, c.value, c.ref !== undefined ? displayUnitFor(c.kind, 'en', [c.ref]) : c.kind === kind ? en : undefined)), numeric: true, value: c.value };
  return { html: bi(c), numeric: false };
}

/** A cell's number (a number, or {value, kind}), else undefined. */
const cellNumber = (c: Cell): number | undefined => (typeof c === 'number' ? c : c !== null && typeof c === 'object' && 'value' in c ? (c.value as number) : undefined);

/**
 * One table as HTML; headers carry their unit (万个 / million jobs, English by the column's
 * magnitude), rows carry data-fig when a figure backs them, numeric cells their exact value
 * (data-v). Reference columns (Column.detail: ids, tolerances) are not shown: their values become
 * the row's tooltip.
 */
export function tableHtml(t: ReportTable): string {
  const en = t.columns.map((c, j) => displayUnitFor(c.kind, 'en', t.rows.map((row) => cellNumber(row[j]))));
  const shown = t.columns.map((c, j) => ({ c, j })).filter(({ c }) => !c.detail);
  const hidden = t.columns.map((c, j) => ({ c, j })).filter(({ c }) => c.detail);
  const head = shown.map(({ c, j }) => {
    const u = unitLabel(c.kind);
    return `<th class="${c.kind === 'text' ? '' : 'n'}">${bi(c.label)}${u ? `<span class="unit">${bi({ zh: u.zh, en: en[j].unit ?? u.en })}</span>` : ''}</th>`;
  });
  const rows = t.rows.map((row, i) => {
    const fid = t.figureIds[i];
    const tds = shown.map(({ c: col, j }) => {
      const { html, numeric, value } = cellHtml(row[j], col.kind, en[j]);
      // data-v: the unrounded value in base units (tests compare it with results.json).
      return `<td class="${numeric ? 'n' : `c-${col.key}`}"${value !== undefined && col.kind !== 'text' ? ` data-v="${value}"` : ''}>${html}</td>`;
    });
    // Language-neutral: the identifiers themselves (e.g. "jobs.total"), not prose.
    const tip = hidden.map(({ j }) => row[j]).filter((c) => typeof c === 'string' && c !== '').join(' · ');
    return `<tr${fid ? ` data-fig="${esc(fid)}"` : ''}${tip ? ` title="${esc(tip)}"` : ''}>${tds.join('')}</tr>`;
  });
  const note = t.note ? `<p class="note">${bi(t.note)}</p>` : '';
  return `<div class="table-wrap"><table id="table-${esc(t.id)}" data-table="${esc(t.id)}"><caption>${bi(t.title)}</caption><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>${note}`;
}

export interface BodyOptions {
  /** HTML that shows the chart (inline SVG in the report, a placeholder in the dashboard). */
  chartSlot: (spec: ChartSpec) => string;
  /** The voucher part of a study with transactions too: one combined report. */
  vouchers?: VoucherResults;
}

/** Ids of the report's sections in reading order (those present); tests check the order against it. */
export const SECTION_ORDER = ['summary', 'headline', 'chart-jobs_by_year', 'chart-composition', 'chart-consumption', 'chart-sectors', 'chart-indicators', 'uncertainty', 'coverage', 'net', 'vouchers', 'methodology', 'quality', 'appendix'] as const;

/**
 * reportBody(results, {chartSlot, vouchers}) → every section of the report as bilingual HTML (no
 * <html> wrapper), in the order of a publication (SECTION_ORDER): the executive summary and the
 * headline figures; the results (jobs by year, composition, consumption, output by sector,
 * indicators); the analysis (uncertainty, interval check, net impact); the voucher part of a
 * combined study; method and data quality; the appendix (every figure with its id and formula).
 */
export function reportBody(r: ExtendedResults, opts: BodyOptions): string {
  const tables = reportTables(r);
  const byId = new Map(tables.map((t) => [t.id, t]));
  const all = chartSpecs(r);
  const tornado = all.find((c) => c.id === 'tornado');
  const charts = all.filter((c) => c !== tornado);
  const used = new Set([...all.map((c) => c.table), 'net', 'additionality', 'uncertainty', 'uncertainty_all', 'switching', 'coverage']);
  const chartSections = charts.map((c) => {
    const t = byId.get(c.table);
    return `<section class="chart-section" id="chart-${esc(c.id)}"><h2>${bi(c.title)}</h2>${opts.chartSlot(c)}${t ? tableHtml(t) : ''}</section>`;
  });
  const q = ['quality', 'rejections'].map((id) => byId.get(id)).filter((t): t is ReportTable => !!t);
  const rest = tables.filter((t) => !used.has(t.id) && !['headline', 'quality', 'rejections', 'figures'].includes(t.id));
  const coverage = byId.get('coverage');
  return [
    summarySection(r, opts.vouchers),
    headlineCards(r),
    ...chartSections,
    ...rest.map((t) => `<section>${tableHtml(t)}</section>`),
    uncertaintySection(r, byId, tornado, opts.chartSlot),
    coverage ? `<section id="coverage"><h2>${bi(coverage.title)}</h2>${tableHtml(coverage)}</section>` : '',
    netSection(r, byId),
    opts.vouchers ? vouchersSectionHtml(opts.vouchers) : '',
    methodologyHtml(r),
    `<section id="quality"><h2>${bi(T.quality)}</h2>${q.map(tableHtml).join('')}${readerNotes(r)}</section>`,
    `<section id="appendix"><details><summary>${bi(T.appendix)} (${Object.keys(r.figures).length})</summary>${tableHtml(byId.get('figures') as ReportTable)}</details></section>`,
  ].filter(Boolean).join('\n');
}

/** Page title in one language. */
export const pageTitle = (r: { study: { name: Label; year?: number } }, lang: Lang) => studyTitle(r.study.name, r.study.year, lang);

/** The questionnaire readers' notes (encoding chosen, rows skipped by skip_rows), under the data-quality tables. */
function readerNotes(r: ExtendedResults): string {
  const items = r.quality.flatMap((q) => (q.notes ?? []).map((n) => `<li><code>${esc(q.questionnaire)}</code>: ${bi(n)}</li>`));
  return items.length > 0 ? `<ul class="note">${items.join('')}</ul>` : '';
}
