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

/** Read and validate a study file (no data is read). */
export function readStudy(path: string): LoadedStudy {
  const abs = resolve(path);
  const display = relative(process.cwd(), abs) || abs;
  const shown = display.startsWith('..') ? abs : display;
  const text = readStudyText(abs, shown);
  const config = parseStudy(text, shown);
  // Outputs name the study file by its folder and name, the same from any working directory
  // (errors while parsing, above, give the path as typed).
  config.source = `${basename(dirname(abs))}/${basename(abs)}`;
  return { path: abs, dir: dirname(abs), display: shown, text, config };
}
