// report.html: self-contained (no network), deterministic, and showing the results' own numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport } from '../../src/report/renderReport.ts';
import { reportTables } from '../../src/report/reportTables.ts';
import { chartSpecs } from '../../src/report/chartSpecs.ts';
import { indicators } from '../../src/report/optionalParts.ts';
import { displayValue, formatCell } from '../../src/locale/index.ts';
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
    const re = new RegExp(`data-fig="${id.replace(/\./g, '\\.')}"[^>]*>(?:(?!data-fig=).)*?<span class="v">(?:<span class="zh">)?([^<]+)</span>`, 's');
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
  // 2015 on 2014: 1747 / 1008 − 1, within the direct-jobs scope
  assert.ok(Math.abs((t.rows[1][6] as number) - (1747 / 1008 - 1)) < 1e-12);
  // 2019 is total jobs (direct + indirect): no growth across the scope change, which is flagged
  assert.equal(t.rows[5][6], null);
  assert.match((t.rows[5][7] as { en: string }).en, /direct jobs → total jobs \(direct \+ indirect\): growth not computed/);
  assert.match((t.rows[5][5] as { en: string }).en, /total jobs/);
  assert.match(t.note!.en, /Direct jobs grew \+22\.0% a year over 2014–2018/);
  const chart = JSON.stringify(chartSpecs(r).find((c) => c.id === 'jobs_by_year')!.option('en'));
  assert.match(chart, /"markLine".*"xAxis":"2019"/);
  assert.match(renderReport(r, 'en'), /Jobs by year/);
});

test('methodology states the formulas with the numbers used and the honest label', async () => {
  const { results } = await exampleRun();
  const html = renderReport(results, 'en');
  for (const c of results.components) assert.ok(html.includes(c.population.toLocaleString('en-US')), `population of ${c.id}`);
  // Coefficients rounded for reading (1.351), the exact value kept in data-v.
  for (const c of results.consumption) assert.ok(html.includes(`data-v="${c.coefficient}">${formatCell('coef', c.coefficient)}<`), `coefficient of ${c.id}`);
  assert.ok(html.includes("Induced output (the original report&#39;s &#39;indirect GDP&#39;)"));
  assert.match(html, /value-added multiplier vᵀL is exactly 1/);
  assert.ok(html.includes((results.figures['ratio.jobs_per_output'].value * 1e8).toFixed(2)));
  for (const q of results.quality) assert.ok(html.includes(q.file));
  // Assumptions in both languages (the zh page shows the Chinese text); older results with plain strings still render.
  assert.ok(results.assumptions.every((a) => a.zh && a.en && a.zh !== a.en));
  assert.ok(html.includes('<span class="zh">未声明抽样设计的问卷按简单随机抽样处理'));
  assert.ok(html.includes('<span class="en">Questionnaires without a declared design are simple random samples'));
  const legacy = renderReport({ ...results, assumptions: ['An assumption & its source.'] as never }, 'en');
  assert.ok(legacy.includes('<li>An assumption &amp; its source.</li>'));
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

test('gross vs net: side-by-side cards and table with the values of results.json, never summed', async () => {
  const { results } = await exampleRun();
  const html = renderReport(results, 'en');
  const net = html.slice(html.indexOf('<section id="net">'), html.indexOf('</section>', html.indexOf('<section id="net">')));
  assert.ok(net.length > 100, 'net section present');
  for (const id of ['jobs.total', 'jobs.direct', 'jobs.indirect']) {
    for (const fid of [id, `net.${id}`]) {
      const m = new RegExp(`class="card (?:gross|net)" data-fig="${fid.replace(/\./g, '\\.')}"[^>]*>.*?<span class="v"><span class="zh">[^<]+</span><span class="en">([^<]+)</span>`, 's').exec(net);
      assert.ok(m, `card ${fid}`);
      assert.equal(m[1], displayValue(results.figures[fid], 'en').text, fid);
    }
    // The table row carries both exact values.
    const row = new RegExp(`<tr data-fig="net\\.${id.replace(/\./g, '\\.')}"[^>]*>(.*?)</tr>`, 's').exec(net);
    assert.ok(row, `row ${id}`);
    const v = [...row[1].matchAll(/data-v="([^"]+)"/g)].map((x) => Number(x[1]));
    assert.equal(v[0], results.figures[id].value);
    assert.equal(v[1], results.figures[`net.${id}`].value);
  }
  assert.match(net, /Gross contribution: jobs supported/);
  assert.match(net, /Net additional impact/);
  assert.match(net, /illustrative assumptions/);
  assert.match(net, /never added/);
  // Rates table: the displacement of every component is the triangular mean 0.4, with its distribution.
  assert.match(net, /triangular\(0\.2, 0\.4, 0\.6\)/);
});

test('uncertainty: Monte Carlo intervals beside the sampling CIs, draws and seed stated, tornado and switching value in words', async () => {
  const { results } = await exampleRun();
  const u = results.uncertainty;
  assert.ok(u && u.tornado);
  const html = renderReport(results, 'en');
  const sec = html.slice(html.indexOf('<section id="uncertainty">'));
  assert.match(sec, new RegExp(`${u.draws.toLocaleString('en-US')} draws, random stream ${u.seed}`));
  const row = /<tr data-fig="jobs\.total">(.*?)<\/tr>/s.exec(sec);
  assert.ok(row);
  const v = [...row[1].matchAll(/data-v="([^"]+)"/g)].map((x) => Number(x[1]));
  const f = results.figures['jobs.total'], iv = u.intervals['jobs.total'];
  assert.deepEqual(v.slice(0, 5), [iv.central, f.ci?.[0], f.ci?.[1], iv.lo, iv.hi]);
  assert.match(sec, /data-chart="tornado"/);
  assert.ok(chartSpecs(results).some((c) => c.id === 'tornado'));
  const sw = u.switching[0];
  const enTarget = displayValue(results.figures[sw.figure], 'en', sw.target);
  assert.ok(sec.includes(`falls to ${enTarget.text} ${enTarget.unit} when the displacement rate (every direct-jobs component, moved together) is ${+sw.value.toPrecision(3)}`));
  // zh sentence too
  assert.ok(renderReport(results, 'zh').includes(`时，${results.figures[sw.figure].label.zh}降至 ${displayValue(results.figures[sw.figure], 'zh', sw.target).text} 万个`));
  // The engine's notes in both languages, the draws/seed line left to the paragraph above.
  assert.ok(u.notes.every((n) => n.zh && n.en && n.zh !== n.en));
  assert.ok(sec.includes(`<li>${'<span class="zh">'}兼职比例以及以单个数值给出的输入保持固定。`));
  assert.ok(!/<li>[^<]*<span class="zh">蒙特卡洛：/.test(sec));
});

test('interval levels come from the results, not a fixed 95%', async () => {
  const { results } = await exampleRun();
  const r = structuredClone(results);
  r.intervals = { ...r.intervals, level: 0.9 };
  if (r.uncertainty) r.uncertainty.level = 0.8;
  for (const f of Object.values(r.figures)) if (f.coverage) f.coverage.level = 0.9; // the level the coverage check simulated
  const html = renderReport(r, 'en');
  // The engine's own assumption text (methodology) states the level the run used; the rest must follow the results.
  const shown = html.replace(/<svg.*?<\/svg>/gs, '').replace(/<section id="methodology">.*?<\/section>/s, '');
  assert.doesNotMatch(shown, /95%/);
  assert.match(html, /90% CI/);
  assert.match(html, /80% interval \(assumptions \+ sampling\)/);
});
