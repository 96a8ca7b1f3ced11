// The light XLSX reader against exceljs's streaming reader (the reader spillover used before, kept as a
// dev dependency for this comparison): the same rows and cell texts on every workbook in the repository
// and on workbooks made to hold every kind of cell; and the scanner's faults with line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { openXlsx, columnIndex } from '../../src/data/readXlsx.ts';
import { scanXml, XmlError, decodeEntities } from '../../src/data/scanXml.ts';
import { templateWorkbook } from '../../src/init/templateWorkbook.ts';
import { ROLES } from '../../src/init/instruments.ts';
import { tablesWorkbook } from '../../src/report/tablesWorkbook.ts';
import { exampleWithSeries } from '../report/example.ts';

/** Cell text as the old reader gave it (exceljs values: Date, rich text, formula result, error). */
function oldCellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().replace(/T00:00:00\.000Z$/, '');
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return o.richText.map((r: { text?: string }) => r.text ?? '').join('');
  if ('result' in o) return oldCellText(o.result);
  if ('formula' in o || 'sharedFormula' in o) return '';
  if (typeof o.text === 'string') return o.text;
  if (typeof o.error === 'string') return o.error;
  return String(v);
}

type Rows = Record<string, [number, string[]][]>;
const trim = (cells: string[]) => {
  const c = cells.slice();
  while (c.length && c[c.length - 1] === '') c.pop();
  return c;
};

/** Every sheet's rows through exceljs's streaming reader, as spillover called it before. */
async function byExcelJS(file: string): Promise<Rows> {
  const out: Rows = {};
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  for await (const ws of reader as unknown as AsyncIterable<ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>>) {
    const rows: [number, string[]][] = (out[ws.name] = []);
    for await (const row of ws) {
      const v = row.values as unknown[];
      rows.push([row.number, trim(Array.from({ length: Math.max(0, v.length - 1) }, (_x, j) => oldCellText(v[j + 1])))]);
    }
  }
  return out;
}

async function byLightReader(file: string): Promise<Rows> {
  const wb = await openXlsx(file);
  const out: Rows = {};
  for (const s of wb.sheets) {
    const rows: [number, string[]][] = (out[s.name] = []);
    await wb.rows(s, (n, cells) => void rows.push([n, trim(cells)]));
  }
  return out;
}

/** A workbook with every kind of cell the reader meets (written by exceljs). */
async function kinds(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('说明');
  notes.getCell('B3').value = '填写说明';
  notes.state = 'hidden';
  const ws = wb.addWorksheet('问卷');
  ws.addRow([]);
  ws.addRow(['id', 't', 'n', 'p', 'b', 'f', 'e', 'rich', 'link', 'space']);
  ws.addRow(['A', new Date(Date.UTC(2019, 10, 4, 9, 0, 0)), 12.5, 0.25, true, { formula: 'C3*2', result: 25 }, { error: '#N/A' }, { richText: [{ text: 'a' }, { text: 'b', font: { bold: true } }] }, { text: 'link', hyperlink: 'http://x' }, '  lead and trail  ']);
  ws.addRow(['B', new Date(Date.UTC(2019, 10, 3)), -1e-7, 1e21, false, { formula: 'C4*2' }, '', '第一行\r\n第二行', 'a & b < c > "d"', 'ctl\u0001char']);
  ws.getRow(5).getCell(1).value = 'C';
  ws.getRow(5).getCell(12).value = 'far right';
  ws.addRow([]);
  ws.getRow(8).getCell(3).value = 0;
  ws.getCell('D3').numFmt = '0%';
  ws.addRow(['D', { formula: '"text"&"result"', result: 'textresult' }, { formula: 'LEN("ab")', result: 2 }, 0.1 + 0.2, 123456789012345680000]);
  await wb.xlsx.writeFile(file);
}

