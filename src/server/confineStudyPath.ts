// A study path sent by the browser, checked against the dashboard's root directory.
import { existsSync, statSync } from 'node:fs';
import { confinePath } from '../data/index.ts';
import { LocalizedError, errorWords, type ErrorWords } from '../locale/errorText.ts';

/** A refused request: the HTTP status to answer with, and why (in one text, or in zh and en: the page shows its language). */
export class RequestError extends LocalizedError {
  constructor(
    readonly status: number,
    message: ErrorWords,
  ) {
    super(message);
  }
}

/**
 * confineStudyPath(root, rel) → the absolute path of a study file inside root.
 * Refused (RequestError 403): absolute paths, "..", backslashes, NUL, anything resolving outside
 * root (symlinks included, via confinePath); 400: not a .yaml/.yml file; 404: no such file.
 * Example: confineStudyPath('/srv/examples', '../../etc/passwd') → throws 403.
 */
export function confineStudyPath(root: string, rel: string): string {
  if (typeof rel !== 'string' || rel === '') throw new RequestError(400, { zh: '缺少研究文件路径', en: 'missing study path' });
  if (rel.startsWith('/') || rel.includes('\\') || rel.includes('\0') || rel.split('/').includes('..') || /^[a-zA-Z]:/.test(rel))
    throw new RequestError(403, {
      zh: `拒绝研究文件路径 ${JSON.stringify(rel)}：须为相对于看板根目录的路径，且不含 ".."`,
      en: `study path refused: ${JSON.stringify(rel)} (must be relative to the dashboard root, without "..")`,
    });
  let abs: string;
  try {
    abs = confinePath(root, rel, 'study');
  } catch (e) {
    throw new RequestError(403, errorWords(e));
  }
  if (!/\.ya?ml$/i.test(abs)) throw new RequestError(400, { zh: `不是研究文件（.yaml）：${JSON.stringify(rel)}`, en: `not a study file (.yaml): ${JSON.stringify(rel)}` });
  if (!existsSync(abs) || !statSync(abs).isFile()) throw new RequestError(404, { zh: `看板根目录下没有研究文件 ${JSON.stringify(rel)}`, en: `no study file ${JSON.stringify(rel)} under the dashboard root` });
  return abs;
}
