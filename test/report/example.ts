// Shared fixture: the bundled example run once per test process, plus the seed's published series.
import { runStudy } from '../../src/cli/runStudy.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import type { ExtendedResults } from '../../src/report/optionalParts.ts';
import type { SeriesYear } from '../../src/study/types.ts';

let run: ReturnType<typeof runStudy> | undefined;
export const exampleRun = () => (run ??= runStudy(DEFAULT_STUDY));

/** The seed's chart 2014–2018 (METHOD.md §3): direct jobs (2018's 2235万 is the text's direct jobs). */
export const SEED_SERIES: SeriesYear[] = [
  [2014, 1008],
  [2015, 1747],
  [2016, 1881],
  [2017, 2030],
  [2018, 2235],
].map(([year, wan]) => ({ year, status: 'published' as const, source: 'seed report', scope: 'direct' as const, figures: { 'jobs.direct': wan * 1e4 } }));

export async function exampleWithSeries(): Promise<ExtendedResults> {
  const { results } = await exampleRun();
  return { ...results, series: SEED_SERIES };
}