test('the light reader gives the rows exceljs gave, on every workbook: example, init templates, tables.xlsx, every kind of cell', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-readxlsx-'));
  try {
    const files: string[] = [join(import.meta.dirname, '../../examples/wechat-2019/data/operators.xlsx')];
    for (const lang of ['zh', 'en'] as const) {
      const f = join(dir, `template-${lang}.xlsx`);
      writeFileSync(f, await templateWorkbook([...ROLES], lang));
      const t = join(dir, `tables-${lang}.xlsx`);
      writeFileSync(t, await tablesWorkbook(await exampleWithSeries(), lang));
      files.push(f, t);
    }
    files.push(join(dir, 'kinds.xlsx'));
    await kinds(files[files.length - 1]);
    let mended = 0;
    for (const f of files) {
      const [want, got] = [await byExcelJS(f), await byLightReader(f)];
      assert.ok(Object.values(want).some((rows) => rows.length > 0), f);
      // exceljs's streaming reader decodes each chunk of a part on its own, so a character whose UTF-8
      // bytes straddle two chunks comes out as U+FFFD (the old reader's fault): there the light reader's
      // text must be the same around it, with one character in its place.
      for (const [sheet, rows] of Object.entries(want)) {
        rows.forEach(([, cells], i) => cells.forEach((c, j) => {
          const g = got[sheet]?.[i]?.[1]?.[j];
          if (!c.includes('\uFFFD') || g === undefined || g.includes('\uFFFD')) return;
          const re = new RegExp(`^${c.split(/\uFFFD+/).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.')}$`, 'su');
          assert.match(g, re, `${f} ${sheet} row ${i}`);
          cells[j] = g;
          mended++;
        }));
      }
      assert.deepEqual(got, want, f);
    }
    assert.ok(mended < 5, `${mended} cells differ only by exceljs's broken characters`);
    const k = await byLightReader(join(dir, 'kinds.xlsx'));
    // what the cells say, by hand
    assert.deepEqual(k['问卷'].find(([n]) => n === 3)?.[1], ['A', '43773.375', '12.5', '0.25', 'true', '25', '#N/A', 'ab', 'link', '  lead and trail  ']);
    assert.deepEqual(k['问卷'].find(([n]) => n === 4)?.[1], ['B', '43772', '-1e-7', '1e+21', 'false', '', '', '第一行\n第二行', 'a & b < c > "d"', 'ctlchar']);
    const wb = await openXlsx(join(dir, 'kinds.xlsx'));
    assert.deepEqual(wb.sheets.map((s) => [s.name, s.state]), [['说明', 'hidden'], ['问卷', 'visible']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Where the light reader departs from exceljs on purpose (tested by hand below): SpreadsheetML's _xHHHH_
// escapes are decoded (Excel writes a CR typed in a cell as _x000D_ and a typed "_x0041_" as
// _x005F_x0041_; exceljs gave them literally), and a formula's cached boolean is true/false like a
// boolean cell (exceljs gave "1").
test('inline strings, no sharedStrings part, cells without references, a tag split across chunks, _xHHHH_ escapes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-readxlsx-'));
  try {
    const ns = 'http://schemas.openxmlformats.org';
    const z = new JSZip();
    z.file('[Content_Types].xml', `<?xml version="1.0"?><Types xmlns="${ns}/package/2006/content-types"/>`);
    z.file('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`);
    z.file('xl/workbook.xml', `<?xml version="1.0"?><x:workbook xmlns:x="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><x:sheets><x:sheet name="a &amp; b" sheetId="1" r:id="rId1" state="veryHidden"/></x:sheets></x:workbook>`);
    z.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/../worksheets/s.xml"/></Relationships>`);
    const big = 'x'.repeat(70_000); // longer than a 64 KiB chunk
    z.file('xl/worksheets/s.xml', `<?xml version="1.0"?>\n<!-- c --><x:worksheet xmlns:x="${ns}/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:r><x:t>一</x:t></x:r><x:r><x:t xml:space="preserve"> two</x:t></x:r><x:rPh><x:t>ignored</x:t></x:rPh></x:is></x:c><x:c><x:v>1.50</x:v></x:c></x:row><x:row r="3"><x:c r="C3" t="str" data-note="a>b"><x:f>1</x:f><x:v>${big}</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row><x:row r="4"><x:c t="inlineStr"><x:is><x:t>a_x000D_b _x005F_x0041_</x:t></x:is></x:c><x:c t="b"><x:f>TRUE()</x:f><x:v>1</x:v></x:c><x:c t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c></x:row></x:sheetData></x:worksheet>`);
    const file = join(dir, 'inline.xlsx');
    writeFileSync(file, await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const wb = await openXlsx(file);
    assert.deepEqual(wb.sheets, [{ name: 'a & b', state: 'veryHidden', part: 'xl/worksheets/s.xml' }]);
    const rows: [number, string[]][] = [];
    await wb.rows(wb.sheets[0], (n, c) => void rows.push([n, c]));
    assert.deepEqual(rows, [[1, ['一 two', '1.5']], [3, ['', '', big, 'false']], [4, ['a\rb _x0041_', 'true', '#DIV/0!']]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function fault(xml: string, chunk = 7): Promise<XmlError> {
  const parts = xml.match(new RegExp(`[\\s\\S]{1,${chunk}}`, 'g')) ?? [];
  try {
    await scanXml(parts, {});
  } catch (e) {
    assert.ok(e instanceof XmlError, String(e));
    return e;
  }
  assert.fail(`no fault in ${xml}`);
}

test('scanXml: faults at their line and column, whatever the chunking', async () => {
  for (const chunk of [1, 3, 7, 1000]) {
    const bad = await fault('<a>\n  <row <c/></row>\n</a>', chunk);
    assert.deepEqual([bad.line, bad.column, bad.reason], [2, 8, 'disallowed character in attribute name']);
    const ent = await fault('<a>\n<b>x &bogus; y</b></a>', chunk);
    assert.deepEqual([ent.line, ent.column, ent.reason], [2, 6, 'undefined entity']);
    assert.equal((await fault('<a><b></a>', chunk)).reason, 'unexpected close tag a; expected b');
    assert.equal((await fault('<a><b>', chunk)).reason, 'unclosed tag: b');
    assert.equal((await fault('', chunk)).reason, 'document must contain a root element');
    assert.equal((await fault('<a/><b/>', chunk)).reason, 'text data outside of root node');
    assert.equal((await fault('<a x=1/>', chunk)).reason, 'unquoted attribute value');
  }
  assert.equal(decodeEntities('a &amp; b &#x41;&#66;'), 'a & b AB');
  assert.deepEqual(['A1', 'b7', 'AA10', 'XFD1', '1'].map(columnIndex), [0, 1, 26, 16383, -1]);
});
