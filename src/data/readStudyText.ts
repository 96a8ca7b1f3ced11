import { existsSync, readFileSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { firstInvalidUtf8 } from './stageCsv.ts';
import { LocalizedError } from '../locale/errorText.ts';

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
    throw new LocalizedError({ zh: `找不到研究文件：${display}`, en: `study file not found: ${display}` });
  }
  if (st.isDirectory()) {
    const inside = join(path, 'study.yaml');
    const has = existsSync(inside);
    throw new LocalizedError({
      zh: `${display}：这是文件夹，不是研究文件${has ? `；是否要用 ${join(display, 'study.yaml')}？` : '（请给出其中 study.yaml 的路径）'}`,
      en: `${display}: is a folder, not a study file${has ? `; did you mean ${join(display, 'study.yaml')}?` : ' (give the path of its study.yaml)'}`,
    });
  }
  if (!st.isFile()) throw new LocalizedError({ zh: `${display}：不是普通文件`, en: `${display}: not a regular file` });
  if (st.size > STUDY_FILE_LIMIT) {
    const [size, limit] = [(st.size / 1048576).toFixed(1), STUDY_FILE_LIMIT / 1048576];
    throw new LocalizedError({
      zh: `${display}：研究文件有 ${size} MiB，上限为 ${limit} MiB（研究文件只写设置；数据应放在它指向的问卷文件中）`,
      en: `${display}: the study file is ${size} MiB; the limit is ${limit} MiB (a study file holds settings; data belong in the questionnaire files it names)`,
    });
  }
  let bytes: Buffer = readFileSync(path);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = bytes.indexOf(10); i >= 0 && i < at; i = bytes.indexOf(10, i + 1)) line++;
    const byte = bytes[at].toString(16).padStart(2, '0');
    throw new LocalizedError({
      zh: `${display}:${line}：编码：研究文件不是有效的 UTF-8（字节 0x${byte}），看来是以 GBK/GB18030 或其他编码保存的：请另存为 UTF-8`,
      en: `${display}:${line}: encoding: the study file is not valid UTF-8 (byte 0x${byte}); it looks saved as GBK/GB18030 or another encoding: save it as UTF-8`,
    });
  }
  return bytes.toString('utf8');
}
