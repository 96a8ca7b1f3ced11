// Run a study end to end (used by `spillover run`, `explain`, the server and tests).
import { computeStudy } from '../study/compute.ts';
import type { StudyResults } from '../study/types.ts';
import { prepareStudy, type PreparedStudy } from './prepare.ts';

export async function runStudy(path: string, options: { uncertainty?: boolean } = {}): Promise<{ results: StudyResults; prepared: PreparedStudy }> {
  const prepared = await prepareStudy(path);
  const results = computeStudy(prepared.study.config, prepared.inputs, options);
  return { results, prepared };
}
