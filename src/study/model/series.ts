// Multi-year series of a study: earlier years (published or estimated) beside the study year's
// estimates, with year-on-year growth, compound annual growth over any span, and the years where
// the scope changed — what the year's headline value measures (direct, total or a component) or
// the set of direct-jobs components it counts. Pure; runs in Node and the browser.
import type { SeriesScope, SeriesYear } from '../config/types.ts';
import type { SeriesRow, StudyResults } from './types.ts';
import { LocalizedError } from '../../locale/errorText.ts';

/** The headline value of a year (the one the chart plots) and what it measures. */
export interface Headline {
  scope: SeriesScope;
  id: string;
  value: number;
}

/** A row of the headline table: growth only within one scope, a scope change flagged instead. */
export interface HeadlineGrowthRow {
  year: number;
  status: SeriesYear['status'];
  headline: Headline | null;
  /** value / previous − 1 when the previous year with a headline is the calendar year before and has the same scope. */
  yoy: number | null;
  /** Annual rate over a gap of more than one year, same scope only. */
  annualized: number | null;
  gap: number;
  /** Set when the previous year's headline measured something else: growth is not computed. */
  scopeChange: { from: SeriesScope; to: SeriesScope } | null;
}

/** A change of scope between two consecutive years of the series. */
export interface ScopeChange {
  from: number;
  to: number;
  added: string[];
  removed: string[];
}

/** One row of a growth table: the value of a figure in a year and its growth on the previous year present. */
export interface GrowthRow {
  year: number;
  status: SeriesYear['status'];
  value: number | null;
  /** value / previous − 1 when the previous year of the series is the calendar year before. */
  yoy: number | null;
  /** Annual rate over a gap of more than one year ((v_t / v_s)^(1/(t−s)) − 1), with `gap` years. */
  annualized: number | null;
  gap: number;
  /** True when the components counted differ from the previous year present (see scopeChanges). */
  scopeChanged: boolean;
}

/**
 * yoy(prev, cur) = cur / prev − 1.
 * Example: yoy(2235e4, 2601e4) → 0.16376… (the seed's "+16%").
 * Fails when prev ≤ 0 or either value is not finite (growth undefined).
 */
export function yoy(prev: number, cur: number): number {
  if (!(prev > 0) || !Number.isFinite(prev) || !Number.isFinite(cur)) throw new LocalizedError({ zh: `同比增长（yoy）：从 ${prev} 到 ${cur} 的增长无定义（上一年的值应为正）`, en: `yoy: growth from ${prev} to ${cur} is undefined (previous value must be positive)` });
  return cur / prev - 1;
}

/**
 * cagr(v0, v1, years) = (v1 / v0)^(1/years) − 1, the compound annual growth rate over `years` years.
 * Example: cagr(1008e4, 2963e4, 5) → 0.2408… (the seed's 2014–2019 total; it states "22% a year").
 * Fails when years ≤ 0, v0 ≤ 0 or v1 < 0.
 */
export function cagr(v0: number, v1: number, years: number): number {
  if (!(years > 0)) throw new LocalizedError({ zh: `年均复合增长率（cagr）：年数应为正数，实为 ${years}`, en: `cagr: span must be a positive number of years, got ${years}` });
  if (!(v0 > 0) || !(v1 >= 0)) throw new LocalizedError({ zh: `年均复合增长率（cagr）：从 ${v0} 到 ${v1} 无定义（起点应为正，终点应非负）`, en: `cagr: undefined from ${v0} to ${v1} (start must be positive, end non-negative)` });
  return Math.pow(v1 / v0, 1 / years) - 1;
}

/**
 * assembleSeries(years, results) → rows sorted by year: the declared years plus the study year,
 * whose figures and components come from the results (status "estimated"). A declared entry for
 * the study year itself is kept as `published` on that row (to compare with the estimate).
 * Fails on a year declared twice or a non-integer year, naming it.
 */
