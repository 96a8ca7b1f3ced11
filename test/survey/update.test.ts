// update(design, columns) adds analysis variables without rebuilding the design (R: update(design, ...)),
// and subset takes a 0/1 Uint8Array mask as it takes booleans: the estimates are the same to the bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { svydesign, svymean, svyratio, subset, update } from '../../src/survey/index.ts';

const y = Float64Array.of(3, 7, 1, 8, 2, 9, 4, 6);
const data = {
  y,
  x: Float64Array.of(5, 9, 2, 9, 3, 10, 6, 8),
  h: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'],
  w: Float64Array.of(10, 10, 10, 10, 25, 25, 25, 25),
  N: Float64Array.of(40, 40, 40, 40, 100, 100, 100, 100),
};
const z = Float64Array.from(y, (v) => (v === 2 ? NaN : +(v > 4)));

test('update: the estimate of an added column equals the one from a design built with it, and the design is untouched', () => {
  const d = svydesign({ data, ids: '1', strata: 'h', weights: 'w', fpc: 'N' });
  const u = update(d, { z });
  const built = svydesign({ data: { ...data, z }, ids: '1', strata: 'h', weights: 'w', fpc: 'N' });
  const a = svymean('z', u, { naRm: true }), b = svymean('z', built, { naRm: true });
  assert.deepEqual([a.estimate[0], a.se[0], a.df, a.n], [b.estimate[0], b.se[0], b.df, b.n]);
  // Hand-worked: stratum a has z = 0,1,0,1 (w 10), stratum b has z = NaN,1,0,1 (w 25): (20 + 50) / (40 + 75).
  assert.equal(a.estimate[0], 70 / 115);
  assert.equal(u.stages, d.stages, 'the design structure is shared, not rebuilt');
  assert.equal(d.data.z, undefined, 'the design it was made from has no new column');
  assert.throws(() => update(d, { z: Float64Array.of(1, 2) }), /update: column 'z' has 2 rows, the design has 8/);
});

test('subset: a Uint8Array mask gives the same domain as booleans', () => {
  const d = update(svydesign({ data, ids: '1', strata: 'h', weights: 'w', fpc: 'N' }), { z });
  const keep = [true, false, true, true, false, true, true, false];
  const mask = Uint8Array.from(keep, Number);
  const a = subset(d, keep), b = subset(d, mask);
  assert.deepEqual(b.weights, a.weights);
  assert.deepEqual(Array.from(b.weights), [10, 0, 10, 10, 0, 25, 25, 0]);
  const ra = svyratio('y', 'x', a, { naRm: true }), rb = svyratio('y', 'x', b, { naRm: true });
  assert.deepEqual([rb.estimate[0], rb.se[0]], [ra.estimate[0], ra.se[0]]);
  assert.throws(() => subset(d, new Uint8Array(3)), /keep has 3 entries, design has 8 rows/);
});
