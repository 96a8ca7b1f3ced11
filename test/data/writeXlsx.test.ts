// The light XLSX writer (tables.xlsx): what it writes is what exceljs — an independent reader — reads
// back, cell by cell (value, number format, bold), with widths, frozen rows and dates; zip archives
// with stored and deflated entries, UTF-8 names and fixed times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { writeXlsx, columnName, type XlsxCell, type XlsxSheet, type XlsxStyledCell } from '../../src/data/writeXlsx.ts';
import { zipArchive } from '../../src/data/zipArchive.ts';
import { neutraliseFormula } from '../../src/data/spreadsheetCell.ts';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** A deterministic pseudo-random generator (LCG, Numerical Recipes constants). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const TEXTS = ['组成部分', 'Jobs (million jobs)', ' leading space', 'trailing ', 'a & b < c > "d"', '=HYPERLINK("http://x")', '+1 (555)', '-5', '@SUM(A1)', 'line\nbreak', 'tab\there', 'ctl\u0001char', '_x0041_ literal', '😀 emoji', "it's", ''];
const FORMATS = [undefined, '#,##0.0', '#,##0.00', '0.0%', '+0.0%;-0.0%;0.0%', '0.0000', '"¥"#,##0'];

function randomSheet(rand: () => number, name: string): XlsxSheet {
  const rows: XlsxCell[][] = [];
  const nRows = 1 + Math.floor(rand() * 12), nCols = 1 + Math.floor(rand() * 30);
  for (let r = 0; r < nRows; r++) {
    const row: XlsxCell[] = [];
    if (rand() < 0.1) {
      rows.push(row); // an empty row
      continue;
    }
    for (let k = 0; k < nCols; k++) {
      const u = rand();
      const value = u < 0.35 ? TEXTS[Math.floor(rand() * TEXTS.length)] : u < 0.7 ? (rand() - 0.3) * 10 ** Math.floor(rand() * 16 - 8) : u < 0.8 ? Math.round(rand() * 1e6) : u < 0.87 ? rand() < 0.5 : null;
      row.push(rand() < 0.5 ? value : { value, numFmt: FORMATS[Math.floor(rand() * FORMATS.length)], bold: rand() < 0.3 });
    }
    rows.push(row);
  }
  return { name, rows, widths: Array.from({ length: nCols }, () => (rand() < 0.8 ? 8 + Math.round(rand() * 60) : undefined)), frozenRows: rand() < 0.5 ? 1 : undefined };
}

test('random workbooks read back by exceljs cell by cell: values (text neutralised), formats, bold, widths, frozen rows', async () => {
  const rand = lcg(20261206);
  for (let w = 0; w < 12; w++) {
    const sheets = Array.from({ length: 1 + Math.floor(rand() * 4) }, (_x, i) => randomSheet(rand, i === 0 ? 'about' : `表 ${w}.${i}`));
    const wb = await readBack(writeXlsx(sheets, { date: new Date(Date.UTC(2000, 0, 1)), creator: 'spillover' }));
    assert.equal(new Date(wb.created).toISOString(), '2000-01-01T00:00:00.000Z');
    assert.equal(wb.creator, 'spillover');
    assert.deepEqual(wb.worksheets.map((s) => s.name), sheets.map((s) => s.name));
    for (const s of sheets) {
      const ws = wb.getWorksheet(s.name)!;
      s.rows.forEach((row, r) => {
        row.forEach((cell, k) => {
          const c: XlsxStyledCell = cell !== null && typeof cell === 'object' ? cell : { value: cell ?? null };
          const got = ws.getRow(r + 1).getCell(k + 1);
          const want = typeof c.value === 'string' ? neutraliseFormula(c.value) : typeof c.value === 'number' || typeof c.value === 'boolean' ? c.value : null;
          const at = `${s.name}!${columnName(k)}${r + 1}`;
          if (want === '') assert.ok(got.value === '' || got.value === null, at);
          else assert.deepEqual(got.value, want, at);
          if (want !== null) {
            assert.equal(got.numFmt ?? undefined, c.numFmt, `${at} format`);
            assert.equal(got.font?.bold === true, c.bold === true, `${at} bold`);
          }
        });
      });
      s.widths?.forEach((width, k) => assert.equal(ws.getColumn(k + 1).width, width, `${s.name} column ${k + 1} width`));
      const frozen = (ws.views ?? []).find((v) => v.state === 'frozen') as { ySplit?: number } | undefined;
      assert.equal(frozen?.ySplit, s.frozenRows, `${s.name} frozen rows`);
    }
  }
});

