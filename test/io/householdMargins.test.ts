// Margins on household goods from the household-consumption column: a hand-worked 5-sector table
// and the NBS 2017 table against numpy (scripts/ref/io_numpy.py → test/fixtures/io/nbs2017-margins.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { householdMargins, nbsMarginSectors, type IOTable } from '../../src/io/index.ts';
import { nbs, divisions, fixture, close } from './nbs2017.ts';

/** Sectors: 0 food, 1 clothes (goods), 2 retail, 3 road freight, 4 rail passengers; two household columns. */
function small(): IOTable {
  const n = 5;
  const col = (v: number[]) => Float64Array.from(v);
  return {
    n, codes: ['1', '2', '3', '4', '5'], names: ['food', 'clothes', 'retail', 'freight', 'passenger'].map((en) => ({ zh: en, en })),
    Z: new Float64Array(n * n), x: col([100, 100, 100, 100, 100]), valueAdded: [], imports: null, unit: '万元', source: 'small.csv',
    finalDemand: [
      { code: 'FU101', label: { zh: '农村', en: 'rural' }, role: 'household', values: col([30, 10, 8, 1, 5]) },
      { code: 'FU102', label: { zh: '城镇', en: 'urban' }, role: 'household', values: col([30, 30, 12, 4, 15]) },
      { code: 'EX', label: { zh: '出口', en: 'exports' }, role: 'exports', values: col([99, 99, 99, 99, 99]) },
    ],
  };
}

test('hand-worked: goods 100, trade 20, freight 5 → producer 0.8, trade 0.16, transport 0.04; passengers and exports ignored', () => {
  const m = householdMargins(small(), { goods: [0, 1], trade: [2], transport: [3] });
  // h = rural + urban = [60, 40, 20, 5, 20]; V = 100 + 20 + 5 = 125
  assert.equal(m.producer, 100 / 125);
  assert.equal(m.trade, 20 / 125);
  assert.equal(m.transport, 5 / 125);
  assert.deepEqual(m.tradeSplit, [{ index: 2, share: 1 }]);
  assert.deepEqual(m.totals, { goods: 100, trade: 20, transport: 5 });
});

test('margin sets: overlap, an index outside the table and a zero total are refused with the table named', () => {
  assert.throws(() => householdMargins(small(), { goods: [0, 1], trade: [1], transport: [3] }), /small\.csv: sector 2 is in more than one/);
  assert.throws(() => householdMargins(small(), { goods: [0], trade: [7], transport: [3] }), /trade sector index 7 is outside/);
  const t = small();
  t.finalDemand = t.finalDemand.filter((f) => f.role !== 'household');
  assert.throws(() => householdMargins(t, { goods: [0], trade: [2], transport: [3] }), /small\.csv: no household-consumption column/);
  const z = small();
  z.finalDemand[0].values[3] = 0;
  z.finalDemand[1].values[3] = 0;
  assert.throws(() => householdMargins(z, { goods: [0], trade: [2], transport: [3] }), /transport sectors is 0; margins need a positive total/);
});

test('NBS 2017: sectors from the concordance and the margins equal numpy (1e-12)', () => {
  const ref = fixture('nbs2017-margins.json');
  const sets = nbsMarginSectors(nbs, divisions);
  assert.deepEqual(sets.goods.map((i) => nbs.codes[i]), ref.goods);
  assert.deepEqual(sets.trade.map((i) => nbs.codes[i]), ref.trade);
  assert.deepEqual(sets.transport.map((i) => nbs.codes[i]), ref.transport);
  const m = householdMargins(nbs, sets);
  close([m.producer, m.trade, m.transport], [ref.producer, ref.tradeMargin, ref.transportMargin], 1e-12, 'margins');
  assert.ok(Math.abs(m.producer + m.trade + m.transport - 1) < 1e-15);
  assert.ok(Math.abs(m.tradeSplit.reduce((s, x) => s + x.share, 0) - 1) < 1e-12);
  // the values docs/method.md quotes
  assert.equal(m.trade.toFixed(4), '0.1043');
  assert.equal(m.transport.toFixed(4), '0.0490');
});
