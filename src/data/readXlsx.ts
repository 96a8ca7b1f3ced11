// A light XLSX reader (ECMA-376 SpreadsheetML): the workbook's sheets (name, visibility, part) and the
// rows of a sheet as cell texts, streamed from the zip entry. Cell texts as a spreadsheet user sees the
// stored values: shared and inline strings (rich text runs joined, phonetic runs left out), numbers in
// shortest round-trip form, booleans as true/false, errors as their code (#N/A), a formula's cached
// result (nothing when none is cached); dates stored as numbers stay serial numbers (styles are not read).
import { readZip, zipFault, type ZipFile } from './readZip.ts';
import type { Label } from '../locale/lang.ts';
import { attributes, scanXml, XmlError } from './scanXml.ts';

export { XmlError };

export interface XlsxSheetInfo {
  name: string;
  /** 'visible', 'hidden' or 'veryHidden' */
  state: string;
  /** the sheet's part in the archive, e.g. xl/worksheets/sheet1.xml */
  part: string;
}

/** A fault in one part of the workbook (its XML, or its zip entry). */
export class XlsxPartError extends Error {
  /** the fault in each language, when the cause has its own words (a zip fault) */
  readonly texts?: Label;
  constructor(readonly part: string, readonly cause: Error) {
    super(`${part}: ${cause.message}`);
    const t = (cause as { texts?: Label }).texts;
    if (t) this.texts = { zh: `${part}：${t.zh}`, en: this.message };
  }
}

export interface XlsxWorkbook {
  sheets: XlsxSheetInfo[];
  /**
   * rows(sheet, each) — every row element, in order: its row number and cell texts by 0-based column
   * (missing cells ''). `onBytes(read, total)` after the rows of each chunk of the sheet's part (inflated
   * bytes), and once at its end.
   */
  rows(sheet: XlsxSheetInfo, each: (row: number, cells: string[]) => Promise<void> | void, onBytes?: (read: number, total: number) => void): Promise<void>;
}

// SpreadsheetML's escape of characters XML cannot carry (§22.9.2.19): _x000D_ → CR.
const decodeX = (s: string) => (s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));

const CELL_REF = /(?:^|\s)r\s*=\s*["']([A-Za-z]{1,3})\d*["']/;
const CELL_TYPE = /(?:^|\s)t\s*=\s*["']([a-zA-Z]+)["']/;
/**
 * A cell as spreadsheet programs write most of them, taken whole (scanXml's `element`): reference, optional style,
 * optional type, and an optional plain value (no entities, no line ends), or self-closing. Any other form — a formula,
 * an inline string, other attributes or quotes — is scanned tag by tag; both give the same text.
 */
const SIMPLE_CELL = /<c r="([A-Z]{1,3})[1-9]\d*"(?: s="\d+")?(?: t="([a-zA-Z]+)")?(?:\/>|>(?:<v>([^<&>\r\n]*)<\/v>)?<\/c>)/y;

/** The column of a cell reference: columnIndex('B7') === 1, columnIndex('AA1') === 26; -1 when not a reference. */
export function columnIndex(ref: string): number {
  let k = 0, i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~0x20;
    if (c < 65 || c > 90) break;
    k = k * 26 + (c - 64);
  }
  return i === 0 ? -1 : k - 1;
}

/** A number as JavaScript prints it (shortest round trip): "1e-7" → "1e-7", "0.10" → "0.1"; not finite → ''. */
const numberText = (v: string) => {
  const x = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(x) ? String(x) : '';
};

async function* utf8(chunks: AsyncIterable<Buffer>, onBytes?: (n: number) => void): AsyncGenerator<string> {
  const dec = new TextDecoder('utf-8');
  let n = 0;
  for await (const c of chunks) {
    n += c.length;
    onBytes?.(n);
    yield dec.decode(c, { stream: true });
  }
  const last = dec.decode();
  if (last) yield last;
}

async function parsePart(zip: ZipFile, part: string, h: Parameters<typeof scanXml>[1]): Promise<void> {
  try {
    await scanXml(utf8(zip.read(part)), h);
  } catch (e) {
    throw new XlsxPartError(part, e as Error);
  }
}

/** Relationships of a part: Id → target part (resolved against the part's folder), and by type. */
async function relationships(zip: ZipFile, relsPart: string, base: string): Promise<{ id: string; type: string; target: string }[]> {
  if (!zip.entries.has(relsPart)) return [];
  const out: { id: string; type: string; target: string }[] = [];
  await parsePart(zip, relsPart, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const a = attributes(attrs);
      if (a.TargetMode === 'External') return;
      const t = a.Target ?? '';
      out.push({ id: a.Id ?? '', type: a.Type ?? '', target: t.startsWith('/') ? t.slice(1) : normalise(base + t) });
    },
  });
  return out;
}
const normalise = (path: string) => {
  const parts: string[] = [];
  for (const s of path.split('/')) {
    if (s === '..') parts.pop();
    else if (s !== '.' && s !== '') parts.push(s);
  }
  return parts.join('/');
};

/** Text of a string item (<si> or <is>): its <t> elements, rich runs joined, phonetic runs (<rPh>) left out. */
function stringItems(): { handlers: Parameters<typeof scanXml>[1]; take(): string } {
  let depth = 0, inT = false, buf = '';
  return {
    handlers: {
      open(name, _a, self) {
        if (name === 'rPh' && !self) depth++;
        else if (name === 't' && depth === 0 && !self) inT = true;
      },
      close(name) {
        if (name === 'rPh') depth--;
        else if (name === 't') inT = false;
      },
      text(t) {
        if (inT) buf += t;
      },
    },
    take() {
      const s = decodeX(buf);
      buf = '';
      return s;
    },
  };
}

