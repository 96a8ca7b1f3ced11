import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, looseHeader, matchColumns, normalizeHeader, type FieldSpec, type QuestionnaireSpec } from '../../src/data/index.ts';

const spec = (columns: QuestionnaireSpec['columns'], id: QuestionnaireSpec['id'] = 'id'): QuestionnaireSpec => ({ key: 'q', file: '/x.csv', displayPath: 'x.csv', id, columns });
const f = (name: string, required = true): FieldSpec => ({ name, type: 'number', required });

test('normalizeHeader: NFKC, trim, collapse spaces, lower-case Latin', () => {
  assert.equal(normalizeHeader('  Employees  Total '), 'employees total');
  assert.equal(normalizeHeader('ＩＤ'), 'id');
  assert.equal(normalizeHeader('月消费（元）'), '月消费(元)');
});

test('looseHeader drops question numbers and trailing punctuation (问卷星, 腾讯问卷, Qualtrics styles)', () => {
  for (const h of ['Q3. 您公司的员工总数是？', '3、您公司的员工总数是？', '第3题 您公司的员工总数是:', '(3) 您公司的员工总数是', 'q3 您公司的员工总数是?']) {
    assert.equal(looseHeader(h), '您公司的员工总数是', h);
  }
});

test('matchColumns: strict before loose; aliases; optional unmapped fields get -1', () => {
  const headers = ['序号', '1、您公司的员工总数是？', '员工总数', 'Share ', '备注'];
  assert.deepEqual(matchColumns(headers, spec({ employees: '员工总数', share: 'share' }, ['ID', '序号']), [f('employees'), f('share'), f('note', false)]), {
    id: 0,
    fields: { employees: 2, share: 3, note: -1 },
  });
  assert.deepEqual(matchColumns(headers, spec({ employees: 'Q1. 您公司的员工总数是？' }, '序号'), [f('employees')]).fields, { employees: 1 });
});

test('matchColumns: one header mapped to two fields is an error naming both', () => {
  assert.throws(
    () => matchColumns(['id', 'a'], spec({ x: 'a', y: 'A' }), [f('x'), f('y')]),
    (e: unknown) => e instanceof DataError && e.message === 'x.csv: header "a" is mapped twice: to field "x" and to field "y"' && e.yamlPath === 'questionnaires.q.columns.y',
  );
});
