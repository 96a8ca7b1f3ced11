// Golden files: the charts and tables of a small hand-made result set, rendered to SVG / HTML and
// compared byte for byte with test/report/golden/*. On a mismatch the new output is written beside
// the golden file as <name>-changed.<ext> for review; accept it by renaming it over the golden file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StudyResults, Figure } from '../../src/study/types.ts';
import { chartSpecs } from '../../src/report/chartSpecs.ts';
import { renderChartSvg } from '../../src/report/renderChartSvg.ts';
import { reportTables } from '../../src/report/reportTables.ts';
import { tableHtml } from '../../src/report/reportBody.ts';

const dir = join(import.meta.dirname, 'golden');
const fig = (id: string, value: number, unit: Figure['unit'], zh: string, en: string, ci?: [number, number]): Figure => ({ id, value, unit, label: { zh, en }, formula: 'f', inputs: {}, from: [], ...(ci ? { ci, se: (ci[1] - ci[0]) / 3.92 } : {}) });

/** Two components, two categories, one indicator, a three-year series: every chart of the report. */
const small: StudyResults = {
  spillover: 'golden',
  study: { name: { zh: '小例', en: 'Small case' }, year: 2019, source: 'small.yaml' },
  intervals: { level: 0.95, method: 't' },
  figures: Object.fromEntries(
    [
      fig('jobs.total', 3734, 'persons', '带动就业总量', 'Total jobs driven'),
      fig('jobs.direct', 3700, 'persons', '直接带动就业', 'Direct jobs'),
      fig('jobs.indirect', 34, 'persons', '间接带动就业', 'Indirect jobs'),
      fig('jobs.providers.prov', 2500, 'persons', '服务商', 'Providers', [2000, 3000]),
      fig('jobs.operators.ops', 1200, 'persons', '运营者', 'Operators'),
      fig('consumption.a', 20000, 'yuan', '甲', 'A', [18000, 22000]),
      fig('consumption.b', 5000, 'yuan', '乙', 'B'),
      fig('output.indirect', 34000, 'yuan', '诱发产出', 'Induced output'),
      fig('indicator.women', 0.475, 'ratio', '女性占比', 'Women among workers', [0.455, 0.495]),
    ].map((f) => [f.id, f]),
  ),
  components: [
    { id: 'prov', kind: 'provider', label: { zh: '服务商', en: 'Providers' }, groups: [], population: 600, n: 6, jobs: 2500, fulltime: 1750, parttime: 750 },
    { id: 'ops', kind: 'operator', label: { zh: '运营者', en: 'Operators' }, groups: [], population: 1000, n: 6, jobs: 1200, fulltime: 800, parttime: 400 },
  ] as StudyResults['components'],
  consumption: [
    { id: 'a', label: { zh: '甲', en: 'A' }, kind: 'information', sector: { code: '123', index: 122, name: { zh: '互联网', en: 'Internet' } }, amount: 20000, coefficient: 1.5, inducedOutput: 30000, jobs: 30 },
    { id: 'b', label: { zh: '乙', en: 'B' }, kind: 'traditional', sector: { code: '120', index: 119, name: { zh: '餐饮', en: 'Catering' } }, amount: 5000, coefficient: 0.8, inducedOutput: 4000, jobs: 4 },
  ] as StudyResults['consumption'],
  quality: [{ questionnaire: 'p', file: 'p.csv', rowsRead: 7, valid: 6, rejected: 1, reasons: { 'share-out-of-range': 1 } }],
  assumptions: [{ zh: '手工示例', en: 'hand-made' }],
  series: [
    { year: 2017, status: 'published', figures: { 'jobs.total': 3000 } },
    { year: 2018, status: 'published', figures: { 'jobs.total': 3300, 'jobs.direct': 3280, 'jobs.indirect': 20 } },
    { year: 2019, status: 'estimated', figures: { 'jobs.total': 3734, 'jobs.direct': 3700, 'jobs.indirect': 34 } },
  ],
} as StudyResults;

/**
 * The small case with net figures (rates on each component and category, illustrative), a Monte
 * Carlo at 90% (sampling intervals at 90% too), a tornado, a switching value and job units.
 */
