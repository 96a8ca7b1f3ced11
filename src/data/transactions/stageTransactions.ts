// Transaction files in DuckDB: a view over Parquet (files, folders, hive partitions) or CSV and the SELECT that
// maps its rows to the normalized columns of aggregations.ts, each row with its first fault (reduceFiles.ts counts
// them by cause and aggregates the rest; nothing is copied); and the rules both engines share.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../openDatabase.ts';
import { DataError } from '../DataError.ts';
import { errorText } from '../../locale/errorText.ts';
import type { Label } from '../../locale/lang.ts';
import { suggest } from '../matchColumns.ts';
import { duckdbDialect as d } from '../sql/duckdbDialect.ts';
import type { TransactionsConfig } from '../../study/vouchers/config.ts';
import { faultName } from '../../study/vouchers/qualityNotes.ts';

export interface TransactionQuality {
  file: string;
  rowsRead: number;
  /** Rows used in every figure (after the exclusions below). */
  used: number;
  /** Rows left out, by cause; Σ = rowsRead − used. */
  excluded: Record<'missing-id' | 'missing-payer' | 'unparseable-time' | 'non-numeric-amount' | 'non-numeric-discount' | 'outside-window' | 'duplicate-id', number>;
  /** Kept rows that are refunds (negative amount or refund flag), netted out of spending. */
  refunds: number;
  refundFen: number;
  /** Payers whose refunds exceed their purchases in the window (net spending < 0; kept as negative). */
  payersNetNegative: number;
  /** Voucher transactions whose discount exceeds the amount (kept; listed for the data owner). */
  discountAboveAmount: number;
  notes: string[];
}

/** The glob DuckDB reads for a file, a folder (every file of the format below it) or a glob. */
export function sourceGlob(path: string, format: 'parquet' | 'csv'): string {
  if (existsSync(path) && statSync(path).isDirectory()) return join(path, '**', `*.${format}`);
  return path;
}

/**
 * A source that cannot be read, in both languages: what (the transactions, the applicant list), the YAML line and
 * the engine's first line. cannotRead('tx/', TRANSACTIONS, 'study.yaml:12 transactions.files', e, …)
 */
export function cannotRead(display: string, what: Label, where: string, e: unknown, at: { yamlPath: string }): DataError {
  const why = (lang: 'zh' | 'en') => errorText(e, lang).split('\n')[0];
  return new DataError({ zh: `${display}：无法读取${what.zh}（${where}）：${why('zh')}`, en: `${display}: cannot read ${what.en} (${where}): ${why('en')}` }, { file: display, ...at });
}

export const TRANSACTIONS: Label = { zh: '交易数据', en: 'the transactions' };

/** No transactions at all in the source named at `where`. */
export const noTransactions = (display: string, where: string, yamlPath: string): DataError =>
  new DataError({ zh: `${display}：没有交易记录（${where}）`, en: `${display}: no transactions (${where})` }, { file: display, yamlPath });

/**
 * Transactions were read but every one was left out: the faults by count, most first, and where to look (the time
 * column when unreadable times lead). noUsableTransactions('tx/', 'study.yaml:9: transactions.files', …, 1200,
 * {'unparseable-time': 1200, …}) → "tx/: 1200 transactions read, none usable (…): unreadable time 1200; …"
 */
export function noUsableTransactions(display: string, where: string, yamlPath: string, rowsRead: number, excluded: TransactionQuality['excluded'], timeColumn: string): DataError {
  const faults = Object.entries(excluded).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const list = (lang: 'zh' | 'en') => faults.map(([k, n]) => (lang === 'zh' ? `${faultName(k, 'zh')} ${n} 行` : `${faultName(k, 'en')} ${n}`)).join(lang === 'zh' ? '、' : ', ');
  const time = faults[0]?.[0] === 'unparseable-time';
  return new DataError(
    {
      zh: `${display}：读到 ${rowsRead} 行交易，没有一行可用（${where}）：${list('zh')}；${time ? `请检查时间列「${timeColumn}」（transactions.columns.time）：应为日期、时间戳或 ISO 8601 格式的文本` : '请检查 transactions.columns 的列对应和 window 的起止日期'}`,
      en: `${display}: ${rowsRead} transactions read, none usable (${where}): ${list('en')}; ${time ? `check the time column "${timeColumn}" (transactions.columns.time): it must hold dates, timestamps or ISO 8601 text` : 'check the column mapping (transactions.columns) and the window'}`,
    },
    { file: display, yamlPath: time ? 'transactions.columns.time' : yamlPath, ...(time ? { column: timeColumn } : {}) },
  );
}

