// XLSX and Parquet twins of the providers CSV read to the same rows, values and rejections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DataError, loadQuestionnaire } from '../../src/data/index.ts';
import { parseRecord } from '../../src/data/stageCsv.ts';
import { assertProviders, FIXTURES, providerFields, providerSpec, withDbAndDir } from './providers.ts';

/** The fixture as [sheet row, cells] (header = row 1), split by a naive CSV reader independent of the code under test's record splitter. */
function fixtureRows(): [number, string[]][] {
  const text = readFileSync(join(FIXTURES, 'providers-utf8.csv'), 'utf8').replace(/^\ufeff/, '');
  const lines = text.split('\n');
  const out: [number, string[]][] = [];
  let row = 0;
  for (let i = 0; i < lines.length; i++) {
    let rec = lines[i];
    while ((rec.match(/"/g) ?? []).length % 2 === 1) rec += '\n' + lines[++i];
    row++;
    if (rec !== '') out.push([row, parseRecord(rec)]);
  }
  return out;
}

/** Write cells as a spreadsheet user would have them: plain numbers as numbers, "50%" as 0.5 formatted 0%. */
function typedCell(s: string): ExcelJS.CellValue {
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/^\d+%$/.test(s)) return Number(s.slice(0, -1)) / 100;
  return s === '' ? null : s;
}

async function writeXlsx(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').getCell('A1').value = '填写说明';
  const ws = wb.addWorksheet('服务商');
  for (const [row, cells] of fixtureRows()) {
    const r = ws.getRow(row);
    cells.forEach((c, j) => {
      const v = row === 1 ? c : typedCell(c);
      r.getCell(j + 1).value = v;
      if (typeof v === 'number' && c.endsWith('%')) r.getCell(j + 1).numFmt = '0%';
    });
    r.commit();
  }
  await wb.xlsx.writeFile(path);
}

test('XLSX twin (typed cells, percent format, multi-line cell, blank row) reads like the CSV; sheet by name and by position', async () => {
  await withDbAndDir(async (db, dir) => {
    const file = join(dir, 'providers.xlsx');
    await writeXlsx(file);
    for (const sheet of ['服务商', 2]) {
      const q = await loadQuestionnaire(db, providerSpec(file, { sheet }), providerFields);
      assertProviders(q);
      assert.equal(q.source.format, 'xlsx');
      assert.equal(q.source.sheet, '服务商');
    }
    const e = await loadQuestionnaire(db, providerSpec(file, { sheet: 'providers' }), providerFields).catch((x: unknown) => x);
    assert.ok(e instanceof DataError);
    assert.equal(e.message, 'data/providers.xlsx: no sheet "providers"; sheets: "说明", "服务商"');
    const e3 = await loadQuestionnaire(db, providerSpec(file, { sheet: 3 }), providerFields).catch((x: unknown) => x);
    assert.ok(e3 instanceof DataError);
    assert.equal(e3.message, 'data/providers.xlsx: no sheet number 3; sheets: "说明", "服务商"');
    // sheet 1 has a header but no data rows
    const e1 = await loadQuestionnaire(db, providerSpec(file, { sheet: 1 }), providerFields).catch((x: unknown) => x);
    assert.ok(e1 instanceof DataError);
    assert.match(e1.message, /no column for the respondent id .*found headers: "填写说明"/);
  });
});

test('unreadable XLSX is a DataError naming the file', async () => {
  await withDbAndDir(async (db, dir) => {
    const file = join(dir, 'broken.xlsx');
    writeFileSync(file, 'this is not a zip file');
    const e = await loadQuestionnaire(db, providerSpec(file), providerFields).catch((x: unknown) => x);
    assert.ok(e instanceof DataError, String(e));
    assert.match(e.message, /^data\/broken\.xlsx: not a readable XLSX workbook/);
  });
});

test('Parquet twin (typed DOUBLE and VARCHAR columns) reads like the CSV; rows are record index + 2', async () => {
  await withDbAndDir(async (db, dir) => {
    const rows = fixtureRows();
    const header = rows[0][1];
    const data = rows.slice(1).map(([, cells]) => cells);
    const file = join(dir, 'providers.parquet');
    const lit = (s: string) => (s === '' ? 'NULL' : `'${s.replace(/'/g, "''")}'`);
    // related_share stays text ("50%"); fulltime share becomes a DOUBLE column, as a typed export would have it
    const values = data.map((c) => `(${c.map((s, j) => (j === 4 ? (s === '' ? 'NULL' : `CAST(${s} AS DOUBLE)`) : lit(s))).join(', ')})`).join(', ');
    const cols = header.map((h) => `"${h}"`).join(', ');
    await db.connection.run(`COPY (SELECT * FROM (VALUES ${values}) AS v(${cols})) TO '${file}' (FORMAT parquet)`);
    const q = await loadQuestionnaire(db, providerSpec(file), providerFields);
    assertProviders(q, { rowNumbers: false });
    // the CSV's blank row 5 does not exist in Parquet: records after it are one row earlier
    assert.deepEqual([...q.rows.row], [3, 4, 14]);
    assert.equal(q.source.format, 'parquet');
  });
});
