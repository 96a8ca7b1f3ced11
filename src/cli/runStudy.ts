// Run a study end to end (used by `spillover run`, `explain`, the server and tests).
import { computeStudy } from '../study/model/index.ts';
import type { StudyResults } from '../study/types.ts';
import { loadStudyInputs, withRejections, type PreparedStudy } from '../data/loadStudyInputs.ts';

export async function runStudy(path: string, options: { uncertainty?: boolean } = {}): Promise<{ results: StudyResults; prepared: PreparedStudy }> {
  const prepared = await loadStudyInputs(path);
  try {
    return { results: computeStudy(prepared.study.config, prepared.inputs, options), prepared };
  } catch (e) {
    throw withRejections(e, prepared.rejections); // a failed run still writes rejected.csv (run.ts)
  }
}
