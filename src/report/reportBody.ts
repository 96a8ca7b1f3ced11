// The body of the report, as bilingual HTML: headline cards, each chart with its table, methodology,
// data quality and all figures. Shared by report.html (charts as inline SVG) and the dashboard
// (charts drawn client-side into placeholders): the caller supplies `chartSlot`.
import type { Figure } from '../study/types.ts';
import { bi, esc, T } from './i18n.ts';
import { figureText, formatCell, unitLabel, type Lang } from './format.ts';
import { reportTables, type Cell, type ReportTable } from './reportTables.ts';
import { chartSpecs, type ChartSpec } from './chartSpecs.ts';
import { methodologyHtml } from './methodologyHtml.ts';
import type { ExtendedResults } from './optionalParts.ts';

/** Text of a figure in both languages (value and unit), e.g. 2963.0 万人 / 2963.0 10k persons. */
function figureValue(f: Pick<Figure, 'unit' | 'value'>, v = f.value): string {
  const zh = figureText(f, 'zh', v), en = figureText(f, 'en', v);
  return `<span class="v">${esc(zh.text)}</span> <span class="u">${bi({ zh: zh.unit, en: en.unit })}</span>`;
}

function card(f: Figure, sub: Figure[] = []): string {
  const ci = f.ci
    ? `<div class="ci">${bi(T.ci95)}: ${esc(figureText(f, 'zh', f.ci[0]).text)} – ${esc(figureText(f, 'zh', f.ci[1]).text)}</div>`
    : '';
  // "直接带动就业：全职" under "直接带动就业" reads as "全职".
  const short = (s: Figure) => ({ zh: s.label.zh.replace(`${f.label.zh}：`, ''), en: s.label.en.replace(`${f.label.en}: `, '') });
  const subs = sub.map((s) => `<div class="sub" data-fig="${esc(s.id)}">${bi(short(s))} ${figureValue(s)}</div>`).join('');
  return `<div class="card" data-fig="${esc(f.id)}" tabindex="0"><div class="label">${bi(f.label)}</div><div class="value">${figureValue(f)}</div>${ci}${subs}</div>`;
}

/** Headline cards: total, direct (full-/part-time), providers, operators, groups, indirect, consumption, induced output. */
export function headlineCards(r: ExtendedResults): string {
  const F = r.figures;
  const get = (id: string) => F[id];
  const cards: string[] = [];
  const add = (id: string, subs: string[] = []) => {
    if (get(id)) cards.push(card(get(id), subs.map(get).filter(Boolean)));
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
  return `<section id="headline"><h2>${bi(T.headline)}</h2><div class="cards">${cards.join('')}</div>${anyCi ? '' : `<p class="note">${bi(T.noInterval)}</p>`}</section>`;
}

function cellHtml(c: Cell, kind: ReportTable['columns'][number]['kind']): { html: string; numeric: boolean } {
  if (c === null || c === undefined) return { html: '–', numeric: kind !== 'text' };
  if (typeof c === 'number') return { html: formatCell(kind === 'text' ? 'count' : kind, c), numeric: true };
  if (typeof c === 'string') return { html: esc(c), numeric: false };
  if ('value' in c) return { html: formatCell(c.kind, c.value), numeric: true };
  return { html: bi(c), numeric: false };
}

/** One table as HTML; headers carry their unit (万人 / 10k persons), rows carry data-fig when a figure backs them. */
export function tableHtml(t: ReportTable): string {
  const head = t.columns.map((c) => {
    const u = unitLabel(c.kind);
    return `<th class="${c.kind === 'text' ? '' : 'n'}">${bi(c.label)}${u ? `<span class="unit">${bi(u)}</span>` : ''}</th>`;
  });
  const rows = t.rows.map((row, i) => {
    const fid = t.figureIds[i];
    const tds = row.map((c, j) => {
      const { html, numeric } = cellHtml(c, t.columns[j].kind);
      return `<td class="${numeric ? 'n' : `c-${t.columns[j].key}`}">${html}</td>`;
    });
    return `<tr${fid ? ` data-fig="${esc(fid)}"` : ''}>${tds.join('')}</tr>`;
  });
  const note = t.note ? `<p class="note">${bi(t.note)}</p>` : '';
  return `<div class="table-wrap"><table id="table-${esc(t.id)}" data-table="${esc(t.id)}"><caption>${bi(t.title)}</caption><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>${note}`;
}

export interface BodyOptions {
  /** HTML that shows the chart (inline SVG in the report, a placeholder in the dashboard). */
  chartSlot: (spec: ChartSpec) => string;
}

/** reportBody(results, {chartSlot}) → every section of the report as bilingual HTML (no <html> wrapper). */
export function reportBody(r: ExtendedResults, opts: BodyOptions): string {
  const tables = reportTables(r);
  const byId = new Map(tables.map((t) => [t.id, t]));
  const charts = chartSpecs(r);
  const used = new Set(charts.map((c) => c.table));
  const chartSections = charts.map((c) => {
    const t = byId.get(c.table);
    return `<section class="chart-section" id="chart-${esc(c.id)}"><h2>${bi(c.title)}</h2>${opts.chartSlot(c)}${t ? tableHtml(t) : ''}</section>`;
  });
  const q = ['quality', 'rejections'].map((id) => byId.get(id)).filter((t): t is ReportTable => !!t);
  const rest = tables.filter((t) => !used.has(t.id) && !['headline', 'quality', 'rejections', 'figures'].includes(t.id));
  return [
    headlineCards(r),
    ...chartSections,
    ...rest.map((t) => `<section>${tableHtml(t)}</section>`),
    methodologyHtml(r),
    `<section id="quality"><h2>${bi(T.quality)}</h2>${q.map(tableHtml).join('')}</section>`,
    `<section id="figures"><details><summary>${bi(T.allFigures)} (${Object.keys(r.figures).length})</summary>${tableHtml(byId.get('figures') as ReportTable)}</details></section>`,
  ].join('\n');
}

/** Page title in one language. */
export const pageTitle = (r: ExtendedResults, lang: Lang) => `${r.study.name[lang]} (${r.study.year})`;
