// Multi-year series: YoY, CAGR, scope changes. Reference values computed with python3:
//   python3 -c "print(2601/2235-1, (2963/1008)**0.2-1, (2235/1881)**0.5-1)"
//   → 0.1637583892617449 0.24066412359602518 0.09004484639171406   (tolerance 1e-12)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { yoy, cagr, assembleSeries, scopeChanges, growthTable, seriesCagr, headlineGrowth, headlineOf, scopeRuns } from '../../src/study/model/series.ts';
import type { SeriesYear } from '../../src/study/types.ts';

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

test('yoy and cagr reproduce the seed\'s growth figures', () => {
  close(yoy(2235e4, 2601e4), 0.1637583892617449);
  close(cagr(1008e4, 2963e4, 5), 0.24066412359602518);
  assert.throws(() => yoy(0, 5), /previous value must be positive/);
  assert.throws(() => cagr(1, 2, 0), /positive number of years/);
  assert.throws(() => cagr(-1, 2, 3), /start must be positive/);
});

const published: SeriesYear[] = [
  { year: 2014, status: 'published', figures: { 'jobs.total': 1008e4 } },
  { year: 2016, status: 'published', figures: { 'jobs.total': 1881e4 }, components: ['a'] },
  { year: 2018, status: 'published', figures: { 'jobs.total': 2235e4 }, components: ['a'] },
  { year: 2019, status: 'published', source: 'report', figures: { 'jobs.total': 2963e4 } },
];
const results = {
  study: { name: { zh: '甲', en: 'A' }, year: 2019, source: 's.yaml' },
  figures: { 'jobs.total': { id: 'jobs.total', value: 2962e4, unit: 'persons' as const, label: { zh: '', en: '' }, formula: '', inputs: {}, from: [] } },
  components: [{ id: 'a' }, { id: 'b' }] as never,
};

test('assembleSeries puts the study year last, keeps its published value beside the estimate', () => {
  const rows = assembleSeries(published, results);
  assert.deepEqual(rows.map((r) => [r.year, r.status]), [[2014, 'published'], [2016, 'published'], [2018, 'published'], [2019, 'estimated']]);
  assert.equal(rows[3].figures['jobs.total'], 2962e4);
  assert.deepEqual(rows[3].published, { 'jobs.total': 2963e4 });
  assert.deepEqual(rows[3].components, ['a', 'b']);
  assert.throws(() => assembleSeries([published[0], published[0]], results), /year 2014 is declared twice/);
});

test('scopeChanges flags the components added between years; growthTable annualizes gaps', () => {
  const rows = assembleSeries(published, results);
  assert.deepEqual(scopeChanges(rows), [{ from: 2018, to: 2019, added: ['b'], removed: [] }]);
  const g = growthTable(rows, 'jobs.total');
  assert.equal(g[0].yoy, null);
  assert.equal(g[1].gap, 2);
  assert.equal(g[1].yoy, null);
  close(g[2].annualized, 0.09004484639171406);
  close(g[3].yoy, 2962 / 2235 - 1);
  assert.deepEqual(g.map((r) => r.scopeChanged), [false, false, false, true]);
  close(seriesCagr(published, 'jobs.total', 2014, 2019), 0.24066412359602518);
  assert.throws(() => seriesCagr(published, 'jobs.total', 2013, 2019), /no year 2013/);
  assert.throws(() => seriesCagr(published, 'jobs.direct', 2014, 2019), /year 2014 has no figure jobs.direct/);
});

test('series scopes: growth only within one scope; the seed chart changes scope in 2019 (direct → total)', () => {
  const rows: SeriesYear[] = [
    ...[[2014, 1008], [2015, 1747], [2016, 1881], [2017, 2030], [2018, 2235]].map(([year, v]) => ({ year, status: 'published' as const, scope: 'direct' as const, figures: { 'jobs.direct': v * 1e4 } })),
    { year: 2019, status: 'published', scope: 'total', figures: { 'jobs.total': 2963e4, 'jobs.direct': 2601e4, 'jobs.indirect': 361.6e4 } },
  ];
  const g = headlineGrowth(rows);
  assert.ok(Math.abs(g[4].yoy! - (2235 / 2030 - 1)) < 1e-15);
  assert.equal(g[4].scopeChange, null);
  // the report's "+32.6%" (2963 / 2235 − 1) mixes scopes: not computed, flagged
  assert.equal(g[5].yoy, null);
  assert.deepEqual(g[5].scopeChange, { from: 'direct', to: 'total' });
  const runs = scopeRuns(rows);
  assert.equal(runs.length, 1);
  assert.deepEqual([runs[0].scope, runs[0].from, runs[0].to], ['direct', 2014, 2018]);
  assert.ok(Math.abs(runs[0].cagr - (Math.pow(2235 / 1008, 1 / 4) - 1)) < 1e-15); // 22.0%: the report's "22% a year"
  // scope inferred when not declared; a component year with two candidate figures is refused
  assert.equal(headlineOf({ year: 1, figures: { 'jobs.direct': 5 } })!.scope, 'direct');
  assert.equal(headlineOf({ year: 1, figures: { 'jobs.total': 5, 'jobs.direct': 4 } })!.scope, 'total');
  assert.equal(headlineOf({ year: 1, scope: 'component', figures: { 'jobs.group.mp': 3 } })!.id, 'jobs.group.mp');
  assert.throws(() => headlineOf({ year: 2001, scope: 'component', figures: { a: 1, b: 2 } }), /year 2001 has scope component but several figures/);
  assert.equal(headlineOf({ year: 1, scope: 'total', figures: { 'jobs.direct': 4 } }), null);
});
