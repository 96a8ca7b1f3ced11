// Bytes and sheets a user cannot see are never read silently: NUL bytes (a binary tail) stop the run at
// their row; a hidden sheet is read only when named. What users have is read: long cells, inline strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type ExcelJSType from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { DataError, loadQuestionnaire, openDatabase, type FieldSpec, type QuestionnaireSpec } from '../../src/data/index.ts';
import { tempDir } from './providers.ts';
import { errorText } from '../../src/locale/errorText.ts';

const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof ExcelJSType;
const fields: FieldSpec[] = [{ name: 'x', type: 'number', required: true }];

async function load(name: string, write: (file: string) => Promise<void> | void, extra: Partial<QuestionnaireSpec> = {}, f: FieldSpec[] = fields) {
  const t = tempDir();
  const file = join(t.dir, name);
  await write(file);
  const db = await openDatabase();
  try {
    return await loadQuestionnaire(db, { key: 'q', file, displayPath: `in/${name}`, yamlPath: 'questionnaires.q', id: 'id', columns: { x: 'x' }, ...extra }, f);
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

test('long cells: 3 MB in a CSV (quoted or not), a record of almost 2 MB in a file just under it, 32,767 characters (the spreadsheet limit) in an XLSX', async () => {
  const notes = { name: 'note', type: 'text', required: false } as const;
  const big = 'x'.repeat(3_000_000);
  for (const cell of [big, `"${big}"`]) {
    const q = await load('long.csv', (f) => writeFileSync(f, `id,x,note\n1,1,a\n2,2,${cell}\n3,3,c\n`), { columns: { x: 'x', note: 'note' } }, [...fields, notes]);
    assert.equal(q.valid, 3);
    assert.equal(q.rejected, 0);
  }
  // a file just under DuckDB's default longest record (2,000,000 bytes), one record nearly all of it: read with that
  // default (stage.ts lineBytesFor), directly (UTF-8) and staged (GB18030)
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    const head = 'id,x,note\n1,1,';
    const text = `${head}${'z'.repeat(1_999_999 - head.length - 1)}\n`;
    assert.equal(Buffer.byteLength(text), 1_999_999);
    const q = await load('edge.csv', (f) => writeFileSync(f, text), { encoding, columns: { x: 'x', note: 'note' } }, [...fields, notes]);
    assert.equal(q.valid, 1, encoding);
  }
  const t = tempDir();
  const file = join(t.dir, 'long.xlsx');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('a').addRows([['id', 'x', 'note'], [1, 1, 'y'.repeat(32_767)], [2, 2, 'short']]);
  await wb.xlsx.writeFile(file);
  const db = await openDatabase();
  try {
    const q = await loadQuestionnaire(db, { key: 'q', file, displayPath: 'in/long.xlsx', id: 'id', columns: { x: 'x', note: 'note' } }, [...fields, notes]);
    assert.equal(q.valid, 2);
    assert.equal(q.rejected, 0);
  } finally {
    db.close();
    t.done();
  }
});

/** An XLSX without a sharedStrings part: every text cell an inline string (as some export tools write). */
async function inlineStrings(file: string) {
  const sheet = (rows: (string | number)[][]) =>
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
      .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => `<c r="${String.fromCharCode(65 + j)}${i + 1}"${typeof v === 'number' ? `><v>${v}</v>` : ` t="inlineStr"><is><t>${v}</t></is>`}</c>`).join('')}</row>`)
      .join('')}</sheetData></worksheet>`;
  const ns = 'http://schemas.openxmlformats.org';
  const z = new JSZip();
  z.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`);
  z.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  z.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="first" sheetId="1" r:id="rId1"/><sheet name="second" sheetId="2" r:id="rId2"/></sheets></workbook>`);
  z.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`);
  z.file('xl/worksheets/sheet1.xml', sheet([['id', 'x'], ['a', 1], ['b', 2]]));
  z.file('xl/worksheets/sheet2.xml', sheet([['id', 'x'], ['c', 3], ['d', 4], ['e', 'not a number']]));
  writeFileSync(file, await z.generateAsync({ type: 'nodebuffer' }));
}

test('an XLSX with inline strings and no sharedStrings part: every sheet is read', async () => {
  assert.equal((await load('inline.xlsx', inlineStrings)).valid, 2);
  for (const sheet of ['second', 2]) {
    const q = await load('inline.xlsx', inlineStrings, { sheet });
    assert.deepEqual([q.valid, q.rejected, q.rejections[0]?.row, q.rejections[0]?.value], [2, 1, 4, 'not a number']);
  }
});

/** The workbook of `workbook` with the part of sheet "answers" (sheet2.xml) changed by `change`. */
const damaged = (change: (xml: string) => string) => async (file: string) => {
  await workbook(file);
  const z = await JSZip.loadAsync(readFileSync(file));
  const xml = await z.file('xl/worksheets/sheet2.xml')!.async('string');
  writeFileSync(file, await z.file('xl/worksheets/sheet2.xml', change(xml)).generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
};

test('malformed sheet XML is an error naming the file, the sheet and its part, never "empty" or fewer rows', async () => {
  assert.equal((await load('d.xlsx', damaged((x) => x), { sheet: 'answers' })).valid, 3);
  const where = /^in\/d\.xlsx: sheet "answers": the sheet XML \(xl\/worksheets\/sheet2\.xml\) is malformed: /;
  // the scanner's reason in the command's language too (zh: no English words beyond the part's name)
  const whereZh = /^in\/d\.xlsx：工作表「answers」的 XML（xl\/worksheets\/sheet2\.xml）格式有误：/;
  const cases: [string, (xml: string) => string, RegExp, RegExp][] = [
    ['a bad tag', (x) => x.replace('<row ', '<row <'), /line \d+, column \d+: disallowed character in attribute name;/, /第 \d+ 行第 \d+ 列（属性名中有不允许的字符）；/],
    ['an undefined entity', (x) => x.replace('<row ', '&bogus;<row '), /line \d+, column \d+: undefined entity;/, /第 \d+ 行第 \d+ 列（未定义的实体）；/],
    ['a close tag that does not match', (x) => x.replace('</row>', '</rows>'), /line \d+, column \d+: unexpected close tag rows; expected row;/, /第 \d+ 行第 \d+ 列（结束标签 rows 不对应；应为 row）；/],
    ['cut short after a row', (x) => x.slice(0, x.indexOf('</row>') + 6), /it ends before its closing <\/worksheet> tag/, /在结束标签 <\/worksheet> 之前就结束了/],
    ['empty', () => '', /it ends before its closing <\/worksheet> tag \(cut short, or empty\)/, /在结束标签 <\/worksheet> 之前就结束了（被截断或为空）/],
  ];
  for (const [what, change, message, zh] of cases) {
    await assert.rejects(load('d.xlsx', damaged(change), { sheet: 'answers' }), (e: Error) => {
      assert.ok(e instanceof DataError, `${what}: ${e}`);
      assert.match(e.message, where, what);
      assert.match(e.message, message, what);
      assert.match(errorText(e, 'zh'), whereZh, what);
      assert.match(errorText(e, 'zh'), zh, what);
      assert.doesNotMatch(errorText(e, 'zh').replace(/<\/?\w+>|\([^)]*\.xml\)|「[^」]*」|（[\w/.]+\.xml）|\b(?:XML|XLSX|rows?)\b|in\/d\.xlsx/g, ''), /[A-Za-z]{2,}/, what);
      return true;
    });
  }
  // A damaged sheet that is not the one read still makes the workbook unreadable, and says which sheet.
  await assert.rejects(load('d.xlsx', damaged(() => ''), { sheet: 'old answers' }), (e: Error) => where.test(e.message));
  // A well-formed sheet without rows is still "empty".
  await assert.rejects(load('d.xlsx', damaged((x) => x.replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData/>')), { sheet: 'answers' }), (e: Error) => /^in\/d\.xlsx: sheet "answers" is empty \(no header row\)/.test(e.message));
});
