// One definition is enough: a figure family added through one FigureFamily value (nothing else
// edited) appears in results.json with its sampling error, in explain, in the Monte Carlo output
// and in the report. Also: definitions that read a missing figure or give an id twice are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStudy } from '../../src/study/model/computeStudy.ts';
import { explain } from '../../src/study/model/explain.ts';
import { FIGURES, type FigureFamily } from '../../src/study/model/figures/index.ts';
import { displayValue } from '../../src/locale/index.ts';
import { resultsJson } from '../../src/cli/outputs.ts';
import { renderReport } from '../../src/report/renderReport.ts';
import { handStudy, inputs, parseNetImpact, withNet } from './additionalityFixture.ts';

/** Direct jobs as a share of all jobs: (jobs.providers + jobs.operators) / jobs.total, by the delta method. */
const directShare: FigureFamily = {
  id: 'share.direct',
  label: { zh: '直接就业占比', en: 'Direct jobs, share of total jobs' },
  unit: 'ratio',
  formula: 'jobs.direct / jobs.total',
  items: () => [{
    id: 'share.direct',
    label: { zh: '直接就业占比', en: 'Direct jobs, share of total jobs' },
    unit: 'ratio',
    formula: 'jobs.direct / jobs.total',
    from: ['jobs.direct', 'jobs.total'],
    value: (a) => a[0] / a[1],
    partials: (a) => [1 / a[1], -a[0] / (a[1] * a[1])],
  }],
};

test('a figure family added through one definition reaches results.json, explain, the Monte Carlo and the report', () => {
  const { config } = handStudy();
  const study = withNet(config, parseNetImpact('uncertainty: {seed: 3, draws: 400, level: 0.9, sampling: normal, parameters: {population.ops: {dist: triangular, min: 400, mode: 500, max: 700}}}', config));
  const r = computeStudy(study, inputs, { figures: [...FIGURES, directShare] });
  // By hand: direct 3000 of total 3220.
  const f = r.figures['share.direct'];
  assert.ok(Math.abs(f.value - 3000 / 3220) < 1e-15, String(f.value));
  assert.deepEqual(f.from, ['jobs.direct', 'jobs.total']);
  assert.ok(f.se !== undefined && f.se > 0 && f.ci && f.ci[0] < f.value && f.value < f.ci[1], 'sampling error by the delta method');
  assert.equal((JSON.parse(resultsJson(r)).figures['share.direct'] as { value: number }).value, f.value);
  const text = explain(r, 'share.direct', 'en', displayValue);
  assert.match(text, /^share\.direct {2}Direct jobs, share of total jobs = 93\.2 %/);
  assert.match(text, /formula: jobs\.direct \/ jobs\.total/);
  assert.match(text, /└─ jobs\.total/);
  const iv = r.uncertainty?.intervals['share.direct'];
  assert.ok(iv && iv.lo < iv.central && iv.central < iv.hi, 'a Monte Carlo interval');
  assert.equal(iv.central, f.value);
  const html = renderReport(r, 'en');
  assert.ok(html.includes('share.direct') && html.includes('Direct jobs, share of total jobs'), 'the report lists the figure');
  // The methodology's definitions table is generated from the families, the new one included.
  const method = html.slice(html.indexOf('<section id="methodology">'));
  assert.ok(method.includes(`title="${directShare.id}"`) && method.includes(`<code>${directShare.formula}</code>`), 'the methodology lists the new definition');
  assert.equal(r.families?.length, FIGURES.length + 1);
  // The same study without the definition has none of it.
  const plain = computeStudy(study, inputs);
  assert.equal(plain.figures['share.direct'], undefined);
  assert.equal(plain.uncertainty?.intervals['share.direct'], undefined);
});

test('definitions are checked: a missing source figure, an id given twice, a cycle', () => {
  const { config } = handStudy();
  const item = (id: string, from: string[]): FigureFamily => ({ id, label: { zh: id, en: id }, unit: 'ratio', formula: 'x', items: () => [{ id, label: { zh: id, en: id }, unit: 'ratio', formula: 'x', from, value: () => 1 }] });
  assert.throws(() => computeStudy(config, inputs, { figures: [...FIGURES, item('x.a', ['jobs.nope'])] }), /figure x\.a is computed from jobs\.nope, which no definition gives/);
  assert.throws(() => computeStudy(config, inputs, { figures: [...FIGURES, item('jobs.total', [])] }), /figure jobs\.total is defined twice/);
  assert.throws(() => computeStudy(config, inputs, { figures: [...FIGURES, item('x.a', ['x.b']), item('x.b', ['x.a'])] }), /figures computed from each other: x\.a → x\.b → x\.a/);
});

test('an estimated family (another engine\'s value and standard error) is carried as given', () => {
  const { config } = handStudy();
  const voucher: FigureFamily = {
    id: 'voucher.leverage.<design>',
    label: { zh: '消费券撬动比', en: 'Voucher leverage' },
    unit: 'ratio',
    formula: 'Δ spend / voucher value (lottery)',
    items: () => [{ id: 'voucher.leverage.reported', label: { zh: '消费券撬动比', en: 'Voucher leverage' }, unit: 'ratio', formula: 'Δ spend / voucher value', inputs: { design: 'lottery' }, value: () => 3.5, estimated: { se: 0.4, df: 120, ci: [2.7, 4.3] } }],
  };
  const r = computeStudy(config, inputs, { figures: [...FIGURES, voucher] });
  const f = r.figures['voucher.leverage.reported'];
  assert.deepEqual([f.value, f.se, f.df, f.ci], [3.5, 0.4, 120, [2.7, 4.3]]);
});
