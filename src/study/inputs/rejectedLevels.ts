import type { StudyConfig } from '../types.ts';
import type { RejectedLevels } from '../model/index.ts';

/** A screening rejection as far as this step needs it (src/data's Rejection has these fields). */
export interface LevelRejection {
  file: string;
  code: string;
  column: string | null;
  value: string | null;
}

/** Per questionnaire, the values screening rejected as unknown-level, by column (for checkFilters' message). */
export function rejectedLevels(config: StudyConfig, rejections: readonly LevelRejection[]): Record<string, RejectedLevels> {
  const out: Record<string, RejectedLevels> = {};
  for (const [key, q] of Object.entries(config.questionnaires))
    for (const r of rejections)
      if (r.file === q.file && r.code === 'unknown-level' && r.column !== null && r.value !== null) {
        const m = ((out[key] ??= {})[r.column] ??= new Map());
        m.set(r.value, (m.get(r.value) ?? 0) + 1);
      }
  return out;
}
