// The voucher estimators' statistics from transaction files in as few scans of the files as DuckDB allows, with
// no normalized copy of the rows: one aggregate to the finest grains the statistics need (GROUPING SETS over the
// normalized rows: fault × city × industry × day × merchant size; payer × age band, with each lottery's per-payer
// period sums; merchant × merchant size), then small roll-ups of that aggregate.
//
// Duplicate transaction ids are found by grouping 64-bit hashes of the ids (one scan reading only the id column);
// the rows of the few ids whose hash occurs more than once are read again, resolved exactly (the same rule as
// the ClickHouse path: among rows without a fault, the first by day, amount, payer, merchant, … is kept), and the
// rows left out are subtracted from the aggregate. Every measure of the aggregate is a sum over rows, so the
// subtraction is exact. Passes (queries) over the files: 2 without a repeated id hash, 3 with; the aggregate pass
// reads the files twice (see grainQuery).
import type { Db } from '../openDatabase.ts';
import { duckdbDialect as d } from '../sql/duckdbDialect.ts';
import type { SqlRunner } from '../sql/SqlRunner.ts';
import type { TransactionsConfig } from '../../study/vouchers/config.ts';
import type { VoucherAggregates } from '../../study/vouchers/types.ts';
import { normalizedSelect, noTransactions, noUsableTransactions, qualityNotes, type TransactionQuality } from './stageTransactions.ts';
import { armMoments, readArm, readCells, type ArmRow, type Cell, type DayRange } from './aggregations.ts';

/** A lottery's per-payer columns in the aggregate: its weeks around the draw and the city whose subsidy counts. */
export interface LotteryWindow {
  periods: DayRange[];
  /** index of the first period after the draw */
  firstAfter: number;
  subsidyCity: string;
}

/** VoucherAggregates of files, the cells' days as day numbers, lottery arms on demand. */
export interface ReducedFiles extends Omit<VoucherAggregates, 'quality' | 'cells' | 'lotteries'> {
  quality: TransactionQuality;
  cells: Cell[];
  /** the moments of an arm of lottery `i` (its payers: a query returning payer ids) */
  arm(i: number, payers: string): Promise<ArmRow>;
}

/** Which set of groups a row of the aggregate belongs to. */
const CELL_SET = 3, PAYER_SET = 1, MERCHANT_SET = 2;

/**
 * The finest-grain aggregate of the normalized rows `from` (a relation with the columns of normalizedSelect),
 * one row per group of each set; every measure a sum over the group's rows (counts, Σ fen as HUGEINT), so that the
 * aggregate of a union is the sum of the aggregates. Two aggregates over `from` (DuckDB computes every measure
 * of a GROUPING SETS query for every set, so the payer set with the lotteries' sums goes alone: ≈ 25 % less CPU
 * at 2 M and 10 M rows than the three sets in one query, though the files are read once more).
 */
function grainQuery(from: string, lotteries: LotteryWindow[]): string {
  const inRange = (r: DayRange) => `day >= ${d.number(r.from)} AND day < ${d.number(r.to)}`;
  const lotteryMeasures = lotteries.flatMap((l, i) => {
    const all: DayRange = { from: l.periods[0].from, to: l.periods[l.periods.length - 1].to };
    const post: DayRange = { from: l.periods[l.firstAfter].from, to: all.to };
    return [
      ...l.periods.map((r, k) => `sum(amount_fen) FILTER (WHERE ${inRange(r)})`),
      `count(*) FILTER (WHERE ${inRange(all)})`,
      `sum(discount_fen) FILTER (WHERE ${inRange(post)} AND city = ${d.string(l.subsidyCity)})`,
    ];
  });
  const none = (n: number) => Array(n).fill('NULL');
  const vouchers = 'count(*) FILTER (WHERE discount_fen > 0)';
  // rows with a fault count in the cells' set only (by fault); in the payer and merchant sets they fall in one group
  // of payer (merchant) NULL, which no good row has (a missing payer is a fault, a missing merchant is ''): cheaper
  // than a fault key in those sets (≈ 7 % of a scan's CPU at 10 M rows). Columns: KEYS, then measures().
  const rows = `(SELECT *, CASE WHEN fault IS NULL THEN payer END AS ok_payer, CASE WHEN fault IS NULL THEN merchant END AS ok_merchant FROM ${from})`;
  const cellsAndMerchants = [
    `CASE WHEN GROUPING(ok_merchant) = 1 THEN ${CELL_SET} ELSE ${MERCHANT_SET} END`, 'fault', 'city', 'industry', 'day', 'merchant_size', 'NULL', 'NULL', 'ok_merchant',
    'count(*)', 'sum(amount_fen)', 'sum(amount_fen) FILTER (WHERE discount_fen > 0)', 'sum(discount_fen)', vouchers,
    'count(*) FILTER (WHERE is_refund)', 'sum(amount_fen) FILTER (WHERE is_refund)', 'count(*) FILTER (WHERE discount_fen > 0 AND discount_fen > amount_fen)', ...none(lotteryMeasures.length),
  ];
  const payers = [String(PAYER_SET), ...none(5), 'ok_payer', 'age_band', 'NULL', 'count(*)', 'sum(amount_fen)', 'NULL', 'NULL', vouchers, ...none(3), ...lotteryMeasures];
  const named = (exprs: string[]) => exprs.map((e, i) => `${e} AS ${[...KEYS, ...measures(lotteries)][i]}`).join(', ');
  return `SELECT ${named(cellsAndMerchants)} FROM ${rows} GROUP BY GROUPING SETS ((fault, city, industry, day, merchant_size), (ok_merchant, merchant_size))
  UNION ALL SELECT ${named(payers)} FROM ${rows} GROUP BY ok_payer, age_band`;
}

