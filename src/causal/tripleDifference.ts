// Triple difference across cities issuing vouchers at different dates, with the industries the
// vouchers do not cover as within-city controls.
import { factor, interact } from './factor.ts';
import { fixedEffectsOls, type FixedEffectsOls, type FixedEffectsOlsInput } from './fixedEffectsOls.ts';
import type { Estimate } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';
import type { Lang } from '../locale/lang.ts';

/** City × industry × day cells (one row each; a balanced panel is not required). */
export interface CityIndustryDayCells {
  city: Int32Array;
  industry: Int32Array;
  day: Int32Array;
  /** Outcome per cell, e.g. spending in yuan that day. */
  y: Float64Array;
  /** covered[industry]: the vouchers can be spent in this industry. */
  covered: readonly boolean[];
  /** First day (same scale as `day`) each city's vouchers were live; Infinity if never. */
  firstDay: Float64Array;
  cityNames?: readonly string[];
  industryNames?: readonly string[];
}

export interface TripleDifference {
  /** Effect on covered industries after issuance, one coefficient (pooled). */
  pooled: Estimate;
  /** One coefficient per covered industry. */
  byIndustry: { industry: number; name: string; estimate: Estimate }[];
  fit: FixedEffectsOls;
  input: FixedEffectsOlsInput;
  cities: number;
  treatedCities: number;
}

/**
 * y_cjt = α_cj + γ_ct + δ_jt + β·1[j covered]·1[t ≥ T_c] + ε_cjt: city × industry effects (levels),
 * city × day effects (every shock a city has on a day, including the outbreak's local course),
 * industry × day effects (national seasonality of each industry). β compares covered with
 * uncovered industries in issuing cities after issuance, against the same gap in cities not (yet)
 * issuing (the triple difference; Gruber 1994 AER 84(3); Olden & Møen 2022 Econometrics J. 25(3)).
 * CR1 errors clustered by city (fixedEffectsOls); with few cities use wildClusterBootstrap on `input`.
 * Under staggered issuance with effects that change over time this pooled β weights cohorts
 * unevenly and can be biased (Goodman-Bacon 2021); groupTimeAtt is the robust counterpart.
 * Fails when a city is treated from its first observed day (no pre-period) or no city is treated.
 */
export function tripleDifference(cells: CityIndustryDayCells): TripleDifference {
  const { city, industry, day, y, covered, firstDay } = cells;
  const n = y.length;
  const cityName = (c: number, lang: Lang) => cells.cityNames?.[c] ?? (lang === 'zh' ? `城市 ${c}` : `city ${c}`);
  const firstObserved = new Float64Array(firstDay.length).fill(Infinity);
  for (let i = 0; i < n; i++) firstObserved[city[i]] = Math.min(firstObserved[city[i]], day[i]);
  let treatedCities = 0;
  firstDay.forEach((d, c) => {
    if (!Number.isFinite(d)) return;
    treatedCities++;
    if (d <= firstObserved[c]) throw new LocalizedError({ zh: `tripleDifference：${cityName(c, 'zh')} 从第 ${d} 天起发放消费券，这是它在数据中的第一天：没有可比较的事前期`, en: `tripleDifference: ${cityName(c, 'en')} issues vouchers from day ${d}, its first day in the data: no pre-period to compare with` });
  });
  if (treatedCities === 0) throw new LocalizedError({ zh: `tripleDifference：数据中没有城市发放消费券；无法得出任何指标`, en: 'tripleDifference: no city issues vouchers in the data; no figure can be claimed' });
  const coveredIds = covered.map((c, j) => (c ? j : -1)).filter((j) => j >= 0);
  if (coveredIds.length === 0 || coveredIds.length === covered.length) throw new LocalizedError({ zh: `tripleDifference：需要覆盖与未覆盖的行业（未覆盖的行业是城市内的对照）`, en: 'tripleDifference: needs both covered and uncovered industries (the uncovered are the within-city controls)' });
  const post = (i: number) => day[i] >= firstDay[city[i]];
  const pooled = Float64Array.from({ length: n }, (_, i) => (covered[industry[i]] && post(i) ? 1 : 0));
  const fc = factor(city), fj = factor(industry), ft = factor(day);
  const base = { y, fixedEffects: [interact(fc, fj), interact(fc, ft), interact(fj, ft)], cluster: fc };
  const input: FixedEffectsOlsInput = { ...base, X: [pooled], names: ['covered×post'] };
  const fit = fixedEffectsOls(input);
  const split = coveredIds.map((j) => Float64Array.from({ length: n }, (_, i) => (industry[i] === j && post(i) ? 1 : 0)));
  const names = coveredIds.map((j) => cells.industryNames?.[j] ?? `industry ${j}`);
  const byFit = fixedEffectsOls({ ...base, X: split, names });
  return {
    pooled: fit.estimates[0],
    byIndustry: coveredIds.map((j, p) => ({ industry: j, name: names[p], estimate: byFit.estimates[p] })),
    fit,
    input,
    cities: fc.levels,
    treatedCities,
  };
}