export function assembleSeries(years: SeriesYear[], results: Pick<StudyResults, 'study' | 'figures' | 'components'>): SeriesRow[] {
  const seen = new Set<number>();
  for (const y of years) {
    if (!Number.isInteger(y.year)) throw new LocalizedError({ zh: `series：年份应为整数，实为 ${y.year}`, en: `series: year must be an integer, got ${y.year}` });
    if (seen.has(y.year)) throw new LocalizedError({ zh: `series：年份 ${y.year} 声明了两次`, en: `series: year ${y.year} is declared twice` });
    seen.add(y.year);
  }
  const t = results.study.year;
  const current: SeriesRow = {
    year: t,
    status: 'estimated',
    source: { zh: '本研究', en: 'this study' },
    figures: Object.fromEntries(Object.values(results.figures).map((f) => [f.id, f.value])),
    components: results.components.map((c) => c.id),
  };
  const same = years.find((y) => y.year === t);
  if (same) current.published = same.figures;
  return [...years.filter((y) => y.year !== t).map((y) => ({ ...y })), current].sort((a, b) => a.year - b.year);
}

/**
 * headlineOf(row) → the year's headline value: jobs.total for scope total, jobs.direct for direct,
 * and for component the year's one figure that is neither (its id). Without a declared scope:
 * total when figures has jobs.total, else direct when it has jobs.direct, else component.
 * Null when the figure the scope names is absent. Fails on a component year with several
 * candidate figures (which one is the headline would be a guess).
 * Example: {scope: direct, figures: {jobs.direct: 2235万}} → {scope: direct, id: jobs.direct, value: 22350000}.
 */
export function headlineOf(row: Pick<SeriesYear, 'year' | 'figures' | 'scope'>): Headline | null {
  const f = row.figures;
  const scope: SeriesScope = row.scope ?? (f['jobs.total'] !== undefined ? 'total' : f['jobs.direct'] !== undefined ? 'direct' : 'component');
  if (scope !== 'component') {
    const id = scope === 'total' ? 'jobs.total' : 'jobs.direct';
    return f[id] === undefined ? null : { scope, id, value: f[id] };
  }
  const ids = Object.keys(f).filter((k) => k !== 'jobs.total' && k !== 'jobs.direct' && k !== 'jobs.indirect');
  if (ids.length > 1) throw new LocalizedError({ zh: `series：${row.year} 年的 scope 为 component，却有多个指标（${ids.join(', ')}）；请只给一个`, en: `series: year ${row.year} has scope component but several figures (${ids.join(', ')}); give one` });
  return ids.length === 0 ? null : { scope, id: ids[0], value: f[ids[0]] };
}

/**
 * headlineGrowth(rows) → per row its headline value, and YoY growth (or the annual rate over a gap)
 * on the previous row with a headline — only when both measure the same scope; otherwise growth is
 * null and `scopeChange` says from what to what. Rows sorted by year (assembleSeries does).
 * Example (the seed's chart): 2018 direct 2235万, 2019 total 2963万 → 2019: yoy null, scopeChange
 * direct → total (the chart's "+32.6%" mixes direct jobs with direct + indirect).
 */
export function headlineGrowth(rows: SeriesYear[]): HeadlineGrowthRow[] {
  let prev: { year: number; h: Headline } | undefined;
  return rows.map((r) => {
    const h = headlineOf(r);
    const row: HeadlineGrowthRow = { year: r.year, status: r.status, headline: h, yoy: null, annualized: null, gap: 0, scopeChange: null };
    if (h && prev) {
      row.gap = r.year - prev.year;
      if (prev.h.scope !== h.scope) row.scopeChange = { from: prev.h.scope, to: h.scope };
      else if (prev.h.value > 0) {
        if (row.gap === 1) row.yoy = yoy(prev.h.value, h.value);
        else row.annualized = cagr(prev.h.value, h.value, row.gap);
      }
    }
    if (h) prev = { year: r.year, h };
    return row;
  });
}

