// Switching values by bisection, solved to the stated tolerance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { switchingValue } from '../../src/study/uncertainty/switchingValue.ts';

test('linear: 1000 (1 − x) = 600 at x = 0.4, within 1e-9', () => {
  const r = switchingValue((x) => 1000 * (1 - x), 600, [0, 1], 1e-9);
  assert.ok(Math.abs(r.value - 0.4) <= 1e-9, `${r.value}`);
  assert.ok(Math.abs(r.figure - 600) <= 1000 * 1e-9);
  assert.ok(r.iterations <= Math.ceil(Math.log2(1 / 1e-9)));
});

test('non-linear, decreasing: net = 2963 (1 − d)² reaches 1000 at d = 1 − √(1000/2963)', () => {
  const want = 1 - Math.sqrt(1000 / 2963);
  for (const tol of [1e-3, 1e-6, 1e-12]) {
    const r = switchingValue((d) => 2963 * (1 - d) ** 2, 1000, [0, 1], tol);
    assert.ok(Math.abs(r.value - want) <= tol, `tol ${tol}: ${r.value} vs ${want}`);
  }
});

test('exact endpoints and failures', () => {
  assert.equal(switchingValue((x) => x, 0, [0, 1], 1e-6).value, 0);
  assert.throws(() => switchingValue((x) => 1000 * (1 - x), 2000, [0, 1], 1e-9), /goes from 1000 to 0 over \[0, 1\] and never reaches 2000/);
  assert.throws(() => switchingValue((x) => x, 0.5, [1, 0], 1e-9), /low < high/);
  assert.throws(() => switchingValue((x) => x, 0.5, [0, 1], 0), /tolerance must be > 0/);
});
