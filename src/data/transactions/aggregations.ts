// The logical aggregations that reduce transactions to the voucher estimators' sufficient
// statistics, written once through SqlDialect so the same query runs on DuckDB and ClickHouse.
//
// Every query reads a normalized relation with the columns
//   day (integer: days since 1970-01-01 in the study's time zone), payer, merchant, city, industry,
//   amount_fen (signed, refunds negative), discount_fen, age_band, merchant_size
// (ClickHouse: expressions over a table's own columns, see clickhouseTransactions.ts). DuckDB reads files through
// reduceFiles.ts instead, which computes the same statistics from one finest-grain aggregate (armMoments is shared).
import type { SqlDialect } from '../sql/SqlDialect.ts';
import type { SqlValue } from '../sql/SqlRunner.ts';
import type { ArmAggregate } from '../../study/vouchers/types.ts';

/** The normalized columns every aggregation reads. */
export type NormalizedColumn = 'day' | 'payer' | 'merchant' | 'city' | 'industry' | 'amount_fen' | 'discount_fen' | 'age_band' | 'merchant_size';

export interface Relation {
  dialect: SqlDialect;
  /** Already-quoted table or view name of the transactions. */
  table: string;
  /**
   * SQL expressions of the normalized columns over `table`'s own columns (default: the column of that name). On a
   * ClickHouse Distributed table the normalization is written into each query this way, so that every shard
   * normalizes and aggregates its own rows and only aggregates cross the network (a subquery would ship rows).
   */
  columns?: Partial<Record<NormalizedColumn, string>>;
  /** condition a row must meet to count (default: every row), e.g. no fault and not a dropped duplicate */
  filter?: string;
}

/** Half-open day range [from, to) in day numbers (days since 1970-01-01). */
export interface DayRange {
  from: number;
  to: number;
}

const q = (r: Relation, c: NormalizedColumn) => r.columns?.[c] ?? r.dialect.ident(c);
/** `FROM table WHERE …` with the relation's filter and the query's own conditions */
const from = (r: Relation, ...conditions: string[]) => {
  const all = [...(r.filter ? [r.filter] : []), ...conditions].map((c) => `(${c})`);
  return `FROM ${r.table}${all.length ? ` WHERE ${all.join(' AND ')}` : ''}`;
};
const inRange = (r: Relation, range: DayRange) => `${q(r, 'day')} >= ${r.dialect.number(range.from)} AND ${q(r, 'day')} < ${r.dialect.number(range.to)}`;
const num = (v: SqlValue): number => (typeof v === 'number' ? v : v === null ? 0 : Number(v));
const txt = (v: SqlValue): string => (v === null ? '' : String(v));

/** City × industry × day cells: transactions, Σ amount, Σ amount in voucher transactions, Σ discount (fen, exact). */
// Aliases start with __ so that they never shadow a column of the table (ClickHouse resolves aliases query-wide).
export function cellsQuery(r: Relation): string {
  const d = r.dialect;
  const [city, ind, day, amt, disc] = (['city', 'industry', 'day', 'amount_fen', 'discount_fen'] as const).map((c) => q(r, c));
  return `SELECT ${city} AS __city, ${ind} AS __industry, ${day} AS __day, ${d.count()} AS __n, ${d.exactSum(amt, 0)} AS __spend, ${d.exactSumIf(amt, `${disc} > 0`, 0)} AS __voucher_spend, ${d.exactSum(disc, 0)} AS __subsidy
${from(r)} GROUP BY __city, __industry, __day ORDER BY __city, __industry, __day`;
}

export interface Cell {
  city: string;
  industry: string;
  /** Day number (days since 1970-01-01, local). */
  day: number;
  n: number;
  spendFen: number;
  voucherSpendFen: number;
  subsidyFen: number;
}
export const readCells = (rows: SqlValue[][]): Cell[] =>
  rows.map((r) => ({ city: txt(r[0]), industry: txt(r[1]), day: num(r[2]), n: num(r[3]), spendFen: num(r[4]), voucherSpendFen: num(r[5]), subsidyFen: num(r[6]) }));

/** Spending by merchant size in two windows (the report's growth by merchant size), fen. */
export function sizeWindowsQuery(r: Relation, before: DayRange, after: DayRange): string {
  const d = r.dialect, amt = q(r, 'amount_fen');
  return `SELECT ${q(r, 'merchant_size')} AS __size, ${d.exactSumIf(amt, inRange(r, before), 0)} AS __before_fen, ${d.exactSumIf(amt, inRange(r, after), 0)} AS __after_fen
${from(r)} GROUP BY __size ORDER BY __size`;
}