/**
 * scopeRuns(rows) → the maximal runs of consecutive headline years of one scope with at least two
 * years, each with its CAGR from first to last: the only growth rates over a span that compare
 * like with like. Example (the seed's chart): direct 2014–2018, 1008万 → 2235万: 22.0% a year.
 */
export function scopeRuns(rows: SeriesYear[]): { scope: SeriesScope; from: number; to: number; cagr: number }[] {
  const hs = rows.flatMap((r) => {
    const h = headlineOf(r);
    return h ? [{ year: r.year, h }] : [];
  });
  const out: { scope: SeriesScope; from: number; to: number; cagr: number }[] = [];
  for (let i = 0; i < hs.length;) {
    let j = i;
    while (j + 1 < hs.length && hs[j + 1].h.scope === hs[i].h.scope) j++;
    if (j > i && hs[i].h.value > 0) out.push({ scope: hs[i].h.scope, from: hs[i].year, to: hs[j].year, cagr: cagr(hs[i].h.value, hs[j].h.value, hs[j].year - hs[i].year) });
    i = j + 1;
  }
  return out;
}

/**
 * scopeChanges(rows) → one entry per pair of consecutive rows that both list their components and
 * whose component sets differ (added = in the later year only, removed = in the earlier only).
 * Example: [{2018, [a]}, {2019, [a, b]}] → [{from: 2018, to: 2019, added: [b], removed: []}].
 */
export function scopeChanges(rows: Pick<SeriesYear, 'year' | 'components'>[]): ScopeChange[] {
  const out: ScopeChange[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1].components;
    const b = rows[i].components;
    if (!a || !b) continue;
    const added = b.filter((c) => !a.includes(c));
    const removed = a.filter((c) => !b.includes(c));
    if (added.length || removed.length) out.push({ from: rows[i - 1].year, to: rows[i].year, added, removed });
  }
  return out;
}

/**
 * growthTable(rows, id) → per row the value of figure `id` (null when that year lacks it), its YoY
 * growth on the previous row that has a value, an annualized rate when years were skipped, and
 * whether the scope changed since that row. Rows must be sorted by year (assembleSeries does).
 */
export function growthTable(rows: SeriesYear[], id: string): GrowthRow[] {
  const changes = scopeChanges(rows);
  let prev: SeriesYear | undefined;
  return rows.map((r) => {
    const value = r.figures[id] ?? null;
    const row: GrowthRow = { year: r.year, status: r.status, value, yoy: null, annualized: null, gap: 0, scopeChanged: false };
    if (value !== null && prev) {
      const p = prev.figures[id];
      row.gap = r.year - prev.year;
      if (p > 0) {
        if (row.gap === 1) row.yoy = yoy(p, value);
        else row.annualized = cagr(p, value, row.gap);
      }
      const from = prev.year;
      row.scopeChanged = changes.some((c) => c.from >= from && c.to <= r.year);
    }
    if (value !== null) prev = r;
    return row;
  });
}

/**
 * seriesCagr(rows, id, from, to) → CAGR of figure `id` between two years of the series.
 * Example: total jobs 1008万 (2014) → 2963万 (2019): 0.2408….
 * Fails when either year is missing from the series or lacks the figure, naming the year.
 */
export function seriesCagr(rows: SeriesYear[], id: string, from: number, to: number): number {
  const at = (y: number) => {
    const r = rows.find((row) => row.year === y);
    if (!r) throw new LocalizedError({ zh: `series：没有 ${y} 年（已有年份：${rows.map((row) => row.year).join(', ')}）`, en: `series: no year ${y} (years: ${rows.map((row) => row.year).join(', ')})` });
    const v = r.figures[id];
    if (v === undefined) throw new LocalizedError({ zh: `series：${y} 年没有指标 ${id}`, en: `series: year ${y} has no figure ${id}` });
    return v;
  };
  return cagr(at(from), at(to), to - from);
}
