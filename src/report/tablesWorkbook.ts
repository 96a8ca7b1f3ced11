// tables.xlsx: every table of the report as a worksheet, numbers as numbers with number formats,
// in one language (the run's): headers, labels, notes and display units (万个 and 亿元 in Chinese,
// million jobs and billion yuan in English). Byte-identical for the same results and language.
import type { Label } from '../study/types.ts';
import { XLSX_FORMAT } from './format.ts';
import { DISPLAY, displayUnitFor, unitLabel, type ColumnKind, type DisplayUnit, type Lang } from '../locale/index.ts';
import { reportTables, type Cell, type Column, type ReportTable } from './reportTables.ts';
import type { KindedNumber } from './reportTable.ts';
import type { ExtendedResults } from './optionalParts.ts';
import { writeXlsx, type XlsxCell, type XlsxSheet } from '../data/writeXlsx.ts';

/** Fixed workbook dates (docProps/core.xml) so that two runs give the same bytes. */
export const WORKBOOK_DATE = new Date(Date.UTC(2000, 0, 1));

// Shares are stored as fractions with a percent format; amounts in the language's display units.
// A column of jobs or money has one unit (displayUnitFor: English by the column's magnitude).
const store = (k: ColumnKind, v: number, lang: Lang, unit: DisplayUnit = DISPLAY[lang][k]) => (k === 'ratio' || k === 'growth' ? v : unit.show(v));
const amountFormat = (decimals: number) => `#,##0${decimals ? `.${'0'.repeat(decimals)}` : ''}`;
const STORE_FORMAT = (k: ColumnKind, lang: Lang, unit: DisplayUnit = DISPLAY[lang][k]) => (k === 'ratio' ? '0.0%' : k === 'growth' ? '+0.0%;-0.0%;0.0%' : k === 'persons' || k === 'yuan' ? amountFormat(unit.decimals) : XLSX_FORMAT[k]);
/** The unit of a number of its own kind: its row's (ref), else the column's when the kinds agree. */
const cellUnit = (v: KindedNumber, columnKind: ColumnKind, lang: Lang, column: DisplayUnit) => (v.ref !== undefined ? displayUnitFor(v.kind, lang, [v.ref]) : v.kind === columnKind ? column : undefined);
const cellNumber = (c: Cell): number | undefined => (typeof c === 'number' ? c : c !== null && typeof c === 'object' && 'value' in c ? (c.value as number) : undefined);

const isLabel = (c: Cell): c is Label => typeof c === 'object' && c !== null && 'zh' in c;

interface OutColumn {
  header: string;
  kind: ColumnKind;
  get: (row: Cell[]) => string | number | null;
  format?: (row: Cell[]) => string | undefined;
  /** The column's display unit (jobs and money: by the column's magnitude in English). */
  unit?: DisplayUnit;
  width: number;
}

/** Columns as written, in `lang`: a header carries its unit, e.g. 就业（万个） / Jobs (million jobs). */
function outColumns(t: ReportTable, lang: Lang): OutColumn[] {
  const out: OutColumn[] = [];
  t.columns.forEach((c: Column, j) => {
    const unit = displayUnitFor(c.kind, lang, t.rows.map((row) => cellNumber(row[j])));
    const u = unitLabel(c.kind) ? unit.unit : undefined;
    const header = u ? (lang === 'zh' ? `${c.label.zh}（${u}）` : `${c.label.en} (${u})`) : c.label[lang];
    // A column of texts in both languages; a column of numbers may hold a text in its place (a figure's "no SE: …").
    if (t.rows.some((r) => isLabel(r[j])) && !t.rows.some((r) => cellNumber(r[j]) !== undefined)) {
      out.push({ header, kind: 'text', get: (r) => (isLabel(r[j]) ? (r[j] as Label)[lang] : (r[j] as string | null)), width: c.key === 'formula' ? 48 : lang === 'zh' ? 28 : 36 });
      return;
    }
    out.push({
      header,
      kind: c.kind,
      get: (r) => {
        const v = r[j];
        if (v === null || v === undefined) return null;
        if (typeof v === 'number') return c.kind === 'text' ? v : store(c.kind, v, lang, unit);
        if (typeof v === 'object' && 'value' in v) return store(v.kind, v.value, lang, cellUnit(v, c.kind, lang, unit));
        if (isLabel(v)) return v[lang];
        return v as string;
      },
      format: (r) => {
        const v = r[j];
        return typeof v === 'object' && v !== null && 'value' in v ? STORE_FORMAT(v.kind, lang, cellUnit(v, c.kind, lang, unit)) : undefined;
      },
      unit,
      width: c.kind === 'text' ? (c.key === 'formula' ? 48 : 18) : 14,
    });
  });
  return out;
}

/**
 * tablesWorkbook(results, lang) → the bytes of tables.xlsx in one language: a sheet "about" (study,
 * units) and one sheet per table of reportTables (sheet name = table id), headers in row 1 (bold, frozen).
 * Text is neutralised against formula injection by writeXlsx (a study label may start with =).
 * Deterministic: workbook dates fixed to WORKBOOK_DATE, zip entry times fixed by zipArchive.
 */
export async function tablesWorkbook(r: ExtendedResults, lang: Lang = 'zh'): Promise<Uint8Array> {
  const about: (string | number)[][] = lang === 'zh' ? [
    ['研究', r.study.name.zh],
    ['年份', r.study.year],
    ['研究文件', r.study.source],
    ['spillover', r.spillover],
    ['单位', '就业：万个（就业岗位）；金额：亿元；占比以百分比格式显示'],
  ] : [
    ['Study', r.study.name.en],
    ['Year', r.study.year],
    ['Study file', r.study.source],
    ['spillover', r.spillover],
    ['Units', 'jobs: million jobs (positions); money: billion yuan; shares stored as fractions, shown as %'],
  ];
  const sheets: XlsxSheet[] = [{ name: 'about', widths: [22, 70], rows: about.map(([k, v]) => [{ value: k, bold: true }, v]) }];
  for (const t of reportTables(r)) {
    const cols = outColumns(t, lang);
    const rows: XlsxCell[][] = [cols.map((c) => ({ value: c.header, bold: true }))];
    for (const row of t.rows) {
      rows.push(cols.map((c) => ({ value: c.get(row), numFmt: c.format?.(row) ?? (c.kind === 'text' ? undefined : STORE_FORMAT(c.kind, lang, c.unit)) })));
    }
    if (t.note) rows.push([], [t.note[lang]]);
    sheets.push({ name: t.id, widths: cols.map((c) => c.width), rows, frozenRows: 1 });
  }
  return writeXlsx(sheets, { date: WORKBOOK_DATE, creator: 'spillover' });
}
