// The coverage check (study/model/coverage.ts) on a worker thread, so that a run's second core
// checks the intervals while the first runs the Monte Carlo and renders the outputs.
import { Worker } from 'node:worker_threads';
import type { CoverageCheck, Figure, StudyConfig, StudyInputs } from '../study/types.ts';
import type { ComputedInterval } from '../study/model/componentIntervals.ts';
import { LocalizedError, type ErrorWords } from '../locale/errorText.ts';

export interface CoverageThread {
  /**
   * Gives the thread a study's config and questionnaires (copied now); it starts the bootstrap-t checks
   * at once (prepareCoverageChecks), before the figures exist, while this thread computes them; before
   * them, the components' bootstrap-t intervals (componentIntervals), answered by `intervals`.
   */
  start(config: StudyConfig, inputs: Pick<StudyInputs, 'questionnaires'>): void;
  /**
   * The bootstrap-t intervals of the study last started, for setComponentIntervals (rejected as
   * declaredBootstrapT fails). Each start is answered once, in turn.
   */
  intervals(): Promise<Record<string, ComputedInterval>>;
  /**
   * coverageChecks(config, inputs, figures) on the thread, for the study last started, with its
   * bootstrap-t intervals set (setComponentIntervals); figures are copied now.
   */
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
 * Failures: an error in a check or in the intervals rejects it with its words (zh and en); a thread
 * that stops rejects every answer awaited.
 */
export function startCoverageThread(): CoverageThread {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './coverageThreadBoot.mjs' : './coverageThreadWorker.js', import.meta.url);
  const worker = new Worker(entry);
  let pending: Answer<Record<string, CoverageCheck>> | null = null;
  /** The intervals of each start not yet answered, oldest first (the thread answers them in turn). */
  const starts: Answer<Record<string, ComputedInterval>>[] = [];
  let latest: Promise<Record<string, ComputedInterval>> | null = null;
  let failed: Error | null = null;
  const fail = (e: Error) => {
    failed = e;
    pending?.reject(e);
    pending = null;
    for (const s of starts.splice(0)) s.reject(e);
  };
  worker.on('message', (m: { type: 'intervals'; intervals?: Record<string, ComputedInterval>; error?: ErrorWords } | { type: 'checks'; checks?: Record<string, CoverageCheck>; error?: ErrorWords }) => {
    if (m.type === 'intervals') {
      const s = starts.shift();
      if (m.error !== undefined) s?.reject(new LocalizedError(m.error));
      else s?.resolve(m.intervals!);
      return;
    }
    if (m.error !== undefined) pending?.reject(new LocalizedError(m.error)); // that check failed; the thread answers the next
    else pending?.resolve(m.checks!);
    pending = null;
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the coverage check's thread stopped (exit code ${code})`)));
  return {
    start(config, inputs) {
      const answer = new Promise<Record<string, ComputedInterval>>((resolve, reject) => starts.push({ resolve, reject }));
      answer.catch(() => undefined); // an answer nobody asks for is no unhandled rejection; intervals() still rejects
      latest = answer;
      if (failed) fail(failed); // a stopped thread answers nothing
      else worker.postMessage({ type: 'start', config, questionnaires: inputs.questionnaires });
    },
    intervals() {
      return latest ?? Promise.reject(new Error('coverage thread: no study started'));
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
      for (const s of starts.splice(0)) s.reject(new Error('coverage thread closed'));
      await worker.terminate();
    },
  };
}

/** How an awaited answer of the thread is settled. */
interface Answer<T> {
  resolve: (v: T) => void;
  reject: (e: Error) => void;
}
