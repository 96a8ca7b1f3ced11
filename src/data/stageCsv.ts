// Internal: stream a CSV file (UTF-8 with/without BOM, GBK, GB18030) into a staged UTF-8 CSV whose first
// field is the spreadsheet row number, so DuckDB reads exact row numbers back. One pass, constant memory.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { isUtf8 } from 'node:buffer';
import { gbDecoder } from './gbDecoder.ts';
import { DataError } from './DataError.ts';
import type { ReadProgress } from './types.ts';
import { encodingNote } from './readerNotes.ts';
import type { Label } from '../locale/index.ts';

/** Parse one CSV record (RFC 4180: "," separator, '"' quotes, "" escapes) into fields. */
export function parseRecord(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = text.length;
          break;
        }
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const c = text.indexOf(',', i);
      field += c < 0 ? text.slice(i) : text.slice(i, c); // text after a closing quote, kept as DuckDB does loosely
      i = c < 0 ? text.length + 1 : c + 1;
    } else {
      const c = text.indexOf(',', i);
      field = c < 0 ? text.slice(i) : text.slice(i, c);
      i = c < 0 ? text.length + 1 : c + 1;
    }
    out.push(field);
    if (i > text.length) return out;
  }
}

/**
 * Splits decoded text into records: a newline ends a record unless an odd number of '"' precede it in the
 * record (RFC 4180 quoting: "" escapes toggle twice). Row numbers count every record, blank lines included,
 * as a spreadsheet shows them; "\r\n" and "\n" both end a line.
 */
export class CsvScanner {
  header: string[] | null = null;
  headerRow = 0;
  /** rows after the header set aside as not data (skipRows), with their record text */
  skipped: { row: number; text: string }[] = [];
  constructor(private readonly skip = 0) {}
  /** spreadsheet row of the last complete record */
  row = 0;
  /** newlines consumed (physical line of the next character = lines + 1) */
  lines = 0;
  /** data records emitted (after the header, blank rows excluded) */
  records = 0;
  /** blank rows: empty lines and records whose cells are all empty or spaces */
  emptyLines = 0;
  /** some record spans several lines (a quoted newline) */
  multiline = false;
  private carry = '';
  private scanned = 0;
  private inQ = false;

  feed(text: string): string {
    const s = toHalfWidth(text);
    const buf = this.carry.length > 0 ? this.carry + s : s;
    let from = this.scanned;
    let start = 0;
    let inQ = this.inQ;
    let q = buf.indexOf('"', from);
    const out: string[] = [];
    for (;;) {
      const nl = buf.indexOf('\n', from);
      if (nl < 0) break;
      while (q >= 0 && q < nl) {
        inQ = !inQ;
        q = buf.indexOf('"', q + 1);
      }
      this.lines++;
      from = nl + 1;
      if (inQ) {
        this.multiline = true;
        continue;
      }
      this.emit(buf, start, nl, out);
      start = from;
    }
    this.carry = buf.slice(start);
    this.scanned = from - start;
    this.inQ = inQ;
    return out.join('');
  }

  /** Flush the last record (no trailing newline); throws if a quoted field is never closed. */
  finish(file: string): string {
    const buf = this.carry;
    let inQ = this.inQ;
    for (let q = buf.indexOf('"', this.scanned); q >= 0; q = buf.indexOf('"', q + 1)) inQ = !inQ;
    if (inQ) {
      const line = this.lines - countNewlines(buf) + 1;
      throw new DataError({
        zh: `${file} 第 ${this.row + 1} 行：引号（"）开始的字段直到文件末尾都没有闭合（起于文本第 ${line} 行或其后）`,
        en: `${file}: row ${this.row + 1}: a quoted field ('"') is never closed (opened at or after line ${line})`,
      }, {
        file,
        row: this.row + 1,
      });
    }
    const out: string[] = [];
    if (buf.length > 0) this.emit(buf, 0, buf.length, out);
    this.carry = '';
    this.scanned = 0;
    return out.join('');
  }

  private emit(buf: string, start: number, end: number, out: string[]): void {
    let e = end;
    if (e > start && buf.charCodeAt(e - 1) === 13) e--;
    this.row++;
    const rec = buf.slice(start, e);
    if (isBlankRecord(rec)) {
      this.emptyLines++;
      return;
    }
    if (this.header === null) {
      this.header = parseRecord(rec);
      this.headerRow = this.row;
      return;
    }
    if (this.skipped.length < this.skip) {
      this.skipped.push({ row: this.row, text: parseRecord(rec).join(',') });
      return;
    }
    this.records++;
    out.push(String(this.row), ',', rec, '\n');
  }
}

