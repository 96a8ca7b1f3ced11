// Parse a final-demand shock file (sector,amount) into a vector over the table's sectors.
import { parseCell, parseCsv, tableFault } from './parseCsv.ts';
import { errorText, LocalizedError } from '../locale/errorText.ts';
import type { SectorDivisions } from './parseSectorDivisions.ts';
import { resolveSector } from './resolveSector.ts';
import type { IOTable } from './types.ts';

/**
 * CSV with columns `sector` (a code resolveSector accepts: '123', '64123') and `amount` (in the
 * table's money unit); other columns (e.g. a category label) are ignored. Several lines for one
 * sector add up (two consumption categories can map to the same sector).
 * Failures (Error naming source, row, column, value): missing column, unknown sector code,
 * non-numeric amount.
 * Example: 'sector,amount\n64123,2736\n64123,503' → 3239 at index 122 of the NBS 2017 table.
 */
export function parseDemand(text: string, table: Pick<IOTable, 'n' | 'codes' | 'names' | 'source'>, source = 'demand', divisions?: SectorDivisions): Float64Array {
  const rows = parseCsv(text, source);
  if (rows.length === 0) throw tableFault.empty(source);
  const header = rows[0].map((h) => h.trim());
  const sc = header.indexOf('sector');
  const ac = header.indexOf('amount');
  if (sc < 0) throw tableFault.missingColumn(source, 'sector');
  if (ac < 0) throw tableFault.missingColumn(source, 'amount');
  const f = new Float64Array(table.n);
  rows.slice(1).forEach((r, k) => {
    const code = (r[sc] ?? '').trim();
    let i: number;
    try {
      i = resolveSector(table, code, divisions);
    } catch (e) {
      throw new LocalizedError({ zh: `${source} 第 ${k + 2} 行「sector」列：${errorText(e, 'zh')}`, en: `${source}: row ${k + 2}, column sector: ${errorText(e, 'en')}` });
    }
    f[i] += parseCell(r[ac] ?? '', source, k + 2, 'amount');
  });
  return f;
}
