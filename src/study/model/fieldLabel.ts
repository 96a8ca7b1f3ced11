// A questionnaire field as formulas and inputs name it: by its study-file key in English, by the
// column header the study maps it to in Chinese (the reader's own questionnaire wording).
import type { Label } from '../../locale/index.ts';
import type { StudyConfig } from '../config/types.ts';

/**
 * fieldLabel(config, 'operators', 'women') → {zh: '女性人员数', en: 'women'} when the study maps
 * `women: {header: 女性人员数}`; the key in both languages when the field has no header (an unknown
 * field or questionnaire). A header given as alternatives names the field by the first.
 */
export function fieldLabel(config: Pick<StudyConfig, 'questionnaires'>, questionnaire: string, field: string): Label {
  const header = config.questionnaires[questionnaire]?.columns[field]?.header;
  return { zh: header === undefined ? field : [header].flat()[0], en: field };
}
