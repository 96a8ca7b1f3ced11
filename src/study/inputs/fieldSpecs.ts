// Which fields each questionnaire must provide, and their types (METHOD §1–2): a pure rule over the
// study config; src/data/ screens the file against the specs it returns.
import { ConfigError } from '../config/index.ts';
import type { StudyConfig, ColumnConfig, FieldKind } from '../types.ts';

/** One field a questionnaire is screened for (the shape src/data's FieldSpec accepts). */
export interface QuestionnaireField {
  name: string;
  type: FieldKind;
  required: boolean;
  min?: number;
  max?: number;
  levels?: string[];
}

// Fields each role needs, with their types (METHOD §1–2).
const PROVIDER_FIELDS: Record<string, [FieldKind, number?]> = { employees: ['number', 0], related_share: ['share'], fulltime_share: ['share'] };
const OPERATOR_FIELDS: Record<string, [FieldKind, number?]> = { accounts: ['number', 0], staff: ['number', 0], fulltime_share: ['share'] };

/**
 * Field specs of one questionnaire: built-in roles (required) plus the typed extra columns.
 * Example: a provider component on `providers` → employees (number ≥ 0), related_share, fulltime_share (share), …
 */
export function fieldSpecs(config: StudyConfig, key: string): QuestionnaireField[] {
  const q = config.questionnaires[key];
  const specs = new Map<string, QuestionnaireField>();
  const need = (name: string, type: FieldKind, min?: number) => {
    if (!q.columns[name]) throw new ConfigError(config.source, `${q.yamlPath}.columns`, null, { zh: `使用这份问卷的组成部分或类别需要字段 "${name}"；请把它对应到一列`, en: `field "${name}" is required by a component or category using this questionnaire; map it to a column` });
    specs.set(name, { name, type, required: true, ...(min !== undefined ? { min } : {}) });
  };
  const comps = [...config.providers, ...config.operators].filter((c) => c.questionnaire === key);
  for (const c of comps) {
    for (const [f, [t, min]] of Object.entries(c.kind === 'provider' ? PROVIDER_FIELDS : OPERATOR_FIELDS)) need(f, t, min);
    for (const f of Object.keys(c.where)) need(f, 'category');
  }
  // When every component of this questionnaire selects by a field without declared levels, the values
  // they select are its levels: a row with another value (a provider type no component covers) would
  // count as valid and belong to no component, so it is rejected (unknown-level) instead.
  for (const f of new Set(comps.flatMap((c) => Object.keys(c.where)))) {
    const spec = specs.get(f)!;
    if (!q.columns[f]?.levels && comps.every((c) => c.where[f])) spec.levels = [...new Set(comps.flatMap((c) => c.where[f]))];
  }
  if (config.consumption.questionnaire === key) for (const cat of config.consumption.categories) if (cat.field) need(cat.field, 'number', 0);
  for (const [name, col] of Object.entries<ColumnConfig>(q.columns)) {
    const builtin = specs.get(name);
    if (builtin) {
      if (col.type && col.type !== builtin.type) throw new ConfigError(config.source, `${q.yamlPath}.columns.${name}.type`, null, { zh: `字段 "${name}" 的类型应为 ${builtin.type}，实为 ${col.type}`, en: `field "${name}" must be of type ${builtin.type}, got ${col.type}` });
      if (col.levels) builtin.levels = col.levels;
      continue;
    }
    if (!col.type) throw new ConfigError(config.source, `${q.yamlPath}.columns.${name}`, null, { zh: `字段 "${name}" 不是 spillover 使用的字段；请声明其类型：{header: ..., type: number|share|count|category|boolean|text}`, en: `field "${name}" is not one spillover uses; declare its type: {header: ..., type: number|share|count|category|boolean|text}` });
    specs.set(name, { name, type: col.type, required: col.required ?? false, min: col.min, max: col.max, levels: col.levels });
  }
  return [...specs.values()];
}
