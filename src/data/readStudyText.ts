import { existsSync, readFileSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { firstInvalidUtf8 } from './stageCsv.ts';

/** A study file holds settings, not data: larger than this is refused before it is read. */
export const STUDY_FILE_LIMIT = 4 * 1024 * 1024;

/**
 * readStudyText(path, display) → the study file's text. Refused with a message naming the file: a missing
 * path, a folder (pointing at its study.yaml if there is one), a file over STUDY_FILE_LIMIT (checked
 * before reading), bytes that are not UTF-8 (with the line: "encoding"). A UTF-8 byte-order mark is dropped.
 * Example: readStudyText('S', 'S') throws "S: is a folder, not a study file; did you mean S/study.yaml?".
 */
export function readStudyText(path: string, display: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new Error(`study file not found: ${display}`);
  }
  if (st.isDirectory()) {
    const inside = join(path, 'study.yaml');
    throw new Error(`${display}: is a folder, not a study file${existsSync(inside) ? `; did you mean ${join(display, 'study.yaml')}?` : ' (give the path of its study.yaml)'}`);
  }
  if (!st.isFile()) throw new Error(`${display}: not a regular file`);
  if (st.size > STUDY_FILE_LIMIT)
    throw new Error(`${display}: the study file is ${(st.size / 1048576).toFixed(1)} MiB; the limit is ${STUDY_FILE_LIMIT / 1048576} MiB (a study file holds settings; data belong in the questionnaire files it names)`);
  let bytes: Buffer = readFileSync(path);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = bytes.indexOf(10); i >= 0 && i < at; i = bytes.indexOf(10, i + 1)) line++;
    throw new Error(
      `${display}:${line}: encoding: the study file is not valid UTF-8 (byte 0x${bytes[at].toString(16).padStart(2, '0')}); it looks saved as GBK/GB18030 or another encoding: save it as UTF-8`,
    );
  }
  return bytes.toString('utf8');
}
