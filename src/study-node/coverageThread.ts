// The coverage check (study/model/coverage.ts) on a worker thread, so that a run's second core
// checks the intervals while the first runs the Monte Carlo and renders the outputs.
import { Worker } from 'node:worker_threads';
import type { CoverageCheck, Figure, StudyConfig, StudyInputs } from '../study/types.ts';

export interface CoverageThread {
  /**
   * Gives the thread a study's config and questionnaires (copied now); it starts the bootstrap-t checks
   * at once (prepareCoverageChecks), before the figures exist, while this thread computes them.
   */
  start(config: StudyConfig, inputs: Pick<StudyInputs, 'questionnaires'>): void;
  /** coverageChecks(config, inputs, figures) on the thread, for the study last started; figures are copied now. */
  check(figures: Readonly<Record<string, Figure>>): Promise<Record<string, CoverageCheck>>;
  /** Stops the thread (a check not yet answered is rejected). */
  close(): Promise<void>;
}

/**
 * startCoverageThread() → a worker thread that answers coverage checks. It starts at once (≈ 30 ms of
 * start-up on its own core), so that starting it before the inputs are read hides its start-up.
 * Compiled, the worker is dist/coverageThreadWorker.js (an entry of scripts/build.mjs beside every
 * chunk); from the sources, coverageThreadBoot.mjs registers the TypeScript loader first.
 * The checks are coverageChecks' own numbers: the same function on copies of the same values (the
 * bootstrap-t parts run ahead are remembered for the copied columns and taken as they are).
 * Failures: an error in a check rejects it with its message; a thread that stops rejects every check.
 */
export function startCoverageThread(): CoverageThread {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './coverageThreadBoot.mjs' : './coverageThreadWorker.js', import.meta.url);
  const worker = new Worker(entry);
  let pending: { resolve: (c: Record<string, CoverageCheck>) => void; reject: (e: Error) => void } | null = null;
  let failed: Error | null = null;
  const fail = (e: Error) => {
    failed = e;
    pending?.reject(e);
    pending = null;
  };
  worker.on('message', (m: { checks?: Record<string, CoverageCheck>; error?: string }) => {
    if (m.error !== undefined) pending?.reject(new Error(m.error)); // that check failed; the thread answers the next
    else pending?.resolve(m.checks!);
    pending = null;
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the coverage check's thread stopped (exit code ${code})`)));
  return {
    start(config, inputs) {
      worker.postMessage({ type: 'start', config, questionnaires: inputs.questionnaires });
    },
    check(figures) {
      if (failed) return Promise.reject(failed);
      if (pending) return Promise.reject(new Error('coverage thread: one check at a time'));
      const answer = new Promise<Record<string, CoverageCheck>>((resolve, reject) => (pending = { resolve, reject }));
      worker.postMessage({ type: 'check', figures });
      return answer;
    },
    async close() {
      worker.removeAllListeners('exit');
      pending?.reject(new Error('coverage thread closed'));
      pending = null;
      await worker.terminate();
    },
  };
}