test('the same sheets give the same bytes; sheet names are checked', () => {
  const sheets: XlsxSheet[] = [{ name: 'a', rows: [['x', 1.5, { value: 0.25, numFmt: '0.0%' }]], frozenRows: 1 }];
  const o = { date: new Date(Date.UTC(2000, 0, 1)), creator: 'spillover' };
  assert.ok(Buffer.from(writeXlsx(sheets, o)).equals(Buffer.from(writeXlsx(structuredClone(sheets), o))));
  assert.throws(() => writeXlsx([{ name: 'a/b', rows: [] }], o), /sheet name "a\/b" is not allowed/);
  assert.throws(() => writeXlsx([{ name: 'x'.repeat(32), rows: [] }], o), /is not allowed/);
  assert.throws(() => writeXlsx([{ name: 'A', rows: [] }, { name: 'a', rows: [] }], o), /two sheets named "a"/);
  assert.throws(() => writeXlsx([], o), /at least one sheet/);
});

test('columnName: A, Z, AA, AZ, BA, XFD', () => {
  assert.deepEqual([0, 25, 26, 51, 52, 16383].map(columnName), ['A', 'Z', 'AA', 'AZ', 'BA', 'XFD']);
});

test('zipArchive: stored and deflated entries with CRC-32, UTF-8 names, DOS date 1980-01-01 (APPNOTE layout)', () => {
  const big = 'spillover '.repeat(500);
  const zip = zipArchive([{ name: 'a.txt', data: 'hi' }, { name: '目录/b.xml', data: big }]);
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // the worked example of the doc comment: one stored 2-byte entry is 30 + 5 + 2 + 46 + 5 + 22 bytes
  assert.equal(zipArchive([{ name: 'a.txt', data: 'hi' }]).length, 110);
  const eocd = zip.length - 22;
  assert.equal(dv.getUint32(eocd, true), 0x06054b50);
  assert.equal(dv.getUint16(eocd + 10, true), 2);
  let p = dv.getUint32(eocd + 16, true);
  const seen: { name: string; method: number; crc: number; size: number; packed: number }[] = [];
  for (let k = 0; k < 2; k++) {
    assert.equal(dv.getUint32(p, true), 0x02014b50);
    assert.equal(dv.getUint16(p + 8, true) & 0x0800, 0x0800, 'UTF-8 flag');
    assert.deepEqual([dv.getUint16(p + 12, true), dv.getUint16(p + 14, true)], [0, 0x21]);
    const n = dv.getUint16(p + 28, true);
    seen.push({ name: Buffer.from(zip.subarray(p + 46, p + 46 + n)).toString('utf8'), method: dv.getUint16(p + 10, true), crc: dv.getUint32(p + 16, true), packed: dv.getUint32(p + 20, true), size: dv.getUint32(p + 24, true) });
    p += 46 + n;
  }
  assert.deepEqual(seen.map((s) => [s.name, s.method, s.size]), [['a.txt', 0, 2], ['目录/b.xml', 8, big.length]]);
  assert.ok(seen[1].packed < 100, 'repetitive text deflates');
  // CRC-32 of "hi" (ISO-HDLC polynomial): 0xD8932AAC
  assert.equal(seen[0].crc, 0xd8932aac);
});
