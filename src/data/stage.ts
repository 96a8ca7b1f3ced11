// Internal: turn any questionnaire file into a DuckDB relation (__row INTEGER, c0…c{n-1} VARCHAR, __extra VARCHAR)
// plus its headers. CSV and XLSX go through a staged UTF-8 CSV in a private temp dir; Parquet is read in place.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Db } from './openDatabase.ts';
import { DataError } from './DataError.ts';
import { emptyFile, looksLikeZip, stageCsv } from './stageCsv.ts';
import { probeSimpleCsv } from './probeSimpleCsv.ts';
import { stageXlsx } from './stageXlsx.ts';
import type { QuestionnaireSpec, SourceInfo } from './types.ts';
import { encodingNote, skippedRowsNote } from './readerNotes.ts';

/** Result columns as JS arrays; an empty result gives one empty array per column (getColumnsJS gives none). */
export function columnsOf(r: { columnCount: number; getColumnsJS(): unknown[][] }): unknown[][] {
  const cols = r.getColumnsJS();
  return cols.length === r.columnCount ? cols : Array.from({ length: r.columnCount }, () => []);
}

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface Staged {
  /** a FROM-clause item with columns __row, c0…c{n-1}, __extra (no __row when rowidBase is set) */
  relation: string;
  /** set when the relation has no __row: it must be materialized in file order and row = rowid + rowidBase */
  rowidBase?: number;
  /**
   * The same rows read with DuckDB's default longest record (2 MB), when that reads faster: the reader's buffer is
   * 16 × the longest record, and one 1 GB buffer (for 64 MB records) is scanned by one thread. A query over it
   * fails on a longer record; the caller then reads `relation`.
   */
  fastRelation?: string;
  /**
   * fastRelation with the given columns (by index) read as DOUBLE by DuckDB's CSV reader, when that reads exactly the
   * numbers a text cell would give (no '_' after the header: TRY_CAST reads "1_000" as 1000 where the screening
   * refuses it). A cell the reader cannot read as a number fails the query; the caller then screens the text.
   */
  typedRelation?: (doubles: ReadonlySet<number>) => string;
  header: string[];
  /** data records handed to DuckDB (cross-check: DuckDB must read exactly these), null if not known in advance */
  records: number | null;
  /** the size of the file read, in bytes (not known for a table read from ClickHouse) */
  bytes?: number;
  /** blank rows already skipped while staging */
  blankRows: number;
  info: Pick<SourceInfo, 'format' | 'encoding' | 'sheet' | 'notes' | 'staged' | 'skippedRows'>;
  cleanup(): Promise<void>;
}

/** Longest record DuckDB reads (its default, 2 MB, refused a 3 MB free-text answer). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
const DEFAULT_LINE_BYTES = 2_000_000;

/**
 * The longest record DuckDB is told to expect in a file of `bytes`: none is longer than the file, so a file under
 * DuckDB's default gets that default. DuckDB allocates its read buffer (16 × this) in full for every statement
 * that reads the file: 32 MB instead of 1 GB, ≈4 ms of CPU less per statement in a fresh process.
 */
const lineBytesFor = (bytes: number) => (bytes < DEFAULT_LINE_BYTES ? DEFAULT_LINE_BYTES : MAX_LINE_BYTES);

function stagedRelation(path: string, width: number, multiline: boolean, positional: boolean, maxLine: number, doubles: ReadonlySet<number> = new Set()): string {
  const cols = [...(positional ? [] : [`'__row': 'INTEGER'`]), ...Array.from({ length: width }, (_, i) => `'c${i}': '${doubles.has(i) ? 'DOUBLE' : 'VARCHAR'}'`), `'__extra': 'VARCHAR'`].join(', ');
  // null_padding: short rows get NULLs; strict_mode=false: a longer row puts its first surplus cell in __extra.
  // DuckDB's parallel reader cannot pad rows that contain quoted newlines, so such files are read serially.
  return (
    `read_csv(${sqlString(path)}, header=false, ${positional ? 'skip=1, ' : ''}auto_detect=false, columns={${cols}}, delim=',', quote='"', escape='"', ` +
    `new_line='\\n', null_padding=true, strict_mode=false, max_line_size=${maxLine}, parallel=${multiline ? 'false' : 'true'})`
  );
}

export function formatOf(file: string): 'csv' | 'xlsx' | 'parquet' | null {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.parquet') return 'parquet';
  return null;
}

/** The note on rows set aside by skipRows: their row numbers and the start of each. */

