// The text cells and sheet names of an .xlsx file, read straight from its zip entries (shared
// strings, inline strings, workbook sheet names): what a reader of tables.xlsx sees as words.
import { inflateRawSync } from 'node:zlib';

/** The zip entries of `buf` by name (stored or deflated), from the central directory. */
function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 0 ? data : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const unescapeXml = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] as string);

/** xlsxText(buffer) → every text a reader sees in the workbook: sheet names and text cells. */
export function xlsxText(buf: Buffer): string[] {
  const files = unzip(buf);
  const texts: string[] = [];
  const xml = (name: string) => files.get(name)?.toString('utf8') ?? '';
  for (const m of xml('xl/workbook.xml').matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)) texts.push(unescapeXml(m[1]));
  // Shared strings and inline strings: the text of each <si>/<is>, its runs joined.
  const strings = (s: string, tag: string) => [...s.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => [...m[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => unescapeXml(t[1])).join(''));
  texts.push(...strings(xml('xl/sharedStrings.xml'), 'si'));
  for (const [name, data] of files) if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) texts.push(...strings(data.toString('utf8'), 'is'));
  return texts.map((t) => t.trim()).filter(Boolean);
}
