// The GBK and GB18030 decoding tables, taken from iconv-lite (a devDependency) so that the decoder (gbDecoder.ts) gives
// iconv-lite's text: each byte, each two-byte sequence and the four-byte ranges decoded by iconv-lite itself. From the
// sources (tests, tsx) they are made here at first use; scripts/build.mjs writes them to dist/gbTables.bin and the
// compiled package reads that file instead (iconv-lite is not installed with it).
import iconv from 'iconv-lite';
import cp936 from 'iconv-lite/encodings/tables/cp936.json' with { type: 'json' };
import gbkAdded from 'iconv-lite/encodings/tables/gbk-added.json' with { type: 'json' };
import ranges from 'iconv-lite/encodings/tables/gb18030-ranges.json' with { type: 'json' };
import { INVALID, LEAD, packGbTables, unpackGbTables, type GbTables } from './gbTableFormat.ts';
import { internalError } from '../locale/errorText.ts';

/** The tables of `encoding` as packGbTables' array: GB18030's (a superset of GBK's two-byte table) for both. */
export function gbTablesArray(): Int32Array {
  const one = (bytes: number[]) => iconv.decode(Buffer.from(bytes), 'gb18030');
  const single = new Int32Array(128);
  for (let k = 0; k < 128; k++) {
    const b = 0x80 + k;
    const s = one([b]);
    single[k] = b >= 0x81 && b <= 0xfe ? LEAD : s.length === 1 && s !== '\ufffd' ? s.charCodeAt(0) : INVALID;
  }
  const pairs = new Int32Array(126 * 256);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const s = one([lead, trail]);
      if (s.length === 1 && s !== '\ufffd') pairs[(lead - 0x81) * 256 + trail] = s.charCodeAt(0);
    }
  }
  // four-byte sequences the tables list singly (their address above 0xFFFF), decoded as iconv-lite decodes them
  const singles: number[] = [];
  for (const table of [cp936, gbkAdded] as unknown as [string, ...(string | number)[]][][]) {
    for (const [address, ...items] of table) {
      const start = parseInt(address, 16);
      if (start <= 0xffff) continue;
      const count = items.reduce<number>((k, x) => k + (typeof x === 'number' ? x : x.length), 0);
      for (let k = 0; k < count; k++) {
        const bytes = [(start + k) >>> 24, ((start + k) >> 16) & 0xff, ((start + k) >> 8) & 0xff, (start + k) & 0xff];
        const s = one(bytes);
        const fourByteForm = bytes[0] >= 0x81 && bytes[0] <= 0xfe && bytes[1] >= 0x30 && bytes[1] <= 0x39 && bytes[2] >= 0x81 && bytes[2] <= 0xfe && bytes[3] >= 0x30 && bytes[3] <= 0x39;
        if (!fourByteForm || s.length !== 1 || s !== iconv.decode(Buffer.from(bytes), 'gbk')) throw internalError(`GBK tables: ${address}+${k} is not a four-byte sequence of one character in GBK and GB18030`);
        singles.push(...bytes, s.charCodeAt(0));
      }
    }
  }
  return packGbTables({ single, pairs, gbChars: Int32Array.from(ranges.gbChars), uChars: Int32Array.from(ranges.uChars), singles: Int32Array.from(singles) });
}

let tables: GbTables | undefined;
/** gbTables() → the decoding tables (made once). */
export const gbTables = (): GbTables => (tables ??= unpackGbTables(gbTablesArray()));
