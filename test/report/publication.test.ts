// The report reads like a publication (#14 item 6): summary first, then the results, then the
// uncertainty and net-impact analysis, then method and data quality; no ids or solver tolerances
// in the reader's view (they stay in the appendix, the tooltips and tables.xlsx); axes of
// non-negative quantities start at 0; numbers are rounded for reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { renderReport } from '../../src/report/renderReport.ts';
import { chartSpecs } from '../../src/report/chartSpecs.ts';
import { renderChartSvg } from '../../src/report/renderChartSvg.ts';
import { summarySentences } from '../../src/report/executiveSummary.ts';
import { tablesWorkbook } from '../../src/report/tablesWorkbook.ts';
import { displayValue } from '../../src/locale/index.ts';
import type { ExtendedResults } from '../../src/report/optionalParts.ts';
import { exampleRun, exampleWithSeries } from './example.ts';

/** Section ids of a report, in document order. */
const sectionIds = (html: string) => [...html.matchAll(/<section[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
/** The text a reader sees outside the appendix: tags, attributes (data-v, title) and scripts removed. */
function readerText(html: string): string {
  const body = html.slice(html.indexOf('<main>'), html.indexOf('<section id="appendix"'));
  return body.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ');
}

test('sections in publication order: summary, headline, jobs by year, composition, consumption, sectors, indicators, uncertainty, net, method, quality, appendix', async () => {
  const r = await exampleWithSeries();
  const ids = sectionIds(renderReport(r, 'zh'));
  const expected = ['summary', 'headline', 'chart-jobs_by_year', 'chart-composition', 'chart-consumption', 'chart-sectors', 'chart-indicators', 'uncertainty', 'net', 'methodology', 'quality', 'appendix'];
  const at = expected.map((id) => ids.indexOf(id));
  assert.ok(at.every((i) => i >= 0), `every section present: ${ids.join(' ')}`);
  assert.deepEqual([...at].sort((a, b) => a - b), at, `order: ${ids.join(' ')}`);
  // The interval check belongs to the analysis, between the uncertainty and the net impact.
  assert.ok(ids.indexOf('coverage') > ids.indexOf('uncertainty') && ids.indexOf('coverage') < ids.indexOf('net'));
});

test('executive summary: one sentence per headline figure, generated from the results, in zh and en', async () => {
  const r = await exampleWithSeries();
  const s = summarySentences(r);
  const F = r.figures;
  for (const lang of ['zh', 'en'] as const) {
    const text = s.map((x) => x[lang]).join('\n');
    for (const id of ['jobs.total', 'jobs.direct', 'jobs.indirect', 'jobs.direct.fulltime', 'jobs.direct.parttime', 'consumption.total', 'output.indirect', 'net.jobs.total']) {
      assert.ok(text.includes(displayValue(F[id], lang).text), `${lang}: ${id} = ${displayValue(F[id], lang).text} in the summary:\n${text}`);
    }
    const ci = F['jobs.total'].ci as [number, number];
    assert.ok(text.includes(`${displayValue(F['jobs.total'], lang, ci[0]).text}–${displayValue(F['jobs.total'], lang, ci[1]).text}`), `${lang}: total's interval`);
    assert.match(text, /2014–2018/, 'growth over the declared series');
  }
  assert.doesNotMatch(s.map((x) => x.zh).join(''), /[a-z]{4,}/i, 'no English words in the Chinese summary');
  assert.doesNotMatch(s.map((x) => x.en).join(''), /\p{Script=Han}/u, 'no Chinese in the English summary (this study names nothing in Chinese)');
  // Generated, not typed: another total gives another sentence.
  const other: ExtendedResults = { ...r, figures: { ...F, 'jobs.total': { ...F['jobs.total'], value: 12_345_678, ci: undefined } } };
  assert.match(summarySentences(other)[0].zh, /1234\.6/);
  assert.doesNotMatch(summarySentences(other)[0].zh, /区间/);
  // The summary sits under the title, in the page.
  const html = renderReport(r, 'en');
  assert.ok(html.indexOf('id="summary"') < html.indexOf('id="headline"'));
  assert.ok(html.includes(s[0].en.replace(/"/g, '&quot;')));
});

test("no id columns or solver tolerances in the reader's view; they stay in tooltips, the appendix and tables.xlsx", async () => {
  const { results } = await exampleRun();
  const html = renderReport(results, 'zh');
  const text = readerText(html);
  assert.doesNotMatch(text, /\d\.\de-\d/i, 'no "1.0e-9" tolerance shown');
  assert.doesNotMatch(text, /\b(jobs|consumption|output|net|share|va)\.[a-z_]+(\.[a-z_0-9]+)*\b/, 'no figure ids shown as text');
  const readerPart = html.slice(0, html.indexOf('<section id="appendix"'));
  assert.doesNotMatch(readerPart, /<th[^>]*>(编号|id)<\/th>|<span class="en">(id|Parameter ids|Tolerance)<\/span>/, 'no id/tolerance column header');
  // The ids are tooltips of their rows …
  assert.match(readerPart, /<tr data-fig="jobs\.total" title="jobs\.total">/);
  // … the appendix keeps them visible …
  const appendix = html.slice(html.indexOf('<section id="appendix"'));
  assert.match(appendix, /<td class="c-id">jobs\.total<\/td>/);
  // … and the workbook keeps the id and tolerance columns with full precision.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await tablesWorkbook(results)) as never);
  const head = (name: string) => (wb.getWorksheet(name)?.getRow(1).values as unknown[] | undefined)?.map(String) ?? [];
  assert.ok(head('headline').some((h) => /^(id|编号)$/i.test(h)), `headline sheet keeps its id column: ${head('headline')}`);
  const sw = wb.getWorksheet('switching');
  if (results.uncertainty?.switching.length) assert.ok(sw && head('switching').some((h) => /tolerance|容差/i.test(h)), 'switching sheet keeps the tolerance');
});

test('numbers in the reader’s view are rounded: no value with more than 7 significant digits', async () => {
  const r = await exampleWithSeries();
  const text = readerText(renderReport(r, 'en'));
  // Significant digits: separators and the point out, leading zeros (and an integer's trailing zeros) too.
  const significant = (n: string) => (n.includes('.') ? n.replace(/[,.]/g, '').replace(/^0+/, '') : n.replace(/,/g, '').replace(/^0+|0+$/g, '')).length;
  const long = (text.match(/\d[\d,]*(\.\d+)?/g) ?? []).filter((n) => significant(n) > 7);
  assert.deepEqual(long, [], 'unrounded numbers shown');
  // The check itself catches the dashboard's old 48180.78683905378.
  assert.equal(significant('48180.78683905378'), 16);
});

test('axes of non-negative quantities start at 0, also when an interval reaches below 0', async () => {
  const { results } = await exampleRun();
  // A skewed component whose symmetric interval crosses 0 (the case that drew an axis from −500).
  const id = `jobs.operators.${results.components.find((c) => c.kind === 'operator')!.id}`;
  const f = results.figures[id];
  const skewed: ExtendedResults = { ...results, figures: { ...results.figures, [id]: { ...f, ci: [-5_000_000, f.value * 2] } } };
  for (const spec of chartSpecs(skewed).filter((c) => c.id !== 'tornado')) {
    const opt = spec.option('en') as { xAxis?: unknown; yAxis?: unknown };
    const axes = [opt.xAxis, opt.yAxis].flat().filter((a): a is { type: string; min?: number } => !!a && (a as { type?: string }).type === 'value');
    assert.ok(axes.length > 0, spec.id);
    for (const a of axes) assert.equal(a.min, 0, `${spec.id}: value axis starts at 0`);
    const svg = renderChartSvg(spec, 'en');
    assert.doesNotMatch(svg, />\s*[-−]\d/, `${spec.id}: no negative tick label`);
  }
  // The tornado shows changes from the central value: its axis is meant to cross 0.
  const tornado = chartSpecs(results).find((c) => c.id === 'tornado');
  if (tornado) assert.equal((tornado.option('en') as { xAxis: { min?: number } }).xAxis.min, undefined);
});
