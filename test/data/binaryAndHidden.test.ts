// Bytes and sheets a user cannot see are never read silently: NUL bytes (a binary tail) stop the run at
// their row; a hidden sheet is read only when named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type ExcelJSType from 'exceljs';
import iconv from 'iconv-lite';
import { DataError, loadQuestionnaire, openDatabase, type FieldSpec, type QuestionnaireSpec } from '../../src/data/index.ts';
import { tempDir } from './providers.ts';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSType;
const fields: FieldSpec[] = [{ name: 'x', type: 'number', required: true }];

async function load(name: string, write: (file: string) => Promise<void> | void, extra: Partial<QuestionnaireSpec> = {}) {
  const t = tempDir();
  const file = join(t.dir, name);
  await write(file);
  const db = await openDatabase();
  try {
    return await loadQuestionnaire(db, { key: 'q', file, displayPath: `in/${name}`, yamlPath: 'questionnaires.q', id: 'id', columns: { x: 'x' }, ...extra }, fields);
  } finally {
    db.close();
    t.done();
  }
}

const rows = (n: number) => 'id,x\n' + Array.from({ length: n }, (_, i) => `${i + 1},${i}`).join('\n') + '\n';

test('a NUL-byte tail (or NUL inside) stops the run naming the row, in UTF-8 and GBK', async () => {
  assert.equal((await load('ok.csv', (f) => writeFileSync(f, rows(12)))).valid, 12);
  const tail = (enc: 'utf-8' | 'gbk') => (f: string) => writeFileSync(f, Buffer.concat([enc === 'gbk' ? iconv.encode(rows(12), 'gbk') : Buffer.from(rows(12)), Buffer.alloc(4096)]));
  for (const encoding of ['utf-8', 'gbk', 'auto'] as const) {
    await assert.rejects(load('nul.csv', tail(encoding === 'gbk' ? 'gbk' : 'utf-8'), { encoding }), (e: Error) => {
      assert.ok(e instanceof DataError, String(e));
      assert.match(e.message, /^in\/nul\.csv: NUL bytes \(binary data, not text\) from row 14 \(line 14\)/);
      assert.equal(e.row, 14);
      return true;
    });
  }
  await assert.rejects(load('mid.csv', (f) => writeFileSync(f, rows(3).replace('2,1', '2,\0\0'))), /NUL bytes \(binary data, not text\) from row 3 \(line 3\)/);
});

async function workbook(file: string) {
  const wb = new ExcelJS.Workbook();
  const hidden = wb.addWorksheet('old answers');
  hidden.state = 'hidden';
  hidden.addRows([['id', 'x'], [1, 10], [2, 20]]);
  const shown = wb.addWorksheet('answers');
  shown.addRows([['id', 'x'], [1, 1], [2, 2], [3, 3]]);
  await wb.xlsx.writeFile(file);
}

test('a hidden first sheet is not read by default or by position; by name it is', async () => {
  for (const sheet of [undefined, 1]) {
    await assert.rejects(load('h.xlsx', workbook, { sheet }), (e: Error) => {
      assert.ok(e instanceof DataError);
      assert.match(e.message, /^in\/h\.xlsx: sheet 1( \(the default\))? is "old answers", which is hidden; name the sheet to read .*visible sheets: "answers"$/);
      return true;
    });
  }
  assert.equal((await load('h.xlsx', workbook, { sheet: 'answers' })).valid, 3);
  assert.equal((await load('h.xlsx', workbook, { sheet: 2 })).valid, 3);
  assert.equal((await load('h.xlsx', workbook, { sheet: 'old answers' })).valid, 2);
});
