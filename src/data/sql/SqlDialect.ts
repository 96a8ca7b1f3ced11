import { LocalizedError, internalError } from '../../locale/errorText.ts';
/**
 * SqlDialect — the few SQL pieces the study's aggregations need, written once per engine (DuckDB, ClickHouse 18.16+).
 * Every identifier and value that reaches a query goes through `ident` / `string` / `number`: a column name or a
 * filter value holding quotes, semicolons or SQL stays one identifier or one literal (see test/data/sqlDialect.test.ts).
 *
 * Exact sums: `exactSum(e, s)` adds the integers round(e·10^s) (half away from zero, as both engines' round())
 * in 128-bit integer arithmetic and returns the total / 10^s as a double. The result does not depend on the
 * order of addition (threads, shards), so DuckDB and a ClickHouse cluster give the same digits.
 * Example: exactSum('amount_fen', 0) over fen integers = Σ fen exactly (up to 2^53 as a double).
 */
export interface SqlDialect {
  readonly name: 'duckdb' | 'clickhouse';
  /** a quoted identifier: DuckDB "a""b", ClickHouse `a\`b` */
  ident(name: string): string;
  /** database.table, each part quoted (database optional) */
  table(database: string | undefined, name: string): string;
  /** a quoted string literal: DuckDB 'it''s', ClickHouse 'it\'s' (backslashes escaped) */
  string(value: string): string;
  /** a numeric literal; throws on a non-finite number */
  number(value: number): string;
  /** `e IN (v1, v2, …)` with quoted literals (false for an empty list) */
  inList(e: string, values: readonly (string | number)[]): string;
  /**
   * `e IN (subquery)`. ClickHouse: GLOBAL IN — the subquery runs once on the server the query was sent to and its
   * result goes to every shard (a plain IN would run it on each shard, against tables that may be only local there).
   */
  inSubquery(e: string, subquery: string): string;
  /** text without leading and trailing spaces (' ' only, as DuckDB trim) / in lower case (UTF-8) */
  trim(e: string): string;
  lower(e: string): string;
  /** CAST to a double / to text / to a 64-bit integer (truncates toward zero) */
  toDouble(e: string): string;
  toText(e: string): string;
  toInt64(e: string): string;
  /** the double a text holds, NULL when it is not a finite number in plain decimal or exponent notation */
  tryDouble(text: string): string;
  /** integer division of non-negative integer expressions (DuckDB //, ClickHouse intDiv) */
  intDiv(a: string, b: string): string;
  /** `CASE WHEN cond THEN a ELSE b END` */
  ifThen(cond: string, a: string, b: string): string;
  /** count of rows (as a double) / of rows where cond holds */
  count(): string;
  countIf(cond: string): string;
  /** exact sum (see above): Σ round(e·10^scale) / 10^scale, as a double; NULL terms are skipped */
  exactSum(e: string, scale: number): string;
  /** the same over the rows where cond holds (0 when none) */
  exactSumIf(e: string, cond: string, scale: number): string;
  /** plain floating-point sum (order-dependent in the last digits) and its conditional form */
  sum(e: string): string;
  sumIf(e: string, cond: string): string;
  /** calendar day 'YYYY-MM-DD' (text) of the instant `ts` (a timestamp / DateTime column, stored as UTC) in an IANA time zone */
  day(ts: string, timeZone: string): string;
  /**
   * the same for an instant given as Unix seconds (an integer expression). Per row this costs a time-zone lookup
   * (DuckDB ICU ≈ 1 µs): over many rows, aggregate by 15-minute bucket first (intDiv(s, 900): every zone's offset
   * and transitions fall on quarter hours) and take the day of each bucket's start — exact, and 10–20× faster.
   */
  dayOfEpochSeconds(seconds: string, timeZone: string): string;
}

/** Checks a scale for exactSum: an integer 0…18. */
export function checkScale(scale: number): number {
  if (!Number.isInteger(scale) || scale < 0 || scale > 18) throw internalError(`exactSum: scale must be an integer 0…18, got ${scale}`);
  return scale;
}

/** e·10^scale (the term of an exact sum) and its inverse, for the dialects */
export const scaled = (e: string, scale: number) => (checkScale(scale) === 0 ? `(${e})` : `(${e}) * 1e${scale}`);
export const unscale = (e: string, scale: number) => (scale === 0 ? e : `(${e}) / 1e${scale}`);

/** Checks an IANA time-zone name (Area/City, UTC, Etc/GMT+8); it is also quoted, this only gives a clear error early. */
export function checkTimeZone(tz: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+){0,2}$/.test(tz)) throw new LocalizedError({ zh: `${JSON.stringify(tz)} 不是时区名称（应如 Asia/Shanghai 或 UTC）`, en: `not a time-zone name: ${JSON.stringify(tz)} (expected e.g. Asia/Shanghai or UTC)` });
  return tz;
}

/** A finite number as a SQL literal both engines read exactly (shortest round-trip form). */
export function numberLiteral(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new LocalizedError({ zh: `${String(value)} 不是有限的数`, en: `not a finite number: ${String(value)}` });
  const s = String(value);
  return value < 0 ? `(${s})` : s;
}

/** Refuses text no SQL literal should carry: a NUL character (C-string APIs would cut the query there). */
export function checkText(value: string): string {
  if (typeof value !== 'string') throw internalError(`not a string: ${String(value)}`);
  if (value.includes('\0')) throw new LocalizedError({ zh: 'SQL 名称或值中含有 NUL 字符', en: 'a SQL name or value contains a NUL character' });
  return value;
}
