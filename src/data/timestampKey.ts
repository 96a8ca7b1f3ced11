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

/**
 * timestampKeySql(d, cell, parts) → SQL for the key of a trimmed text cell, `parts` naming its
 * timestampPartsSql: NULL when the cell is NULL, does not match TIMESTAMP_PATTERN, or is not a calendar date
 * and time. Example: '2019/11/3 14:22' → 3781952520000 (ms since 1899-12-30); '43773.375' (2019-11-04 09:00) →
 * 3782019600000; '2019-02-29' → NULL.
 */
export function timestampKeySql(d: SqlDialect, cell: string, parts: string): string {
  const duck = d.name === 'duckdb';
  const matches = (pattern: string) => (duck ? `regexp_full_match(${cell}, ${d.string(pattern)})` : `match(${cell}, ${d.string(pattern)})`);
  const text = (k: number) => (duck ? `${parts}[${k}]` : `arrayElement(${parts}, ${k})`);
  // part k (1-based) as a double; '' (an optional part left out) → 0
  const p = (k: number) => (duck ? `coalesce(TRY_CAST(${text(k)} AS DOUBLE), 0)` : `toFloat64OrZero(${text(k)})`);
  const [y, m, day, H, M, S] = [1, 2, 3, 4, 5, 6].map(p);
  const ms = `(${p(7)} * pow(10, 3 - length(${text(7)})))`;
  const divides = (n: number) => `${y} - ${n} * floor(${y} / ${n}) = 0`;
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
  const serial = duck ? `TRY_CAST(${cell} AS DOUBLE)` : `toFloat64OrNull(${cell})`;
  return (
    `CASE WHEN ${cell} IS NULL THEN NULL ` +
    `WHEN ${matches(SERIAL_PATTERN)} THEN CASE WHEN ${serial} >= 61 AND ${serial} < 328717 THEN floor(${serial} * 86400000 + 0.5) END ` +
    `WHEN ${matches(TIMESTAMP_PATTERN)} AND ${valid} THEN ${key} END`
  );
}
