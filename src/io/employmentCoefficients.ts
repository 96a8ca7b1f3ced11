// Employment per unit of output for each IO sector, from employment by division and a sector–division concordance.
import type { EmploymentByDivision } from './parseEmploymentByDivision.ts';
import type { SectorDivisions } from './parseSectorDivisions.ts';
import type { IOTable } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { missingFromDivisions } from './ioFaults.ts';

/**
 * For year t, each division d's employment E_d (万人 × 10⁴ = persons) is split over the sectors
 * S_d that list d in the concordance, in proportion to gross output:
 *   persons_s = Σ_{d ∋ s} E_d · x_s / Σ_{s' ∈ S_d} x_s',   e_s = persons_s / x_s
 * (persons per table unit, e.g. per 万元). A sector covering several divisions (126 货币金融和其他
 * 金融服务 = 66 + 69) sums them. Assumes labour per unit of output is equal across sectors of one
 * division (the usual proportional split; Miller & Blair 2009, §4.3 on concordances).
 * Returns `persons` by sector, `coefficients`, and `unallocated`: employment of divisions with no
 * table sector (0 for the shipped files).
 * Failures (Error naming the year, division or sector): year not in the file, a table sector
 * missing from the concordance, a division with employment whose sectors have zero output.
 * Example: 2017, sector 123 (互联网和相关服务, division 64 alone) → 159 万人 = 1,590,000 persons.
 */
export function employmentCoefficients(
  table: Pick<IOTable, 'n' | 'codes' | 'x' | 'source'>,
  employment: EmploymentByDivision,
  divisions: SectorDivisions,
  year: number,
): { coefficients: Float64Array; persons: Float64Array; unallocated: number } {
  const { n, codes, x, source } = table;
  const t = employment.years.indexOf(year);
  if (t < 0) {
    const have = `${employment.years[0]}–${employment.years[employment.years.length - 1]}`;
    throw new LocalizedError({ zh: `${employment.source}：没有 ${year} 年的数据（现有 ${have}）`, en: `${employment.source}: no year ${year} (have ${have})` });
  }
  const sectorsOf = new Map<string, number[]>();
  codes.forEach((c, s) => {
    const divs = divisions.get(c);
    if (!divs) throw missingFromDivisions(source, c);
    for (const d of divs) sectorsOf.set(d, [...(sectorsOf.get(d) ?? []), s]);
  });
  const persons = new Float64Array(n);
  let unallocated = 0;
  for (const [d, row] of employment.divisions) {
    const e = row.values[t] * 1e4;
    const sectors = sectorsOf.get(d);
    if (!sectors) { unallocated += e; continue; }
    const out = sectors.reduce((s, k) => s + x[k], 0);
    if (!(out > 0)) {
      if (e > 0) throw new LocalizedError({ zh: `${source}：行业大类 ${d}（${row.code}）${year} 年就业 ${row.values[t]} 万人，其部门却没有产出`, en: `${source}: division ${d} (${row.code}) employs ${e} persons in ${year} but its sectors have no output` });
      continue;
    }
    for (const k of sectors) persons[k] += (e * x[k]) / out;
  }
  return { coefficients: persons.map((p, s) => (x[s] === 0 ? 0 : p / x[s])), persons, unallocated };
}
