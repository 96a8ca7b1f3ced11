// Row selection of a questionnaire for one component (the `where` of study.yaml).
import type { QuestionnaireData } from '../types.ts';
import { LocalizedError, zhPlace } from '../../locale/errorText.ts';

/**
 * Indices of rows whose category fields equal one of the listed values.
 * selectRows(q, {provider_type: ['wecom']}) → Int32Array of matching row indices.
 * Fails when a `where` field is not a category field of the questionnaire.
 */
export function selectRows(q: QuestionnaireData, where: Record<string, string[]>, context: string): Int32Array {
  const n = q.valid;
  const keep = new Uint8Array(n).fill(1);
  let count = n;
  for (const [field, values] of Object.entries(where)) {
    const col = q.categories[field];
    if (!col) throw new LocalizedError({ zh: `${zhPlace(context)}：where："${field}" 不是问卷 "${q.key}" 已对应的类别字段（字段：${Object.keys(q.categories).join(', ') || '无'}）`, en: `${context}: where: "${field}" is not a mapped category field of questionnaire "${q.key}" (fields: ${Object.keys(q.categories).join(', ') || 'none'})` });
    const set = new Set(values);
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (keep[i] === 1 && (v === null || !set.has(v))) { keep[i] = 0; count--; }
    }
  }
  const out = new Int32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (keep[i] === 1) out[k++] = i;
  return out;
}

/** Gather a numeric column at the given row indices. take(Float64Array[5,6,7], [0,2]) → [5,7]. */
export function take(col: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = col[rows[k]];
  return out;
}

/** The numeric field of a questionnaire, or an error naming the questionnaire and the field. */
export function numberField(q: QuestionnaireData, field: string, context: string): Float64Array {
  const col = q.numbers[field];
  if (!col) throw new LocalizedError({ zh: `${zhPlace(context)}：问卷 "${q.key}" 没有数值字段 "${field}"（请在 questionnaires.${q.key}.columns 下对应它）`, en: `${context}: questionnaire "${q.key}" has no numeric field "${field}" (map it under questionnaires.${q.key}.columns)` });
  return col;
}
