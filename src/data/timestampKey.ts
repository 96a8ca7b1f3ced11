// The declared timestamp of `dedupe: {keep_latest_by: COLUMN}` (issue 13 item 5): rows of one respondent id
// are resolved by their latest timestamp, never by file order. A cell is read as a local date and time by one
// regular expression and turned into one sortable number by the same arithmetic in DuckDB and ClickHouse
// (no engine date parser, so both engines accept exactly the same cells):
//   2019-11-03 14:22:05   2019/11/3 14:22   2019.11.03   2019-11-03T14:22:05.250   2019-11-03T14:22:05.000Z
// or an Excel serial day number, as a workbook stores a date cell: 43773.375 (= 2019-11-04 09:00).
// key = milliseconds since 1899-12-30 00:00 (Excel's day 0): days from the civil date (H. Hinnant's
// days_from_civil, integer arithmetic) · 86 400 000 + time of day; a serial s gives floor(s · 86 400 000 + 0.5).
// Years 1900–2799 (serials 61 … 328 716: from 1900-03-01, past Excel's phantom 1900-02-29); digits after the
// milliseconds are ignored; a date without a time is 00:00:00; a trailing Z (how a reader may write a workbook
// date) is accepted and ignored: the times of one file are compared as written. Days are checked against the
// month (2019-02-29 is not a date).
import type { SqlDialect } from './sql/SqlDialect.ts';

/** The accepted forms (anchored; no backslashes, so the literal is the same in both engines' strings). */
export const TIMESTAMP_PATTERN = '^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.]([0-9]{1,3})[0-9]*)?)?)?Z?$';

/** An Excel serial day number (a workbook's date cell as the sheet stores it). */
export const SERIAL_PATTERN = '^[0-9]+([.][0-9]+)?$';

/** What a user is told an unparseable cell should look like. */
export const TIMESTAMP_EXAMPLE = 'a date and time such as 2019-11-03 14:22:05 or 2019/11/3 14:22, or a workbook date (years 1900–2799)';

/**
 * timestampPartsSql(d, cell) → SQL for the parts of a trimmed text cell as an array of 7 texts (year, month, day,
 * hour, minute, second, fraction; '' for a part left out). Give it an alias and pass both to timestampKeySql.
 */
export function timestampPartsSql(d: SqlDialect, cell: string): string {
  const rewrite = d.string('\\1|\\2|\\3|\\4|\\5|\\6|\\7');
  const pattern = d.string(TIMESTAMP_PATTERN);
  return d.name === 'duckdb' ? `string_split(regexp_replace(${cell}, ${pattern}, ${rewrite}), '|')` : `splitByChar('|', replaceRegexpOne(ifNull(${cell}, ''), ${pattern}, ${rewrite}))`;
}

/** A cell's timestamp as numbers (SQL expressions or the columns holding them), from timestampNumbersSql. */
export interface TimestampNumbers {
  /** year, month, day, hour, minute, second, milliseconds (a part left out is 0) */
  y: string;
  m: string;
  d: string;
  H: string;
  M: string;
  S: string;
  ms: string;
  /** the cell as an Excel serial day number (NULL when it is not a number) */
  serial: string;
}

/**
 * timestampNumbersSql(d, cell, parts) → the SQL of each TimestampNumbers part of a trimmed text cell, `parts` naming
 * its timestampPartsSql. timestampKeySql uses each part many times: DuckDB plans the key fastest when they are
 * columns of a projection below it (screen.ts), ClickHouse's WITH list takes them as they are.
 */
export function timestampNumbersSql(d: SqlDialect, cell: string, parts: string): TimestampNumbers {
  const duck = d.name === 'duckdb';
  const text = (k: number) => (duck ? `${parts}[${k}]` : `arrayElement(${parts}, ${k})`);
  // part k (1-based) as a double; '' (an optional part left out) → 0
  const p = (k: number) => (duck ? `coalesce(TRY_CAST(${text(k)} AS DOUBLE), 0)` : `toFloat64OrZero(${text(k)})`);
  const [y, m, day, H, M, S] = [1, 2, 3, 4, 5, 6].map(p);
  return { y, m, d: day, H, M, S, ms: `(${p(7)} * pow(10, 3 - length(${text(7)})))`, serial: duck ? `TRY_CAST(${cell} AS DOUBLE)` : `toFloat64OrNull(${cell})` };
}

