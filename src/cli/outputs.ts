// The contents of a run's outputs: results.json, CSV tables and rejected.csv (written as one atomic
// set by outputSet.ts).
import type { StudyResults } from '../study/types.ts';
import type { Rejection } from '../data/index.ts';
import { REJECTION_HEADER } from '../data/createRejectionWriter.ts';
import { asLabel, type Lang } from '../locale/index.ts';
import { csvField } from '../data/spreadsheetCell.ts';

/** Stable JSON: keys in insertion order (computeStudy sorts figures), floats as JS prints them. */
export function resultsJson(r: StudyResults): string {
  return JSON.stringify(r, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v), 2) + '\n';
}

/** CSV text with a UTF-8 BOM so that Excel shows Chinese labels; text cells neutralised against formula injection. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return '\ufeff' + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function tables(r: StudyResults, rejections: Rejection[], lang: Lang = 'en'): Record<string, string> {
  const figures = toCsv(
    ['id', 'value', 'unit', 'se', 'ci_low', 'ci_high', 'label_zh', 'label_en', 'formula_zh', 'formula_en', 'se_note'],
    Object.values(r.figures).map((f) => [f.id, f.value, f.unit, f.se, f.ci?.[0], f.ci?.[1], f.label.zh, f.label.en, asLabel(f.formula).zh, asLabel(f.formula).en, f.seNote?.[lang]]),
  );
  const components = toCsv(
    ['id', 'kind', 'label_zh', 'label_en', 'groups', 'population', 'n', 'jobs', 'fulltime', 'parttime'],
    r.components.map((c) => [c.id, c.kind, c.label.zh, c.label.en, c.groups.join(' '), c.population, c.n, c.jobs, c.fulltime, c.parttime]),
  );
  const consumption = toCsv(
    ['id', 'kind', 'label_zh', 'label_en', 'sector_code', 'sector_zh', 'sector_en', 'amount_yuan', 'coefficient', 'induced_output_yuan', 'jobs'],
    r.consumption.map((c) => [c.id, c.kind, c.label.zh, c.label.en, c.sector.code, c.sector.name.zh, c.sector.name.en, c.amount, c.coefficient, c.inducedOutput, c.jobs]),
  );
  const quality = toCsv(
    ['questionnaire', 'file', 'rows_read', 'valid', 'rejected', 'reasons'],
    r.quality.map((q) => [q.questionnaire, q.file, q.rowsRead, q.valid, q.rejected, Object.entries(q.reasons).map(([k, v]) => `${k}=${v}`).join('; ')]),
  );
  return { 'results.json': resultsJson(r), 'figures.csv': figures, 'components.csv': components, 'consumption.csv': consumption, 'quality.csv': quality, 'rejected.csv': rejectedCsv(rejections, lang) };
}

/** rejected.csv: one line per row screening rejected; `code` for machines, `reason` in words of `lang`. */
export function rejectedCsv(rejections: Rejection[], lang: Lang = 'en'): string {
  return toCsv(
    REJECTION_HEADER,
    rejections.map((x) => [x.file, x.row, x.id, x.column, x.value, x.code, x.text[lang]]),
  );
}
