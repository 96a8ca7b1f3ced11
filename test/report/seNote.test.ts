// A figure whose variance cannot be computed says why where its standard error would be: in report.html's
// table of all figures and in tables.xlsx's figures sheet (results.json and figures.csv: test/cli).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { renderReport } from '../../src/report/renderReport.ts';
import { tablesWorkbook } from '../../src/report/tablesWorkbook.ts';
import { exampleWithSeries } from './example.ts';
import type { ExtendedResults } from '../../src/report/optionalParts.ts';

const NOTE = 'overflow: the variance involves squares of values near 1e+300';

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
  assert.match(row, /<td class="c-se">no SE: overflow: the variance involves squares of values near 1e\+300<\/td>/);
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
  assert.equal(cells.get('jobs.direct'), `no SE: ${NOTE}`);
  assert.equal(typeof cells.get('jobs.total'), 'number');
});
