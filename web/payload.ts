// Revive a study payload in the browser: questionnaire columns back to Float64Array (null → NaN).
import type { StudyConfig, StudyInputs, StudyResults } from '../src/study/types.ts';
import type { IOMethodInputs } from '../src/report/applyScenario.ts';

export interface Payload {
  path: string;
  config: StudyConfig;
  inputs: StudyInputs;
  ioMethods: Record<string, IOMethodInputs>;
  results: StudyResults;
}

export function revivePayload(p: Payload): Payload {
  for (const q of Object.values(p.inputs.questionnaires))
    for (const [k, v] of Object.entries(q.numbers)) q.numbers[k] = Float64Array.from(v as unknown as (number | null)[], (x) => (x === null ? NaN : x));
  return p;
}
