// report.html: self-contained (no network), deterministic, and showing the results' own numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport } from '../../src/report/renderReport.ts';
import { reportTables } from '../../src/report/reportTables.ts';
import { chartSpecs } from '../../src/report/chartSpecs.ts';
import { indicators } from '../../src/report/optionalParts.ts';
import { displayValue } from '../../src/cli/format.ts';
import { exampleRun, exampleWithSeries } from './example.ts';

test('report.html loads nothing from the network and is byte-identical for the same results', async () => {
  const r = await exampleWithSeries();
  const a = renderReport(r, 'zh');
  assert.equal(renderReport(r, 'zh'), a);
  // No external resources: no src/href to http(s), no @import, no url(http…); SVG namespaces are fine.
  assert.doesNotMatch(a, /(src|href)\s*=\s*["']?https?:/i);
  assert.doesNotMatch(a, /@import|url\(\s*["']?https?:/i);
  assert.doesNotMatch(a, /<link[^>]+stylesheet/i);
  assert.match(a, /^<!DOCTYPE html>/);
  assert.doesNotMatch(a, />[^<]*\b(NaN|undefined|Infinity)\b[^<]*</, 'no NaN/undefined shown');
  assert.match(a, /data-lang="zh"/);
  assert.match(renderReport(r, 'en'), /data-lang="en"/);
});

test('headline cards show every headline figure with the value results.json holds', async () => {
  const { results } = await exampleRun();
  const html = renderReport(results, 'zh');
  for (const id of ['jobs.total', 'jobs.direct', 'jobs.direct.fulltime', 'jobs.direct.parttime', 'jobs.providers', 'jobs.operators', 'jobs.indirect', 'consumption.total', 'output.indirect']) {
    const f = results.figures[id];
    const re = new RegExp(`data-fig="${id.replace(/\./g, '\\.')}"[^>]*>(?:(?!data-fig=).)*?<span class="v">([^<]+)</span>`, 's');
    const m = re.exec(html);
    assert.ok(m, `card for ${id}`);
    assert.equal(m[1], displayValue(f, 'zh').text, id);
  }
  if (results.figures['jobs.total'].ci) assert.match(html, /95% 置信区间/);
});

test('the series chart and table appear only when the study has a series; YoY is computed', async () => {
  const { results } = await exampleRun();
  assert.ok(!chartSpecs({ ...results, series: undefined } as never).some((c) => c.id === 'jobs_by_year'));
  const r = await exampleWithSeries();
  assert.ok(chartSpecs(r).some((c) => c.id === 'jobs_by_year'));
  const t = reportTables(r).find((x) => x.id === 'series');
  assert.ok(t);
  assert.deepEqual(t.rows.map((row) => row[0]), [2014, 2015, 2016, 2017, 2018, 2019]);
  // 2015 on 2014: 1747 / 1008 − 1
  assert.ok(Math.abs((t.rows[1][5] as number) - (1747 / 1008 - 1)) < 1e-12);
  assert.match(renderReport(r, 'en'), /Jobs by year/);
});

test('methodology states the formulas with the numbers used and the honest label', async () => {
  const { results } = await exampleRun();
  const html = renderReport(results, 'en');
  for (const c of results.components) assert.ok(html.includes(c.population.toLocaleString('en-US')), `population of ${c.id}`);
  for (const c of results.consumption) assert.ok(html.includes(c.coefficient.toFixed(9)), `coefficient of ${c.id}`);
  assert.ok(html.includes("Induced output (seed: &#39;indirect GDP&#39;)"));
  assert.match(html, /value-added multiplier vᵀL is exactly 1/);
  assert.ok(html.includes((results.figures['ratio.jobs_per_output'].value * 1e8).toFixed(2)));
  for (const q of results.quality) assert.ok(html.includes(q.file));
});

test('data-quality tables count rows read, valid and rejected by reason', async () => {
  const { results } = await exampleRun();
  const tables = reportTables(results);
  const q = tables.find((t) => t.id === 'quality');
  assert.deepEqual(q?.rows.map((r) => r.slice(2, 5)), results.quality.map((x) => [x.rowsRead, x.valid, x.rejected]));
  const rej = tables.find((t) => t.id === 'rejections');
  const total = (rej?.rows ?? []).reduce((s, r) => s + (r[2] as number), 0);
  assert.equal(total, results.quality.reduce((s, x) => s + Object.values(x.reasons).reduce((a, b) => a + b, 0), 0));
});

test('optional parts: indicators with intervals and published values render with error bars', async () => {
  const { results } = await exampleRun();
  const r = structuredClone(results);
  r.figures['indicator.test_women'] = { id: 'indicator.test_women', value: 0.475, unit: 'ratio', label: { zh: '女性占比', en: 'Women among workers' }, formula: 'Σ women / Σ staff', inputs: { published: 0.475 }, from: [], se: 0.01, ci: [0.455, 0.495] };
  const specs = chartSpecs(r);
  const ind = specs.find((c) => c.id === 'indicators');
  assert.ok(ind);
  const opt = ind.option('en') as { series: { type: string; data: unknown[] }[] };
  assert.deepEqual(opt.series.map((s) => s.type), ['bar', 'custom', 'scatter']);
  const k = indicators(r).findIndex((i) => i.id === 'indicator.test_women');
  assert.ok(k >= 0);
  assert.deepEqual(opt.series[1].data[k], [k, 45.5, 49.5, null]);
  assert.equal(opt.series[2].data[k], 47.5);
  const html = renderReport(r, 'en');
  assert.match(html, /Survey indicators/);
});
