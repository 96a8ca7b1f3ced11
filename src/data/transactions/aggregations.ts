// The logical aggregations that reduce transactions to the voucher estimators' sufficient
// statistics, written once through SqlDialect so the same query runs on DuckDB and ClickHouse.
//
// Every query reads a normalized relation with the columns
//   day (integer: days since 1970-01-01 in the study's time zone), payer, merchant, city, industry,
//   amount_fen (signed, refunds negative), discount_fen, age_band, merchant_size
// (DuckDB: the table stageTransactions builds from the files; ClickHouse: a table or view with them,
// e.g. day = toUInt32(toDate(time, 'Asia/Shanghai'))).
import type { SqlDialect } from '../sql/SqlDialect.ts';
import type { SqlValue } from '../sql/SqlRunner.ts';
import type { ArmAggregate } from '../../study/vouchers/types.ts';

export interface Relation {
  dialect: SqlDialect;
  /** Already-quoted table or view name of the normalized transactions. */
  table: string;
}

/** Half-open day range [from, to) in day numbers (days since 1970-01-01). */
export interface DayRange {
  from: number;
  to: number;
}

const q = (d: SqlDialect, c: string) => d.ident(c);
const inRange = (d: SqlDialect, r: DayRange) => `${q(d, 'day')} >= ${d.number(r.from)} AND ${q(d, 'day')} < ${d.number(r.to)}`;
const num = (v: SqlValue): number => (typeof v === 'number' ? v : v === null ? 0 : Number(v));
const txt = (v: SqlValue): string => (v === null ? '' : String(v));

/** City × industry × day cells: transactions, Σ amount, Σ amount in voucher transactions, Σ discount (fen, exact). */
export function cellsQuery({ dialect: d, table }: Relation): string {
  const [city, ind, day, amt, disc] = ['city', 'industry', 'day', 'amount_fen', 'discount_fen'].map((c) => q(d, c));
  return `SELECT ${city}, ${ind}, ${day}, ${d.count()} AS n, ${d.exactSum(amt, 0)} AS spend, ${d.exactSumIf(amt, `${disc} > 0`, 0)} AS voucher_spend, ${d.exactSum(disc, 0)} AS subsidy
FROM ${table} GROUP BY ${city}, ${ind}, ${day} ORDER BY ${city}, ${ind}, ${day}`;
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
export function sizeWindowsQuery({ dialect: d, table }: Relation, before: DayRange, after: DayRange): string {
  const size = q(d, 'merchant_size'), amt = q(d, 'amount_fen');
  return `SELECT ${size}, ${d.exactSumIf(amt, inRange(d, before), 0)} AS before_fen, ${d.exactSumIf(amt, inRange(d, after), 0)} AS after_fen
FROM ${table} GROUP BY ${size} ORDER BY ${size}`;
}

/**
 * Distinct voucher users by age band, or benefiting merchants by size class: each payer (merchant)
 * with a voucher transaction counted once, in its smallest band (class) when the data disagree.
 */
export function voucherUsersQuery({ dialect: d, table }: Relation, who: 'payer' | 'merchant'): string {
  const key = q(d, who), band = q(d, who === 'payer' ? 'age_band' : 'merchant_size');
  return `SELECT b, ${d.count()} AS n FROM (SELECT ${key}, min(${band}) AS b FROM ${table} WHERE ${q(d, 'discount_fen')} > 0 GROUP BY ${key}) AS u GROUP BY b ORDER BY b`;
}

/**
 * Lottery arm moments: for the payers of one arm (`payers` is a SQL relation with column payer),
 * per-payer spending in each period (fen), subsidy redeemed in `subsidyCity` after the draw, then
 * n, Σy_k, Σy_k y_l, Σs, Σs², Σd, Σd², Σds with d = Σ after − Σ before. Payers of the arm with no
 * transaction in the periods do not appear (they add zeros); `found` counts those that do.
 */
export function armMomentsQuery({ dialect: d, table }: Relation, payers: string, periods: DayRange[], firstAfter: number, subsidyCity: string): string {
  const day = q(d, 'day'), amt = q(d, 'amount_fen'), payer = q(d, 'payer');
  const all: DayRange = { from: periods[0].from, to: periods[periods.length - 1].to };
  const post: DayRange = { from: periods[firstAfter].from, to: all.to };
  const w = periods.map((_, k) => `w${k}`);
  const inner = [
    ...periods.map((r, k) => `${d.sumIf(amt, inRange(d, r))} AS ${w[k]}`),
    `${d.sumIf(q(d, 'discount_fen'), `${inRange(d, post)} AND ${q(d, 'city')} = ${d.string(subsidyCity)}`)} AS s`,
  ];
  const dExpr = `(${w.slice(firstAfter).join(' + ')}) - (${w.slice(0, firstAfter).join(' + ')})`;
  const outer = [d.count() + ' AS found', ...w.map((x) => d.sum(x))];
  for (let k = 0; k < w.length; k++) for (let l = k; l < w.length; l++) outer.push(d.sum(`${w[k]} * ${w[l]}`));
  outer.push(d.sum('s'), d.sum('s * s'), d.sum(dExpr), d.sum(`(${dExpr}) * (${dExpr})`), d.sum(`(${dExpr}) * s`));
  return `SELECT ${outer.join(', ')} FROM (SELECT ${payer}, ${inner.join(', ')} FROM ${table}
WHERE ${payer} IN (${payers}) AND ${day} >= ${d.number(all.from)} AND ${day} < ${d.number(all.to)} GROUP BY ${payer}) AS p`;
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
