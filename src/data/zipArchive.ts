// A zip archive written in memory (the container of .xlsx files): each entry deflated with node:zlib,
// CRC-32 from zlib.crc32, every entry dated 1980-01-01 00:00 so that the same entries give the same bytes.
import { crc32, deflateRawSync } from 'node:zlib';
import { LocalizedError, internalError } from '../locale/errorText.ts';

/** DOS time 00:00:00 and date 1980-01-01 (the earliest a zip can state). */
const DOS_TIME = 0, DOS_DATE = 0x21;

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
}

/**
 * zipArchive(entries) → the bytes of a zip archive holding `entries` in the given order, each deflated
 * (method 8; stored, method 0, when deflate would not shrink it). Format: PKWARE APPNOTE 4.3.7 (local
 * file header), 4.3.12 (central directory header), 4.3.16 (end of central directory); names in UTF-8
 * (general purpose flag bit 11). No ZIP64: fails beyond 65,535 entries or 4 GiB.
 * Example: zipArchive([{ name: 'a.txt', data: 'hi' }]) is 110 bytes (stored: deflate would not shrink 2 bytes).
 */
export function zipArchive(entries: ZipEntry[]): Uint8Array {
  if (entries.length > 0xffff) throw internalError(`zipArchive: ${entries.length} entries; at most 65,535 without ZIP64`);
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const deflated = deflateRawSync(raw, { level: 6 });
    const stored = deflated.length >= raw.length;
    const body = stored ? raw : deflated;
    const crc = crc32(raw);
    if (offset + 30 + name.length + body.length > 0xffffffff) throw new LocalizedError({ zh: 'zipArchive：压缩包超过 4 GiB；不写 ZIP64 格式', en: 'zipArchive: archive larger than 4 GiB; ZIP64 is not written' });
    // The fields the local header (from +4) and the central header (from +6) share: version needed,
    // flags (UTF-8 names), method, time, date, CRC-32, sizes, name length.
    const common = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
      b.writeUInt16LE(0x0800, at + 2);
      b.writeUInt16LE(stored ? 0 : 8, at + 4);
      b.writeUInt16LE(DOS_TIME, at + 6);
      b.writeUInt16LE(DOS_DATE, at + 8);
      b.writeUInt32LE(crc, at + 10);
      b.writeUInt32LE(body.length, at + 14);
      b.writeUInt32LE(raw.length, at + 18);
      b.writeUInt16LE(name.length, at + 22);
      return b;
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    common(head, 6);
    head.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(head, name);
    offset += local.length + name.length + body.length;
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}