/**
 * Distinct voucher users by age band, or benefiting merchants by size class: each payer (merchant)
 * with a voucher transaction counted once, in its smallest band (class, by text order) when the data disagree.
 * Every band that occurs in a voucher transaction is listed, with 0 when all its payers (merchants) count in a
 * smaller one: a share of 0 rather than a figure that silently disappears (each band's row is counted once more
 * by the second part of the union and taken off again).
 */
export function voucherUsersQuery(r: Relation, who: 'payer' | 'merchant'): string {
  const key = q(r, who), band = q(r, who === 'payer' ? 'age_band' : 'merchant_size'), voucher = `${q(r, 'discount_fen')} > 0`;
  return `SELECT __b, ${r.dialect.count()} - 1 AS __n FROM (SELECT min(${band}) AS __b ${from(r, voucher)} GROUP BY ${key} UNION ALL SELECT ${band} AS __b ${from(r, voucher)} GROUP BY ${band}) AS __u GROUP BY __b ORDER BY __b`;
}

/**
 * Lottery arm moments: for the payers of one arm (`payers` is a SQL query returning payer ids),
 * per-payer spending in each period (fen), subsidy redeemed in `subsidyCity` after the draw, then
 * n, Σy_k, Σy_k y_l, Σs, Σs², Σd, Σd², Σds with d = Σ after − Σ before. Payers of the arm with no
 * transaction in the periods do not appear (they add zeros); `found` counts those that do. Every sum is
 * of integers (fen and products of fen), exact on both engines.
 */
export function armMomentsQuery(r: Relation, payers: string, periods: DayRange[], firstAfter: number, subsidyCity: string): string {
  const d = r.dialect, day = q(r, 'day'), amt = q(r, 'amount_fen'), payer = q(r, 'payer');
  const all: DayRange = { from: periods[0].from, to: periods[periods.length - 1].to };
  const post: DayRange = { from: periods[firstAfter].from, to: all.to };
  const inner = [
    ...periods.map((range, k) => `${d.exactSumIf(amt, inRange(r, range), 0)} AS __w${k}`),
    `${d.exactSumIf(q(r, 'discount_fen'), `${inRange(r, post)} AND ${q(r, 'city')} = ${d.string(subsidyCity)}`, 0)} AS __s`,
  ];
  return armMoments(d, `SELECT ${payer} AS __payer, ${inner.join(', ')}
${from(r, d.inSubquery(payer, payers), `${day} >= ${d.number(all.from)} AND ${day} < ${d.number(all.to)}`)} GROUP BY __payer`, periods.length, firstAfter);
}

/**
 * The moments of armMomentsQuery from `perPayer`, a query with one row per payer of the arm found in the periods and
 * the double columns __w0 … __w{T−1} (spending in each period, fen) and __s (subsidy redeemed, fen).
 */
export function armMoments(d: SqlDialect, perPayer: string, T: number, firstAfter: number): string {
  const w = Array.from({ length: T }, (_, k) => `__w${k}`);
  const dExpr = `(${w.slice(firstAfter).join(' + ')}) - (${w.slice(0, firstAfter).join(' + ')})`;
  const sum = (e: string) => d.exactSum(e, 0);
  const outer = [d.count() + ' AS __found', ...w.map((x) => sum(x))];
  for (let k = 0; k < w.length; k++) for (let l = k; l < w.length; l++) outer.push(sum(`${w[k]} * ${w[l]}`));
  outer.push(sum('__s'), sum('__s * __s'), sum(dExpr), sum(`(${dExpr}) * (${dExpr})`), sum(`(${dExpr}) * __s`));
  return `SELECT ${outer.join(', ')} FROM (${perPayer}) AS __p`;
}

/** One arm's moments as the query returns them (the applicant count n comes from the applicant list). */
export type ArmRow = Omit<ArmAggregate, 'n'>;
export function readArm(row: SqlValue[], T: number): ArmRow {
  const v = row.map(num);
  let i = 0;
  const found = v[i++];
  const sums = Float64Array.from(v.slice(i, i + T)); i += T;
  const cross = new Float64Array(T * T);
  for (let k = 0; k < T; k++) for (let l = k; l < T; l++) { cross[k * T + l] = v[i]; cross[l * T + k] = v[i]; i++; }
  return { found, sums, cross, sumS: v[i], sumSS: v[i + 1], sumD: v[i + 2], sumDD: v[i + 3], sumDS: v[i + 4] };
}
