// A figure whose variance cannot be computed says why (overflow, n too small) instead of se: null.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noteMissingVariance } from '../../src/study/model/varianceNotes.ts';
import type { Figure } from '../../src/study/types.ts';

const fig = (id: string, value: number, se: number | undefined, inputs: Record<string, number | string> = {}): Figure => ({
  id, value, unit: 'persons', label: { zh: id, en: id }, formula: '', inputs, from: [], ...(se === undefined ? {} : { se, ci: [value - se, value + se] as [number, number], df: 10 }),
});

test('noteMissingVariance: overflow and n too small are named; finite figures untouched; an infinite value throws', () => {
  const figures: Record<string, Figure> = {
    big: fig('big', 2.9e301, NaN, { population: 1e300 }),
    spend: fig('spend', 5e9, Infinity, { total: 1e200 }),
    few: fig('few', 12, NaN, { n: 1 }),
    odd: fig('odd', 12, NaN, { n: 40 }),
    fine: fig('fine', 12, 2, { n: 40 }),
    fixed: fig('fixed', 3, undefined),
  };
  assert.deepEqual(noteMissingVariance(figures), ['big', 'spend', 'few', 'odd']);
  assert.equal(figures.big.seNote?.en, 'overflow: the variance involves squares of values near 2.90e+301, beyond the largest double (1.8e308); rescale the inputs');
  assert.match(figures.spend.seNote!.en, /^overflow: .*near 1\.00e\+200/);
  assert.equal(figures.few.seNote?.en, 'n too small: n = 1; a sampling variance needs at least 2');
  assert.equal(figures.few.seNote?.zh, '样本太小：n = 1；抽样方差至少需要 2 个观测');
  assert.equal(figures.odd.seNote?.en, 'not a finite number: the variance could not be computed');
  assert.equal(figures.big.seNote?.zh, '溢出：方差涉及接近 2.90e+301 的数的平方，超出双精度浮点数的最大值（1.8e308）；请换用更大的单位');
  for (const id of ['big', 'spend', 'few', 'odd']) assert.doesNotMatch(figures[id].seNote!.zh.replace(/\d\.\d+e[+-]\d+|n = \d/g, ''), /[A-Za-z]{2,}/, id);
  for (const id of ['big', 'spend', 'few', 'odd']) assert.deepEqual([figures[id].se, figures[id].ci, figures[id].df], [undefined, undefined, undefined]);
  assert.equal(figures.fine.se, 2);
  assert.equal(figures.fixed.seNote, undefined);
  assert.ok(!JSON.stringify(figures).includes('null'), 'no null standard error in results.json');
  assert.throws(() => noteMissingVariance({ inf: fig('inf', Infinity, 1, { population: 1e308 }) }), /figure inf is Infinity: a numeric overflow \(largest input: population = 1e\+308\)/);
});
