// Internal: decide, with native byte scans only, whether a CSV file can go to DuckDB as it is (no staging copy).
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { parseRecord, utf8Boundary } from './stageCsv.ts';

// Byte patterns that force the staging pass: a quote (cells may span lines), CR (line ends other than LF),
// a blank or possibly blank row (a line that is empty or starts with a comma, space or tab), and the
// full-width characters toHalfWidth maps (０-９ ＋ － ． ％, U+3000, U+00A0).
const PATTERNS: Buffer[] = [
  Buffer.from('"'),
  Buffer.from('\r'),
  Buffer.from('\n\n'),
  Buffer.from('\n,'),
  Buffer.from('\n '),
  Buffer.from('\n\t'),
  Buffer.from([0xe3, 0x80, 0x80]),
  Buffer.from([0xc2, 0xa0]),
  ...[0x85, 0x8b, 0x8d, 0x8e, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99].map((b) => Buffer.from([0xef, 0xbc, b])),
];

export interface SimpleCsv {
  header: string[];
}

/**
 * probeSimpleCsv — a file is "simple" when it is valid UTF-8 (BOM allowed), its first line is a non-empty header,
 * and it contains none of PATTERNS (checked across chunk boundaries). Then every line after the header is one
 * non-blank record, so record k (0-based) is spreadsheet row k + 2 and DuckDB can read the file directly.
 * Returns null when the file is not simple (the caller stages it instead, which also reports any fault).
 */
export async function probeSimpleCsv(file: string): Promise<SimpleCsv | null> {
  let tail: Buffer = Buffer.alloc(0); // last bytes of the previous chunk (patterns are ≤ 3 bytes)
  let pending: Buffer = Buffer.alloc(0); // incomplete UTF-8 sequence
  let first = true;
  let headerBytes: Buffer | null = null;
  let headerParts: Buffer[] = [];
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    let b = chunk;
    if (first) {
      first = false;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
      if (b.length === 0 || b[0] === 0x0a || b[0] === 0x2c || b[0] === 0x20 || b[0] === 0x09) return null;
    }
    const joined = tail.length > 0 ? Buffer.concat([tail, b]) : b;
    for (const p of PATTERNS) if (joined.indexOf(p) >= 0) return null;
    const withPending = pending.length > 0 ? Buffer.concat([pending, b]) : b;
    const cut = utf8Boundary(withPending);
    if (!isUtf8(withPending.subarray(0, cut))) return null;
    pending = Buffer.from(withPending.subarray(cut));
    tail = Buffer.from(joined.subarray(Math.max(0, joined.length - 2)));
    if (headerBytes === null) {
      const nl = b.indexOf(0x0a);
      if (nl < 0) headerParts.push(Buffer.from(b));
      else {
        headerParts.push(b.subarray(0, nl));
        headerBytes = Buffer.concat(headerParts);
        headerParts = [];
      }
    }
  }
  if (pending.length > 0) return null;
  if (headerBytes === null) return null; // header only, without a newline: let the stager report it
  const header = parseRecord(headerBytes.toString('utf8'));
  return header.some((h) => h.trim() !== '') ? { header } : null;
}