/** Thrown by PlainSink when the text needs per-record numbering after all (the caller reruns numbered). */
class Restart extends Error {}

const STRUCTURE = /["\r]|\n[\n, \t]/;
const BLANKISH_START = /^[\n, \t]/;

/**
 * The fast staging mode: writes the decoded text unchanged (header line included) as long as every line is one
 * non-blank record — no quote, no CR, no line that is empty or starts with a comma, space or tab. Then record k
 * (0-based, after the header) is row k + 2 and DuckDB numbers rows by insertion order. Anything else: Restart.
 */
class PlainSink {
  header: string[] | null = null;
  private head = '';
  private afterNewline = true;
  feed(text: string): string {
    const s = toHalfWidth(text);
    if (s.length === 0) return '';
    if (STRUCTURE.test(s) || (this.afterNewline && BLANKISH_START.test(s))) throw new Restart();
    this.afterNewline = s.charCodeAt(s.length - 1) === 10;
    if (this.header === null) {
      const nl = s.indexOf('\n');
      if (nl < 0) this.head += s;
      else {
        this.header = parseRecord(this.head + s.slice(0, nl));
        this.head = '';
      }
    }
    return s;
  }
  finish(): string {
    if (this.header === null && this.head !== '') this.header = parseRecord(this.head);
    return '';
  }
}

const FULL_WIDTH = /[\uff0b\uff0d\uff0e\uff05\uff10-\uff19\u3000\u00a0]/g;
const HALF: Record<string, string> = { '\uff0b': '+', '\uff0d': '-', '\uff0e': '.', '\uff05': '%', '\u3000': ' ', '\u00a0': ' ' };
for (let d = 0; d <= 9; d++) HALF[String.fromCharCode(0xff10 + d)] = String(d);

/**
 * Full-width digits ０-９ and ＋ － ． ％, the ideographic space U+3000 and the no-break space U+00A0 become
 * their ASCII forms everywhere (none of them is a CSV separator, quote or line end, so record structure is kept).
 * Example: toHalfWidth('３５，３０％') === '35，30%'
 */
export function toHalfWidth(s: string): string {
  FULL_WIDTH.lastIndex = 0;
  return FULL_WIDTH.test(s) ? s.replace(FULL_WIDTH, (c) => HALF[c]) : s;
}

/** A record is blank when every cell is empty or spaces (fast path: it must start with , space tab or "). */
function isBlankRecord(rec: string): boolean {
  if (rec.length === 0) return true;
  const c = rec.charCodeAt(0);
  if (c !== 44 && c !== 32 && c !== 9 && c !== 34) return false;
  return /^[\s,"]*$/.test(rec) && parseRecord(rec).every((f) => f.trim() === '');
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Index of the first byte of `b` that is not part of a valid UTF-8 sequence (b is known to be invalid). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > b.length || !isUtf8(b.subarray(i, i + n))) return i;
    i += n;
  }
  return b.length;
}

