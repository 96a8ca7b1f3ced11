import { LocalizedError } from '../locale/errorText.ts';
import type { Label } from '../locale/lang.ts';

/**
 * DataError — a whole-file fault in a questionnaire file (missing file, empty file, missing or
 * ambiguous column, undecodable bytes, unreadable workbook, missing sheet). The run must stop:
 * no figure can be computed from a file that cannot be read as declared.
 *
 * Fields locate the fault for the CLI: `file` is the path as the user wrote it (displayPath),
 * `row` the spreadsheet row (header = 1), `column` the header or field, `yamlPath` the key in
 * study.yaml (e.g. `questionnaires.providers.columns.employees`).
 *
 * The text is given in both languages (a Label; the type requires it, so no data error is
 * English-only): `.message` is the English one and errorText(e, lang) (src/locale) the one a
 * command prints. File, row, column and YAML path are names and stay as written in both.
 *
 * Example: new DataError({zh: 'providers.csv：文件不存在', en: 'providers.csv: no such file'}, { file: 'providers.csv' })
 *   .message === 'providers.csv: no such file'; errorText(it, 'zh') === 'providers.csv：文件不存在'.
 */
export class DataError extends LocalizedError {
  declare readonly texts: Label;
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  readonly yamlPath?: string;
  constructor(message: Label, where: { file: string; row?: number; column?: string; yamlPath?: string }) {
    super(message);
    this.name = 'DataError';
    this.file = where.file;
    if (where.row !== undefined) this.row = where.row;
    if (where.column !== undefined) this.column = where.column;
    if (where.yamlPath !== undefined) this.yamlPath = where.yamlPath;
  }
}
