// Worker thread of src/study-node/coverageThread.ts: 'start' keeps a study's config and questionnaires
// and runs its bootstrap-t checks ahead; 'check' answers coverageChecks for the figures given.
import { parentPort } from 'node:worker_threads';
import { coverageChecks, prepareCoverageChecks } from '../study/model/coverage.ts';
import type { Figure, StudyConfig, StudyInputs } from '../study/types.ts';

type Message = { type: 'start'; config: StudyConfig; questionnaires: StudyInputs['questionnaires'] } | { type: 'check'; figures: Record<string, Figure> };
let study: { config: StudyConfig; inputs: Pick<StudyInputs, 'questionnaires'> } | null = null;

parentPort!.on('message', (m: Message) => {
  if (m.type === 'start') {
    study = { config: m.config, inputs: { questionnaires: m.questionnaires } };
    try {
      prepareCoverageChecks(study.config, study.inputs); // remembered for these very columns
    } catch {
      // the check itself reports it (same function, same inputs)
    }
    return;
  }
  try {
    if (!study) throw new Error('coverage thread: no study started');
    parentPort!.postMessage({ checks: coverageChecks(study.config, study.inputs, m.figures) });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