/** Length of the longest prefix of b that does not end inside a multi-byte UTF-8 sequence. */
export function utf8Boundary(b: Uint8Array): number {
  let i = b.length - 1;
  let k = 0;
  while (i >= 0 && k < 3 && (b[i] & 0xc0) === 0x80) {
    i--;
    k++;
  }
  if (i < 0) return b.length;
  const lead = b[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return b.length - i < need ? i : b.length;
}

class Utf8Fault extends DataError {}

export type CsvEncoding = 'utf-8' | 'gbk' | 'gb18030';

export interface StagedCsv {
  header: string[];
  headerRow: number;
  /** true: `out` holds the decoded text with its header line, one record per line (row = record index + 2);
   *  false: `out` holds "<row>,<record>" lines without the header */
  plain: boolean;
  /** data records written (numbered mode), null in plain mode */
  records: number | null;
  emptyLines: number;
  multiline: boolean;
  encoding: CsvEncoding;
  /** rows set aside by `skip` (numbered mode only) */
  skipped: { row: number; text: string }[];
  notes: Label[];
}

async function write(ws: WriteStream, s: string): Promise<void> {
  if (s.length > 0 && !ws.write(s)) await once(ws, 'drain');
}

async function pass<S extends CsvScanner | PlainSink>(file: string, display: string, encoding: CsvEncoding, out: string, scanner: S, onRead?: ReadProgress): Promise<S> {
  const ws = createWriteStream(out);
  const closed = once(ws, 'close');
  try {
    const stream = createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
    const input = onRead ? told(stream, (await stat(file)).size, () => (scanner instanceof CsvScanner ? scanner.records : NaN), onRead) : stream;
    if (encoding === 'utf-8') {
      let pending: Buffer = Buffer.alloc(0);
      let first = true;
      for await (const chunk of input) {
        let b = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
        if (first) {
          first = false;
          if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
        }
        const cut = utf8Boundary(b);
        const body = b.subarray(0, cut);
        pending = Buffer.from(b.subarray(cut));
        if (!isUtf8(body)) {
          if (!(scanner instanceof CsvScanner)) throw new Restart(); // the numbered pass locates the fault
          const bad = firstInvalidUtf8(body);
          scanner.feed(body.subarray(0, bad).toString('utf8'));
          throw utf8Fault(display, scanner, body[bad]);
        }
        const text = body.toString('utf8');
        nulCheck(display, scanner, text);
        await write(ws, scanner.feed(text));
      }
      if (pending.length > 0) {
        if (!(scanner instanceof CsvScanner)) throw new Restart();
        throw utf8Fault(display, scanner, pending[0]);
      }
    } else {
      const decoder = gbDecoder(encoding);
      let first = true;
      for await (const chunk of input) {
        if (first) {
          first = false;
          if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
            throw new DataError({
              zh: `${display}：文件以 UTF-8 字节顺序标记（BOM）开头，但声明的编码是 ${encoding}；请改为 encoding: utf-8（或 auto）`,
              en: `${display}: starts with a UTF-8 byte-order mark but encoding is ${encoding}; declare encoding: utf-8 (or auto)`,
            }, { file: display, row: 1 });
          }
        }
        const s = decoder.write(chunk);
        const bad = s.indexOf('\ufffd');
        if (bad >= 0) {
          if (!(scanner instanceof CsvScanner)) throw new Restart();
          scanner.feed(s.slice(0, bad));
          throw new DataError({
            zh: `${display} 第 ${scanner.row + 1} 行（文本第 ${scanner.lines + 1} 行）：有不符合 ${encoding} 编码的字节；文件是否其实是 UTF-8？可试 encoding: auto`,
            en: `${display}: bytes that are not valid ${encoding} at row ${scanner.row + 1} (line ${scanner.lines + 1}); is the file UTF-8? try encoding: auto`,
          }, {
            file: display,
            row: scanner.row + 1,
          });
        }
        nulCheck(display, scanner, s);
        await write(ws, scanner.feed(s));
      }
      const tail = decoder.end();
      if (tail.includes('\ufffd')) {
        if (!(scanner instanceof CsvScanner)) throw new Restart();
        throw new DataError({
          zh: `${display}：文件末尾（第 ${scanner.row + 1} 行）有一个不完整的 ${encoding} 字符`,
          en: `${display}: truncated ${encoding} character at the end of the file (row ${scanner.row + 1})`,
        }, { file: display, row: scanner.row + 1 });
      }
      await write(ws, scanner.feed(tail));
    }
    await write(ws, scanner instanceof CsvScanner ? scanner.finish(display) : scanner.finish());
  } finally {
    ws.end();
    await closed;
  }
  return scanner;
}

/** The chunks of a file, telling `onRead` the share of its `size` read and the records counted so far (the plain pass does not split records: NaN). */
async function* told(chunks: AsyncIterable<Buffer>, size: number, records: () => number, onRead: ReadProgress): AsyncIterable<Buffer> {
  let read = 0;
  for await (const c of chunks) {
    yield c;
    read += c.length;
    onRead(size > 0 ? read / size : 1, records());
  }
}

