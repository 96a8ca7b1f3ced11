// Run the transaction part of a study (the `transactions:` section): stage and reduce the files in
// DuckDB, compute the voucher figures. Used by `spillover run` and `explain`.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { parseTransactions, type TransactionsConfig } from '../study/vouchers/config.ts';
import { computeVouchers, type VoucherResults } from '../study/vouchers/computeVouchers.ts';
import { loadTransactions } from '../data/transactions/loadTransactions.ts';
import { openDatabase, type DatabaseOptions } from '../data/openDatabase.ts';
import { confinePath } from '../data/confinePath.ts';
import type { Label } from '../study/types.ts';
import { version } from '../data/packagePaths.ts';
import { toCsv } from './outputs.ts';
import { voucherValue } from '../report/vouchersSection.ts';
import { renderVoucherReport } from '../report/voucherReport.ts';
import { wrapLines } from './fitTable.ts';

export interface VoucherStudyResults {
  spillover: string;
  study: { name: Label; year?: number; platform?: Label; source: string };
  vouchers: VoucherResults;
}

/** Whether a study file has a `transactions:` section, and whether it has questionnaires. */
export function studySections(text: string): { transactions: boolean; questionnaires: boolean } {
  const raw = parseDocument(text).toJS() as Record<string, unknown> | null;
  return { transactions: !!raw && raw.transactions !== undefined, questionnaires: !!raw && raw.questionnaires !== undefined };
}

/** The files a voucher run reads (for the output-folder checks); none when it reads ClickHouse tables. */
export function voucherInputs(config: TransactionsConfig, dir: string): string[] {
  if (config.source) return []; // tables on a server
  return [confinePath(dir, config.files, 'transactions.files'), ...config.programmes.flatMap((p) => (p.applicants ? [confinePath(dir, p.applicants.file, `${p.yamlPath}.applicants.file`)] : []))];
}

export async function runVoucherStudy(path: string, options: DatabaseOptions = {}): Promise<{ results: VoucherStudyResults; config: TransactionsConfig; dir: string }> {
  const abs = resolve(path);
  const text = readFileSync(abs, 'utf8');
  const source = path;
  const config = parseTransactions(text, source);
  if (!config) throw new Error(`${source}: no transactions: section`);
  const raw = (parseDocument(text).toJS() ?? {}) as { study?: { name?: Label | string; year?: number; platform?: Label | string } };
  const label = (x: Label | string | undefined, fallback: string): Label => (x === undefined ? { zh: fallback, en: fallback } : typeof x === 'string' ? { zh: x, en: x } : x);
  const dir = dirname(abs);
  const db = await openDatabase(options);
  try {
    const aggregates = await loadTransactions(db, config, dir);
    const vouchers = computeVouchers(config, aggregates);
    return {
      results: { spillover: version, study: { name: label(raw.study?.name, source), year: raw.study?.year, platform: raw.study?.platform === undefined ? undefined : label(raw.study.platform, ''), source }, vouchers },
      config,
      dir,
    };
  } finally {
    db.close();
  }
}

/**
 * The console table: every voucher figure with its interval, the report's measures first; then the
 * one-sentence explanation and the data notes, wrapped to `width` (80 columns unless --wide).
 */
export function voucherTable(r: VoucherStudyResults, lang: 'zh' | 'en', table: (h: string[], rows: string[][], right?: number[], options?: { width?: number; secondary?: number[]; wrap?: number[] }) => string, width?: number): string {
  const figs = Object.values(r.vouchers.figures);
  const rows = figs.map((f) => [f.id, voucherValue(f), f.ci ? `${voucherValue(f, f.ci[0])} … ${voucherValue(f, f.ci[1])}` : '—', f.label[lang]]);
  const head = lang === 'zh' ? ['指标', '数值', '95% 区间', '说明'] : ['figure', 'value', '95% interval', 'label'];
  const notes = r.vouchers.notes.map((n) => `  · ${n}`).join('\n');
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
    ['id', 'value', 'unit', 'se', 'ci_low', 'ci_high', 'df', 'label_zh', 'label_en', 'formula', 'note'],
    Object.values(r.vouchers.figures).map((f) => [f.id, f.value, f.unit, f.se, f.ci?.[0], f.ci?.[1], f.df, f.label.zh, f.label.en, f.formula, f.notes]),
  );
  return { 'vouchers.json': json, 'vouchers.csv': csv, ...(options.report ? { 'report.html': renderVoucherReport(r, lang) } : {}) };
}
