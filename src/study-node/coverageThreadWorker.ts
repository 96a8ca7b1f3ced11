// Worker thread of src/study-node/coverageThread.ts: 'start' keeps a study's config and questionnaires,
// computes the components' bootstrap-t intervals and answers them, then runs the bootstrap-t checks
// ahead; 'check' answers coverageChecks for the figures given, with those intervals set.
import { parentPort } from 'node:worker_threads';
import { coverageChecks, prepareCoverageChecks } from '../study/model/coverage.ts';
import { componentIntervals, declaredBootstrapT, setComponentIntervals, type ComputedInterval } from '../study/model/componentIntervals.ts';
import type { Figure, StudyConfig, StudyInputs } from '../study/types.ts';
import { errorWords } from '../locale/errorText.ts';

// ICU's locale data are loaded once per process, at the first Intl.NumberFormat or collation (≈ 10–20 ms in a fresh
// process): loaded here, on this thread's own core while it waits for the study, the main thread's report, charts and
// console tables (en-US number formats) and its sorts (localeCompare) find them loaded (≈ 0.1 ms instead).
new Intl.NumberFormat('en-US').format(0);
'a'.localeCompare('b');

type Message = { type: 'start'; config: StudyConfig; questionnaires: StudyInputs['questionnaires'] } | { type: 'check'; figures: Record<string, Figure> };
/** The study last started, with its components' intervals or the error that stopped them. */
let study: { config: StudyConfig; inputs: Pick<StudyInputs, 'questionnaires'>; intervals: Record<string, ComputedInterval>; failed?: unknown } | null = null;

parentPort!.on('message', (m: Message) => {
  if (m.type === 'start') {
    const inputs = { questionnaires: m.questionnaires };
    // The figures' own intervals first: the run waits for them before drawing its charts.
    try {
      const intervals = componentIntervals(m.config, declaredBootstrapT(m.config, inputs));
      study = { config: m.config, inputs, intervals };
      parentPort!.postMessage({ type: 'intervals', intervals });
    } catch (e) {
      study = { config: m.config, inputs, intervals: {}, failed: e }; // its check fails as they did
      parentPort!.postMessage({ type: 'intervals', error: errorWords(e) });
      return;
    }
    try {
      prepareCoverageChecks(study.config, study.inputs); // remembered for these very columns
    } catch {
      // the check itself reports it (same function, same inputs)
    }
    return;
  }
  try {
    if (!study) throw new Error('coverage thread: no study started');
    if (study.failed !== undefined) throw study.failed;
    setComponentIntervals(m.figures, study.intervals); // as computeStudy sets them before its own check
    parentPort!.postMessage({ type: 'checks', checks: coverageChecks(study.config, study.inputs, m.figures) });
  } catch (e) {
    parentPort!.postMessage({ type: 'checks', error: errorWords(e) });
  }
});
