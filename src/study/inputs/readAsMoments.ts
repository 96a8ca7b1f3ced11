import type { StudyConfig } from '../types.ts';

/**
 * A questionnaire is read as sufficient statistics (n, Σy, Σy·yᵀ) instead of rows when only the
 * consumption totals need it: it is the consumer questionnaire, has no declared design, and no
 * component, indicator or survey-based additionality rate reads its rows. Then a 10-million-row
 * export costs one DuckDB scan.
 */
export function readAsMoments(config: StudyConfig, key: string): boolean {
  if (config.consumption.questionnaire !== key || config.questionnaires[key].design) return false;
  if ([...config.providers, ...config.operators].some((c) => c.questionnaire === key)) return false;
  if (config.indicators.some((i) => i.questionnaire === key)) return false;
  // Survey-based rates (deadweight from a "would have spent anyway" share) read consumer rows.
  const rates = Object.values(config.additionality?.consumption ?? {}).flatMap((r) => Object.values(r));
  return !rates.some((r) => r.survey !== undefined);
}
