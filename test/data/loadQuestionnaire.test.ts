import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, loadQuestionnaire } from '../../src/data/index.ts';
import { assertProviders, expected, providerFields, providerSpec } from './providers.ts';

test('UTF-8 CSV with BOM, quoted newline and blank line: exact spreadsheet rows, values and rejections', async () => {
  const db = await openDatabase();
  try {
    const q = await loadQuestionnaire(db, providerSpec('providers-utf8.csv'), providerFields);
    assertProviders(q);
    assert.equal(q.source.blankRows, expected.blankRows);
    assert.equal(q.source.encoding, 'utf-8');
    assert.deepEqual(q.reasons, {
      'non-numeric': 1,
      'share-out-of-range': 1,
      negative: 1,
      'missing-required': 1,
      'duplicate-conflict': 3,
      'unknown-level': 1,
      'rule:too many employees': 1,
      'not-integer': 1,
    });
    assert.equal(Object.values(q.reasons).reduce((a, b) => a + b, 0), q.rejected);
    const dup = q.rejections.filter((r) => r.code === 'duplicate-conflict').map((r) => [r.row, r.reason.replace(/ \(.*/, '')]);
    assert.deepEqual(dup, [[2, 'duplicate-conflict'], [10, 'duplicate-conflict'], [13, 'duplicate-conflict']]);
    assert.equal(q.rejections[7].reason, 'rule:too many employees (employees <= 100000)');
    assert.equal(q.source.headers.employees, '1、您公司的员工总数是？');
    assert.equal(q.source.headers['@id'], '序号');
  } finally {
    db.close();
  }
});

test('GBK and GB18030 (CRLF) twins read identically to the UTF-8 file; auto detects GB18030 and says so', async () => {
  const db = await openDatabase();
  try {
    for (const [file, encoding] of [
      ['providers-gbk.csv', 'gbk'],
      ['providers-gb18030.csv', 'gb18030'],
      ['providers-gbk.csv', 'auto'],
    ] as const) {
      const q = await loadQuestionnaire(db, providerSpec(file, { encoding }), providerFields);
      assertProviders(q);
      if (encoding === 'auto') {
        assert.equal(q.source.encoding, 'gb18030');
        assert.match(q.source.notes.map((n) => n.en).join('\n'), /encoding auto: read as gb18030 \(not valid UTF-8 at row 1\)/);
        assert.match(q.source.notes.map((n) => n.zh).join('\n'), /编码自动识别：按 GB18030 读取（第 1 行不是有效的 UTF-8）/);
      }
    }
    const u = await loadQuestionnaire(db, providerSpec('providers-utf8.csv', { encoding: 'auto' }), providerFields);
    assert.equal(u.source.encoding, 'utf-8');
  } finally {
    db.close();
  }
});

test('percent: never turns "50%" into a non-numeric rejection', async () => {
  const db = await openDatabase();
  try {
    const q = await loadQuestionnaire(db, providerSpec('providers-utf8.csv', { percent: 'never' }), providerFields);
    const bad = q.rejections.filter((r) => r.code === 'non-numeric').map((r) => [r.row, r.value]);
    // row 2's "50%" is rejected first as a conflicting duplicate of A001, non-numeric second
    assert.match(q.rejections.find((r) => r.row === 2)!.reason, /^duplicate-conflict .*; also non-numeric/);
    assert.deepEqual(bad, [
      [4, "30%"], // full-width ％ is made ASCII while staging
      [6, 'abc'],
      [15, '12.5 %'],
    ]);
    assert.equal(q.rowsRead, q.valid + q.rejected);
  } finally {
    db.close();
  }
});

test('a rule whose reason is {zh, en}: the row\'s reason in each language, one code (the English text) in the counts', async () => {
  const db = await openDatabase();
  try {
    const reason = { zh: '员工数过多', en: 'too many employees' };
    const q = await loadQuestionnaire(db, providerSpec('providers-utf8.csv', { rules: [{ check: 'employees <= 100000', reason }] }), providerFields);
    assert.equal(q.reasons['rule:too many employees'], 1);
    const r = q.rejections.find((x) => x.code === 'rule:too many employees')!;
    assert.deepEqual(r.text, { zh: '员工数过多（employees <= 100000）', en: 'too many employees (employees <= 100000)' });
    // a reason in one language stays as written in both
    const one = await loadQuestionnaire(db, providerSpec('providers-utf8.csv', { rules: [{ check: 'employees <= 100000', reason: '员工数过多' }] }), providerFields);
    assert.deepEqual(one.rejections.find((x) => x.code === 'rule:员工数过多')!.text, { zh: '员工数过多（employees <= 100000）', en: '员工数过多 (employees <= 100000)' });
  } finally {
    db.close();
  }
});