const note = 'ILLUSTRATIVE assumptions, not estimates. Additionality rates: round numbers for the test.';
const netFig = (id: string, value: number, inputs: Record<string, number> = {}): Figure => {
  const g = small.figures[id];
  return { id: `net.${id}`, value, unit: g.unit, label: { zh: `净新增${g.label.zh}（示意性假设）`, en: `Net additional: ${g.label.en} (illustrative assumptions)` }, formula: 'f', inputs, from: [id], notes: { zh: '示意性假设，不是估计。额外性比率来源：测试用的整数。', en: note } };
};
const rates = (l: number, d: number, dp: number, s: number) => ({ leakage: l, deadweight: d, displacement: dp, substitution: s, factor: (1 - l) * (1 - d) * (1 - dp) * (1 - s) });
const iv = (central: number, lo: number, hi: number) => ({ central, mean: central, sd: (hi - lo) / 3.29, median: central, lo, hi });
const smallNet: StudyResults = {
  ...small,
  intervals: { level: 0.9, method: 't' },
  figures: {
    ...small.figures,
    ...Object.fromEntries(
      [
        netFig('jobs.total', 1594.4),
        netFig('jobs.direct', 1580),
        netFig('jobs.indirect', 14.4),
        netFig('jobs.providers.prov', 1000, rates(0, 0.2, 0.5, 0)),
        netFig('jobs.operators.ops', 580, { ...rates(0.1, 0.2, 0.25, 0.1), factor: 0.486 }),
        netFig('consumption.a', 8000, rates(0, 0.5, 0.2, 0)),
        netFig('consumption.b', 2000, rates(0, 0.5, 0.2, 0)),
        netFig('output.indirect', 13600),
      ].map((f) => [f.id, f]),
    ),
  },
  uncertainty: {
    draws: 1000,
    seed: 7,
    level: 0.9,
    sampling: 'normal',
    parameters: [
      { id: 'additionality.components.default.displacement', kind: 'assumption', distribution: { dist: 'triangular', min: 0.3, mode: 0.5, max: 0.7 }, central: 0.5 },
      { id: 'additionality.consumption.a.deadweight', kind: 'assumption', distribution: { dist: 'uniform', min: 0.4, max: 0.6 }, central: 0.5 },
      { id: 'sampling.jobs.providers.prov', kind: 'sampling', distribution: { dist: 'normal', mean: 2500, sd: 255 }, central: 2500 },
      { id: 'population.ops', kind: 'assumption', distribution: { dist: 'uniform', min: 800, max: 1200 }, central: 1000 },
    ],
    intervals: { 'jobs.total': iv(3734, 3200, 4300), 'net.jobs.total': iv(1594.4, 1200, 2000), 'net.jobs.direct': iv(1580, 1190, 1985) },
    tornado: {
      figure: 'net.jobs.total',
      p: 0.05,
      base: 1594.4,
      rows: [
        { parameter: 'additionality.components.default.displacement', low: 0.363, high: 0.637, figureAtLow: 1900, figureAtHigh: 1290, swing: 610 },
        { parameter: 'sampling.jobs.providers.prov', low: 2080, high: 2920, figureAtLow: 1426, figureAtHigh: 1762, swing: 336 },
        { parameter: 'population.ops', low: 820, high: 1180, figureAtLow: 1490, figureAtHigh: 1699, swing: 209 },
        { parameter: 'additionality.consumption.a.deadweight', low: 0.41, high: 0.59, figureAtLow: 1597, figureAtHigh: 1592, swing: 5 },
      ],
    },
    switching: [{ parameter: 'additionality.components.*.displacement', matched: ['additionality.components.default.displacement'], figure: 'net.jobs.direct', target: 1000, value: 0.6835, figureAt: 1000, tolerance: 1e-9, iterations: 30 }],
    notes: [{ zh: '蒙特卡洛：1000 次，种子 7。', en: 'Monte Carlo: 1000 draws, seed 7.' }, { zh: '手工示例', en: 'hand-made' }],
  },
  jobUnits: {
    prov: {
      positions: { value: 2500, unit: { zh: '岗位（个）', en: 'positions (jobs)' }, formula: { zh: 'Σ w_i p_i', en: 'Σ w_i p_i' } },
      fte: { value: 2100, unit: { zh: '全职当量（每周 40 小时）', en: 'FTE (40 h/week)' }, formula: { zh: 'Σ w_i p_i 工时_i / 40', en: 'Σ w_i p_i hours_i / 40' } },
    },
  },
} as StudyResults;

function golden(name: string, actual: string) {
  const file = join(dir, name);
  const changed = file.replace(/(\.[a-z]+)$/, '-changed$1');
  if (!existsSync(file)) {
    writeFileSync(changed, actual);
    assert.fail(`no golden file ${name}; wrote ${changed} — review it and rename it to ${name}`);
  }
  if (readFileSync(file, 'utf8') !== actual) {
    writeFileSync(changed, actual);
    assert.fail(`${name} differs from its golden file; the new output is in ${changed}`);
  }
  rmSync(changed, { force: true });
}

for (const spec of chartSpecs(small))
  for (const lang of ['zh', 'en'] as const) test(`chart ${spec.id} (${lang}) equals its golden SVG`, () => golden(`${spec.id}-${lang}.svg`, renderChartSvg(spec, lang)));

test('tables equal their golden HTML', () => golden('tables.html', reportTables(small).map(tableHtml).join('\n') + '\n'));

const tornado = chartSpecs(smallNet).find((c) => c.id === 'tornado');
for (const lang of ['zh', 'en'] as const) test(`chart tornado (${lang}) equals its golden SVG`, () => golden(`tornado-${lang}.svg`, renderChartSvg(tornado as NonNullable<typeof tornado>, lang)));

test('net, uncertainty, tornado, switching and job-unit tables equal their golden HTML (level 90%)', () => {
  const tables = reportTables(smallNet);
  assert.deepEqual(tables.map((t) => t.id).slice(0, 8), ['headline', 'net', 'additionality', 'uncertainty', 'uncertainty_all', 'tornado', 'switching', 'job_units']);
  const html = tables.slice(0, 8).map(tableHtml).join('\n') + '\n';
  assert.doesNotMatch(html, /95%/, 'the level comes from the results');
  assert.match(html, /90% CI low/);
  golden('tables-net.html', html);
});
