import { checkText, checkTimeZone, numberLiteral, scaled, unscale, type SqlDialect } from './SqlDialect.ts';

/** backslash first, then the quote character */
const escape = (s: string, quote: string) => checkText(s).replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);

/**
 * clickhouseDialect — SqlDialect for ClickHouse 18.16 and later (HTTP interface). Uses only functions present in
 * 18.16.1 (no trim/trimBoth, roundBankers, toInt128, query parameters): literals are escaped instead.
 * exactSum: Decimal128 terms (sums of Decimal128 are exact and checked for overflow), summed on every shard and
 * merged exactly by the Distributed table.
 * Example: clickhouseDialect.ident('a`b') === '`a\\`b`'; clickhouseDialect.string("it's") === "'it\\'s'".
 */
export const clickhouseDialect: SqlDialect = {
  name: 'clickhouse',
  ident: (name) => `\`${escape(name, '`')}\``,
  table: (database, name) => (database ? `${clickhouseDialect.ident(database)}.` : '') + clickhouseDialect.ident(name),
  string: (value) => `'${escape(value, "'")}'`,
  number: numberLiteral,
  inList: (e, values) => (values.length === 0 ? '0' : `(${e}) IN (${values.map((v) => (typeof v === 'number' ? numberLiteral(v) : clickhouseDialect.string(v))).join(', ')})`),
  inSubquery: (e, sub) => `(${e}) GLOBAL IN (${sub})`,
  trim: (e) => `replaceRegexpAll(${e}, '^ +| +$', '')`,
  lower: (e) => `lowerUTF8(${e})`,
  toDouble: (e) => `toFloat64(${e})`,
  toText: (e) => `toString(${e})`,
  toInt64: (e) => `toInt64(${e})`,
  // toFloat64OrNull reads neither a leading '+' nor (by design here) inf/nan: the pattern decides, the '+' is dropped
  // (18.16: toFloat64OrNull of a Nullable(String) fails; NULL reads as '', which is no number)
  tryDouble: (text) => {
    const t = `ifNull(${text}, '')`;
    const v = `replaceRegexpOne(${t}, '^[+]', '')`;
    // if(…, x, NULL) of a Nullable x is Nullable(Nullable) in 18.16: the text is chosen, then converted once
    return `toFloat64OrNull(if(match(${t}, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') AND isFinite(toFloat64OrZero(${v})), ${v}, ''))`;
  },
  intDiv: (a, b) => `intDiv(${a}, ${b})`,
  ifThen: (c, a, b) => `if(${c}, ${a}, ${b})`,
  count: () => 'toFloat64(count())',
  countIf: (c) => `toFloat64(countIf(${c}))`,
  exactSum: (e, s) => unscale(`toFloat64(sum(toDecimal128(round(${scaled(e, s)}), 0)))`, s),
  exactSumIf: (e, c, s) => unscale(`toFloat64(sumIf(toDecimal128(round(${scaled(e, s)}), 0), ${c}))`, s),
  sum: (e) => `toFloat64(sum(${e}))`,
  sumIf: (e, c) => `toFloat64(sumIf(${e}, ${c}))`,
  day: (ts, tz) => `toString(toDate(${ts}, ${clickhouseDialect.string(checkTimeZone(tz))}))`,
  dayOfEpochSeconds: (s, tz) => `toString(toDate(toDateTime(${s}), ${clickhouseDialect.string(checkTimeZone(tz))}))`,
};
