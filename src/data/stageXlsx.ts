// Internal: read one sheet of an XLSX workbook (the light reader, readXlsx) into the same staged CSV form as
// stageCsv: "<sheet row number>,<cells…>", header = first non-empty row.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DataError } from './DataError.ts';
import { toHalfWidth } from './stageCsv.ts';
import { openXlsx, XlsxPartError, XmlError, type XlsxWorkbook } from './readXlsx.ts';
import type { ReadProgress } from './types.ts';

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface StagedXlsx {
  header: string[];
  headerRow: number;
  records: number;
  /** rows after the header with no value within the header's width */
  blankRows: number;
  multiline: boolean;
  sheet: string;
  /** rows set aside by `skip`, with their cells joined by commas */
  skipped: { row: number; text: string }[];
}

/**
 * stageXlsx — read sheet `sheet` (name, or 1-based tab position; default 1) of `file` into `out`.
 * `skip`: the first `skip` non-blank rows after the header are set aside.
 * Throws DataError for: not a readable workbook, malformed sheet XML (names the sheet and its part), missing
 * sheet (lists the sheets), empty sheet, a hidden sheet
 * chosen by position or by default (lists the visible ones; a hidden sheet is read only by name).
 */
export async function stageXlsx(file: string, display: string, sheet: string | number | undefined, out: string, skip = 0, onRead?: ReadProgress): Promise<StagedXlsx> {
  const want = sheet ?? 1;
  if (typeof want === 'number' && !(Number.isInteger(want) && want >= 1)) {
    throw new DataError(`${display}: sheet ${want}: sheets are numbered from 1`, { file: display });
  }
  let wb: XlsxWorkbook;
  try {
    wb = await openXlsx(file);
  } catch (e) {
    throw new DataError(`${display}: not a readable XLSX workbook (${(e as Error).message})`, { file: display });
  }
  const names = wb.sheets.map((s) => s.name);
  const index = typeof want === 'number' ? want - 1 : names.indexOf(want);
  const target = index >= 0 ? wb.sheets[index] : undefined;
  // A hidden (or very hidden) sheet is read only when named: by position it would be a sheet the user cannot see.
  if (typeof want === 'number' && target && target.state !== 'visible') {
    const visible = wb.sheets.filter((s) => s.state === 'visible').map((s) => JSON.stringify(s.name));
    throw new DataError(
      `${display}: sheet ${want}${sheet === undefined ? ' (the default)' : ''} is "${target.name}", which is hidden; name the sheet to read (sheet: "${target.name}" to read it anyway); visible sheets: ${visible.join(', ') || '(none)'}`,
      { file: display },
    );
  }
  const ws = createWriteStream(out);
  const closed = once(ws, 'close');
  let header: string[] | null = null;
  let headerRow = 0;
  let records = 0;
  let blankRows = 0;
  const skipped: { row: number; text: string }[] = [];
  let multiline = false;
  const take = async (number: number, values: string[]): Promise<void> => {
    if (header === null) {
      const h = values.slice();
      while (h.length > 0 && h[h.length - 1].trim() === '') h.pop();
      if (h.length === 0) return;
      header = h;
      headerRow = number;
      return;
    }
    const cells: string[] = [String(number)];
    const texts: string[] = [];
    let any = false;
    for (let j = 0; j < header.length; j++) {
      const t = toHalfWidth(values[j] ?? '');
      if (t.trim() !== '') any = true;
      if (!multiline && /[\r\n]/.test(t)) multiline = true;
      texts.push(t);
      cells.push(csvField(t));
    }
    if (!any) {
      blankRows++; // an all-empty row within the header width
      return;
    }
    if (skipped.length < skip) {
      skipped.push({ row: number, text: texts.join(',') });
      return;
    }
    records++;
    if (!ws.write(cells.join(',') + '\n')) await once(ws, 'drain');
  };
  // Every sheet is read through, the chosen one into `out`: a damaged sheet makes the workbook unreadable
  // whichever sheet is read (the user should know before trusting any of it).
  let part = '';
  try {
    for (const s of wb.sheets) {
      part = s.part;
      const mine = s === target;
      await wb.rows(s, mine ? take : () => {}, mine && onRead ? (n, total) => onRead(total > 0 ? n / total : NaN, records) : undefined);
    }
  } catch (e) {
    const sheetOf = wb.sheets.find((s) => s.part === part);
    const cause = e instanceof XlsxPartError ? e.cause : (e as Error);
    if (cause instanceof XmlError) {
      // A part cut short (or empty) ends with open elements, or has no root.
      const what = /^(unclosed tag|document must contain a root element)/.test(cause.reason) ? 'it ends before its closing </worksheet> tag (cut short, or empty)' : cause.message;
      throw new DataError(`${display}: sheet "${sheetOf?.name ?? '?'}": the sheet XML${part ? ` (${part})` : ''} is malformed: ${what}; the workbook is damaged (open and re-save it in a spreadsheet program)`, { file: display });
    }
    throw new DataError(`${display}: not a readable XLSX workbook (${(e as Error).message})`, { file: display });
  } finally {
    ws.end();
    await closed;
  }
  const found = target?.name ?? null;
  if (found === null) {
    throw new DataError(`${display}: no sheet ${typeof want === 'number' ? `number ${want}` : JSON.stringify(want)}; sheets: ${names.map((n) => JSON.stringify(n)).join(', ') || '(none)'}`, {
      file: display,
    });
  }
  if (header === null) throw new DataError(`${display}: sheet "${found}" is empty (no header row)`, { file: display, row: 1 });
  return { header, headerRow, records, blankRows, multiline, sheet: found, skipped };
}
