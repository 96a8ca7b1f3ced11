// tables.xlsx: every table of the report as a worksheet, numbers as numbers with number formats,
// headers in Chinese (row 1) and English (row 2). Byte-identical for the same results.
import { createRequire } from 'node:module';
import type ExcelJSType from 'exceljs';
import type { Label } from '../study/types.ts';
import { XLSX_FORMAT } from './format.ts';
import { toDisplay, unitLabel, type ColumnKind } from '../locale/index.ts';
import { reportTables, type Cell, type Column, type ReportTable } from './reportTables.ts';
import { fixZipTimestamps } from './fixZipTimestamps.ts';
import type { ExtendedResults } from './optionalParts.ts';
import { safeCell } from '../data/spreadsheetCell.ts';

// The prebuilt bundle loads in ~80 ms; the package entry takes ~330 ms under the tsx loader.
let lib: typeof ExcelJSType | undefined;
const excel = () => (lib ??= createRequire(import.meta.url)('exceljs/dist/exceljs.min.js') as typeof ExcelJSType);

/** Fixed workbook dates (docProps/core.xml) so that two runs give the same bytes. */
export const WORKBOOK_DATE = new Date(Date.UTC(2000, 0, 1));

// Shares are stored as fractions with a percent format; jobs in 万, money in 亿元 (the seed's units).
const store = (k: ColumnKind, v: number) => (k === 'ratio' || k === 'growth' ? v : toDisplay(k, v));
const STORE_FORMAT = (k: ColumnKind) => (k === 'ratio' ? '0.0%' : k === 'growth' ? '+0.0%;-0.0%;0.0%' : XLSX_FORMAT[k]);

const isLabel = (c: Cell): c is Label => typeof c === 'object' && c !== null && 'zh' in c;

interface OutColumn {
  header: Label;
  kind: ColumnKind;
  get: (row: Cell[]) => string | number | null;
  format?: (row: Cell[]) => string | undefined;
  width: number;
}

/** Columns as written: a text column holding zh/en labels becomes two columns (中文 / English). */
function outColumns(t: ReportTable): OutColumn[] {
  const out: OutColumn[] = [];
  t.columns.forEach((c: Column, j) => {
    const u = unitLabel(c.kind);
    const header = u ? { zh: `${c.label.zh}（${u.zh}）`, en: `${c.label.en} (${u.en})` } : c.label;
    if (t.rows.some((r) => isLabel(r[j]))) {
      for (const lang of ['zh', 'en'] as const)
        out.push({ header: { zh: `${c.label.zh}（${lang === 'zh' ? '中文' : '英文'}）`, en: `${c.label.en} (${lang === 'zh' ? 'Chinese' : 'English'})` }, kind: 'text', get: (r) => (isLabel(r[j]) ? (r[j] as Label)[lang] : (r[j] as string | null)), width: lang === 'zh' ? 28 : 36 });
      return;
    }
    out.push({
      header,
      kind: c.kind,
      get: (r) => {
        const v = r[j];
        if (v === null || v === undefined) return null;
        if (typeof v === 'number') return c.kind === 'text' ? v : store(c.kind, v);
        if (typeof v === 'object' && 'value' in v) return store(v.kind, v.value);
        return v as string;
      },
      format: (r) => {
        const v = r[j];
        return typeof v === 'object' && v !== null && 'value' in v ? STORE_FORMAT(v.kind) : undefined;
      },
      width: c.kind === 'text' ? (c.key === 'formula' ? 48 : 18) : 14,
    });
  });
  return out;
}

/** Rows of text and numbers, text neutralised against formula injection (a study label may start with =). */
function addSafeRows(ws: ExcelJSType.Worksheet, rows: (string | number)[][]): void {
  ws.addRows(rows.map((r) => r.map(safeCell)));
}

/**
 * tablesWorkbook(results) → the bytes of tables.xlsx: a sheet "about" (study, units) and one sheet
 * per table of reportTables (sheet name = table id). Deterministic: workbook dates fixed to
 * WORKBOOK_DATE and zip entry times fixed by fixZipTimestamps.
 */
export async function tablesWorkbook(r: ExtendedResults): Promise<Uint8Array> {
  const wb = new (excel().Workbook)();
  wb.creator = 'spillover';
  wb.lastModifiedBy = 'spillover';
  wb.created = WORKBOOK_DATE;
  wb.modified = WORKBOOK_DATE;
  const about = wb.addWorksheet('about');
  about.columns = [{ width: 22 }, { width: 70 }];
  addSafeRows(about, [
    ['研究 / Study', `${r.study.name.zh} / ${r.study.name.en}`],
    ['年份 / Year', r.study.year],
    ['研究文件 / Study file', r.study.source],
    ['spillover', r.spillover],
    ['单位 / Units', '就业：万人（10k persons）；金额：亿元（100M yuan）；占比以百分比格式显示 / shares stored as fractions, shown as %'],
  ]);
  about.getColumn(1).font = { bold: true };
  for (const t of reportTables(r)) {
    const ws = wb.addWorksheet(t.id);
    const cols = outColumns(t);
    ws.columns = cols.map((c) => ({ width: c.width }));
    ws.addRow(cols.map((c) => safeCell(c.header.zh))).font = { bold: true };
    ws.addRow(cols.map((c) => safeCell(c.header.en))).font = { bold: true, italic: true };
    for (const row of t.rows) {
      const xr = ws.addRow(cols.map((c) => safeCell(c.get(row))));
      cols.forEach((c, k) => {
        const fmt = c.format?.(row) ?? (c.kind === 'text' ? undefined : STORE_FORMAT(c.kind));
        if (fmt) xr.getCell(k + 1).numFmt = fmt;
      });
    }
    ws.views = [{ state: 'frozen', ySplit: 2 }];
    if (t.note) {
      ws.addRow([]);
      ws.addRow([safeCell(t.note.zh)]);
      ws.addRow([safeCell(t.note.en)]);
    }
  }
  const buf = await wb.xlsx.writeBuffer();
  return fixZipTimestamps(new Uint8Array(buf as ArrayBuffer));
}
