// Quantiles by selection equal to the sorted type-7 quantile, bit for bit (the Monte Carlo's intervals).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantilesType7Select, quantileType7Select, selectKth } from '../../src/survey/selectQuantile.ts';
import { createRng } from '../../src/survey/index.ts';

/** Type 7 on a sorted copy, as the Monte Carlo computed it before. */
function sortedType7(values: Float64Array, p: number): number {
  const s = Float64Array.from(values).sort();
  const h = (s.length - 1) * p, lo = Math.floor(h), hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

test('selectKth and quantileType7Select: worked examples', () => {
  assert.equal(selectKth(Float64Array.of(5, 1, 4, 2, 3), 1), 2);
  assert.equal(quantileType7Select(Float64Array.of(4, 1, 3, 2), 0.5), 2.5);
  assert.equal(quantileType7Select(Float64Array.of(7), 0.975), 7);
  const a = Float64Array.of(9, 3, 7, 1, 5, 3, 8);
  const k = 3, v = selectKth(a, k);
  assert.equal(v, 5);
  for (let i = 0; i < a.length; i++) assert.ok(i < k ? a[i] <= v : a[i] >= v, `partitioned at ${i}`);
  // over 600 values (Floyd–Rivest's sample step), with ties, in a part of the array
  const rng = createRng(8);
  const big = Float64Array.from({ length: 5000 }, () => Math.floor(rng() * 300)), sorted = Float64Array.from(big).sort();
  for (const [kk, from, to] of [[1234, 0, 4999], [4000, 2000, 4999], [2001, 2000, 4999]]) {
    const b = Float64Array.from(big);
    if (from > 0) { b.sort(); for (let i = from, j = to; i < j; i++, j--) [b[i], b[j]] = [b[j], b[i]]; } // a[from … to] unsorted, the rest in place
    assert.equal(selectKth(b, kk, from, to), sorted[kk]);
    for (let i = from; i <= to; i++) assert.ok(i < kk ? b[i] <= b[kk] : b[i] >= b[kk], `k=${kk}: partitioned at ${i}`);
  }
});

test('quantileType7Select equals type 7 of the sorted values (Object.is) on random, tied, sorted and signed-zero data', () => {
  const rng = createRng(3);
  const cases: Float64Array[] = [];
  for (const n of [1, 2, 3, 5, 10, 41, 200, 1000, 10000]) {
    cases.push(Float64Array.from({ length: n }, () => rng() * 100 - 50));
    cases.push(Float64Array.from({ length: n }, () => Math.floor(rng() * 4))); // many ties
    cases.push(Float64Array.from({ length: n }, (_, i) => i)); // sorted
    cases.push(Float64Array.from({ length: n }, (_, i) => n - i)); // reversed
    cases.push(new Float64Array(n).fill(2.5)); // constant (a figure no draw moves)
    cases.push(Float64Array.from({ length: n }, () => [-0, 0, -1, 1][Math.floor(rng() * 4)])); // −0 and +0
    cases.push(Float64Array.from({ length: n }, () => Math.exp(6 * rng()) * (rng() < 0.1 ? -1 : 1)));
  }
  cases.push(Float64Array.of(0, -0), Float64Array.of(-0, 0), Float64Array.of(0, 0, -0, -0, 1), Float64Array.of(-Infinity, 1, Infinity));
  let n = 0;
  for (const c of cases) {
    for (const p of [0, 0.025, 0.05, 0.1, 0.5, 0.9, 0.95, 0.975, 1, 1 / 3]) {
      const want = sortedType7(c, p), got = quantileType7Select(Float64Array.from(c), p);
      assert.ok(Object.is(got, want), `n=${c.length} p=${p}: ${got} ≠ ${want} (${Array.from(c.slice(0, 6))}…)`);
      n++;
    }
  }
  assert.ok(n > 600);
  // several in turn, each searching between the order statistics found before (as monteCarloSteps takes them)
  for (const c of cases) {
    const ps = [0.5, 0.025, 0.975, 0.1, 0.9, 0, 1, 1 / 3, 0.5, 0.025];
    const got = quantilesType7Select(Float64Array.from(c), ps);
    ps.forEach((p, i) => assert.ok(Object.is(got[i], sortedType7(c, p)), `n=${c.length} p=${p} (${i + 1}th in turn): ${got[i]} ≠ ${sortedType7(c, p)}`));
  }
  // an order statistic next to one found: above it the least of its part, below it the greatest (one pass each)
  for (const c of cases.filter((c) => c.length >= 4)) {
    const n = c.length, k = Math.floor(0.6 * (n - 1));
    const ps = [0.6, (k - 0.5) / (n - 1), (k + 1.5) / (n - 1)]; // k, k + 1; then k − 1 below k; then k + 2 above k + 1
    const got = quantilesType7Select(Float64Array.from(c), ps);
    ps.forEach((p, i) => assert.ok(Object.is(got[i], sortedType7(c, p)), `n=${n} p=${p} next to a found one: ${got[i]} ≠ ${sortedType7(c, p)}`));
  }
  assert.deepEqual(quantilesType7Select(Float64Array.of(4, 1, 3, 2, 5), [0.5, 0.25]), [3, 2]);
  // the three in turn on the same (reordered) array, as monteCarloSteps takes them
  const y = Float64Array.from({ length: 10000 }, () => rng()), ref = Float64Array.from(y);
  for (const p of [0.5, 0.025, 0.975]) assert.ok(Object.is(quantileType7Select(y, p), sortedType7(ref, p)), `p=${p} after earlier selections`);
});