/**
 * timestampKeySql(d, cell, n) → SQL for the key of a trimmed text cell, `n` its timestampNumbersSql (or columns
 * holding them): NULL when the cell is NULL, does not match TIMESTAMP_PATTERN, or is not a calendar date and time.
 * Example: '2019/11/3 14:22' → 3781952520000 (ms since 1899-12-30); '43773.375' (2019-11-04 09:00) →
 * 3782019600000; '2019-02-29' → NULL.
 */
export function timestampKeySql(d: SqlDialect, cell: string, n: TimestampNumbers): string {
  const duck = d.name === 'duckdb';
  const matches = (pattern: string) => (duck ? `regexp_full_match(${cell}, ${d.string(pattern)})` : `match(${cell}, ${d.string(pattern)})`);
  const { y, m, d: day, H, M, S, ms, serial } = n;
  const divides = (k: number) => `${y} - ${k} * floor(${y} / ${k}) = 0`;
  const leap = `((${divides(4)} AND NOT (${divides(100)})) OR ${divides(400)})`;
  const daysInMonth = `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  const valid = `${y} >= 1900 AND ${y} <= 2799 AND ${m} >= 1 AND ${m} <= 12 AND ${day} >= 1 AND ${day} <= ${daysInMonth} AND ${H} <= 23 AND ${M} <= 59 AND ${S} <= 59`;
  // days_from_civil: days since 1970-01-01 of (y, m, d), March-based years; + 25569 → days since 1899-12-30
  const yy = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = `floor(${yy} / 400)`;
  const yoe = `(${yy} - 400 * ${era})`;
  const doy = `(floor((153 * CASE WHEN ${m} > 2 THEN ${m} - 3 ELSE ${m} + 9 END + 2) / 5) + ${day} - 1)`;
  const doe = `(${yoe} * 365 + floor(${yoe} / 4) - floor(${yoe} / 100) + ${doy})`;
  const days = `(${era} * 146097 + ${doe} - 719468 + 25569)`;
  const key = `${days} * 86400000 + ((${H} * 60 + ${M}) * 60 + ${S}) * 1000 + ${ms}`;
  return (
    `CASE WHEN ${cell} IS NULL THEN NULL ` +
    `WHEN ${matches(SERIAL_PATTERN)} THEN CASE WHEN ${serial} >= 61 AND ${serial} < 328717 THEN floor(${serial} * 86400000 + 0.5) END ` +
    `WHEN ${matches(TIMESTAMP_PATTERN)} AND ${valid} THEN ${key} END`
  );
}

/**
 * The DuckDB key in projection levels, as the screening builds it (screen.ts): `parts` (alias __tp) beside the
 * trimmed cell (alias __ts; `cell` is its SQL, repeated here so that both sit on one level), `numbers` (aliases
 * __tn0…__tn7) on the level above, `key` on the next. Each number is a column there, not an expression repeated
 * a dozen times: the statement is shorter and DuckDB binds and optimizes it faster (same values).
 */
export function duckdbTimestampLevels(d: SqlDialect, cell: string): { parts: string; numbers: string[]; key: string } {
  const numbers = timestampNumbersSql(d, '__ts', '__tp');
  const columns = Object.fromEntries(Object.keys(numbers).map((k, i) => [k, `__tn${i}`])) as Record<keyof TimestampNumbers, string>; // (names that differ in more than case)
  return { parts: `${timestampPartsSql(d, cell)} AS __tp`, numbers: Object.values(numbers).map((e, i) => `${e} AS __tn${i}`), key: `${timestampKeySql(d, '__ts', columns)} AS __t` };
}
