// The console table and output files of a study's transaction part (the voucher figures); the
// study is read and reduced by src/data/voucherStudy.ts.
import type { VoucherStudyResults } from '../data/voucherStudy.ts';
export { runVoucherStudy, studySections, voucherInputs, type VoucherStudyResults } from '../data/voucherStudy.ts';
import { asLabel } from '../locale/index.ts';
import { toCsv } from './outputs.ts';
import { voucherValue } from '../report/vouchersSection.ts';
import { renderVoucherReport } from '../report/voucherReport.ts';
import { wrapLines } from './fitTable.ts';

/**
 * The console table: every voucher figure with its interval, the report's measures first; then the
 * one-sentence explanation and the data notes, wrapped to `width` (80 columns unless --wide).
 */
export function voucherTable(r: VoucherStudyResults, lang: 'zh' | 'en', table: (h: string[], rows: string[][], right?: number[], options?: { width?: number; secondary?: number[]; wrap?: number[] }) => string, width?: number): string {
  const figs = Object.values(r.vouchers.figures);
  const rows = figs.map((f) => [f.id, voucherValue(f, f.value, lang), f.ci ? `${voucherValue(f, f.ci[0], lang)} … ${voucherValue(f, f.ci[1], lang)}` : '—', f.label[lang]]);
  const head = lang === 'zh' ? ['指标', '数值', '95% 区间', '说明'] : ['figure', 'value', '95% interval', 'label'];
  const notes = r.vouchers.notes.map((n) => `  · ${n[lang]}`).join('\n');
  return `${table(head, rows, [1], { width, secondary: [3], wrap: [0] })}\n\n${wrapLines(r.vouchers.explanation[lang], width)}${notes ? `\n\n${wrapLines(notes, width)}` : ''}`;
}

/**
 * Output files of a voucher run: vouchers.json, vouchers.csv, and report.html when the study has
 * transactions only (a study with questionnaires too gets one combined report.html from the report
 * producer).
 */
export function voucherFiles(r: VoucherStudyResults, lang: 'zh' | 'en', options: { report: boolean }): Record<string, string> {
  const json = JSON.stringify(r, (_k, v) => (v instanceof Float64Array ? Array.from(v) : v), 2) + '\n';
  const csv = toCsv(
    ['id', 'value', 'unit', 'se', 'ci_low', 'ci_high', 'df', 'label_zh', 'label_en', 'formula_zh', 'formula_en', 'note'],
    Object.values(r.vouchers.figures).map((f) => [f.id, f.value, f.unit, f.se, f.ci?.[0], f.ci?.[1], f.df, f.label.zh, f.label.en, asLabel(f.formula).zh, asLabel(f.formula).en, f.notes?.[lang]]),
  );
  return { 'vouchers.json': json, 'vouchers.csv': csv, ...(options.report ? { 'report.html': renderVoucherReport(r, lang) } : {}) };
}
