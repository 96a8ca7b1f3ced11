// The transaction data-quality notes in both languages, from the counts screening reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { faultName, transactionQualityNotes, TRANSACTION_FAULTS } from '../../src/study/vouchers/index.ts';
import { FAULT_ORDER } from '../../src/data/transactions/stageTransactions.ts';

test('every fault screening can report has a name in zh and en', () => {
  for (const k of [...FAULT_ORDER, 'duplicate-id']) {
    assert.ok(TRANSACTION_FAULTS[k], k);
    assert.match(faultName(k, 'zh'), /^[\u3400-\u9fff]+$/, k);
    assert.match(faultName(k, 'en'), /^[a-z ]+$/, k);
  }
  assert.equal(faultName('new-fault', 'zh'), 'new-fault');
});

test('notes name counts and faults in each language; none when nothing was left out', () => {
  const excluded = { 'missing-id': 0, 'missing-payer': 2, 'unparseable-time': 0, 'non-numeric-amount': 0, 'non-numeric-discount': 0, 'outside-window': 1, 'duplicate-id': 3 };
  const notes = transactionQualityNotes({ excluded, payersNetNegative: 4, discountAboveAmount: 0 });
  assert.deepEqual(notes.map((n) => n.en), [
    '3 rows repeat a transaction id: the first occurrence of each id (by day, amount, payer, merchant) is used, the others are left out',
    '4 payers have refunds larger than their purchases in the window; their net spending is negative and is used as it is',
    'missing payer: 2 rows left out',
    'outside the study window: 1 row left out',
  ]);
  assert.deepEqual(notes.slice(2).map((n) => n.zh), ['缺少付款人：剔除 2 行', '不在研究时段内：剔除 1 行']);
  for (const n of notes) assert.doesNotMatch(n.zh, /[A-Za-z]{2,}/);
  assert.deepEqual(transactionQualityNotes({ excluded: { ...excluded, 'missing-payer': 0, 'outside-window': 0, 'duplicate-id': 0 }, payersNetNegative: 0, discountAboveAmount: 0 }), []);
});
