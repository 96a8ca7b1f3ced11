// Internal: decide, with native byte scans only, how a UTF-8 CSV file can reach DuckDB.
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { parseRecord, utf8Boundary } from './stageCsv.ts';

// A quote (cells may span lines), CR (line ends other than LF), a blank or possibly blank row (a line that is
// empty or starts with a comma, space or tab): rows must be numbered one by one.
// NUL too: a file with NUL bytes (binary data) goes to staging, which stops on it naming the row.
const STRUCTURE: Buffer[] = ['"', '\r', '\n\n', '\n,', '\n ', '\n\t', '\0'].map((s) => Buffer.from(s));
// The characters toHalfWidth maps (０-９ ＋ － ． ％, U+3000, U+00A0): the text needs a staging copy.
// All but two are EF BC xx in UTF-8: one scan for EF BC, then a look at the third byte of each hit.
const FULL_WIDTH_EF_BC = new Set([0x85, 0x8b, 0x8d, 0x8e, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99]);
const EF_BC = Buffer.from([0xef, 0xbc]);
const FULL_WIDTH_OTHER: Buffer[] = [Buffer.from([0xe3, 0x80, 0x80]), Buffer.from([0xc2, 0xa0])];

/** true when b holds one of the characters toHalfWidth maps (a hit cut at the end of b is found with the next chunk). */
function hasFullWidth(b: Buffer): boolean {
  for (const p of FULL_WIDTH_OTHER) if (b.indexOf(p) >= 0) return true;
  for (let i = b.indexOf(EF_BC); i >= 0 && i + 2 < b.length; i = b.indexOf(EF_BC, i + 2)) if (FULL_WIDTH_EF_BC.has(b[i + 2])) return true;
  return false;
}

export type CsvRoute = { kind: 'direct'; header: string[]; underscore: boolean } | { kind: 'plain' } | { kind: 'numbered' };

/**
 * probeSimpleCsv — route of a CSV file declared utf-8 or auto:
 *  - 'direct': valid UTF-8 (BOM allowed), a non-empty first line, none of STRUCTURE or the full-width characters; every line after
 *    the header is one non-blank record (record k, 0-based, is row k + 2), so DuckDB reads the file as it is;
 *  - 'plain': as direct but with full-width characters: a staging copy maps them, rows still by position;
 *  - 'numbered': anything else (quotes, CR, blank rows, invalid UTF-8, NUL bytes): staged with a row number per record,
 *    which also locates any fault.
 * `underscore`: some line after the header holds a '_' (DuckDB reads "1_000" as the number 1000 where a text cell
 * is checked for it, so such a file cannot have its numbers typed by the CSV reader).
 * Patterns are checked across chunk boundaries.
 */
export async function probeSimpleCsv(file: string): Promise<CsvRoute> {
  // one read buffer, reused: no chunk is allocated or copied (a 4 MB copy costs more than the scans of it)
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 22);
    let prev: Buffer = Buffer.alloc(0); // the last 2 bytes of the previous chunk (patterns are ≤ 3 bytes)
    let pending: Buffer = Buffer.alloc(0); // an incomplete UTF-8 sequence at the end of the previous chunk
    let first = true;
    let fullWidth = false;
    let underscore = false;
    let headerBytes: Buffer | null = null;
    const headerParts: Buffer[] = [];
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      let b = buf.subarray(0, bytesRead);
      if (first) {
        first = false;
        if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
        if (b.length === 0 || b[0] === 0x0a || b[0] === 0x2c || b[0] === 0x20 || b[0] === 0x09) return { kind: 'numbered' };
      }
      // a pattern inside this chunk, or across its start (the previous chunk's last 2 bytes + its first 2)
      const edge = Buffer.concat([prev, b.subarray(0, 2)]);
      for (const p of STRUCTURE) if (b.indexOf(p) >= 0 || edge.indexOf(p) >= 0) return { kind: 'numbered' };
      if (!fullWidth && (hasFullWidth(b) || hasFullWidth(edge))) fullWidth = true;
      // UTF-8: the sequence cut at the previous chunk's end with this chunk's leading continuation bytes, then the rest
      let lead = 0;
      while (lead < 3 && lead < b.length && (b[lead] & 0xc0) === 0x80) lead++;
      const cut = Math.max(lead, utf8Boundary(b));
      if (!isUtf8(Buffer.concat([pending, b.subarray(0, lead)])) || !isUtf8(b.subarray(lead, cut))) return { kind: 'numbered' };
      pending = Buffer.from(b.subarray(cut));
      prev = Buffer.from(b.subarray(Math.max(0, b.length - 2)));
      if (headerBytes === null) {
        const nl = b.indexOf(0x0a);
        headerParts.push(Buffer.from(nl < 0 ? b : b.subarray(0, nl)));
        if (nl >= 0) {
          headerBytes = Buffer.concat(headerParts);
          underscore = b.indexOf(0x5f, nl) >= 0;
        }
      } else if (!underscore) underscore = b.indexOf(0x5f) >= 0;
    }
    if (pending.length > 0 || headerBytes === null) return { kind: 'numbered' }; // let the numbered pass report it
    if (fullWidth) return { kind: 'plain' };
    const header = parseRecord(headerBytes.toString('utf8'));
    return header.some((h) => h.trim() !== '') ? { kind: 'direct', header, underscore } : { kind: 'numbered' };
  } finally {
    await fh.close();
  }
}