/**
 * openXlsx(file) → the workbook's sheets in tab order and a row reader. Fails (Error, XlsxPartError)
 * when the file is not a zip, or the workbook part or shared strings are missing or not well-formed.
 */
export async function openXlsx(file: string): Promise<XlsxWorkbook> {
  const zip = await readZip(file);
  const root = await relationships(zip, '_rels/.rels', '');
  const wbPart = root.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  if (!zip.entries.has(wbPart)) throw zipFault(`没有工作簿部件（${wbPart}）`, `no workbook part (${wbPart})`);
  const dir = wbPart.slice(0, wbPart.lastIndexOf('/') + 1);
  const rels = await relationships(zip, `${dir}_rels/${wbPart.slice(dir.length)}.rels`, dir);
  const declared: { name: string; state: string; rid: string }[] = [];
  await parsePart(zip, wbPart, {
    open(name, attrs) {
      if (name !== 'sheet') return;
      const a = attributes(attrs);
      declared.push({ name: a.name ?? '', state: a.state ?? 'visible', rid: a.id ?? '' });
    },
  });
  const sheets = declared.map((s) => ({ name: s.name, state: s.state, part: rels.find((r) => r.id === s.rid)?.target ?? '' }));
  const sstPart = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const shared: string[] = [];
  if (sstPart && zip.entries.has(sstPart)) {
    const item = stringItems();
    await parsePart(zip, sstPart, {
      open: item.handlers.open,
      text: item.handlers.text,
      close(name) {
        item.handlers.close?.(name);
        if (name === 'si') shared.push(item.take());
      },
    });
  }
  return {
    sheets,
    async rows(sheet, each, onBytes) {
      if (!zip.entries.has(sheet.part)) throw new XlsxPartError(sheet.part || sheet.name, zipFault('缺少工作表部件', 'the sheet part is missing'));
      const total = zip.entries.get(sheet.part)!.size;
      let rowNo = 0, cells: string[] = [], inRow = false;
      let col = -1, type = '', v: string | null = null, inV = false, inIs = false, formula = false;
      const item = stringItems();
      let inlineText: string | null = null;
      // Rows are handed over after each chunk (the scanner is synchronous within a chunk).
      const queue: [number, string[]][] = [];
      const value = (): string => {
        if (inlineText !== null) return inlineText;
        if (v === null) return '';
        switch (type) {
          case 's': return shared[Number(v)] ?? '';
          case 'str': return decodeX(v);
          case 'b': return v.trim() === '1' ? 'true' : v.trim() === '0' ? 'false' : '';
          case 'e': return v;
          case 'd': {
            const d = new Date(v);
            return Number.isNaN(d.getTime()) ? v : d.toISOString().replace(/T00:00:00\.000Z$/, '');
          }
          default: return numberText(v);
        }
      };
      const handlers: Parameters<typeof scanXml>[1] = {
        open(name, attrs, self) {
          if (inIs) return item.handlers.open?.(name, attrs, self);
          if (name === 'row') {
            const r = /\br="(\d+)"/.exec(attrs);
            rowNo = r ? Number(r[1]) : rowNo + 1;
            cells = [];
            col = -1;
            inRow = !self;
            if (self) queue.push([rowNo, cells]);
          } else if (name === 'c' && inRow) {
            // r and t by pattern (the hot path: once per cell); neither holds entities in practice
            const r = CELL_REF.exec(attrs), t = CELL_TYPE.exec(attrs);
            const k = r ? columnIndex(r[1]) : -1;
            col = k >= 0 ? k : col + 1;
            type = t ? t[1] : 'n';
            v = null;
            inlineText = null;
            formula = false;
            if (self) cells[col] = '';
          } else if (name === 'v' && !self) {
            inV = true;
            v = '';
          } else if (name === 'is' && !self) {
            inIs = true;
          } else if (name === 'f') formula = true;
        },
        close(name) {
          if (inIs) {
            if (name === 'is') {
              inIs = false;
              inlineText = item.take();
            } else item.handlers.close?.(name);
            return;
          }
          if (name === 'v') inV = false;
          else if (name === 'c' && inRow) cells[col] = formula && v === null ? '' : value();
          else if (name === 'row' && inRow) {
            inRow = false;
            for (let k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = '';
            queue.push([rowNo, cells]);
          }
        },
        text(t) {
          if (inIs) item.handlers.text?.(t);
          else if (inV) v += t;
        },
        // the same state changes as open('c'), open('v'), text, close('v'), close('c') of the same cell
        element: {
          pattern: SIMPLE_CELL,
          take(m) {
            if (!inRow || inIs) return false;
            col = columnIndex(m[1]);
            type = m[2] ?? 'n';
            v = m[3] ?? null;
            inlineText = null;
            formula = false;
            cells[col] = value();
            return true;
          },
        },
      };
      async function* fed(): AsyncGenerator<string> {
        let read = 0;
        for await (const s of utf8(zip.read(sheet.part), (n) => (read = n))) {
          yield s;
          // the scanner has consumed s before asking for the next chunk: hand its rows over, then say how far
          for (const [row, cells] of queue.splice(0)) {
            const wait = each(row, cells);
            if (wait) await wait;
          }
          onBytes?.(read, total);
        }
      }
      try {
        await scanXml(fed(), handlers);
      } catch (e) {
        throw e instanceof XlsxPartError ? e : new XlsxPartError(sheet.part, e as Error);
      }
      while (queue.length) await each(...(queue.shift() as [number, string[]]));
      onBytes?.(total, total);
    },
  };
}
