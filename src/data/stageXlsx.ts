// Internal: stream one sheet of an XLSX workbook (exceljs streaming reader) into the same staged CSV form as
// stageCsv: "<sheet row number>,<cells…>", header = first non-empty row.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { DataError } from './DataError.ts';
import { toHalfWidth } from './stageCsv.ts';
import type { ReadProgress } from './types.ts';

/** Text of one cell as a spreadsheet user sees its value (numbers in shortest round-trip form, not formatted). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return o.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// The end of a worksheet part: its root element closed (a namespace prefix allowed), then only whitespace.
const CLOSED_WORKSHEET = /<\/(?:[A-Za-z_][\w.-]*:)?worksheet\s*>\s*$/;

/**
 * Worksheet XML passed through unchanged while its last bytes are kept: exceljs never closes its SAX
 * parser, so a part cut short (or empty) would read as fewer rows (or "empty") without complaint.
 * `complete()` (after the last chunk) — whether the part ended with its closing </worksheet> tag.
 */
function watchEnd(chunks: AsyncIterable<Buffer | string>): { chunks: AsyncIterable<Buffer | string>; complete(): boolean } {
  let tail: Buffer = Buffer.alloc(0);
  return {
    chunks: (async function* () {
      for await (const c of chunks) {
        const b = typeof c === 'string' ? Buffer.from(c) : c;
        tail = b.length >= 256 ? b.subarray(b.length - 256) : Buffer.concat([tail, b]).subarray(-256);
        yield c;
      }
    })(),
    complete: () => CLOSED_WORKSHEET.test(tail.toString('utf8')),
  };
}

/**
 * rowsOf(worksheet, each) — every row of a streamed worksheet to `each`; malformed sheet XML (a SAX error
 * "line:column: message", or a part that stops before </worksheet>) is a DataError naming the file, the
 * sheet and its part.
 */
async function rowsOf(worksheet: ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>, display: string, part: string, each: (row: ExcelJS.Row) => Promise<void> | void): Promise<void> {
  const reader = worksheet as unknown as { iterator: AsyncIterable<Buffer | string> };
  const end = watchEnd(reader.iterator);
  reader.iterator = end.chunks;
  const malformed = (what: string) => new DataError(`${display}: sheet "${worksheet.name}": the sheet XML${part ? ` (${part})` : ''} is malformed: ${what}; the workbook is damaged (open and re-save it in a spreadsheet program)`, { file: display });
  try {
    for await (const row of worksheet) await each(row);
  } catch (e) {
    const sax = /^(\d+):(\d+): (.*?)\.?$/s.exec((e as Error).message);
    if (sax) throw malformed(`line ${sax[1]}, column ${sax[2]}: ${sax[3]}`);
    throw e;
  }
  if (!end.complete()) throw malformed('it ends before its closing </worksheet> tag (cut short, or empty)');
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
  const ws = createWriteStream(out);
  const closed = once(ws, 'close');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let header: string[] | null = null;
  let headerRow = 0;
  let records = 0;
  let blankRows = 0;
  const skipped: { row: number; text: string }[] = [];
  let multiline = false;
  let found: string | null = null;
  let names: string[] = [];
  const take = async (row: { values: unknown; number: number }): Promise<void> => {
    const values = row.values as unknown[];
    if (header === null) {
      const h: string[] = [];
      for (let j = 1; j < values.length; j++) h.push(cellText(values[j]));
      while (h.length > 0 && h[h.length - 1].trim() === '') h.pop();
      if (h.length === 0) return;
      header = h;
      headerRow = row.number;
      return;
    }
    const cells: string[] = [String(row.number)];
    const texts: string[] = [];
    let any = false;
    for (let j = 0; j < header.length; j++) {
      const t = toHalfWidth(cellText(values[j + 1]));
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
      skipped.push({ row: row.number, text: texts.join(',') });
      return;
    }
    records++;
    if (onRead && records % 1024 === 0) onRead(NaN, records);
    if (!ws.write(cells.join(',') + '\n')) await once(ws, 'drain');
  };
  let target: string | undefined;
  try {
    for await (const worksheet of reader as unknown as AsyncIterable<ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>>) {
      const model = (reader as unknown as { model?: { sheets?: { name: string; state?: string; rId?: string }[] } }).model;
      names = (model?.sheets ?? []).map((s) => s.name);
      target = typeof want === 'number' ? names[want - 1] : want;
      // A hidden (or very hidden) sheet is read only when named: by position it would be a sheet the user cannot see.
      const state = model?.sheets?.[typeof want === 'number' ? want - 1 : -1]?.state;
      if (typeof want === 'number' && state && state !== 'visible') {
        const visible = (model?.sheets ?? []).filter((s) => !s.state || s.state === 'visible').map((s) => JSON.stringify(s.name));
        throw new DataError(
          `${display}: sheet ${want}${sheet === undefined ? ' (the default)' : ''} is "${target}", which is hidden; name the sheet to read (sheet: "${target}" to read it anyway); visible sheets: ${visible.join(', ') || '(none)'}`,
          { file: display },
        );
      }
      const rId = model?.sheets?.find((s) => s.name === worksheet.name)?.rId;
      const rel = (reader as unknown as { workbookRels?: { Id: string; Target: string }[] }).workbookRels?.find((r) => r.Id === rId)?.Target;
      const part = rel ? `xl/${rel.replace(/^\/?xl\//, '')}` : '';
      if (found !== null || worksheet.name !== target) {
        await rowsOf(worksheet, display, part, () => {}); // drain
        continue;
      }
      found = worksheet.name;
      await rowsOf(worksheet, display, part, take);
    }
    // exceljs's streaming reader emits only the first sheet of a workbook without a sharedStrings part
    // (inline strings, as some tools write): such a sheet is read with the whole-workbook reader.
    if (found === null && typeof target === 'string' && names.includes(target)) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const sheetOf = wb.getWorksheet(target);
      if (sheetOf) {
        found = sheetOf.name;
        const rows: ExcelJS.Row[] = [];
        sheetOf.eachRow((r) => void rows.push(r));
        for (const row of rows) await take(row);
      }
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`${display}: not a readable XLSX workbook (${(e as Error).message})`, { file: display });
  } finally {
    ws.end();
    await closed;
  }
  if (found === null) {
    throw new DataError(`${display}: no sheet ${typeof want === 'number' ? `number ${want}` : JSON.stringify(want)}; sheets: ${names.map((n) => JSON.stringify(n)).join(', ') || '(none)'}`, {
      file: display,
    });
  }
  if (header === null) throw new DataError(`${display}: sheet "${found}" is empty (no header row)`, { file: display, row: 1 });
  return { header, headerRow, records, blankRows, multiline, sheet: found, skipped };
}
