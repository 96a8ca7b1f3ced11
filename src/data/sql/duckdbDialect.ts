import { checkText, checkTimeZone, numberLiteral, scaled, unscale, type SqlDialect } from './SqlDialect.ts';

/**
 * duckdbDialect — SqlDialect for DuckDB (`@duckdb/node-api`, ICU built in for time zones).
 * exactSum: sum of BIGINT terms is a HUGEINT (exact); a term beyond ±9.2e18 units fails the cast (an error, never a wrap).
 * Example: duckdbDialect.ident('a"b') === '"a""b"'; duckdbDialect.string("it's") === "'it''s'".
 */
export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  ident: (name) => `"${checkText(name).replace(/"/g, '""')}"`,
  table: (database, name) => (database ? `${duckdbDialect.ident(database)}.` : '') + duckdbDialect.ident(name),
  string: (value) => `'${checkText(value).replace(/'/g, "''")}'`,
  number: numberLiteral,
  inList: (e, values) => (values.length === 0 ? 'false' : `(${e}) IN (${values.map((v) => (typeof v === 'number' ? numberLiteral(v) : duckdbDialect.string(v))).join(', ')})`),
  inSubquery: (e, sub) => `(${e}) IN (${sub})`,
  trim: (e) => `trim(${e})`,
  lower: (e) => `lower(${e})`,
  toDouble: (e) => `CAST(${e} AS DOUBLE)`,
  toText: (e) => `CAST(${e} AS VARCHAR)`,
  toInt64: (e) => `CAST(trunc(${e}) AS BIGINT)`,
  // TRY_CAST also reads '1_000', 'inf', 'nan', hex: only plain decimal/exponent notation is a number here
  tryDouble: (t) =>
    `CASE WHEN regexp_full_match(${t}, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') AND isfinite(TRY_CAST(${t} AS DOUBLE)) THEN TRY_CAST(${t} AS DOUBLE) END`,
  intDiv: (a, b) => `((${a}) // (${b}))`,
  ifThen: (c, a, b) => `CASE WHEN ${c} THEN ${a} ELSE ${b} END`,
  count: () => 'CAST(count(*) AS DOUBLE)',
  countIf: (c) => `CAST(count(*) FILTER (WHERE ${c}) AS DOUBLE)`,
  exactSum: (e, s) => unscale(`CAST(sum(CAST(round(${scaled(e, s)}) AS BIGINT)) AS DOUBLE)`, s),
  exactSumIf: (e, c, s) => unscale(`CAST(coalesce(sum(CAST(round(${scaled(e, s)}) AS BIGINT)) FILTER (WHERE ${c}), 0) AS DOUBLE)`, s),
  sum: (e) => `CAST(sum(${e}) AS DOUBLE)`,
  sumIf: (e, c) => `CAST(coalesce(sum(${e}) FILTER (WHERE ${c}), 0) AS DOUBLE)`,
  day: (ts, tz) => `strftime(timezone(${duckdbDialect.string(checkTimeZone(tz))}, CAST(${ts} AS TIMESTAMPTZ)), '%Y-%m-%d')`,
  dayOfEpochSeconds: (s, tz) => `strftime(timezone(${duckdbDialect.string(checkTimeZone(tz))}, to_timestamp(${s})), '%Y-%m-%d')`,
};
