// An error about one row of the data a design was built from.
import type { Label } from '../locale/lang.ts';
import { LocalizedError } from '../locale/errorText.ts';

/**
 * RowError(row, words) — a fault in row `row` (0-based) of the data given to the engine, worded by
 * `words(place)` with the row's place: by default {zh: '第 6 行', en: 'row 6'} (row + 1). A caller that
 * knows where the rows came from says it again with its own place (`at`): the survey command gives a
 * CSV's line (header = row 1) or a JSON file's record, after the rows it rejected.
 * Example: new RowError(5, (p) => ({zh: `列 'pw' ${p.zh}缺失`, en: `column 'pw' is missing at ${p.en}`})).message
 *   === "column 'pw' is missing at row 6"; .at({zh: '第 7 行', en: 'row 7'}).message === "column 'pw' is missing at row 7".
 */
export class RowError extends LocalizedError {
  constructor(readonly row: number, private readonly words: (place: Label) => Label) {
    super(words({ zh: `第 ${row + 1} 行`, en: `row ${row + 1}` }));
  }

  /** The same fault with the row's place as the caller names it. */
  at(place: Label): LocalizedError {
    return new LocalizedError(this.words(place));
  }
}
