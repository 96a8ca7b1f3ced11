// Every `where` of the study selects rows before any estimate: a filter that selects too few valid rows
// fails here, in `check` as in `run`, naming the questionnaire file, the filter and the values found.
import type { QuestionnaireData, StudyConfig } from '../types.ts';
import { selectRows } from './select.ts';
import { ConfigError } from '../config/parseStudy.ts';

/** Values of one column among the rows screening rejected as unknown-level, by column header: value → rows. */
export type RejectedLevels = Record<string, Map<string, number>>;

const counts = (col: readonly (string | null)[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const v of col) if (v !== null) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
};
const listCounts = (m: Map<string, number>) =>
  [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12).map(([v, n]) => `${JSON.stringify(v)} (${n})`).join(', ') + (m.size > 12 ? `, … (${m.size} values)` : '');

/**
 * checkFilters(config, questionnaires, rejectedLevels) — each component's `where` must select at least 2
 * valid rows (a sampling variance needs 2) and each indicator's at least 1. Otherwise a ConfigError:
 * "components.providers[0] (wecom): where {"provider_type":["企业微信X"]} selects 0 valid rows of
 * data/providers.csv; at least 2 are needed. provider_type in the valid rows: "小程序" (330), …;
 * rejected as unknown-level in 服务商类型: "企业微信" (180)". Questionnaires read as sums only, or without
 * any valid row, are skipped.
 */
export function checkFilters(config: StudyConfig, questionnaires: Record<string, QuestionnaireData>, rejectedLevels: Record<string, RejectedLevels> = {}): void {
  const filters = [
    ...[...config.providers, ...config.operators].map((c) => ({ key: c.questionnaire, where: c.where, yamlPath: c.yamlPath, id: c.id, need: 2 })),
    ...config.indicators.map((i) => ({ key: i.questionnaire, where: i.where, yamlPath: i.yamlPath, id: i.id, need: 1 })),
  ];
  for (const f of filters) {
    const q = questionnaires[f.key];
    // No valid row at all is a fault of the file, reported as such (check: "no valid questionnaire").
    if (!q || q.moments || q.valid === 0 || Object.keys(f.where).length === 0) continue;
    const n = selectRows(q, f.where, `${f.yamlPath} (${f.id})`).length;
    if (n >= f.need) continue;
    const found = Object.keys(f.where).map((field) => [field, listCounts(counts(q.categories[field] ?? []))]);
    const rejected = Object.entries(rejectedLevels[f.key] ?? {}).map(([column, m]) => [column, listCounts(m)]);
    const where = JSON.stringify(f.where);
    throw new ConfigError(config.source, `${f.yamlPath}.where`, null, {
      zh: `（${f.id}）where ${where} 在 ${q.file} 中选出 ${n} 个有效行；至少需要 ${f.need} 个${f.need === 2 ? '才能估计抽样方差' : ''}。${[
        ...found.map(([field, c]) => `有效行中的 ${field}：${c || '（无）'}`),
        ...rejected.map(([column, c]) => `${column} 中因未知取值被剔除：${c}`),
      ].join('；')}`,
      en: `(${f.id}) where ${where} selects ${n} valid row(s) of ${q.file}; at least ${f.need} ${f.need === 1 ? 'is' : 'are'} needed${f.need === 2 ? ' to estimate a sampling variance' : ''}. ${[
        ...found.map(([field, c]) => `${field} in the valid rows: ${c || '(none)'}`),
        ...rejected.map(([column, c]) => `rejected as unknown-level in ${column}: ${c}`),
      ].join('; ')}`,
    });
  }
}