/** stage — see file comment. Throws DataError for a missing/unreadable file and every whole-file fault of the readers. */
export async function stage(db: Db, spec: QuestionnaireSpec): Promise<Staged> {
  const display = spec.displayPath;
  const yamlPath = spec.yamlPath ?? `questionnaires.${spec.key}`;
  const skip = spec.skipRows ?? 0;
  if (!(Number.isInteger(skip) && skip >= 0)) throw new DataError({ zh: `${display}：skip_rows 应为不小于 0 的整数，实际为 ${skip}`, en: `${display}: skip_rows must be a whole number ≥ 0, got ${skip}` }, { file: display, yamlPath: `${yamlPath}.skip_rows` });
  const format = formatOf(spec.file);
  if (format === null) {
    const xls = extname(spec.file).toLowerCase() === '.xls';
    throw new DataError({
      zh: `${display}：无法识别的文件类型「${extname(spec.file)}」${xls ? '（请把工作簿另存为 .xlsx）' : ''}；支持 .csv、.xlsx 和 .parquet`,
      en: `${display}: unknown file type "${extname(spec.file)}"${xls ? ' (save the workbook as .xlsx)' : ''}; expected .csv, .xlsx or .parquet`,
    }, { file: display, yamlPath: `${yamlPath}.file` });
  }
  const st = await stat(spec.file).catch(() => null);
  if (!st?.isFile()) {
    throw new DataError({ zh: `${display}：文件不存在（${yamlPath}.file）`, en: `${display}: no such file (${yamlPath}.file)` }, { file: display, yamlPath: `${yamlPath}.file` });
  }
  const size = st.size;
  if (size === 0) throw emptyFile(display);

  if (format === 'parquet') {
    const src = `read_parquet(${sqlString(spec.file)}, file_row_number=true)`;
    let header: string[];
    try {
      const r = await db.connection.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`);
      header = (r.getRows() as unknown[][]).map((row) => String(row[0])).filter((n) => n !== 'file_row_number');
    } catch (e) {
      const why = (e as Error).message.split('\n')[0];
      throw new DataError({ zh: `${display}：无法作为 Parquet 文件读取（${why}）`, en: `${display}: not a readable Parquet file (${why})` }, { file: display });
    }
    const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
    // the same full-width → ASCII mapping as toHalfWidth (stageCsv.ts), skipped for ASCII cells (translate is slow)
    const half = (x: string) => `CASE WHEN strlen(${x}) = length(${x}) THEN ${x} ELSE translate(${x}, '０１２３４５６７８９＋－．％\u3000\u00a0', '0123456789+-.%  ') END`;
    const cols = header.map((h, i) => `${half(`CAST(${q(h)} AS VARCHAR)`)} AS c${i}`).join(', ');
    let skipped: { row: number; text: string }[] = [];
    if (skip > 0) {
      const text = header.map((h) => `coalesce(CAST(${q(h)} AS VARCHAR), '')`).join(` || ',' || `);
      const r = await db.connection.runAndReadAll(`SELECT CAST(file_row_number + 2 AS INTEGER), ${text} FROM ${src} WHERE file_row_number < ${skip} ORDER BY file_row_number`);
      skipped = (r.getRows() as unknown[][]).map(([row, t]) => ({ row: Number(row), text: String(t) }));
    }
    return {
      // row numbers as the CSV twin would show them: header = row 1, record k (0-based) = row k + 2
      relation: `(SELECT CAST(file_row_number + 2 AS INTEGER) AS __row, ${cols}, CAST(NULL AS VARCHAR) AS __extra FROM ${src}${skip > 0 ? ` WHERE file_row_number >= ${skip}` : ''})`,
      header,
      records: null,
      bytes: size,
      blankRows: 0,
      info: { format, encoding: null, sheet: null, notes: skippedRowsNote(skip, skipped), staged: false, skippedRows: skipped.length },
      cleanup: async () => {},
    };
  }

  const dir = await mkdtemp(join(tmpdir(), 'spillover-data-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const out = join(dir, 'staged.csv');
  try {
    if (format === 'xlsx') {
      const x = await stageXlsx(spec.file, display, spec.sheet, out, skip, spec.onRead);
      return {
        relation: stagedRelation(out, x.header.length, x.multiline, false, lineBytesFor((await stat(out)).size)),
        header: x.header,
        records: x.records,
        bytes: size,
        blankRows: x.blankRows,
        info: { format, encoding: null, sheet: x.sheet, notes: skippedRowsNote(skip, x.skipped), staged: true, skippedRows: x.skipped.length },
        cleanup,
      };
    }
    if (await looksLikeZip(spec.file)) {
      throw new DataError({ zh: `${display}：这是 ZIP/XLSX 工作簿，不是 CSV 文件；请把扩展名改为 .xlsx`, en: `${display}: this is a ZIP/XLSX workbook, not a CSV file; rename it to .xlsx` }, { file: display });
    }
    const encoding = spec.encoding ?? 'auto';
    // Rows to skip need the numbered route (staged, one row number per record).
    const route = skip === 0 && (encoding === 'utf-8' || encoding === 'auto') ? await probeSimpleCsv(spec.file) : null;
    if (route?.kind === 'direct') {
      await cleanup();
      return {
        relation: stagedRelation(spec.file, route.header.length, false, true, lineBytesFor(size)),
        fastRelation: stagedRelation(spec.file, route.header.length, false, true, DEFAULT_LINE_BYTES),
        ...(route.underscore ? {} : { typedRelation: (doubles: ReadonlySet<number>) => stagedRelation(spec.file, route.header.length, false, true, DEFAULT_LINE_BYTES, doubles) }),
        rowidBase: 2,
        header: route.header,
        records: null,
        bytes: size,
        blankRows: 0,
        info: { format, encoding: 'utf-8', sheet: null, notes: encoding === 'auto' ? [encodingNote('utf-8')] : [], staged: false, skippedRows: 0 },
        cleanup: async () => {},
      };
    }
    const c = await stageCsv(spec.file, display, encoding, out, skip === 0 && (route === null || route.kind === 'plain'), skip, spec.onRead);
    return {
      relation: stagedRelation(out, c.header.length, c.multiline, c.plain, lineBytesFor((await stat(out)).size)),
      ...(c.plain ? { rowidBase: 2 } : {}),
      header: c.header,
      records: c.records,
      bytes: size,
      blankRows: c.emptyLines - (c.headerRow - 1),
      info: { format, encoding: c.encoding, sheet: null, notes: [...c.notes, ...skippedRowsNote(skip, c.skipped)], staged: true, skippedRows: c.skipped.length },
      cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
