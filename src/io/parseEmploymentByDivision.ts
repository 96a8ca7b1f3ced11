// Parse employment by GB/T 4754-2017 section and division (data/china-io-2017/china-employment-by-division-1990-2018.csv).
import type { Label } from './types.ts';
import { parseCell, parseCsv, tableFault, zhRow } from './parseCsv.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** First division number and number of divisions of each GB/T 4754-2017 section (门类). */
const SECTIONS: Record<string, [number, number]> = {
  A: [1, 5], B: [6, 7], C: [13, 31], D: [44, 3], E: [47, 4], F: [51, 2], G: [53, 8], H: [61, 2], I: [63, 3], J: [66, 4],
  K: [70, 1], L: [71, 2], M: [73, 3], N: [76, 4], O: [80, 3], P: [83, 1], Q: [84, 2], R: [86, 5], S: [91, 6], T: [97, 1],
};

export interface EmploymentRow {
  /** Code in the file: section letter, or letter + number within the section (I02). */
  code: string;
  label: Label;
  /** Persons employed (the file's unit, 万人) by year, aligned with `years`. */
  values: Float64Array;
}

export interface EmploymentByDivision {
  source: string;
  unit: '万人';
  years: number[];
  /** National total (row TOT) by year. */
  total: Float64Array;
  /** Employment by 2-digit GB/T 4754-2017 division; sections without division rows (K, P, T) stand for their one division. */
  divisions: Map<string, EmploymentRow>;
  /** Section rows (A–T) as published. */
  sections: Map<string, EmploymentRow>;
}

/**
 * Columns `Code, Description, DescriptionInChinese, <years…>`; rows TOT, sections A–T and divisions
 * coded by section letter + position within the section (GB/T 4754-2017 order: I02 is division 64,
 * 互联网和相关服务). Source of the data: see data/china-io-2017/README.md.
 * Failures (Error naming source, row, column, value): missing columns or TOT row, an unknown
 * code, a division number outside its section, a non-numeric cell, a negative count.
 * Example: parseEmploymentByDivision(text).divisions.get('64')!.code → 'I02'.
 */
export function parseEmploymentByDivision(text: string, source = 'employment by division'): EmploymentByDivision {
  const rows = parseCsv(text, source);
  if (rows.length < 2) throw tableFault.noDataRows(source);
  const header = rows[0].map((h) => h.trim());
  for (const [j, name] of ['Code', 'Description', 'DescriptionInChinese'].entries()) {
    if (header[j] !== name) throw tableFault.header(source, j, name, header[j]);
  }
  const years = header.slice(3).map((h, k) => {
    if (!/^\d{4}$/.test(h)) throw new LocalizedError({ zh: `${source}：第 ${k + 4} 列的表头 ${JSON.stringify(h)} 不是年份`, en: `${source}: column ${k + 4}: not a year: ${JSON.stringify(h)}` });
    return Number(h);
  });
  const read = (r: string[]): EmploymentRow => {
    const code = r[0].trim();
    const values = Float64Array.from(years, (y, k) => {
      const v = parseCell(r[3 + k] ?? '', source, code, String(y));
      if (v < 0) throw new LocalizedError({ zh: `${source} ${zhRow(code)}「${y}」列：就业人数为负（${v}）`, en: `${source}: row ${code}, column ${y}: negative employment ${v}` });
      return v;
    });
    return { code, label: { en: (r[1] ?? '').trim(), zh: (r[2] ?? '').trim() }, values };
  };
  let total: Float64Array | null = null;
  const divisions = new Map<string, EmploymentRow>();
  const sections = new Map<string, EmploymentRow>();
  for (const r of rows.slice(1)) {
    const code = (r[0] ?? '').trim();
    const m = /^([A-T])(\d{2})?$/.exec(code);
    if (code === 'TOT') total = read(r).values;
    else if (!m) throw new LocalizedError({ zh: `${source}：行代码 ${JSON.stringify(code)} 无法识别`, en: `${source}: row ${JSON.stringify(code)}: unknown code` });
    else if (m[2] === undefined) sections.set(m[1], read(r));
    else {
      const [first, count] = SECTIONS[m[1]];
      const k = Number(m[2]);
      if (k < 1 || k > count) {
        throw new LocalizedError({ zh: `${source} ${zhRow(code)}：门类 ${m[1]} 只有 01–${String(count).padStart(2, '0')} 大类`, en: `${source}: row ${code}: section ${m[1]} has divisions 01–${String(count).padStart(2, '0')}` });
      }
      divisions.set(String(first + k - 1).padStart(2, '0'), read(r));
    }
  }
  if (!total) throw new LocalizedError({ zh: `${source}：缺少合计行 TOT`, en: `${source}: missing row TOT` });
  for (const [letter, [first, count]] of Object.entries(SECTIONS)) {
    const row = sections.get(letter);
    if (count === 1 && row) divisions.set(String(first).padStart(2, '0'), row);
  }
  return { source, unit: '万人', years, total, divisions, sections };
}
