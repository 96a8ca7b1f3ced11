// The shape of one table of the report, the workbook and the dashboard: columns with their kind, rows of cells.
import type { ColumnKind, Label } from '../locale/index.ts';

/** A number whose kind differs from its column's (e.g. the headline table mixes jobs, yuan and shares). */
export interface KindedNumber {
  value: number;
  kind: ColumnKind;
}
/** A table cell: text, a number in the column's kind (base units), a zh/en label, a number of its own kind, or null (shown as –). */
export type Cell = string | number | null | Label | KindedNumber;
/** A column: stable key, bilingual header and kind (display units, decimals, workbook format). */
export interface Column {
  key: string;
  label: Label;
  kind: ColumnKind;
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
