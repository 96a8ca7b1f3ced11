// Optional parts of StudyResults that other modules add over time, read defensively in one place.
// The report renders each part only when present. Fields read (all optional):
//   results.series: SeriesYear[]                 earlier years (src/study/series.ts)
//   figures with id "indicator.<name>" (unit ratio, with optional se/ci/df; inputs.published,
//     inputs.domain_zh / inputs.domain_en), or results.indicators: Indicator[]
//   results.sectorImpacts: SectorImpact[]         induced output and jobs by IO sector; when absent
//     the report groups the consumption rows by the sector each category maps to.
import type { Label, StudyResults } from '../study/types.ts';
import { assembleSeries, type SeriesRow, type SeriesYear } from '../study/series.ts';

export interface Indicator {
  id: string;
  label: Label;
  domain?: Label;
  estimate: number; // a share in [0, 1]
  se?: number;
  ci?: [number, number];
  published?: number;
}

export interface SectorImpact {
  code: string;
  name: Label;
  demand?: number; // yuan of final demand landing in the sector
  coefficient?: number;
  output: number; // yuan of induced output
  jobs: number; // persons
}

export type ExtendedResults = StudyResults & { series?: SeriesYear[]; indicators?: Indicator[]; sectorImpacts?: SectorImpact[] };

/** The series rows (declared years + the study year), or null when the study declares no earlier year. */
export function seriesRows(r: ExtendedResults): SeriesRow[] | null {
  return r.series && r.series.length > 0 ? assembleSeries(r.series, r) : null;
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

/** Induced output and jobs by IO sector: results.sectorImpacts, else consumption grouped by sector. */
export function sectorImpacts(r: ExtendedResults): SectorImpact[] {
  if (r.sectorImpacts && r.sectorImpacts.length > 0) return r.sectorImpacts;
  const by = new Map<string, SectorImpact>();
  for (const c of r.consumption) {
    const s = by.get(c.sector.code) ?? { code: c.sector.code, name: c.sector.name, demand: 0, coefficient: c.coefficient, output: 0, jobs: 0 };
    s.demand = (s.demand ?? 0) + c.amount;
    s.output += c.inducedOutput;
    s.jobs += c.jobs;
    by.set(c.sector.code, s);
  }
  return [...by.values()].sort((a, b) => b.output - a.output);
}
