// The GBK / GB18030 decoding tables as one Int32Array (their bytes are dist/gbTables.bin in the compiled package):
//   [0], [1]             n, the number of GB18030 four-byte ranges; m, the number of four-byte sequences listed singly
//   [2 … 130)            byte 0x80 + k alone: its UTF-16 code unit, LEAD (starts a two- or four-byte sequence) or INVALID
//   [130 … 130 + 32256)  two bytes (lead 0x81 + i, trail t) at 130 + i × 256 + t: the code unit, or 0 (not a character)
//   then n range starts (linear four-byte index), the n code points they map to, and m × (four bytes, code unit): the
//   sequences the tables list singly (in GBK too), e.g. 81 35 F4 37 → U+E7C7.
import { internalError } from '../locale/errorText.ts';
export const LEAD = -1;
export const INVALID = -2;
const PAIRS = 126 * 256;

export interface GbTables {
  single: Int32Array;
  pairs: Int32Array;
  /** GB18030's four-byte ranges: the linear index where each starts and the code point it maps to */
  gbChars: Int32Array;
  uChars: Int32Array;
  /** four-byte sequences with their own code unit: b1, b2, b3, b4, unit, … */
  singles: Int32Array;
}

/** The tables in the one-array layout above. */
export function packGbTables(t: GbTables): Int32Array {
  const n = t.gbChars.length;
  const m = t.singles.length / 5;
  const out = new Int32Array(2 + 128 + PAIRS + 2 * n + 5 * m);
  out[0] = n;
  out[1] = m;
  out.set(t.single, 2);
  out.set(t.pairs, 130);
  out.set(t.gbChars, 130 + PAIRS);
  out.set(t.uChars, 130 + PAIRS + n);
  out.set(t.singles, 130 + PAIRS + 2 * n);
  return out;
}

/** The tables read back from packGbTables' array (or its bytes, little-endian as this machine writes them). */
export function unpackGbTables(a: Int32Array): GbTables {
  const [n, m] = a;
  if (a.length !== 2 + 128 + PAIRS + 2 * n + 5 * m) throw internalError(`GBK tables: ${a.length} values, expected ${2 + 128 + PAIRS + 2 * n + 5 * m}`);
  const at = 130 + PAIRS;
  return { single: a.subarray(2, 130), pairs: a.subarray(130, at), gbChars: a.subarray(at, at + n), uChars: a.subarray(at + n, at + 2 * n), singles: a.subarray(at + 2 * n) };
}

/** The array as little-endian bytes (dist/gbTables.bin), and back: the same file on any machine. */
export function gbTablesBytes(a: Int32Array): Uint8Array {
  const out = new Uint8Array(a.length * 4);
  const view = new DataView(out.buffer);
  a.forEach((x, i) => view.setInt32(i * 4, x, true));
  return out;
}
export function gbTablesFromBytes(bytes: Uint8Array): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const a = new Int32Array(bytes.byteLength >> 2);
  for (let i = 0; i < a.length; i++) a[i] = view.getInt32(i * 4, true);
  return a;
}