/** The measure columns of grainQuery (all sums over rows). */
const measures = (lotteries: LotteryWindow[]) => ['n', 'spend', 'voucher_spend', 'subsidy', 'vouchers', 'refunds', 'refund_fen', 'above', ...lotteries.flatMap((l, i) => [...l.periods.map((_, k) => `l${i}_w${k}`), `l${i}_n`, `l${i}_s`])];
const KEYS = ['g', 'fault', 'city', 'industry', 'day', 'merchant_size', 'payer', 'age_band', 'merchant'];

/**
 * reduceFiles(db, runner, config, path, lotteries, compare) → the voucher statistics of the files at `path`
 * (resolved and confined), every row fault counted by cause, duplicates resolved; whole-file faults throw a DataError.
 * `onScan` is told each scan of the files as it starts (for a progress line).
 */
export async function reduceFiles(db: Db, runner: SqlRunner, config: TransactionsConfig, path: string, lotteries: LotteryWindow[], compare: { before: DayRange; after: DayRange } | undefined, onScan?: (scan: number, of: number) => void): Promise<ReducedFiles> {
  const display = config.files;
  const ns = await normalizedSelect(db, config, path, display);
  const rows = `(${ns.select}) AS __rows`;
  const tmp = (prefix: string) => d.ident(db.tempName(prefix));
  const one = async (sql: string) => (await runner.query(sql))[0];
  // Scan 1: ids whose 64-bit hash occurs more than once (true repeats, rows with a fault, or a rare collision).
  onScan?.(1, 2);
  const hashes = tmp('tx_id_hashes');
  await runner.execute(`CREATE TEMP TABLE ${hashes} AS SELECT hash(id) AS h FROM ${rows} WHERE id IS NOT NULL GROUP BY h HAVING count(*) > 1`);
  const [candidates] = await one(`SELECT count(*) FROM ${hashes}`);
  // The rows of those ids without a fault: the repeated ids among them and the rows left out (all but the first).
  let dupIds = 0, droppedRows = 0, dropped: string | undefined;
  if (Number(candidates) > 0) {
    onScan?.(2, 3);
    const suspects = tmp('tx_suspects');
    await runner.execute(`CREATE TEMP TABLE ${suspects} AS SELECT * FROM ${rows} WHERE hash(id) IN (SELECT h FROM ${hashes}) AND fault IS NULL`);
    dropped = tmp('tx_dropped');
    await runner.execute(`CREATE TEMP TABLE ${dropped} AS SELECT * EXCLUDE (k) FROM (SELECT *, row_number() OVER (PARTITION BY id ORDER BY day, amount_fen, payer, merchant, discount_fen, city, industry, age_band, merchant_size, is_refund) AS k FROM ${suspects}) WHERE k > 1`);
    [dupIds, droppedRows] = (await one(`SELECT count(DISTINCT id), count(*) FROM ${dropped}`)).map(Number);
    if (droppedRows === 0) dropped = undefined;
  }
  // Scan 2 (or 3): the finest-grain aggregate of every row; minus the rows left out as duplicates.
  onScan?.(dropped ? 3 : 2, dropped ? 3 : 2);
  const m = measures(lotteries);
  let grain = tmp('tx_grain');
  await runner.execute(`CREATE TEMP TABLE ${grain} AS ${grainQuery(rows, lotteries)}`);
  if (dropped) {
    const net = tmp('tx_grain_net');
    await runner.execute(`CREATE TEMP TABLE ${net} AS SELECT ${KEYS.join(', ')}, ${m.map((c) => `sum(${c}) AS ${c}`).join(', ')}
      FROM (SELECT * FROM ${grain} UNION ALL SELECT ${KEYS.join(', ')}, ${m.map((c) => `-${c}`).join(', ')} FROM (${grainQuery(dropped, lotteries)}))
      GROUP BY ${KEYS.join(', ')} HAVING sum(n) > 0`);
    grain = net;
  }
  const cellSet = `FROM ${grain} WHERE g = ${CELL_SET}`, good = `${cellSet} AND fault IS NULL`;
  const payers = `FROM ${grain} WHERE g = ${PAYER_SET} AND payer IS NOT NULL`;
  // Row faults by cause and the rows used.
  const excluded: TransactionQuality['excluded'] = { 'missing-id': 0, 'missing-payer': 0, 'unparseable-time': 0, 'non-numeric-amount': 0, 'non-numeric-discount': 0, 'outside-window': 0, 'duplicate-id': droppedRows };
  let rowsRead = droppedRows;
  for (const [fault, n] of await runner.query(`SELECT coalesce(fault, 'ok'), sum(n) ${cellSet} GROUP BY 1`)) {
    rowsRead += Number(n);
    if (fault !== 'ok') excluded[fault as keyof typeof excluded] = Number(n);
  }
  const where = config.where['transactions.files'] ?? 'transactions.files';
  if (rowsRead === 0) throw noTransactions(display, where, 'transactions.files');
  const [used, refunds, refundFen, above] = (await one(`SELECT coalesce(sum(n), 0), coalesce(sum(refunds), 0), CAST(coalesce(sum(refund_fen), 0) AS DOUBLE), coalesce(sum(above), 0) ${good}`)).map(Number);
  if (used === 0) throw noUsableTransactions(display, where, 'transactions.files', rowsRead, excluded, config.columns.time);
  const [netNegative] = (await one(`SELECT count(*) FROM (SELECT payer ${payers} GROUP BY payer HAVING sum(spend) < 0)`)).map(Number);
  const cells = readCells(await runner.query(`SELECT city, industry, day, ${d.toDouble('sum(n)')}, ${d.toDouble('sum(spend)')}, ${d.toDouble('coalesce(sum(voucher_spend), 0)')}, ${d.toDouble('coalesce(sum(subsidy), 0)')}
    ${good} GROUP BY city, industry, day ORDER BY city, industry, day`));
  const window = (r: DayRange) => d.toDouble(`coalesce(sum(spend) FILTER (WHERE day >= ${d.number(r.from)} AND day < ${d.number(r.to)}), 0)`);
  const sizes = ns.hasMerchantSize && compare
    ? (await runner.query(`SELECT merchant_size, ${window(compare.before)}, ${window(compare.after)} ${good} GROUP BY merchant_size ORDER BY merchant_size`)).map((r) => ({ size: String(r[0]), beforeFen: Number(r[1]), afterFen: Number(r[2]) }))
    : undefined;
  // Distinct voucher users (merchants), each in its smallest band (class) among its voucher transactions; every band of
  // a voucher transaction listed, 0 when none counts in it (as voucherUsersQuery).
  const users = async (who: string, band: string, set: number) => {
    const voucherRows = `FROM ${grain} WHERE g = ${set} AND ${who} IS NOT NULL AND vouchers > 0`;
    return (await runner.query(`SELECT b, count(*) - 1 FROM (SELECT min(${band}) AS b ${voucherRows} GROUP BY ${who} UNION ALL SELECT DISTINCT ${band} ${voucherRows}) GROUP BY b ORDER BY b`)).map((r) => ({ band: String(r[0]), n: Number(r[1]) }));
  };
  const ageBands = ns.hasAgeBand ? await users('payer', 'age_band', PAYER_SET) : undefined;
  const merchantSizes = ns.hasMerchantSize ? await users('merchant', 'merchant_size', MERCHANT_SET) : undefined;
  return {
    quality: { file: display, rowsRead, used, excluded, refunds, refundFen, payersNetNegative: netNegative, discountAboveAmount: above, notes: qualityNotes(excluded, dupIds, netNegative, above) },
    cells,
    sizes,
    ageBands,
    merchantSizes,
    async arm(i, armPayers) {
      const l = lotteries[i];
      const w = l.periods.map((_, k) => `${d.toDouble(`coalesce(sum(l${i}_w${k}), 0)`)} AS __w${k}`);
      const perPayer = `SELECT payer AS __payer, ${w.join(', ')}, ${d.toDouble(`coalesce(sum(l${i}_s), 0)`)} AS __s ${payers} AND payer IN (${armPayers}) GROUP BY payer HAVING sum(l${i}_n) > 0`;
      return readArm(await one(armMoments(d, perPayer, l.periods.length, l.firstAfter)), l.periods.length);
    },
  };
}
