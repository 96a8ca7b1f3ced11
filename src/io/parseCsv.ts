// Minimal RFC 4180 CSV splitter shared by the table parsers (internal, not exported from index.ts).

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
  for (; i < n; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') { cell += '"'; i++; } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      inQuotes = true;
      quoteLine = line;
    } else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      line++;
    } else cell += c;
  }
  if (inQuotes) throw new Error(`${source}: unterminated quote opened on line ${quoteLine}`);
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  while (rows.length > 0 && rows[rows.length - 1].every((v) => v.trim() === '')) rows.pop();
  return rows;
}

/**
 * Parse one numeric cell; empty, 'nan', 'NA' or non-numeric text → Error naming source, row, column and value.
 * Example: parseCell('1.5e3', 'x.csv', '001', 'GO') → 1500.
 */
export function parseCell(text: string, source: string, row: string, column: string): number {
  const t = text.trim();
  const v = t === '' ? NaN : Number(t);
  if (!Number.isFinite(v)) throw new Error(`${source}: row ${row}, column ${column}: not a number: ${JSON.stringify(text)}`);
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
    if (j !== undefined) throw new Error(`${source}: sector code ${c} appears twice (sectors ${j + 1} and ${i + 1}); each sector needs its own code`);
    seen.set(c, i);
  });
}
