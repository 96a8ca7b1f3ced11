// Row and column balance of a table: supply = use and input = output, within a tolerance.
import type { IOTable } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** One sector whose two totals differ by more than the tolerance. */
export interface Imbalance {
  code: string;
  /** 'row': Σ_j z_ij + Σ f_i − imports_i vs x_i. 'column': Σ_i z_ij + Σ v_j vs x_j. */
  kind: 'row' | 'column';
  total: number;
  x: number;
  /** |total − x| / max(|x|, 1). */
  relative: number;
}

/**
 * Balance of a table (Miller & Blair 2009, §2.2): each row (intermediate use + final use −
 * imports) and each column (intermediate input + value added) must equal gross output x.
 * Returns every sector exceeding `tolerance` in relative terms, largest first; `ok` when none.
 * Column checks are skipped (and `columnsChecked` false) for a table without value-added rows.
 * Failure: tolerance not a non-negative number → Error.
 * Example: the NBS 2017 table with tolerance 1e-9 → { ok: true, imbalances: [] } (max 1e-15).
 */
export function checkBalance(table: IOTable, tolerance = 1e-6): { ok: boolean; columnsChecked: boolean; imbalances: Imbalance[]; maxRelative: number } {
  if (!(tolerance >= 0)) throw new LocalizedError({ zh: `checkBalance：容差 ${tolerance} 无效（应为非负数）`, en: `checkBalance: invalid tolerance: ${tolerance}` });
  const { n, Z, x, codes } = table;
  const imbalances: Imbalance[] = [];
  let maxRelative = 0;
  const record = (kind: 'row' | 'column', i: number, total: number): void => {
    const relative = Math.abs(total - x[i]) / Math.max(Math.abs(x[i]), 1);
    maxRelative = Math.max(maxRelative, relative);
    if (relative > tolerance) imbalances.push({ code: codes[i], kind, total, x: x[i], relative });
  };
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Z[i * n + j];
    for (const f of table.finalDemand) s += f.values[i];
    if (table.imports) s -= table.imports[i];
    record('row', i, s);
  }
  const columnsChecked = table.valueAdded.length > 0;
  if (columnsChecked) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Z[i * n + j];
      for (const v of table.valueAdded) s += v.values[j];
      record('column', j, s);
    }
  }
  imbalances.sort((a, b) => b.relative - a.relative);
  return { ok: imbalances.length === 0, columnsChecked, imbalances, maxRelative };
}
