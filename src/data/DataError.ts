import { LocalizedError, type ErrorWords } from '../locale/errorText.ts';

/**
 * DataError — a whole-file fault in a questionnaire file (missing file, empty file, missing or
 * ambiguous column, undecodable bytes, unreadable workbook, missing sheet). The run must stop:
 * no figure can be computed from a file that cannot be read as declared.
 *
 * Fields locate the fault for the CLI: `file` is the path as the user wrote it (displayPath),
 * `row` the spreadsheet row (header = 1), `column` the header or field, `yamlPath` the key in
 * study.yaml (e.g. `questionnaires.providers.columns.employees`).
 *
 * The text may be given in both languages (a Label): `.message` is then the English one and
 * errorText(e, lang) (src/locale) the one a command prints.
 *
 * Example: new DataError('providers.csv: no such file', { file: 'providers.csv' }).message
 *   === 'providers.csv: no such file';
 *   new DataError({zh: 'providers.csv：找不到文件', en: 'providers.csv: no such file'}, …) prints the zh text under --lang zh.
 */
export class DataError extends LocalizedError {
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  readonly yamlPath?: string;
  constructor(message: ErrorWords, where: { file: string; row?: number; column?: string; yamlPath?: string }) {
    super(message);
    this.name = 'DataError';
    this.file = where.file;
    if (where.row !== undefined) this.row = where.row;
    if (where.column !== undefined) this.column = where.column;
    if (where.yamlPath !== undefined) this.yamlPath = where.yamlPath;
  }
}