/** NUL is never CSV text: binary data (a damaged copy padded with zeros, a file that is not CSV) stops the run at its row. */
function nulCheck(display: string, scanner: CsvScanner | PlainSink, text: string): void {
  const at = text.indexOf('\0');
  if (at < 0) return;
  if (!(scanner instanceof CsvScanner)) throw new Restart(); // the numbered pass locates it
  scanner.feed(text.slice(0, at));
  throw new DataError(
    {
      zh: `${display} 从第 ${scanner.row + 1} 行（文本第 ${scanner.lines + 1} 行）起含 NUL 字节（二进制数据，不是文本）：文件已损坏（例如被截断后用零填充）或不是 CSV；请删去二进制部分`,
      en: `${display}: NUL bytes (binary data, not text) from row ${scanner.row + 1} (line ${scanner.lines + 1}); the file is damaged (e.g. cut short and padded with zeros) or not a CSV; remove the binary part`,
    },
    { file: display, row: scanner.row + 1 },
  );
}

/** A file with no header row (no bytes, or only blank lines). */
export const emptyFile = (display: string): DataError => new DataError({ zh: `${display}：文件是空的（没有表头行）`, en: `${display}: empty file (no header row)` }, { file: display, row: 1 });

function utf8Fault(display: string, scanner: CsvScanner, byte: number | undefined): Utf8Fault {
  const hex = byte === undefined ? null : `0x${byte.toString(16).padStart(2, '0')}`;
  return new Utf8Fault(
    {
      zh: `${display} 第 ${scanner.row + 1} 行（文本第 ${scanner.lines + 1} 行，${hex === null ? '文件末尾' : `字节 ${hex}`}）：不是有效的 UTF-8；如果文件是 GBK/GB18030 编码，请声明 encoding: gbk、gb18030 或 auto`,
      en: `${display}: not valid UTF-8 at row ${scanner.row + 1} (line ${scanner.lines + 1}, ${hex === null ? 'end of file' : `byte ${hex}`}); if the file is GBK/GB18030 declare encoding: gbk, gb18030 or auto`,
    },
    { file: display, row: scanner.row + 1 },
  );
}

/**
 * stageCsv — decode `file` (streaming) into a UTF-8 copy `out` that DuckDB reads. Plain mode (tried first when
 * `tryPlain`): the text as it is; numbered mode: one line per non-blank data record, "<row>,<record as in file>".
 * encoding 'auto': UTF-8 if the whole file is valid UTF-8 (a BOM is optional), otherwise GB18030 (a superset of GBK).
 * `skip`: the first `skip` non-blank records after the header are set aside (numbered mode always).
 * Throws DataError for: empty file / no header, undecodable bytes (row and line of the first bad byte),
 * an unterminated quoted field.
 */
export async function stageCsv(file: string, display: string, encoding: CsvEncoding | 'auto', out: string, tryPlain: boolean, skip = 0, onRead?: ReadProgress): Promise<StagedCsv> {
  const notes: Label[] = [];
  const stageAs = async (enc: CsvEncoding, plainFirst: boolean): Promise<CsvScanner | PlainSink> => {
    if (plainFirst) {
      try {
        return await pass(file, display, enc, out, new PlainSink(), onRead);
      } catch (e) {
        if (!(e instanceof Restart)) throw e;
      }
    }
    return pass(file, display, enc, out, new CsvScanner(skip), onRead);
  };
  let used: CsvEncoding = encoding === 'auto' ? 'utf-8' : encoding;
  let sink: CsvScanner | PlainSink;
  try {
    sink = await stageAs(used, skip === 0 && (tryPlain || used !== 'utf-8'));
  } catch (e) {
    if (!(e instanceof Utf8Fault) || encoding !== 'auto') throw e;
    notes.push(encodingNote('gb18030', e.row));
    used = 'gb18030';
    sink = await stageAs(used, skip === 0);
  }
  if (encoding === 'auto' && used === 'utf-8') notes.push(encodingNote('utf-8'));
  if (sink.header === null) {
    throw emptyFile(display);
  }
  if (sink instanceof PlainSink) {
    return { header: sink.header, headerRow: 1, plain: true, records: null, emptyLines: 0, multiline: false, encoding: used, notes, skipped: [] };
  }
  return {
    header: sink.header,
    headerRow: sink.headerRow,
    plain: false,
    records: sink.records,
    emptyLines: sink.emptyLines,
    multiline: sink.multiline,
    encoding: used,
    notes,
    skipped: sink.skipped,
  };
}

/** true when the file starts with the ZIP signature (XLSX) — used to refuse a workbook named .csv. */
export async function looksLikeZip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    return bytesRead === 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
  } finally {
    await fh.close();
  }
}
