// Worker thread of src/study-node/coverageThread.ts: answers each message with coverageChecks.
import { parentPort } from 'node:worker_threads';
import { coverageChecks } from '../study/model/coverage.ts';
import type { Figure, StudyConfig, StudyInputs } from '../study/types.ts';

parentPort!.on('message', (m: { config: StudyConfig; questionnaires: StudyInputs['questionnaires']; figures: Record<string, Figure> }) => {
  try {
    parentPort!.postMessage({ checks: coverageChecks(m.config, { questionnaires: m.questionnaires }, m.figures) });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
