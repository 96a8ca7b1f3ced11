// Run a study end to end (used by `spillover run`, `explain`, the server and tests).
import { computeStudy, type ComputeOptions } from '../study/model/index.ts';
import type { StudyResults } from '../study/types.ts';
import { loadStudyInputs, withRejections, type LoadOptions, type PreparedStudy } from '../data/loadStudyInputs.ts';

/** Options: `uncertainty: false` skips the Monte Carlo; `onRead` (reading the files) and `onProgress` (the Monte Carlo's draws) report progress; memoryLimit and spillParent go to DuckDB (openDatabase). */
export async function runStudy(path: string, options: Pick<ComputeOptions, 'uncertainty' | 'onProgress'> & LoadOptions = {}): Promise<{ results: StudyResults; prepared: PreparedStudy }> {
  const prepared = await loadStudyInputs(path, { onRead: options.onRead, memoryLimit: options.memoryLimit, spillParent: options.spillParent });
  try {
    return { results: computeStudy(prepared.study.config, prepared.inputs, { uncertainty: options.uncertainty, onProgress: options.onProgress }), prepared };
  } catch (e) {
    throw withRejections(e, prepared.rejections); // a failed run still writes rejected.csv (run.ts)
  }
}