/**
 * A mapped header the source lacks: names the file, the header, the field and its YAML line, the headers found and
 * the nearest of them.
 */
export function noColumn(display: string, header: string, field: string, where: string, headers: string[], yamlPath: string): DataError {
  const near = suggest([header], headers);
  return new DataError(
    {
      zh: `${display}：找不到 ${field} 对应的列「${header}」（${where}）；文件中的列：${headers.map((h) => `「${h}」`).join('、')}${near.length ? `；是不是${near.map((h) => `「${h}」`).join('或')}？` : ''}`,
      en: `${display}: no column "${header}" for ${field} (${where}); found columns: ${headers.map((h) => JSON.stringify(h)).join(', ')}${near.length ? `; did you mean ${near.map((h) => JSON.stringify(h)).join(' or ')}?` : ''}`,
    },
    { file: display, row: 1, column: header, yamlPath },
  );
}

/**
 * A view over the transaction files at `path` (Parquet: typed, hive partitions as columns; CSV: every cell text) and
 * its columns. A file that cannot be read is a DataError naming it and the YAML line.
 */
export async function transactionFiles(db: Db, config: TransactionsConfig, path: string, display: string): Promise<{ view: string; described: { name: string; type: string }[] }> {
  const where = config.where['transactions.files'] ?? 'transactions.files';
  if (!/[*?[{]/.test(path) && !existsSync(path)) {
    throw new DataError({ zh: `${display}：文件或文件夹不存在（${where}）`, en: `${display}: no such file or folder (${where})` }, { file: display, yamlPath: 'transactions.files' });
  }
  const glob = sourceGlob(path, config.format);
  const view = d.ident(db.tempName('tx_source'));
  const reader = config.format === 'parquet'
    ? `read_parquet(${d.string(glob)}, hive_partitioning = true, union_by_name = true)`
    : `read_csv(${d.string(glob)}, all_varchar = true, header = true, union_by_name = true)`;
  try {
    await db.connection.run(`CREATE VIEW ${view} AS SELECT * FROM ${reader}`);
  } catch (e) {
    throw cannotRead(display, TRANSACTIONS, where, e, { yamlPath: 'transactions.files' });
  }
  const described = ((await db.connection.runAndReadAll(`DESCRIBE SELECT * FROM ${view}`)).getRowsJS() as unknown[][]).map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  return { view, described };
}

/** The normalized rows of a transaction source: a SELECT over the files' view (see normalizedSelect). */
export interface NormalizedSource {
  /**
   * `SELECT id, day, payer, merchant, city, industry, amount_fen, discount_fen, age_band, merchant_size, is_refund, fault FROM …`:
   * every row of the files normalized (aggregations.ts's columns), with its first fault (NULL = good) in the order
   * id, payer, time, amount, discount, window.
   */
  select: string;
  hasAgeBand: boolean;
  hasMerchantSize: boolean;
}

/**
 * The normalized rows of `config`'s files at `path` (already resolved and confined) as one SELECT over a view of
 * the files. Whole-file faults (no file, a mapped column missing) throw a DataError naming file, column and YAML line.
 */
export async function normalizedSelect(db: Db, config: TransactionsConfig, path: string, display: string): Promise<NormalizedSource> {
  const { view: src, described } = await transactionFiles(db, config, path, display);
  const col = (field: string): { sql: string; type: string } | null => {
    const hit = mapColumn(config, field, described, display);
    return hit === null ? null : { sql: d.ident(hit.name), type: hit.type.toUpperCase() };
  };
  // Text cells: trimmed, empty = missing. Typed Parquet columns skip the text round trip where they can.
  const text = (c: { sql: string; type: string } | null) => (c === null ? 'NULL' : c.type === 'VARCHAR' && config.format === 'parquet' ? `NULLIF(${c.sql}, '')` : `NULLIF(trim(CAST(${c.sql} AS VARCHAR)), '')`);
  // the same with '' for missing: coalesce(NULLIF(x, ''), '') is coalesce(x, '')
  const orEmpty = (c: { sql: string; type: string } | null) => (c === null ? "''" : c.type === 'VARCHAR' && config.format === 'parquet' ? `coalesce(${c.sql}, '')` : `coalesce(trim(CAST(${c.sql} AS VARCHAR)), '')`);
  const isNumber = (c: { type: string }) => /^(DOUBLE|FLOAT|REAL|DECIMAL|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)/.test(c.type);
  const numeric = (c: { sql: string; type: string }) => (isNumber(c) ? `CAST(${c.sql} AS DOUBLE)` : d.tryDouble(`trim(CAST(${c.sql} AS VARCHAR))`));
  const tz = d.string(config.timezone);
  const time = col('time')!;
  // Local calendar day (days since 1970-01-01 in the declared zone). With a constant UTC offset over
  // the window (Asia/Shanghai: +08:00) it is integer arithmetic on the epoch; otherwise ICU converts.
  // Instants (TIMESTAMPTZ, text with an offset) are converted; naive timestamps and text without an
  // offset are local times already.
  const offset = fixedOffsetMinutes(config.timezone, config.window.start, config.window.end);
  const US_DAY = 86_400_000_000;
  const localDay = (instant: string) => offset !== null
    ? `CAST(floor((epoch_us(${instant}) + ${offset * 60_000_000}) / ${US_DAY}) AS INTEGER)`
    : `CAST(floor(epoch_us(CAST(timezone(${tz}, ${instant}) AS TIMESTAMP)) / ${US_DAY}) AS INTEGER)`;
  const naiveDay = (ts: string) => `CAST(floor(epoch_us(${ts}) / ${US_DAY}) AS INTEGER)`;
  const trimmed = `trim(CAST(${time.sql} AS VARCHAR))`;
  const day = time.type.startsWith('TIMESTAMP WITH TIME ZONE')
    ? localDay(time.sql)
    : time.type.startsWith('TIMESTAMP') || time.type === 'DATE'
      ? naiveDay(`CAST(${time.sql} AS TIMESTAMP)`)
      : `CASE WHEN regexp_matches(${trimmed}, '([+-][0-9]{2}(:?[0-9]{2})?|Z)$') THEN ${localDay(`TRY_CAST(${trimmed} AS TIMESTAMPTZ)`)} ELSE ${naiveDay(`TRY_CAST(${trimmed} AS TIMESTAMP)`)} END`;
  // A typed number column's cell is a number or empty (0): only text can hold a non-numeric discount.
  const amount = col('amount')!, discount = col('discount')!, refund = col('refund');
  const refundFlag = refund === null ? 'false' : refund.type === 'BOOLEAN' ? `coalesce(${refund.sql}, false)` : `(${d.inList(`lower(${text(refund)})`, REFUND_WORDS)})`;
  const startDay = dayNumber(config.window.start), endDay = dayNumber(config.window.end);
  const select = `SELECT id, day, payer, merchant, city, industry,
      CAST(round(amount * 100) AS BIGINT) * CASE WHEN refund AND amount > 0 THEN -1 ELSE 1 END AS amount_fen,
      CAST(round(coalesce(discount_raw, 0) * 100) AS BIGINT) AS discount_fen, age_band, merchant_size, refund OR amount < 0 AS is_refund,
      CASE WHEN id IS NULL THEN 'missing-id' WHEN payer IS NULL THEN 'missing-payer' WHEN day IS NULL THEN 'unparseable-time'
        WHEN amount IS NULL THEN 'non-numeric-amount' WHEN discount_raw IS NULL AND discount_text IS NOT NULL THEN 'non-numeric-discount'
        WHEN day < ${startDay} OR day > ${endDay} THEN 'outside-window' END AS fault
    FROM (SELECT ${text(col('id'))} AS id, ${day} AS day, ${text(col('payer'))} AS payer, ${orEmpty(col('merchant'))} AS merchant,
      ${orEmpty(col('city'))} AS city, ${orEmpty(col('industry'))} AS industry, ${numeric(amount)} AS amount, ${numeric(discount)} AS discount_raw,
      ${isNumber(discount) ? 'CAST(NULL AS VARCHAR)' : text(discount)} AS discount_text, ${orEmpty(col('age_band'))} AS age_band, ${orEmpty(col('merchant_size'))} AS merchant_size, ${refundFlag} AS refund FROM ${src})`;
  return { select, hasAgeBand: config.columns.age_band !== undefined, hasMerchantSize: config.columns.merchant_size !== undefined };
}

/**
 * The source column mapped to a transaction field (exact header, else the same header ignoring case and spaces),
 * null when the field is not mapped; a mapped header the source lacks is a DataError naming the file, the column,
 * the YAML line and the nearest headers. Used for files (DuckDB) and tables (ClickHouse) alike.
 */
export function mapColumn(config: TransactionsConfig, field: string, described: { name: string; type: string }[], display: string): { name: string; type: string } | null {
  const header = config.columns[field as keyof typeof config.columns];
  if (header === undefined) return null;
  const hit = described.find((c) => c.name === header) ?? described.find((c) => c.name.trim().toLowerCase() === header.trim().toLowerCase());
  if (hit) return hit;
  const where = config.where[`transactions.columns.${field}`] ?? `transactions.columns.${field}`;
  throw noColumn(display, header, field, where, described.map((c) => c.name), `transactions.columns.${field}`);
}

/** The data-quality notes of a staging (the same words for files and ClickHouse tables). */
export function qualityNotes(excluded: TransactionQuality['excluded'], dupIds: number, netNegative: number, above: number): string[] {
  const notes: string[] = [];
  if (dupIds > 0) notes.push(`${dupIds} transaction ids occur more than once: the first occurrence (by day, amount, payer, merchant) is used, ${excluded['duplicate-id']} further rows are left out`);
  if (netNegative > 0) notes.push(`${netNegative} payers have refunds larger than their purchases in the window; their net spending is negative and is used as it is`);
  if (above > 0) notes.push(`${above} voucher transactions have a discount larger than the amount`);
  for (const [k, n] of Object.entries(excluded)) if (n > 0 && k !== 'duplicate-id') notes.push(`${n} rows left out: ${k}`);
  return notes;
}

/** The fault of the first check a row fails, in this order; rows with none are used. */
export const FAULT_ORDER = ['missing-id', 'missing-payer', 'unparseable-time', 'non-numeric-amount', 'non-numeric-discount', 'outside-window'] as const;
/** Text read as a refund flag (lower case, trimmed). */
export const REFUND_WORDS = ['1', 'true', 'yes', 'y', 't', '是', 'refund', '退款'];

/** Days since 1970-01-01 of a calendar date: dayNumber('2020-03-01') === 18322. */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/** The date of a day number: dayText(18322) === '2020-03-01'. */
export function dayText(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** The zone's UTC offset in minutes if it is the same at every midnight of the window (and a day around it), else null. */
export function fixedOffsetMinutes(timeZone: string, start: string, end: string): number | null {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const offsetAt = (ms: number) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return Math.round((Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - ms) / 60_000);
  };
  let first: number | null = null;
  for (let t = Date.parse(`${start}T00:00:00Z`) - 2 * 86_400_000; t <= Date.parse(`${end}T00:00:00Z`) + 2 * 86_400_000; t += 3_600_000 * 6) {
    const o = offsetAt(t);
    if (first === null) first = o;
    else if (o !== first) return null;
  }
  return first;
}
