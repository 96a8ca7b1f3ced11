// Bad designs give clear errors that name the option, column, row and value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { svydesign, svymean, svytotal, confint } from '../../src/survey/index.ts';
import { loadData } from './fixtures.ts';

const base = () => ({
  y: Float64Array.of(1, 2, 3, 4, 5, 6),
  w: Float64Array.of(10, 10, 20, 20, 30, 30),
  h: ['a', 'a', 'b', 'b', 'c', 'c'],
  psu: Float64Array.of(1, 2, 3, 4, 5, 6),
});

test('weights must be > 0', () => {
  const d = base();
  d.w[2] = 0;
  assert.throws(() => svydesign({ data: d, ids: '1', weights: 'w' }), /weights column 'w' row 3 is 0/);
  d.w[2] = -1;
  assert.throws(() => svydesign({ data: d, ids: '1', weights: 'w' }), /row 3 is -1/);
});

test('fpc smaller than the sample is an error', () => {
  const d = { ...base(), N: Float64Array.of(1, 1, 10, 10, 10, 10) };
  assert.throws(() => svydesign({ data: d, ids: '1', strata: 'h', fpc: 'N' }), /fpc column 'N' row 1: population size 1 is smaller than the 2 units/);
  const census = { ...base(), N: Float64Array.of(2, 2, 10, 10, 10, 10) };
  assert.equal(svydesign({ data: census, ids: '1', strata: 'h', fpc: 'N' }).weights[0], 1);
  const d2 = { ...base(), N: Float64Array.of(1, 1, 10, 10, 10, 10) };
  assert.throws(() => svydesign({ data: d2, ids: '1', fpc: 'N' }), /population size 1 is smaller than the 6 units/);
  const d3 = { ...base(), N: Float64Array.of(0.5, 0.5, 10, 10, 10, 10) };
  assert.throws(() => svydesign({ data: d3, ids: '1', fpc: 'N' }), /mixes population sizes/);
});

test('missing strata, ids, weights are errors', () => {
  const d = { ...base(), h: ['a', null, 'b', 'b', 'c', 'c'] };
  assert.throws(() => svydesign({ data: d, ids: '1', strata: 'h', weights: 'w' }), /strata column 'h' is missing at row 2/);
  assert.throws(() => svydesign({ data: base(), ids: '1', strata: 'nope', weights: 'w' }), /no column 'nope'/);
  const e = base();
  e.w[4] = NaN;
  assert.throws(() => svydesign({ data: e, ids: '1', weights: 'w' }), /row 5 is NaN/);
  assert.throws(() => svydesign({ data: base(), ids: '1' }), /give weights, probs or fpc/);
  assert.throws(() => svydesign({ data: base(), ids: '1', weights: 'w', probs: 'w' }), /not both/);
});

test('clusters not nested in strata, single PSU, lonely PSU', () => {
  const d = { ...base(), psu: Float64Array.of(1, 2, 1, 2, 1, 2) };
  assert.throws(() => svydesign({ data: d, ids: 'psu', strata: 'h', weights: 'w' }), /more than one stratum .*nest: true/);
  const ok = svydesign({ data: d, ids: 'psu', strata: 'h', weights: 'w', nest: true });
  assert.equal(ok.stages[0].nPSU[0], 2);
  const one = { ...base(), psu: Float64Array.of(1, 1, 1, 1, 1, 1) };
  assert.throws(() => svydesign({ data: one, ids: 'psu', weights: 'w' }), /only one primary sampling unit/);
  const lonely = { ...base(), h: ['a', 'a', 'b', 'b', 'c', 'd'] };
  const dl = svydesign({ data: lonely, ids: '1', strata: 'h', weights: 'w' });
  assert.throws(() => svytotal('y', dl), /only one PSU .*lonelyPsu/);
  assert.throws(() => svydesign({ data: lonely, ids: '1', strata: 'h', weights: 'w', lonelyPsu: 'x' as never }), /invalid lonelyPsu: x/);
});

test('missing analysis values need naRm; R would return NA', () => {
  const api = loadData('apistrat');
  const d = svydesign({ data: api, ids: '1', strata: 'stype', weights: 'pw', fpc: 'fpc' });
  assert.throws(() => svymean('acs.k3', d), /column 'acs.k3' is missing at row \d+; pass naRm: true/);
  assert.ok(svymean('acs.k3', d, { naRm: true }).estimate[0] > 0);
});

test('confint: level and method checked; t uses design df', () => {
  const api = loadData('apisrs');
  const m = svymean('api00', svydesign({ data: api, ids: '1', fpc: 'fpc' }));
  assert.throws(() => confint(m, { level: 95 }), /invalid level: 95/);
  const t = confint(m), z = confint(m, { method: 'z' });
  assert.equal(t.method, 't');
  assert.ok(t.upper[0] - t.lower[0] > z.upper[0] - z.lower[0]);
});

test('combineIndependent: variances add, Satterthwaite df', async () => {
  const { combineIndependent } = await import('../../src/survey/index.ts');
  const mk = (e: number, se: number, df: number) => ({ statistic: 'total' as const, names: ['x'], estimate: Float64Array.of(e), variance: Float64Array.of(se * se), se: Float64Array.of(se), df, n: 10, deff: null, label: 'x' });
  const c = combineIndependent([{ stat: mk(10, 3, 9) }, { stat: mk(20, 4, 19) }]);
  assert.equal(c.estimate[0], 30);
  assert.equal(c.se[0], 5);
  assert.ok(Math.abs(c.df - 625 / (81 / 9 + 256 / 19)) < 1e-12);
  const d = combineIndependent([{ stat: mk(10, 3, 9), coef: -2 }]);
  assert.equal(d.estimate[0], -20);
  assert.equal(d.se[0], 6);
  assert.throws(() => combineIndependent([]), /no terms/);
  assert.throws(() => combineIndependent([{ stat: mk(1, 1, 1), index: 2 }]), /index 2 out of range/);
});
