// The bundled example reproduces the seed's published 2019 figures to the report's rounding
// (METHOD.md §3): jobs in 万 to the unit (indirect to 0.1), money in 亿元 to the unit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStudy } from '../../src/cli/runStudy.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';

const { results, prepared } = await runStudy(DEFAULT_STUDY);
const wan = (id: string) => results.figures[id].value / 1e4;
const yi = (id: string) => results.figures[id].value / 1e8;

const published: [string, (id: string) => number, number, number][] = [
  // id, unit, published value, printed decimals
  ['jobs.total', wan, 2963, 0],
  ['jobs.direct', wan, 2601, 0],
  ['jobs.direct.fulltime', wan, 1082, 0],
  ['jobs.direct.parttime', wan, 1519, 0],
  ['jobs.providers', wan, 292, 0],
  ['jobs.group.miniprogram', wan, 536, 0],
  ['jobs.indirect', wan, 361.6, 1],
  ['consumption.information', yi, 3238, 0],
  ['consumption.traffic', yi, 2736, 0],
  ['consumption.info_services', yi, 503, 0],
  ['consumption.traditional', yi, 5966, 0],
  ['consumption.transport', yi, 1973, 0],
  ['consumption.total', yi, 9204, 0],
  ['output.indirect', yi, 11301, 0],
];

for (const [id, unit, value, d] of published) {
  test(`example reproduces published ${id} = ${value}`, () => {
    assert.equal(Number(unit(id).toFixed(d)), value, `${id} = ${unit(id)}`);
  });
}

const shares: [string, number][] = [
  ['indicator.young_majority', 55.8],
  ['indicator.bachelor_majority', 55.0],
  ['indicator.women_share', 47.5],
  ['indicator.non_east_official_accounts', 43.6],
  ['indicator.non_east_mini_programs', 29.8],
  ['indicator.remote_capable', 69.3],
  ['indicator.added_positions_mini_programs', 11.1],
  ['indicator.added_positions_providers', 14.5],
];
for (const [id, pct] of shares) {
  test(`example reproduces the published survey share ${id} = ${pct}% with an interval`, () => {
    const f = results.figures[id];
    assert.equal(Number((f.value * 100).toFixed(1)), pct, `${id} = ${f.value}`);
    assert.ok(f.se && f.se > 0 && f.ci && f.ci[0] < f.value && f.value < f.ci[1] && f.df && f.df > 100);
  });
}

test('example: provider share of total jobs rounds to the published 9.9%', () => {
  assert.equal(Number((results.figures['share.providers'].value * 100).toFixed(1)), 9.9);
});

test('example: the eight coefficients of METHOD.md, computed from the raw NBS table, to 1e-8', () => {
  const want: Record<string, number> = {
    traffic: 1.35092814, info_services: 1.35092814, catering: 1.65928128, shopping: 0.797118405, household: 1.053028016,
    transport: 1.094526263, education: 0.718330715, culture: 1.847971723, health: 1.633394624,
  };
  for (const c of results.consumption) assert.ok(Math.abs(c.coefficient - want[c.id]) < 1e-8, `${c.id}: ${c.coefficient} vs ${want[c.id]}`);
  assert.equal(results.consumption.find((c) => c.id === 'traffic')?.sector.name.zh, '互联网和相关服务');
});

test('example: screening catches every planted invalid questionnaire, nothing silently dropped', () => {
  const q = Object.fromEntries(results.quality.map((x) => [x.questionnaire, x]));
  assert.deepEqual(q.providers.reasons, { 'duplicate-identical': 1, 'missing-required': 1, negative: 1, 'non-numeric': 1, 'rule:more employees than any provider has': 1, 'share-out-of-range': 1 });
  assert.deepEqual(q.operators.reasons, { 'duplicate-identical': 1, 'missing-required': 1, 'non-numeric': 1, 'share-out-of-range': 1 });
  assert.deepEqual(q.consumers.reasons, { 'duplicate-identical': 1, negative: 1, 'non-numeric': 1 });
  for (const x of results.quality) assert.equal(x.rowsRead, x.valid + x.rejected);
  assert.equal(prepared.rejections.length, 13);
  assert.ok(prepared.rejections.every((r) => r.file && r.row >= 2 && r.reason));
});
