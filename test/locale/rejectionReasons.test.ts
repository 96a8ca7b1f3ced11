// Rejection reasons in words of each language; the machine code stays beside them in rejected.csv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REJECTION_NAMES, rejectionName, rejectionText, ruleCode, ruleReasons } from '../../src/locale/index.ts';

test('every code has a Chinese name without Latin words and an English one without Chinese', () => {
  for (const [code, l] of Object.entries(REJECTION_NAMES)) {
    assert.doesNotMatch(l.zh, /[A-Za-z]{2,}/, code);
    assert.doesNotMatch(l.en, /[\u3400-\u9fff]/, code);
    assert.notEqual(l.en, code, `${code}: words, not the code`);
  }
});

test('reasons with their detail, by language', () => {
  assert.equal(rejectionText('non-numeric', {}, 'zh'), '非数值');
  assert.equal(rejectionText('non-numeric', {}, 'en'), 'not a number');
  assert.equal(rejectionText('below-min', { min: 3 }, 'en'), 'below the minimum (minimum 3)');
  assert.equal(rejectionText('above-max', { max: 9 }, 'zh'), '高于最大值（最大值 9）');
  assert.equal(rejectionText('duplicate-identical', { row: '7' }, 'zh'), '答案相同的重复（与第 7 行相同，保留该行）');
  assert.equal(rejectionText('unknown-level', { options: ['东部', '西部'] }, 'en'), 'not one of the options (expected one of "东部", "西部")');
  // a study's rule: its own reason and check
  assert.equal(rejectionText('rule:太多员工', { check: 'employees <= 200000' }, 'en'), '太多员工 (employees <= 200000)');
  assert.equal(rejectionName('rule:太多员工', 'en'), '太多员工');
  assert.equal(rejectionName('some-new-code', 'zh'), 'some-new-code');
  // a rule's reason in both languages: the code carries the English text; names come from the study's rules
  const reason = { zh: '员工数过多', en: 'too many employees' };
  assert.equal(ruleCode(reason), 'rule:too many employees');
  assert.equal(ruleCode('太多员工'), 'rule:太多员工');
  const rules = ruleReasons([{ reason }, { reason: '太多员工' }]);
  assert.deepEqual(rules, { 'rule:too many employees': reason });
  assert.equal(ruleReasons([{ reason: '太多员工' }]), undefined);
  assert.equal(rejectionName('rule:too many employees', 'zh', rules), '员工数过多');
  assert.equal(rejectionName('rule:太多员工', 'en', rules), '太多员工');
  assert.equal(rejectionText('rule:too many employees', { check: 'employees <= 9', reason }, 'zh'), '员工数过多（employees <= 9）');
});
