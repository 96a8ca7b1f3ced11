// skipRows: descriptive rows after the header (Qualtrics: question text and ImportId; SurveyMonkey: answer
// options) are set aside in every format, listed in the notes, and row numbers stay the file's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { aggregateQuestionnaire, DataError, loadQuestionnaire, type FieldSpec, type QuestionnaireSpec } from '../../src/data/index.ts';
import { parseStudy } from '../../src/study/config/parseStudy.ts';
import { withDbAndDir } from './providers.ts';

// A Qualtrics-style export: header, question-text row, ImportId row, then answers (row 6 is a bad answer).
const ROWS = [
  ['ResponseId', 'Q1', 'Q2'],
  ['Response ID', '您公司的员工总数是？', '与微信相关业务的员工占比'],
  ['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}'],
  ['R_1', '120', '0.5'],
  ['R_2', '35', '0.25'],
  ['R_3', 'abc', '0.1'],
  ['R_4', '7', '0.125'],
];
const csv = ROWS.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
const fields: FieldSpec[] = [
  { name: 'employees', type: 'count', required: true },
  { name: 'related_share', type: 'share', required: true },
];
const spec = (file: string, extra: Partial<QuestionnaireSpec> = {}): QuestionnaireSpec => ({
  key: 'providers', file, displayPath: `data/${file.split('/').pop()}`, yamlPath: 'questionnaires.providers',
  id: 'ResponseId', columns: { employees: 'Q1', related_share: 'Q2' }, ...extra,
});

async function writeFiles(db: { connection: { run(sql: string): Promise<unknown> } }, dir: string): Promise<Record<string, string>> {
  const files = { utf8: join(dir, 'q.csv'), gbk: join(dir, 'q-gbk.csv'), xlsx: join(dir, 'q.xlsx'), parquet: join(dir, 'q.parquet') };
  writeFileSync(files.utf8, csv);
  writeFileSync(files.gbk, iconv.encode(csv.replace(/\n/g, '\r\n'), 'gbk'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ROWS.forEach((r, i) => ws.getRow(i + 1).values = r.map((c) => (/^\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
  await wb.xlsx.writeFile(files.xlsx);
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  await db.connection.run(`COPY (SELECT * FROM (VALUES ${ROWS.slice(1).map((r) => `(${r.map(lit).join(', ')})`).join(', ')}) AS v("ResponseId", "Q1", "Q2")) TO '${files.parquet}' (FORMAT parquet)`);
  return files;
}

test('skipRows: 2 sets the question-text and ImportId rows aside in CSV (UTF-8, GBK), XLSX and Parquet alike', async () => {
  await withDbAndDir(async (db, dir) => {
    const files = await writeFiles(db, dir);
    for (const [kind, file] of Object.entries(files)) {
      const q = await loadQuestionnaire(db, spec(file, { skipRows: 2 }), fields);
      assert.deepEqual([...q.rows.row], [4, 5, 7], kind);
      assert.deepEqual(q.rows.id, ['R_1', 'R_2', 'R_4'], kind);
      assert.deepEqual([...q.rows.numbers.employees], [120, 35, 7], kind);
      assert.deepEqual([...q.rows.numbers.related_share], [0.5, 0.25, 0.125], kind);
      assert.deepEqual(q.rejections.map((r) => [r.row, r.code]), [[6, 'non-numeric']], kind);
      assert.equal(q.rowsRead, 4, kind);
      assert.equal(q.rowsRead, q.valid + q.rejected);
      assert.equal(q.source.skippedRows, 2, kind);
      const note = q.source.notes.find((n) => n.en.startsWith('skip_rows: 2'));
      assert.ok(note && note.en.includes('row 2 "Response ID') && note.en.includes('row 3 "{'), `${kind}: ${note?.en}`);
      assert.ok(note.zh.startsWith('skip_rows: 2：以下行不是答卷，已跳过：第 2 行 "Response ID') && note.zh.includes('，第 3 行 "{'), `${kind}: ${note.zh}`);
      // The same totals through the aggregating reader.
      const a = await aggregateQuestionnaire(db, spec(file, { skipRows: 2 }), fields, { groupBy: [], sums: ['employees'] });
      assert.equal(a.groups.sum.employees[0], 162, kind);
      assert.equal(a.valid, 3, kind);
      assert.equal(a.source.skippedRows, 2, kind);
    }
  });
});

test('without skipRows the descriptive rows are answers that fail screening (rejected, not dropped)', async () => {
  await withDbAndDir(async (db, dir) => {
    const files = await writeFiles(db, dir);
    const q = await loadQuestionnaire(db, spec(files.utf8), fields);
    assert.deepEqual(q.rejections.map((r) => [r.row, r.code]), [[2, 'non-numeric'], [3, 'non-numeric'], [6, 'non-numeric']]);
    assert.equal(q.source.skippedRows, 0);
    assert.equal(q.rowsRead, 6);
  });
});

test('skipRows larger than the file, and invalid values', async () => {
  await withDbAndDir(async (db, dir) => {
    const files = await writeFiles(db, dir);
    await assert.rejects(loadQuestionnaire(db, spec(files.gbk, { skipRows: 9 }), fields), /data\/q-gbk\.csv: no data rows \(only a header, 6 rows skipped by skip_rows\)/);
    const q = await loadQuestionnaire(db, spec(files.xlsx, { skipRows: 5 }), fields);
    assert.deepEqual([...q.rows.row], [7]);
    assert.equal(q.source.skippedRows, 5);
    await assert.rejects(loadQuestionnaire(db, spec(files.utf8, { skipRows: -1 }), fields), (e: unknown) => e instanceof DataError && /skip_rows must be a whole number ≥ 0, got -1/.test(e.message));
  });
  // In study.yaml: `skip_rows`, validated by the schema.
  const study = (skip: string) => `study: {name: {zh: 测试, en: Test}, year: 2019}
questionnaires:
  providers: {file: q.csv, skip_rows: ${skip}, id: ResponseId, columns: {employees: Q1}}
components:
  - {id: p, kind: provider, label: {zh: 服务商, en: Providers}, questionnaire: providers, population: 10}
io: {table: builtin:china-io-2017-149}
consumption: {categories: []}
jobs_per_output: {value: 1, unit: persons/万元, source: test}
`;
  assert.throws(() => parseStudy(study('-1'), 's.yaml'), /skip_rows/);
});
