// tables.xlsx: every table, numbers as numbers with formats, headers in the run's language, byte-identical runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { tablesWorkbook } from '../../src/report/tablesWorkbook.ts';
import { fixZipTimestamps } from '../../src/report/fixZipTimestamps.ts';
import { reportTables } from '../../src/report/reportTables.ts';
import { exampleWithSeries } from './example.ts';

/** DOS time and date of every entry, read from the central directory (APPNOTE 4.3.12). */
function entryTimes(zip: Uint8Array): [number, number][] {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let e = zip.length - 22;
  while (dv.getUint32(e, true) !== 0x06054b50) e--;
  const out: [number, number][] = [];
  let p = dv.getUint32(e + 16, true);
  for (let k = 0; k < dv.getUint16(e + 10, true); k++) {
    out.push([dv.getUint16(p + 12, true), dv.getUint16(p + 14, true)]);
    p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return out;
}

test('two runs give identical bytes, across a change of the clock second', async () => {
  const r = await exampleWithSeries();
  const a = await tablesWorkbook(r);
  await new Promise((done) => setTimeout(done, 2100)); // DOS times have 2-second resolution
  const b = await tablesWorkbook(r);
  assert.ok(Buffer.from(a).equals(Buffer.from(b)));
  const times = entryTimes(a);
  assert.ok(times.length > 5);
  for (const t of times) assert.deepEqual(t, [0, 0x21]);
});

test('fixZipTimestamps rejects data that is not a zip', () => {
  assert.throws(() => fixZipTimestamps(new Uint8Array(100)), /not a zip archive/);
});

async function workbook(r: Awaited<ReturnType<typeof exampleWithSeries>>, lang: 'zh' | 'en') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await tablesWorkbook(r, lang)) as unknown as ArrayBuffer);
  return wb;
}

test('every table is a sheet with headers in one language; numbers are numbers in its units, with formats', async () => {
  const r = await exampleWithSeries();
  const zh = await workbook(r, 'zh');
  const zhComp = zh.getWorksheet('components');
  assert.ok(zhComp);
  assert.equal(zhComp.getCell('A1').value, '组成部分');
  const zhJobs = (zhComp.getRow(1).values as unknown[]).indexOf('就业（万个）');
  assert.ok(zhJobs > 0, JSON.stringify(zhComp.getRow(1).values));
  r.components.forEach((c, i) => {
    const cell = zhComp.getRow(2 + i).getCell(zhJobs);
    assert.ok(Math.abs((cell.value as number) - c.jobs / 1e4) < 1e-9);
    assert.equal(cell.numFmt, '#,##0.0');
  });
  const zhTotal = zh.getWorksheet('headline')?.getRow(2);
  assert.equal(zhTotal?.getCell(1).value, '带动就业总量');
  assert.equal(zhTotal?.getCell(3).value, '万个');
  // no English header row, no English label column
  for (const ws of zh.worksheets) ws.getRow(1).eachCell((c) => assert.doesNotMatch(String(c.value), /^[A-Z][a-z]+ [a-z]/, `${ws.name}: ${c.value}`));
  const wb = await workbook(r, 'en');
  const names = wb.worksheets.map((w) => w.name);
  assert.deepEqual(names, ['about', ...reportTables(r).map((t) => t.id)]);
  assert.equal(new Date(wb.created).toISOString(), '2000-01-01T00:00:00.000Z');
  const comp = wb.getWorksheet('components');
  assert.ok(comp);
  assert.equal(comp.getCell('A1').value, 'Component');
  const jobsCol = (comp.getRow(1).values as unknown[]).indexOf('Jobs (million jobs)');
  assert.ok(jobsCol > 0);
  r.components.forEach((c, i) => {
    const cell = comp.getRow(2 + i).getCell(jobsCol);
    assert.equal(typeof cell.value, 'number');
    assert.ok(Math.abs((cell.value as number) - c.jobs / 1e6) < 1e-9);
    assert.equal(cell.numFmt, '#,##0.00');
  });
  const share = comp.getRow(2).getCell((comp.getRow(1).values as unknown[]).indexOf('Share of direct (%)'));
  assert.equal(share.numFmt, '0.0%');
  assert.ok((share.value as number) > 0 && (share.value as number) < 1);
  const head = wb.getWorksheet('headline');
  assert.ok(head);
  const total = head.getRow(2);
  assert.equal(total.getCell(1).value, r.figures['jobs.total'].label.en);
  assert.equal(total.getCell(3).value, 'million jobs');
  const valueCell = total.getCell(2);
  assert.ok(Math.abs((valueCell.value as number) - r.figures['jobs.total'].value / 1e6) < 1e-9);
});

test('net vs gross, uncertainty and tornado sheets hold the numbers of results.json', async () => {
  const r = await exampleWithSeries();
  const wb = await workbook(r, 'en');
  for (const name of ['net', 'additionality', 'uncertainty', 'uncertainty_all', 'tornado', 'switching']) assert.ok(wb.getWorksheet(name), `sheet ${name}`);
  const col = (ws: ExcelJS.Worksheet, en: string) => (ws.getRow(1).values as unknown[]).indexOf(en);
  const net = wb.getWorksheet('net') as ExcelJS.Worksheet;
  const ids = (net.getColumn(col(net, 'id')).values as unknown[]).slice(2);
  const k = ids.indexOf('jobs.direct');
  assert.ok(k >= 0);
  const row = net.getRow(2 + k);
  assert.ok(Math.abs((row.getCell(col(net, 'Gross: jobs supported')).value as number) - r.figures['jobs.direct'].value / 1e6) < 1e-9);
  assert.ok(Math.abs((row.getCell(col(net, 'Net additional (illustrative assumptions)')).value as number) - r.figures['net.jobs.direct'].value / 1e6) < 1e-9);
  const u = r.uncertainty;
  assert.ok(u?.tornado);
  const unc = wb.getWorksheet('uncertainty') as ExcelJS.Worksheet;
  const lo = unc.getRow(2).getCell(col(unc, '95% interval low (assumptions + sampling)'));
  assert.ok(Math.abs((lo.value as number) - u.intervals['jobs.total'].lo / 1e6) < 1e-9);
  assert.equal(lo.numFmt, '#,##0.00');
  const torn = wb.getWorksheet('tornado') as ExcelJS.Worksheet;
  assert.equal(torn.getRow(2).getCell(col(torn, 'id')).value, u.tornado.rows[0].parameter);
  assert.ok(Math.abs((torn.getRow(2).getCell(col(torn, 'Swing (million jobs)')).value as number) - u.tornado.rows[0].swing / 1e6) < 1e-9);
});
