import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leverageExplanation } from '../../src/study/vouchers/leverageExplanation.ts';

test('leverage explanation: the ratio when the causal estimate is positive', () => {
  const s = leverageExplanation(10.04, 2.5);
  assert.match(s.en, /\(10\.0×\).*\(2\.5 yuan per yuan of subsidy\).*leverage is 4\.0 times larger\.$/);
  assert.match(s.zh, /（10\.0 倍）.*每元补贴带来 2\.5 元额外消费.*前者是后者的 4\.0 倍。$/);
});

test('leverage explanation: no "times larger" from a causal estimate of zero or below', () => {
  for (const c of [-0.01, 0, 0.04, -3.2]) {
    const s = leverageExplanation(12, c);
    assert.doesNotMatch(s.en, /times larger/, `causal ${c}`);
    assert.doesNotMatch(s.zh, /前者是后者/, `causal ${c}`);
    assert.match(s.en, /finds no extra spending/);
    assert.match(s.zh, /没有发现消费券带来的额外消费/);
  }
});

test('leverage explanation: without a causal estimate, no number is invented', () => {
  for (const c of [undefined, Number.NaN]) {
    const s = leverageExplanation(7.3, c);
    assert.doesNotMatch(s.en, /yuan per yuan|times/);
    assert.match(s.en, /^The reported leverage \(7\.3×\)/);
    assert.doesNotMatch(s.zh, /每元补贴带来|前者是后者/);
  }
});
