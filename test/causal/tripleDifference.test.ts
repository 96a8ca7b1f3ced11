import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tripleDifference } from '../../src/causal/tripleDifference.ts';
import { leverage, windowGrowth, shares } from '../../src/causal/reportedMeasures.ts';
import { readCsv, reference, asArray, close } from './fixtures.ts';

test('pooled triple difference on the cells fixture equals estimatr; one coefficient per covered industry', () => {
  const c = readCsv('cells.csv');
  const i32 = (a: Float64Array) => Int32Array.from(a);
  const firstDay = Float64Array.from([8, 8, 12, 12, Infinity, Infinity]);
  const td = tripleDifference({ city: i32(c.city), industry: i32(c.industry), day: i32(c.day), y: c.y, covered: [true, true, false, false], firstDay, industryNames: ['餐饮', '零售', '交通', '住宿'] });
  close(td.pooled.estimate, asArray(reference.triple.coefficients)[0], 1e-8, 'β');
  close(td.pooled.se, asArray(reference.triple.se)[0], 1e-8, 'se');
  assert.deepEqual(td.byIndustry.map((b) => b.name), ['餐饮', '零售']);
  assert.equal(td.treatedCities, 4);
  assert.throws(() => tripleDifference({ city: i32(c.city), industry: i32(c.industry), day: i32(c.day), y: c.y, covered: [true, true, false, false], firstDay: Float64Array.from([0, 8, 12, 12, Infinity, Infinity]), cityNames: ['青岛', 'b', 'c', 'd', 'e', 'f'] }), /青岛 issues vouchers from day 0, its first day in the data: no pre-period/);
  assert.throws(() => tripleDifference({ city: i32(c.city), industry: i32(c.industry), day: i32(c.day), y: c.y, covered: [true, true, true, true], firstDay }), /uncovered industries/);
  assert.throws(() => tripleDifference({ city: i32(c.city), industry: i32(c.industry), day: i32(c.day), y: c.y, covered: [true, true, false, false], firstDay: new Float64Array(6).fill(Infinity) }), /no city issues vouchers/);
});

test('the original report measures: worked examples', () => {
  close(leverage(23_000_000_000, 3_000_000_000), 23 / 3, 1e-15, '嘉兴 2.3亿 / 3000万');
  close(windowGrowth({ fen: 3000, days: 30 }, { fen: 650, days: 5 }), 0.3, 1e-15, 'growth');
  assert.deepEqual([...shares(new Map([['40+', 42], ['<40', 58]]))], [['40+', 0.42], ['<40', 0.58]]);
  assert.throws(() => leverage(100, 0), /no voucher was used/);
  assert.throws(() => windowGrowth({ fen: 0, days: 3 }, { fen: 1, days: 1 }), /undefined/);
});
