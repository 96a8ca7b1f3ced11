// A declared price index (data/china-prices/price-indices-2017-2019.csv): series of year-on-year
// indices (previous year = 100). The price ratio from the table year T to the study year Y is
//   P(T → Y) = Π_{y=T+1..Y} I_y / 100   (and 1 / P(Y → T) when Y < T).
import { parseCsv, type Label } from '../../io/index.ts';
import { LocalizedError } from '../../locale/errorText.ts';

export interface PriceSeries {
  id: string;
  name: Label;
  /** year-on-year index by year (previous year = 100) */
  byYear: Map<number, number>;
  source: string;
  row: number;
}

export interface PriceIndex {
  file: string;
  series: Map<string, PriceSeries>;
}

/**
 * parsePriceIndex('series,name_zh,name_en,2018,2019,source\ncpi,居民消费价格,CPI,102.1,102.9,NBS', 'p.csv')
 * → series cpi with 2018 → 102.1, 2019 → 102.9. Failures name the file, row and column: a missing
 * column, a repeated series, a blank source, an index that is not a positive number.
 */
export function parsePriceIndex(text: string, file: string): PriceIndex {
  const rows = parseCsv(text, file);
  if (rows.length < 2) throw new LocalizedError({ zh: `${file}：没有价格序列（应有表头，每个序列一行）`, en: `${file}: no price series (expected a header and one row per series)` });
  const header = rows[0].map((h) => h.trim());
  const col = (name: string) => {
    const k = header.indexOf(name);
    if (k < 0) throw new LocalizedError({ zh: `${file}：第 1 行：缺少列 ${name}`, en: `${file}: row 1: missing column ${name}` });
    return k;
  };
  const [sCol, zhCol, enCol, srcCol] = [col('series'), col('name_zh'), col('name_en'), col('source')];
  const years = header.map((h, k) => ({ k, year: /^\d{4}$/.test(h) ? Number(h) : NaN })).filter((y) => Number.isInteger(y.year));
  if (years.length === 0) throw new LocalizedError({ zh: `${file}：第 1 行：没有年份列（如 2018、2019）`, en: `${file}: row 1: no year columns (e.g. 2018, 2019)` });
  const series = new Map<string, PriceSeries>();
  rows.slice(1).forEach((r, i) => {
    const row = i + 2;
    if (r.every((c) => c.trim() === '')) return;
    const id = (r[sCol] ?? '').trim();
    if (!id) throw new LocalizedError({ zh: `${file}：第 ${row} 行 series 列：为空`, en: `${file}: row ${row}, column series: blank` });
    if (series.has(id)) throw new LocalizedError({ zh: `${file}：第 ${row} 行 series 列：${id} 与第 ${series.get(id)!.row} 行重复`, en: `${file}: row ${row}, column series: ${id} repeats row ${series.get(id)!.row}` });
    const source = (r[srcCol] ?? '').trim();
    if (!source) throw new LocalizedError({ zh: `${file}：第 ${row} 行 source 列：为空（请说明指数的来源）`, en: `${file}: row ${row}, column source: blank (say where the index comes from)` });
    const byYear = new Map<number, number>();
    for (const { k, year } of years) {
      const cell = (r[k] ?? '').trim();
      if (cell === '') continue;
      const v = Number(cell);
      if (!(Number.isFinite(v) && v > 0)) throw new LocalizedError({ zh: `${file}：第 ${row} 行 ${year} 列：不是正的指数：${JSON.stringify(cell)}`, en: `${file}: row ${row}, column ${year}: not a positive index: ${JSON.stringify(cell)}` });
      byYear.set(year, v);
    }
    series.set(id, { id, name: { zh: (r[zhCol] ?? '').trim(), en: (r[enCol] ?? '').trim() }, byYear, source, row });
  });
  return { file, series };
}

/**
 * priceRatio(index, 'cpi', 2017, 2019) → 1.021 × 1.029 = 1.050609 (prices of 2019 relative to 2017).
 * Fails naming the file, the series and the missing year; an unknown series lists the known ones.
 */
export function priceRatio(index: PriceIndex, id: string, from: number, to: number): number {
  const s = index.series.get(id);
  if (!s) throw new LocalizedError({ zh: `${index.file}：没有序列 "${id}"（有 ${[...index.series.keys()].join(', ')}）`, en: `${index.file}: no series "${id}" (have ${[...index.series.keys()].join(', ')})` });
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  let p = 1;
  for (let y = lo + 1; y <= hi; y++) {
    const v = s.byYear.get(y);
    if (v === undefined) throw new LocalizedError({ zh: `${index.file}：序列 ${id} 没有 ${y} 年的指数（需要 ${from} 至 ${to} 年）`, en: `${index.file}: series ${id} has no index for ${y} (needed from ${from} to ${to})` });
    p *= v / 100;
  }
  return from <= to ? p : 1 / p;
}
