// Minimal RFC 4180 CSV splitter shared by the table parsers (internal, not exported from index.ts).
import { LocalizedError } from '../locale/errorText.ts';

/**
 * Split CSV text into rows of string cells. Handles quoted cells with commas, doubled quotes and
 * newlines, CRLF line ends and a UTF-8 BOM; drops fully empty trailing lines.
 * Failure: an unterminated quote → Error naming `source` and the line where the quote opened.
 * Example: parseCsv('a,"b,c"\n1,2', 'x.csv') → [['a', 'b,c'], ['1', '2']].
 */
export function parseCsv(text: string, source: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let quoteLine = 0;
  let inQuotes = false;
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  // Text between delimiters, line ends and quotes is taken a piece at a time (slice), not a character at a time:
  // `cell += c` per character cost the 149-sector table (381 KB) ≈ 10 ms in a fresh process. A line without a quote
  // is split by the engine (split(delimiter)); the next quote, LF and CR are looked up once and kept until passed.
  let nextQuote = -1, nextLf = -1, nextCr = -1;
  const after = (c: string, from: number, known: number) => (known >= from ? known : ((known = text.indexOf(c, from)), known < 0 ? n : known));
  while (i < n) {
    if (!inQuotes && cell === '' && row.length === 0) {
      nextQuote = after('"', i, nextQuote);
      nextLf = after('\n', i, nextLf);
      nextCr = after('\r', i, nextCr);
      const end = Math.min(nextLf, nextCr);
      if (nextQuote > end) {
        rows.push(text.slice(i, end).split(delimiter));
        i = end + (end + 1 < n && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
        line++;
        continue;
      }
    }
    const c = text.charCodeAt(i);
    if (inQuotes) {
      const q = text.indexOf('"', i);
      if (q < 0) break; // unterminated
      for (let k = text.indexOf('\n', i); k >= 0 && k < q; k = text.indexOf('\n', k + 1)) line++;
      cell += text.slice(i, q);
      if (text.charCodeAt(q + 1) === 34) {
        cell += '"';
        i = q + 2;
      } else {
        inQuotes = false;
        i = q + 1;
      }
    } else if (c === 34 && cell === '') {
      inQuotes = true;
      quoteLine = line;
      i++;
    } else if (c === d) {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === 10 || c === 13) {
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      line++;
    } else {
      // plain characters up to the next delimiter or line end (the cell is no longer empty: a quote among them is a quote)
      let j = i + 1;
      for (; j < n; j++) {
        const e = text.charCodeAt(j);
        if (e === d || e === 10 || e === 13) break;
      }
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (inQuotes) throw new LocalizedError({ zh: `${source}：第 ${quoteLine} 行开始的引号直到文件末尾都没有闭合`, en: `${source}: unterminated quote opened on line ${quoteLine}` });
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  while (rows.length > 0 && rows[rows.length - 1].every((v) => v.trim() === '')) rows.pop();
  return rows;
}

/**
 * A row in a Chinese sentence: a row number reads 第 7 行, a row named by its code 「005」行.
 * zhRow(7) → '第 7 行'; zhRow('005') → '「005」行'.
 */
export const zhRow = (row: string | number): string => (typeof row === 'number' ? `第 ${row} 行` : `「${row}」行`);

/**
 * Parse one numeric cell; empty, 'nan', 'NA' or non-numeric text → Error naming source, row, column and value.
 * Example: parseCell('1.5e3', 'x.csv', '001', 'GO') → 1500.
 */
export function parseCell(text: string, source: string, row: string | number, column: string): number {
  const t = text.trim();
  const v = t === '' ? NaN : Number(t);
  if (!Number.isFinite(v)) {
    throw new LocalizedError({
      zh: `${source} ${zhRow(row)}「${column}」列：应为数字，实际为 ${JSON.stringify(text)}`,
      en: `${source}: row ${row}, column ${column}: not a number: ${JSON.stringify(text)}`,
    });
  }
  return v;
}

/**
 * uniqueCodes(codes, source) — sector codes name rows and columns of the table: a code given twice would
 * make one of the two sectors unreachable (every lookup finds the first). Throws naming both positions.
 * Example: uniqueCodes(['001', '002', '002'], 't.csv') throws "t.csv: sector code 002 appears twice (sectors 2 and 3)".
 */
export function uniqueCodes(codes: readonly string[], source: string): void {
  const seen = new Map<string, number>();
  codes.forEach((c, i) => {
    const j = seen.get(c);
    if (j !== undefined) {
      throw new LocalizedError({
        zh: `${source}：部门代码 ${c} 出现了两次（第 ${j + 1} 和第 ${i + 1} 个部门）；每个部门须有自己的代码`,
        en: `${source}: sector code ${c} appears twice (sectors ${j + 1} and ${i + 1}); each sector needs its own code`,
      });
    }
    seen.set(c, i);
  });
}

/** The faults every table reader shares, in both languages, each naming `source` (and the row and column). */
export const tableFault = {
  noDataRows: (source: string) => new LocalizedError({ zh: `${source}：没有数据行`, en: `${source}: no data rows` }),
  empty: (source: string) => new LocalizedError({ zh: `${source}：文件是空的`, en: `${source}: empty` }),
  missingColumn: (source: string, name: string) => new LocalizedError({ zh: `${source}：缺少列 ${name}`, en: `${source}: missing column ${name}` }),
  /** column j (0-based) must be headed `name` */
  header: (source: string, j: number, name: string, found: string | undefined) =>
    new LocalizedError({ zh: `${source}：第 ${j + 1} 列应为 ${name}，实际为 ${JSON.stringify(found ?? '')}`, en: `${source}: column ${j + 1} must be ${name}, found ${JSON.stringify(found ?? '')}` }),
  /** the sector row at spreadsheet row `line` is `got` where the columns' order expects `want` */
  rowOrder: (source: string, line: number, got: string, want: string) =>
    new LocalizedError({ zh: `${source} 第 ${line} 行：这里是部门 ${got} 的行，按列的顺序应是 ${want}`, en: `${source}: row ${line}: sector row ${got} where column order expects ${want}` }),
  negativeFlow: (source: string, row: string, column: string, v: number) =>
    new LocalizedError({ zh: `${source} ${zhRow(row)}「${column}」列：中间流量为负（${v}）`, en: `${source}: row ${row}, column ${column}: negative intermediate flow ${v}` }),
  negativeOutput: (source: string, row: string, column: string, v: number) =>
    new LocalizedError({ zh: `${source} ${zhRow(row)}「${column}」列：总产出为负（${v}）`, en: `${source}: row ${row}, column ${column}: negative gross output ${v}` }),
};
