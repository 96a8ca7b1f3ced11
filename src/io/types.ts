// Shared shapes of the input–output engine: an immutable table and its named accounts.

/** A sector's or account's label in Chinese and English (either may be empty, never undefined). */
import type { Label } from '../locale/index.ts';
export type { Label };

/** Role of a value-added row: compensation of employees (劳动者报酬) drives Type II multipliers. */
export type ValueAddedRole = 'compensation' | 'taxes' | 'depreciation' | 'surplus' | 'other';

/**
 * Role of a final-demand column. `household` columns close the model for Type II; `exports`
 * enter the import share m = imports / (intermediate use + final use − exports).
 */
export type FinalDemandRole = 'household' | 'government' | 'investment' | 'inventory' | 'exports' | 'other';

/** One value-added row (length n, by using sector) or final-demand column (length n, by supplying sector). */
export interface Account<R extends string> {
  code: string;
  label: Label;
  role: R;
  values: Float64Array;
}

/**
 * A single-region (or flattened multi-region) input–output table in producers' prices.
 * Z[i*n+j] is the flow from sector i to sector j; x gross output; imports (competitive-import
 * form) is a column subtracted from supply, or null for a table without one.
 * Treat as immutable: functions return new arrays and never write into a table.
 */
export interface IOTable {
  n: number;
  codes: string[];
  names: Label[];
  /** n×n row-major intermediate flows. */
  Z: Float64Array;
  /** Gross output (= total input in a balanced table). */
  x: Float64Array;
  valueAdded: Account<ValueAddedRole>[];
  finalDemand: Account<FinalDemandRole>[];
  /** Competitive imports by product (positive numbers, subtracted from supply), or null. */
  imports: Float64Array | null;
  /** Unit of all money values, e.g. '万元'. */
  unit: string;
  /** Where the table came from (file name or description); named in every error. */
  source: string;
}
