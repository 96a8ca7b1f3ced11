// A study's transaction part (the `transactions:` section): stage and reduce the files in DuckDB (or
// read aggregates from ClickHouse), compute the voucher figures. Used by `spillover run`, `explain`
// and the dashboard server.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LocalizedError } from '../locale/errorText.ts';
import { parseTransactions, type TransactionsConfig } from '../study/vouchers/config.ts';
import { computeVouchers, type VoucherResults } from '../study/vouchers/computeVouchers.ts';
import { loadTransactions } from './transactions/loadTransactions.ts';
import { openDatabase, type DatabaseOptions } from './openDatabase.ts';
import { watchQueries } from './watchQueries.ts';
import { confinePath } from './confinePath.ts';
import { studyDocument } from '../study/config/studyDocument.ts';
import type { Label } from '../study/types.ts';
import { version } from './packagePaths.ts';
import { studySource } from './readStudy.ts';
// the sections of a study file (a small module of its own: `run` reads them before it knows it needs this one)
export { studySections } from './studySections.ts';

export interface VoucherStudyResults {
  spillover: string;
  study: { name: Label; year?: number; platform?: Label; source: string };
  vouchers: VoucherResults;
}

/** The files a voucher run reads (for the output-folder checks); none when it reads ClickHouse tables. */
export function voucherInputs(config: TransactionsConfig, dir: string): string[] {
  if (config.source) return []; // tables on a server
  return [confinePath(dir, config.files, 'transactions.files'), ...config.programmes.flatMap((p) => (p.applicants ? [confinePath(dir, p.applicants.file, `${p.yamlPath}.applicants.file`)] : []))];
}

/** Options of a voucher run: where DuckDB spills, and a progress callback. */
export interface VoucherRunOptions extends DatabaseOptions {
  /**
   * Told how far reading the transaction files has got (for a progress line): pass `pass` of `passes` over the files
   * (DuckDB reads them two or three times: the ids, the rows of repeated ids, the aggregate) and DuckDB's share of it.
   * Not told for transactions on ClickHouse.
   */
  onTransactions?: (files: string, pass: number, passes: number, share: number) => void;
}

export async function runVoucherStudy(path: string, options: VoucherRunOptions = {}): Promise<{ results: VoucherStudyResults; config: TransactionsConfig; dir: string }> {
  const abs = resolve(path);
  const text = readFileSync(abs, 'utf8');
  const config = parseTransactions(text, path);
  if (!config) throw new LocalizedError({ zh: `${path}：没有 transactions: 部分`, en: `${path}: no transactions: section` });
  const source = studySource(abs);
  const raw = (studyDocument(text).doc.toJS() ?? {}) as { study?: { name?: Label | string; year?: number; platform?: Label | string } };
  const label = (x: Label | string | undefined, fallback: string): Label => (x === undefined ? { zh: fallback, en: fallback } : typeof x === 'string' ? { zh: x, en: x } : x);
  const dir = dirname(abs);
  const db = await openDatabase(options);
  const told = options.onTransactions;
  let pass = 0, passes = 0;
  const stopWatching = told && !config.source ? await watchQueries(db, (share) => pass > 0 && told(config.files, pass, passes, share)) : undefined;
  try {
    const aggregates = await loadTransactions(db, config, dir, process.env, told ? (p, of) => { [pass, passes] = [p, of]; told(config.files, p, of, 0); } : undefined);
    stopWatching?.();
    const vouchers = computeVouchers(config, aggregates);
    return {
      results: { spillover: version, study: { name: label(raw.study?.name, source), year: raw.study?.year, platform: raw.study?.platform === undefined ? undefined : label(raw.study.platform, ''), source }, vouchers },
      config,
      dir,
    };
  } finally {
    stopWatching?.();
    db.close();
  }
}

/** Every file under the voucher inputs (a partitioned Parquet folder listed file by file): what the dashboard's cache hashes. */
export function voucherInputFiles(config: TransactionsConfig, dir: string): string[] {
  const walk = (p: string): string[] => (statSync(p).isDirectory() ? readdirSync(p).sort().flatMap((n) => walk(join(p, n))) : [p]);
  return voucherInputs(config, dir).flatMap(walk);
}
