// A streaming GBK / GB18030 decoder with iconv-lite's tables (gbTables.ts), without building iconv-lite's codec (its
// decoding and encoding tables cost a run ≈ 20 ms before the first byte). For valid text it gives iconv-lite's text
// chunk by chunk (a sequence split between chunks is completed by the next); at the first byte sequence that is not
// a character it writes U+FFFD, where iconv-lite writes its first U+FFFD, and stops (the reader refuses the file
// there: what follows is never read).
import { endianness } from 'node:os';
import { gbTables } from './gbTables.ts';
import { LEAD } from './gbTableFormat.ts';

export interface GbDecoder {
  write(chunk: Uint8Array): string;
  /** the end of the input: U+FFFD when it ends inside a sequence, else '' */
  end(): string;
}

/**
 * gbDecoder('gbk' | 'gb18030'): GBK is the two-byte table (with 0x80 = €); GB18030 adds the four-byte sequences
 * (lead 0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39), mapped by its linear index through the ranges (GB 18030 §6).
 * Example: gbDecoder('gbk').write(Buffer.from([0xc4, 0xe3, 0x41])) === '你A'.
 */
export function gbDecoder(encoding: 'gbk' | 'gb18030'): GbDecoder {
  const { single, pairs, gbChars, uChars, singles } = gbTables();
  const four = encoding === 'gb18030';
  let pending: number[] = []; // the bytes of an incomplete sequence at the end of the last chunk
  let failed = false;
  /** The code point of a four-byte sequence's linear index (the last range starting at or below it, then linear). */
  const fourByte = (index: number): number => {
    let lo = 0, hi = gbChars.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (gbChars[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return uChars[lo] + index - gbChars[lo];
  };
  return {
    write(chunk) {
      if (failed) return '';
      let b = chunk;
      if (pending.length > 0) {
        b = new Uint8Array(pending.length + chunk.length);
        b.set(pending);
        b.set(chunk, pending.length);
      }
      pending = [];
      const out = new Uint16Array(b.length + 1);
      let j = 0;
      let i = 0;
      const n = b.length;
      while (i < n) {
        const c = b[i];
        if (c < 0x80) {
          out[j++] = c;
          i++;
          continue;
        }
        const s = single[c - 0x80];
        if (s !== LEAD) {
          if (s < 0) return fail(out, j);
          out[j++] = s;
          i++;
          continue;
        }
        if (i + 1 >= n) break; // the sequence goes on in the next chunk
        const t = b[i + 1];
        if (t >= 0x30 && t <= 0x39) {
          // a four-byte sequence listed singly (the only four-byte characters of GBK)
          let listed = -1, prefix = false;
          for (let k = 0; k < singles.length; k += 5) {
            if (singles[k] !== c || singles[k + 1] !== t) continue;
            const have = Math.min(4, n - i);
            let same = true;
            for (let q = 2; q < have; q++) if (b[i + q] !== singles[k + q]) same = false;
            if (same && have < 4) prefix = true;
            else if (same) listed = singles[k + 4];
          }
          if (listed >= 0) {
            out[j++] = listed;
            i += 4;
            continue;
          }
          if (prefix) break; // it may go on in the next chunk
          if (!four) return fail(out, j);
          if (i + 2 >= n) break;
          const u = b[i + 2];
          if (u < 0x81 || u > 0xfe) return fail(out, j);
          if (i + 3 >= n) break;
          const v = b[i + 3];
          if (v < 0x30 || v > 0x39) return fail(out, j);
          let code = fourByte((c - 0x81) * 12600 + (t - 0x30) * 1260 + (u - 0x81) * 10 + (v - 0x30));
          if (code >= 0x10000) {
            code -= 0x10000;
            out[j++] = 0xd800 | (code >> 10);
            code = 0xdc00 | (code & 0x3ff);
          }
          out[j++] = code;
          i += 4;
          continue;
        }
        const p = pairs[(c - 0x81) * 256 + t];
        if (p === 0) return fail(out, j);
        out[j++] = p;
        i += 2;
      }
      for (; i < n; i++) pending.push(b[i]);
      return text(out, j);
    },
    end() {
      if (failed || pending.length === 0) return '';
      pending = [];
      failed = true;
      return '\ufffd';
    },
  };
  function fail(out: Uint16Array, j: number): string {
    failed = true;
    out[j++] = 0xfffd;
    return text(out, j);
  }
}

const LITTLE_ENDIAN = endianness() === 'LE';
/** The code units as a string (UTF-16LE bytes: swapped first on a big-endian machine). */
function text(units: Uint16Array, length: number): string {
  const bytes = Buffer.from(units.buffer, units.byteOffset, length * 2);
  return (LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap16()).toString('utf16le');
}
