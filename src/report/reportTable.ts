// The shape of one table of the report, the workbook and the dashboard: columns with their kind, rows of cells.
import type { ColumnKind, Label } from '../locale/index.ts';

/** A number whose kind differs from its column's (e.g. the headline table mixes jobs, yuan and shares). */
export interface KindedNumber {
  value: number;
  kind: ColumnKind;
  /** The row's figure value: its magnitude sets the row's English unit (million or thousand jobs), see unitLabelFor. */
  ref?: number;
}
/** A table cell: text, a number in the column's kind (base units), a zh/en label, a number of its own kind, or null (shown as –). */
export type Cell = string | number | null | Label | KindedNumber;
/** A column: stable key, bilingual header and kind (display units, decimals, workbook format). */
export interface Column {
  key: string;
  label: Label;
  kind: ColumnKind;
  /**
   * A reference column (figure or parameter ids, solver tolerances): kept in tables.xlsx and the
   * appendix, left out of the reader's view of the report and the dashboard (shown as the row's tooltip).
   */
  detail?: true;
}
/** One table of the report, workbook and dashboard (e.g. id 'components': one row per direct-jobs component). */
export interface ReportTable {
  id: string;
  title: Label;
  columns: Column[];
  rows: Cell[][];
  /** Figure id behind each row (for explain links and tests), or null. */
  figureIds: (string | null)[];
  note?: Label;
}

/** A reference column (ids, solver tolerances): kept in the workbook, the row's tooltip in the report. */
export const referenceColumn = (key: string, zh: string, en: string): Column => ({ key, label: { zh, en }, kind: 'text', detail: true });
