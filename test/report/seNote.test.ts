// A figure whose variance cannot be computed says why where its standard error would be: in report.html's
// table of all figures and in tables.xlsx's figures sheet (results.json and figures.csv: test/cli).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { renderReport } from '../../src/report/renderReport.ts';
import { tablesWorkbook } from '../../src/report/tablesWorkbook.ts';
import { exampleWithSeries } from './example.ts';
import type { ExtendedResults } from '../../src/report/optionalParts.ts';

const NOTE = { zh: '溢出：方差涉及接近 1e+300 的数的平方', en: 'overflow: the variance involves squares of values near 1e+300' };

/** The example with jobs.direct as computeStudy leaves a figure whose variance overflowed: seNote, no se, ci or df. */
async function withoutSe(): Promise<ExtendedResults> {
  const r = await exampleWithSeries();
  const { se: _se, ci: _ci, df: _df, ...f } = r.figures['jobs.direct'];
  return { ...r, figures: { ...r.figures, 'jobs.direct': { ...f, seNote: NOTE } } };
}

test('report.html: the figures table gives the reason in the SE cell of a figure without a standard error', async () => {
  const r = await withoutSe();
  const html = renderReport(r, 'en');
  const row = /<table id="table-figures"[\s\S]*?(<tr data-fig="jobs\.direct">[\s\S]*?<\/tr>)/.exec(html)?.[1] ?? '';
  assert.match(row, /<td class="c-se"><span class="zh">无标准误：溢出：方差涉及接近 1e\+300 的数的平方<\/span><span class="en">no SE: overflow: the variance involves squares of values near 1e\+300<\/span><\/td>/);
  // a figure with a standard error keeps its number
  const other = /<table id="table-figures"[\s\S]*?(<tr data-fig="jobs\.total">[\s\S]*?<\/tr>)/.exec(html)?.[1] ?? '';
  assert.doesNotMatch(other, /no SE/);
  assert.doesNotMatch(renderReport(await exampleWithSeries(), 'en'), /no SE:/);
});

test('tables.xlsx: the figures sheet gives the reason in the SE cell, other SE cells stay numbers', async () => {
  const r = await withoutSe();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await tablesWorkbook(r, 'en')) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('figures');
  assert.ok(ws);
  const headers = ws.getRow(1).values as unknown[];
  const idCol = headers.indexOf('id');
  const seCol = headers.findIndex((h) => typeof h === 'string' && h.startsWith('SE'));
  assert.ok(idCol > 0 && seCol > 0, JSON.stringify(headers));
  const cells = new Map<string, unknown>();
  ws.eachRow((row, i) => void (i > 1 && cells.set(String(row.getCell(idCol).value), row.getCell(seCol).value)));
  assert.equal(cells.get('jobs.direct'), `no SE: ${NOTE.en}`);
  assert.equal(typeof cells.get('jobs.total'), 'number');
  // the zh workbook gives the reason in Chinese
  const zh = new ExcelJS.Workbook();
  await zh.xlsx.load(Buffer.from(await tablesWorkbook(r, 'zh')) as unknown as ArrayBuffer);
  const zs = zh.getWorksheet('figures')!;
  const zhSe = (zs.getRow(1).values as unknown[]).findIndex((h) => typeof h === 'string' && h.startsWith('标准误'));
  const zhCells = new Map<string, unknown>();
  zs.eachRow((row, i) => void (i > 1 && zhCells.set(String(row.getCell(idCol).value), row.getCell(zhSe).value)));
  assert.equal(zhCells.get('jobs.direct'), `无标准误：${NOTE.zh}`);
});
