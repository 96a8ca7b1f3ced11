// Internal: read one sheet of an XLSX workbook (the light reader, readXlsx) into the same staged CSV form as
// stageCsv: "<sheet row number>,<cells…>", header = first non-empty row.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DataError } from './DataError.ts';
import { errorText } from '../locale/errorText.ts';
import { toHalfWidth } from './stageCsv.ts';
import { openXlsx, XlsxPartError, XmlError, type XlsxWorkbook } from './readXlsx.ts';
import type { ReadProgress } from './types.ts';

/** The workbook cannot be opened or read at all (not a zip, a part missing or damaged). */
const unreadable = (display: string, e: unknown): DataError =>
  new DataError({ zh: `${display}：无法作为 XLSX 工作簿读取（${errorText(e, 'zh')}）`, en: `${display}: not a readable XLSX workbook (${errorText(e, 'en')})` }, { file: display });

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
    throw new DataError({ zh: `${display}：sheet ${want}：工作表从 1 开始编号`, en: `${display}: sheet ${want}: sheets are numbered from 1` }, { file: display });
  }
  let wb: XlsxWorkbook;
  try {
    wb = await openXlsx(file);
  } catch (e) {
    throw unreadable(display, e);
  }
  const names = wb.sheets.map((s) => s.name);
  const index = typeof want === 'number' ? want - 1 : names.indexOf(want);
  const target = index >= 0 ? wb.sheets[index] : undefined;
  // A hidden (or very hidden) sheet is read only when named: by position it would be a sheet the user cannot see.
  if (typeof want === 'number' && target && target.state !== 'visible') {
    const visible = wb.sheets.filter((s) => s.state === 'visible').map((s) => JSON.stringify(s.name));
    throw new DataError(
      {
        zh: `${display}：${sheet === undefined ? '默认读取的' : ''}第 ${want} 个工作表「${target.name}」是隐藏的；请写明要读的工作表（确要读它就写 sheet: "${target.name}"）；可见的工作表：${visible.join('、') || '（无）'}`,
        en: `${display}: sheet ${want}${sheet === undefined ? ' (the default)' : ''} is "${target.name}", which is hidden; name the sheet to read (sheet: "${target.name}" to read it anyway); visible sheets: ${visible.join(', ') || '(none)'}`,
      },
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
  // the staged lines written in batches of ≥ 64 KB (one write per row cost more than reading the cell)
  let batch: string[] = [];
  let batched = 0;
  const flush = async (): Promise<void> => {
    const text = batch.join('');
    batch = [];
    batched = 0;
    if (text.length > 0 && !ws.write(text)) await once(ws, 'drain');
  };
  const take = (number: number, values: string[]): Promise<void> | void => {
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
    const line = cells.join(',') + '\n';
    batch.push(line);
    batched += line.length;
    if (batched >= 1 << 16) return flush();
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
    await flush();
  } catch (e) {
    const sheetOf = wb.sheets.find((s) => s.part === part);
    const cause = e instanceof XlsxPartError ? e.cause : (e as Error);
    if (cause instanceof XmlError) {
      // A part cut short (or empty) ends with open elements, or has no root.
      const cut = /^(unclosed tag|document must contain a root element)/.test(cause.reason);
      const name = sheetOf?.name ?? '?';
      throw new DataError({
        zh: `${display}：工作表「${name}」的 XML${part ? `（${part}）` : ''}格式有误：${cut ? '在结束标签 </worksheet> 之前就结束了（被截断或为空）' : `第 ${cause.line} 行第 ${cause.column} 列（${cause.reasonText.zh}）`}；工作簿已损坏（请用电子表格软件打开后重新保存）`,
        en: `${display}: sheet "${name}": the sheet XML${part ? ` (${part})` : ''} is malformed: ${cut ? 'it ends before its closing </worksheet> tag (cut short, or empty)' : cause.message}; the workbook is damaged (open and re-save it in a spreadsheet program)`,
      }, { file: display });
    }
    throw unreadable(display, e);
  } finally {
    ws.end();
    await closed;
  }
  const found = target?.name ?? null;
  if (found === null) {
    throw new DataError({
      zh: `${display}：没有${typeof want === 'number' ? `第 ${want} 个工作表` : `名为 ${JSON.stringify(want)} 的工作表`}；现有工作表：${names.map((n) => JSON.stringify(n)).join('、') || '（无）'}`,
      en: `${display}: no sheet ${typeof want === 'number' ? `number ${want}` : JSON.stringify(want)}; sheets: ${names.map((n) => JSON.stringify(n)).join(', ') || '(none)'}`,
    }, {
      file: display,
    });
  }
  if (header === null) throw new DataError({ zh: `${display}：工作表「${found}」是空的（没有表头行）`, en: `${display}: sheet "${found}" is empty (no header row)` }, { file: display, row: 1 });
  return { header, headerRow, records, blankRows, multiline, sheet: found, skipped };
}
