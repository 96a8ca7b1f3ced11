// Economy-wide persons employed per unit of gross output in one year.
import type { EmploymentByDivision } from './parseEmploymentByDivision.ts';
import type { IOTable } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';

/**
 * jobs per output = total employment (row TOT, 万人 × 10⁴) / Σ_j x_j (table unit). This is the ratio
 * the 2020 report's indirect jobs imply (361.6 万 / 11301 亿元 ≈ 320 per 亿元; METHOD.md §2).
 * Failures: year not in the file, or total output ≤ 0 → Error.
 * Example: 2017 with the NBS 2017 table → 77,640 万 / 22,577,335,292 万元 = 0.034388 persons per 万元
 * (343.9 per 亿元).
 */
export function nationalJobsPerOutput(
  employment: EmploymentByDivision,
  year: number,
  table: Pick<IOTable, 'x' | 'source' | 'unit'>,
): { persons: number; output: number; perUnit: number; unit: string } {
  const t = employment.years.indexOf(year);
  if (t < 0) throw new LocalizedError({ zh: `${employment.source}：没有 ${year} 年的数据`, en: `${employment.source}: no year ${year}` });
  const output = table.x.reduce((s, v) => s + v, 0);
  if (!(output > 0)) throw new LocalizedError({ zh: `${table.source}：总产出合计为 ${output}（应为正数）`, en: `${table.source}: total gross output is ${output}` });
  const persons = employment.total[t] * 1e4;
  return { persons, output, perUnit: persons / output, unit: `persons per ${table.unit || 'table unit'}` };
}
