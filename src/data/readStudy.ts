import { basename, dirname, resolve, relative } from 'node:path';
import { parseStudy } from '../study/config/index.ts';
import type { StudyConfig } from '../study/types.ts';
import { readStudyText } from './readStudyText.ts';

export interface LoadedStudy {
  path: string;
  dir: string;
  /** The path for console messages: relative to the working directory when inside it (outputs use config.source). */
  display: string;
  text: string;
  config: StudyConfig;
}

/**
 * How outputs name a study file: its folder and name ('wechat-2019/study.yaml' for an absolute path), the same
 * bytes from any working directory whatever path the user typed.
 */
export const studySource = (abs: string): string => `${basename(dirname(abs))}/${basename(abs)}`;

/** Read and validate a study file (no data is read). */
export function readStudy(path: string): LoadedStudy {
  const abs = resolve(path);
  const display = relative(process.cwd(), abs) || abs;
  const shown = display.startsWith('..') ? abs : display;
  const text = readStudyText(abs, shown);
  const config = parseStudy(text, shown);
  // errors while parsing, above, give the path as typed; outputs use studySource
  config.source = studySource(abs);
  return { path: abs, dir: dirname(abs), display: shown, text, config };
}
