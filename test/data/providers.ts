// Shared spec for the providers fixture (test/fixtures/data/README.md) and a temp-dir helper.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { openDatabase, type Db, type FieldSpec, type LoadedQuestionnaire, type QuestionnaireSpec } from '../../src/data/index.ts';

export const FIXTURES = new URL('../fixtures/data/', import.meta.url).pathname;

export const providerFields: FieldSpec[] = [
  { name: 'employees', type: 'count', required: true },
  { name: 'related_share', type: 'share', required: true },
  { name: 'fulltime_share', type: 'share', required: false },
  { name: 'provider_type', type: 'category', required: true, levels: ['企业微信', '微信支付', '小程序'] },
  { name: 'active', type: 'boolean', required: false },
  { name: 'note', type: 'text', required: false },
];

export function providerSpec(file: string, extra: Partial<QuestionnaireSpec> = {}): QuestionnaireSpec {
  return {
    key: 'providers',
    file: file.startsWith('/') ? file : join(FIXTURES, file),
    displayPath: `data/${file.split('/').pop()}`,
    yamlPath: 'questionnaires.providers',
    id: ['ID', '序号'],
    columns: {
      employees: 'Q1. 您公司的员工总数是？', // question label; the file says "1、您公司的员工总数是？"
      related_share: ['related_share', '与微信相关业务的员工占比'],
      fulltime_share: '3、其中全职员工占比',
      provider_type: '服务商类型',
      active: '是否仍在经营',
      note: '备注',
    },
    rules: [{ check: 'employees <= 100000', reason: 'too many employees' }],
    ...extra,
  };
}

/** Expected outcome of the providers fixture, worked by hand from the file. */
export const expected = {
  rowsRead: 13,
  valid: 3,
  rejected: 10,
  blankRows: 1,
  rows: [3, 4, 15],
  ids: ['A002', 'A003', 'A011'],
  employees: [1234, 35, 7],
  related_share: [0.25, 0.3, 0.125],
  fulltime_share: [NaN, 1, 0.4],
  provider_type: ['微信支付', '小程序', '小程序'],
  active: [0, 1, 1],
  note: ['多行\n备注', null, null],
  rejections: [
    { row: 2, id: 'A001', column: '序号', value: 'A001', code: 'duplicate-conflict' },
    { row: 6, id: 'A004', column: '1、您公司的员工总数是？', value: 'abc', code: 'non-numeric' },
    { row: 7, id: 'A005', column: '2、与微信相关业务的员工占比', value: '1.5', code: 'share-out-of-range' },
    { row: 8, id: 'A006', column: '1、您公司的员工总数是？', value: '-3', code: 'negative' },
    { row: 9, id: 'A007', column: '1、您公司的员工总数是？', value: null, code: 'missing-required' },
    { row: 10, id: 'A001', column: '序号', value: 'A001', code: 'duplicate-conflict' },
    { row: 11, id: 'A008', column: '服务商类型', value: '其他', code: 'unknown-level' },
    { row: 12, id: 'A009', column: null, value: null, code: 'rule:too many employees' },
    { row: 13, id: 'A001', column: '序号', value: 'A001', code: 'duplicate-conflict' },
    { row: 14, id: 'A010', column: '1、您公司的员工总数是？', value: '12.5', code: 'not-integer' },
  ],
};

export function tempDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-test-data-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Assert a load of the providers fixture (any format) against `expected`; rowNumbers: false skips row numbers. */
export function assertProviders(q: LoadedQuestionnaire, opts: { rowNumbers?: boolean } = {}): void {
  assert.equal(q.rowsRead, expected.rowsRead);
  assert.equal(q.valid, expected.valid);
  assert.equal(q.rejected, expected.rejected);
  assert.equal(q.rowsRead, q.valid + q.rejected);
  if (opts.rowNumbers !== false) assert.deepEqual([...q.rows.row], expected.rows);
  assert.deepEqual(q.rows.id, expected.ids);
  for (const f of ['employees', 'related_share', 'fulltime_share', 'active'] as const) {
    assert.deepEqual([...q.rows.numbers[f]], expected[f], f);
  }
  assert.deepEqual(q.rows.categories.provider_type, expected.provider_type);
  assert.deepEqual(q.rows.categories.note, expected.note);
  const got = q.rejections.map(({ row, id, column, value, code }) => ({ row, id, column, value, code }));
  assert.deepEqual(opts.rowNumbers === false ? got.map((r) => ({ ...r, row: 0 })) : got, opts.rowNumbers === false ? expected.rejections.map((r) => ({ ...r, row: 0 })) : expected.rejections);
}


/** Run f with a fresh in-memory database and temp directory, both removed afterwards. */
export async function withDbAndDir(f: (db: Db, dir: string) => Promise<void>): Promise<void> {
  const t = tempDir();
  const db = await openDatabase();
  try {
    await f(db, t.dir);
  } finally {
    db.close();
    t.done();
  }
}
