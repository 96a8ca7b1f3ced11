// Run a study end to end (used by `spillover run`, `explain`, the server and tests).
import { attachCoverage, computeStudy, setComponentIntervals, type ComputeOptions } from '../study/model/index.ts';
import type { CoverageCheck, StudyResults } from '../study/types.ts';
import { loadStudyInputs, withRejections, type LoadOptions, type PreparedStudy } from '../data/loadStudyInputs.ts';

export interface RunStudyOptions extends Pick<ComputeOptions, 'uncertainty' | 'onProgress'>, LoadOptions {
  /**
   * Run the coverage check on a worker thread (study-node/coverageThread.ts), started before the inputs
   * are read and given them as soon as they are, while this thread builds the figures and runs the Monte
   * Carlo: the same results, in less time on two cores.
   */
  coverageThread?: boolean;
  /**
   * Called with the results before the coverage check is attached (`figures[id].coverage` not yet set), while
   * the check's thread finishes: work that does not read it (the charts) overlaps the check.
   */
  whileChecking?: (results: StudyResults, prepared: PreparedStudy) => Promise<void>;
}

/** Options: `uncertainty: false` skips the Monte Carlo; `onRead` (reading the files) and `onProgress` (the Monte Carlo's draws) report progress; memoryLimit and spillParent go to DuckDB (openDatabase); `coverageThread`, `whileChecking`. */
export async function runStudy(path: string, options: RunStudyOptions = {}): Promise<{ results: StudyResults; prepared: PreparedStudy }> {
  const thread = options.coverageThread ? (await import('../study-node/coverageThread.ts')).startCoverageThread() : null;
  try {
    const prepared = await loadStudyInputs(path, { onRead: options.onRead, onReadFiles: options.onReadFiles, memoryLimit: options.memoryLimit, spillParent: options.spillParent });
    try {
      const { config } = prepared.study;
      // The thread computes the components' bootstrap-t intervals now, then starts the bootstrap-t checks, while this
      // thread builds the figures and draws the Monte Carlo (which reads no interval): the intervals are set before
      // anything reads them (the charts), and the check sets them on its copy of the figures.
      thread?.start(config, prepared.inputs);
      let checks: Promise<Record<string, CoverageCheck>> | undefined;
      const results = computeStudy(config, prepared.inputs, {
        uncertainty: options.uncertainty, onProgress: options.onProgress,
        ...(thread ? { deferComponentIntervals: true, deferCoverage: (figures) => void (checks = thread.check(figures)).catch(() => undefined) } : {}),
      });
      if (thread) setComponentIntervals(results.figures, await thread.intervals());
      await options.whileChecking?.(results, prepared);
      if (checks) attachCoverage(results.figures, await checks);
      return { results, prepared };
    } catch (e) {
      throw withRejections(e, prepared.rejections); // a failed run still writes rejected.csv (run.ts)
    }
  } finally {
    await thread?.close();
  }
}
