// Extra files a run writes beside results.json (report.html, tables.xlsx, charts): each producer
// gets the results and returns name → contents. Presentation modules register here.
import type { StudyResults } from '../study/types.ts';
import type { Lang } from './format.ts';
import type { PreparedStudy } from './prepare.ts';

export interface ArtifactContext {
  results: StudyResults;
  prepared: PreparedStudy;
  lang: Lang;
}
export type ArtifactProducer = (ctx: ArtifactContext) => Promise<Record<string, string | Uint8Array>>;

export const artifactProducers: ArtifactProducer[] = [];
