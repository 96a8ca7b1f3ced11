// Reading a zip archive on disk (the container of .xlsx files): its central directory, and one entry at a
// time as a stream of inflated bytes, its CRC-32 checked at the end. Node only (node:fs, node:zlib).
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw, crc32 } from 'node:zlib';
import { LocalizedError } from '../locale/errorText.ts';

/** A fault of the archive, worded in each language: `.message` is the English text, `.texts` both. */
export const zipFault = (zh: string, en: string): LocalizedError => new LocalizedError({ zh, en });

export interface ZipDirEntry {
  name: string;
  method: number;
  crc: number;
  packed: number;
  size: number;
  /** offset of the local file header */
  local: number;
}

export interface ZipFile {
  entries: Map<string, ZipDirEntry>;
  /** The entry's bytes, inflated, in chunks; fails on a CRC-32 or size mismatch. */
  read(name: string): AsyncIterable<Buffer>;
  /** The whole entry as text (UTF-8). */
  text(name: string): Promise<string>;
}

/**
 * readZip(path) → the archive's directory (PKWARE APPNOTE 4.3.12 central directory headers, found from the
 * end-of-central-directory record, 4.3.16) and readers of its entries (methods 0, stored, and 8, deflate).
 * Fails with a plain Error for what is not a zip, ZIP64 archives, encrypted entries and other methods.
 */
export async function readZip(path: string): Promise<ZipFile> {
  const fh = await open(path, 'r');
  let entries: Map<string, ZipDirEntry>;
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 22 + 65535);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw zipFault('不是 ZIP 压缩包，找不到中央目录结束记录', 'not a zip archive (no end-of-central-directory record)');
    const count = tail.readUInt16LE(eocd + 10), dirSize = tail.readUInt32LE(eocd + 12), dirAt = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirAt === 0xffffffff) throw zipFault('不支持 ZIP64 压缩包', 'ZIP64 archives are not supported');
    if (dirAt + dirSize > size) throw zipFault('中央目录超出了文件末尾，文件可能被截断', 'the central directory lies beyond the end of the file (truncated?)');
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirAt);
    entries = new Map();
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) throw zipFault(`中央目录第 ${k} 项已损坏`, `bad central directory entry ${k}`);
      const flags = dir.readUInt16LE(p + 8);
      const n = dir.readUInt16LE(p + 28), extra = dir.readUInt16LE(p + 30), comment = dir.readUInt16LE(p + 32);
      const name = dir.subarray(p + 46, p + 46 + n).toString(flags & 0x0800 ? 'utf8' : 'latin1');
      if (flags & 1) throw zipFault(`条目 ${name} 已加密`, `entry ${name} is encrypted`);
      entries.set(name, { name, method: dir.readUInt16LE(p + 10), crc: dir.readUInt32LE(p + 16), packed: dir.readUInt32LE(p + 20), size: dir.readUInt32LE(p + 24), local: dir.readUInt32LE(p + 42) });
      p += 46 + n + extra + comment;
    }
  } finally {
    await fh.close();
  }
  async function* read(name: string): AsyncGenerator<Buffer> {
    const e = entries.get(name);
    if (!e) throw zipFault(`没有条目 ${name}`, `no entry ${name}`);
    if (e.method !== 0 && e.method !== 8) throw zipFault(`条目 ${name}：不支持压缩方法 ${e.method}`, `entry ${name}: compression method ${e.method} is not supported`);
    const h = await open(path, 'r');
    const head = Buffer.alloc(30);
    try {
      await h.read(head, 0, 30, e.local);
    } finally {
      await h.close();
    }
    if (head.readUInt32LE(0) !== 0x04034b50) throw zipFault(`条目 ${name}：本地文件头已损坏`, `entry ${name}: bad local header`);
    const start = e.local + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    if (e.packed === 0) {
      if (e.size !== 0) throw zipFault(`条目 ${name}：应有 ${e.size} 字节，数据却是空的`, `entry ${name}: empty data for ${e.size} bytes`);
      return;
    }
    const raw = createReadStream(path, { start, end: start + e.packed - 1, highWaterMark: 1 << 16 });
    const source = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    raw.on('error', (err) => source.destroy(err));
    let crc = 0, got = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      crc = crc32(chunk, crc);
      got += chunk.length;
      yield chunk;
    }
    if (got !== e.size || crc !== e.crc) throw zipFault(`条目 ${name} 已损坏（大小或 CRC-32 校验不符）`, `entry ${name} is damaged (size or CRC-32 does not match)`);
  }
  return {
    entries,
    read,
    async text(name) {
      const parts: Buffer[] = [];
      for await (const c of read(name)) parts.push(c);
      return Buffer.concat(parts).toString('utf8');
    },
  };
}
