// Optional parts of StudyResults that other modules add over time, read defensively in one place.
// The report renders each part only when present. Fields read (all optional):
//   results.series: SeriesRow[]                  the years of the study, assembled by computeStudy with
//     assembleSeries (src/study/model/series.ts); a bare list of earlier years is assembled here
//   figures with id "indicator.<name>" (unit ratio, with optional se/ci/df; inputs.published,
//     inputs.domain_zh / inputs.domain_en), or results.indicators: Indicator[]
//   results.sectors: SectorImpactRow[]           output and jobs by producing IO sector (computeStudy);
//     when absent the report groups the consumption rows by the sector each category maps to.
import type { Label, StudyResults } from '../study/types.ts';
import { assembleSeries } from '../study/model/index.ts';
import type { SeriesRow } from '../study/types.ts';

/** A survey indicator (a share) with its interval and, when known, the published value. */
export interface Indicator {
  id: string;
  label: Label;
  domain?: Label;
  estimate: number; // a share in [0, 1]
  se?: number;
  ci?: [number, number];
  published?: number;
}

/** One row of the output-and-jobs-by-sector view (yuan, persons). */
export interface SectorImpact {
  code: string;
  name: Label;
  demand: number | null; // yuan of final demand landing in the sector
  coefficient?: number; // b_s, when the row is a consumption sector (fallback view)
  indirect: number; // yuan of indirect output produced by the sector
  induced: number; // yuan of induced (Type II) output
  jobs: number | null; // persons
  valueAdded?: number | null;
  /** Number of sectors folded into this row ("other sectors"), when > 1. */
  folded?: number;
}

/** StudyResults plus parts the report can show that computeStudy does not write yet. */
export type ExtendedResults = StudyResults & { indicators?: Indicator[] };

/** The series rows (declared years + the study year), or null when the study declares no earlier year. */
export function seriesRows(r: ExtendedResults): SeriesRow[] | null {
  if (!r.series || r.series.length === 0) return null;
  // computeStudy already assembles the series (the study year is its estimated row); a bare list
  // of earlier years is assembled here.
  const assembled = r.series.some((y) => y.year === r.study.year && y.status === 'estimated');
  return assembled ? [...r.series].sort((a, b) => a.year - b.year) : assembleSeries(r.series, r);
}

/** Survey indicators from `indicator.*` figures and/or results.indicators. */
export function indicators(r: ExtendedResults): Indicator[] {
  const fromFigures: Indicator[] = Object.values(r.figures)
    .filter((f) => f.id.startsWith('indicator.'))
    .map((f) => {
      const dz = f.inputs.domain_zh, de = f.inputs.domain_en, p = f.inputs.published;
      return {
        id: f.id,
        label: f.label,
        estimate: f.value,
        se: f.se,
        ci: f.ci,
        ...(typeof dz === 'string' && typeof de === 'string' ? { domain: { zh: dz, en: de } } : {}),
        ...(typeof p === 'number' ? { published: p } : {}),
      };
    });
  const ids = new Set(fromFigures.map((i) => i.id));
  return [...fromFigures, ...(r.indicators ?? []).filter((i) => !ids.has(i.id))];
}

/**
 * Output and jobs by IO sector. With results.sectors (every sector of the table, by the sector that
 * produces the output): the `top` sectors by indirect + induced output, then one row folding the
 * rest. Without it: the consumption categories grouped by the sector their demand lands in.
 */
export function sectorImpacts(r: ExtendedResults, top = 12): SectorImpact[] {
  if (r.sectors && r.sectors.length > 0) {
    const rows: SectorImpact[] = r.sectors
      .map((x) => ({ code: x.code, name: x.name, demand: x.demand, indirect: x.output.indirect, induced: x.output.induced, jobs: x.jobs, valueAdded: x.valueAdded }))
      .filter((x) => x.indirect + x.induced > 0 || (x.demand ?? 0) > 0)
      .sort((a, b) => b.indirect + b.induced - (a.indirect + a.induced));
    if (rows.length <= top + 1) return rows;
    const rest = rows.slice(top);
    const sum = (f: (x: SectorImpact) => number | null | undefined) => (rest.every((x) => f(x) === null || f(x) === undefined) ? null : rest.reduce((s, x) => s + (f(x) ?? 0), 0));
    const n = rest.length;
    return [
      ...rows.slice(0, top),
      { code: '', name: { zh: `其他 ${n} 个部门`, en: `${n} other sectors` }, demand: sum((x) => x.demand), indirect: sum((x) => x.indirect) ?? 0, induced: sum((x) => x.induced) ?? 0, jobs: sum((x) => x.jobs), valueAdded: sum((x) => x.valueAdded), folded: n },
    ];
  }
  const by = new Map<string, SectorImpact>();
  for (const c of r.consumption) {
    const s = by.get(c.sector.code) ?? { code: c.sector.code, name: c.sector.name, demand: 0, coefficient: c.coefficient, indirect: 0, induced: 0, jobs: 0 };
    s.demand = (s.demand ?? 0) + c.amount;
    s.indirect += c.inducedOutput;
    s.jobs = (s.jobs ?? 0) + c.jobs;
    by.set(c.sector.code, s);
  }
  return [...by.values()].sort((a, b) => b.indirect - a.indirect);
}
