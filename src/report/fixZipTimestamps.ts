// Zip archives (xlsx) stamp each entry with the time it was written. For byte-identical outputs,
// overwrite the DOS time/date of every entry (local header and central directory) with a fixed value.
import { internalError } from '../locale/errorText.ts';

const EOCD = 0x06054b50, CENTRAL = 0x02014b50, LOCAL = 0x04034b50;

/**
 * fixZipTimestamps(zip) → the same archive with every entry's modification time set to 1980-01-01
 * 00:00 (DOS time 0x0000, date 0x0021), the earliest a zip can state. Works in place on a copy.
 * Format: PKWARE APPNOTE 4.3.7 (local header: time at +10, date at +12), 4.3.12 (central header:
 * time at +12, date at +14, local header offset at +42), 4.3.16 (end of central directory).
 * Fails on data that is not a single-disk zip (no end-of-central-directory record, bad signatures):
 * an internalError, as its only input is a workbook exceljs has just written.
 */
export function fixZipTimestamps(zip: Uint8Array): Uint8Array {
  const out = new Uint8Array(zip);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw internalError('fixZipTimestamps: not a zip archive (no end-of-central-directory record)');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  for (let k = 0; k < count; k++) {
    if (dv.getUint32(p, true) !== CENTRAL) throw internalError(`fixZipTimestamps: bad central directory entry ${k} at byte ${p}`);
    dv.setUint16(p + 12, 0, true);
    dv.setUint16(p + 14, 0x21, true);
    const local = dv.getUint32(p + 42, true);
    if (dv.getUint32(local, true) !== LOCAL) throw internalError(`fixZipTimestamps: bad local header of entry ${k} at byte ${local}`);
    dv.setUint16(local + 10, 0, true);
    dv.setUint16(local + 12, 0x21, true);
    p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return out;
}
