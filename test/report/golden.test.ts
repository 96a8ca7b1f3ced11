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
  assumptions: ['hand-made'],
  series: [
    { year: 2017, status: 'published', figures: { 'jobs.total': 3000 } },
    { year: 2018, status: 'published', figures: { 'jobs.total': 3300, 'jobs.direct': 3280, 'jobs.indirect': 20 } },
    { year: 2019, status: 'estimated', figures: { 'jobs.total': 3734, 'jobs.direct': 3700, 'jobs.indirect': 34 } },
  ],
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
