// Reads a study's transactions into the voucher estimators' sufficient statistics: files through DuckDB in two or
// three scans (reduceFiles.ts), a ClickHouse table with the logical aggregations of aggregations.ts written into
// every query. Nothing row-level reaches JS.
import { DataError } from '../DataError.ts';
import { confinePath } from '../confinePath.ts';
import type { Db } from '../openDatabase.ts';
import { duckdbRunner } from '../sql/duckdbRunner.ts';
import { duckdbDialect as d } from '../sql/duckdbDialect.ts';
import type { SqlRunner } from '../sql/SqlRunner.ts';
import type { Label } from '../../locale/lang.ts';
import type { TransactionsConfig, Programme } from '../../study/vouchers/config.ts';
import type { VoucherAggregates, LotteryAggregate } from '../../study/vouchers/types.ts';
import { cannotRead, dayNumber, dayText, noColumn, type TransactionQuality } from './stageTransactions.ts';

const APPLICANTS: Label = { zh: '申请人名单', en: 'the applicant list' };
import { reduceFiles } from './reduceFiles.ts';
import { clickhouseTransactions, TX_ROW_COLUMN } from './clickhouseTransactions.ts';
import { clickhouseRunner } from '../sql/clickhouseRunner.ts';
import { clickhouseDialect as ch } from '../sql/clickhouseDialect.ts';
import { EXTRA_COLUMN } from '../clickhouseQuestionnaire.ts';
import { armMomentsQuery, cellsQuery, readArm, readCells, sizeWindowsQuery, voucherUsersQuery, type ArmRow, type DayRange, type Relation } from './aggregations.ts';

/**
 * loadTransactions(db, config, studyDir) → VoucherAggregates. Files are reduced in DuckDB (`db`; `onScan` is told
 * each scan of the files as it starts); with `transactions.source: {clickhouse: …}` every query runs on that server
 * or cluster and only aggregates come back (`db` is not used). Paths are confined to the study directory.
 */
export async function loadTransactions(db: Db, config: TransactionsConfig, studyDir: string, env: NodeJS.ProcessEnv = process.env, onScan?: (scan: number, of: number) => void): Promise<VoucherAggregates> {
  if (config.source) {
    const src = config.source.clickhouse;
    const runner = await clickhouseRunner(src, { env, ...(src.cluster ? { cluster: src.cluster } : {}) });
    try {
      const t = await clickhouseTransactions(runner, config);
      return await reduce(runner, t.rel, t, config, (p) => applicantsInClickHouse(runner, src.database, p));
    } finally {
      await runner.close();
    }
  }
  const path = confinePath(studyDir, config.files, config.where['transactions.files'] ?? 'transactions.files');
  const runner = await duckdbRunner(db);
  try {
    const withApplicants = config.programmes.filter((p) => p.applicants);
    const windows = withApplicants.map((p) => ({ periods: lotteryPeriods(p, config.weeks), firstAfter: config.weeks, subsidyCity: p.city }));
    const compare = config.compare ? { before: toRange(config.compare.before), after: toRange(config.compare.after) } : undefined;
    const r = await reduceFiles(db, runner, config, path, windows, compare, onScan);
    const lotteries: LotteryAggregate[] = [];
    for (const [i, p] of withApplicants.entries()) lotteries.push(await lottery(runner, config, p, await applicantsFile(db, runner, config, p, studyDir), (payers) => r.arm(i, payers)));
    return { quality: r.quality, cells: r.cells.map((c) => ({ ...c, day: dayText(c.day) })), sizes: r.sizes, ageBands: r.ageBands, merchantSizes: r.merchantSizes, lotteries };
  } finally {
    await runner.close();
  }
}

/** The weeks around a lottery's draw (the first day of its first round): −weeks … weeks−1. */
function lotteryPeriods(p: Programme, weeks: number): DayRange[] {
  const draw = dayNumber(p.rounds[0].start);
  const periods: DayRange[] = [];
  for (let k = -weeks; k < weeks; k++) periods.push({ from: draw + 7 * k, to: draw + 7 * (k + 1) });
  return periods;
}

/** The logical aggregations of aggregations.ts on one engine: cells, size windows, voucher users, lottery arms. */
async function reduce(runner: SqlRunner, rel: Relation, staged: { quality: TransactionQuality; hasAgeBand: boolean; hasMerchantSize: boolean }, config: TransactionsConfig, applicants: (p: Programme) => Promise<ApplicantTable>): Promise<VoucherAggregates> {
  const cells = readCells(await runner.query(cellsQuery(rel))).map((c) => ({ ...c, day: dayText(c.day) }));
  const sizes = staged.hasMerchantSize && config.compare
    ? (await runner.query(sizeWindowsQuery(rel, toRange(config.compare.before), toRange(config.compare.after)))).map((r) => ({ size: String(r[0]), beforeFen: Number(r[1]), afterFen: Number(r[2]) }))
    : undefined;
  const users = async (who: 'payer' | 'merchant') => (await runner.query(voucherUsersQuery(rel, who))).map((r) => ({ band: String(r[0]), n: Number(r[1]) }));
  const ageBands = staged.hasAgeBand ? await users('payer') : undefined;
  const merchantSizes = staged.hasMerchantSize ? await users('merchant') : undefined;
  const lotteries: LotteryAggregate[] = [];
  for (const p of config.programmes) {
    if (p.applicants) lotteries.push(await lottery(runner, config, p, await applicants(p), async (payers) => readArm((await runner.query(armMomentsQuery(rel, payers, lotteryPeriods(p, config.weeks), config.weeks, p.city)))[0], 2 * config.weeks)));
  }
  return { quality: staged.quality, cells, sizes, ageBands, merchantSizes, lotteries };
}

const toRange = (r: { start: string; end: string }): DayRange => ({ from: dayNumber(r.start), to: dayNumber(r.end) + 1 });

/** An applicant list as a table on the engine of the transactions: its (quoted) name and row-number column. */
interface ApplicantTable {
  table: string;
  row: string;
  /** the table's columns (for the missing-column message) */
  headers: string[];
}

async function applicantsFile(db: Db, runner: SqlRunner, config: TransactionsConfig, p: Programme, studyDir: string): Promise<ApplicantTable> {
  const a = p.applicants!;
  const where = config.where[`${a.yamlPath}.file`] ?? `${a.yamlPath}.file`;
  const file = confinePath(studyDir, a.file, where);
  const table = d.ident(db.tempName('applicants'));
  try {
    await runner.execute(`CREATE TABLE ${table} AS SELECT row_number() OVER () + 1 AS row, * FROM read_csv(${d.string(file)}, all_varchar = true, header = true)`);
  } catch (e) {
    throw cannotRead(a.file, APPLICANTS, where, e, { yamlPath: `${a.yamlPath}.file` });
  }
  const headers = (await runner.query(`SELECT column_name FROM (DESCRIBE ${table})`)).map((r) => String(r[0])).filter((h) => h !== 'row');
  return { table, row: 'row', headers };
}

async function applicantsInClickHouse(runner: SqlRunner, database: string, p: Programme): Promise<ApplicantTable> {
  const a = p.applicants!;
  const table = ch.table(database, a.table!);
  let headers: string[];
  try {
    headers = (await runner.query(`DESCRIBE TABLE ${table}`)).map((r) => String(r[0]));
  } catch (e) {
    throw cannotRead(a.file, APPLICANTS, `${a.yamlPath}.table`, e, { yamlPath: `${a.yamlPath}.table` });
  }
  if (!headers.includes(TX_ROW_COLUMN)) {
    throw new DataError({
      zh: `${a.file}：表中没有 ${TX_ROW_COLUMN} 列（每位申请人的行号，由 \`spillover load\` 写入）`,
      en: `${a.file}: table has no ${TX_ROW_COLUMN} column (the row number of each applicant; \`spillover load\` writes it)`,
    }, { file: a.file, yamlPath: `${a.yamlPath}.table` });
  }
  return { table, row: ch.ident(TX_ROW_COLUMN), headers: headers.filter((h) => h !== TX_ROW_COLUMN && h !== EXTRA_COLUMN) };
}

/** Checks an applicant list (every row a payer and a yes/no draw, each payer once) and reduces both arms, on the transactions' engine. */
async function lottery(runner: SqlRunner, config: TransactionsConfig, p: Programme, t: ApplicantTable, moments: (payers: string) => Promise<ArmRow>): Promise<LotteryAggregate> {
  const a = p.applicants!;
  const e = runner.dialect;
  const where = config.where[`${a.yamlPath}.file`] ?? `${a.yamlPath}.file`;
  for (const [field, h] of [['payer', a.payer], ['won', a.won]] as const) {
    if (!t.headers.includes(h)) throw noColumn(a.file, h, field, `${config.where[a.yamlPath] ?? a.yamlPath}.${field}`, t.headers, `${a.yamlPath}.${field}`);
  }
  const [payerCol, wonCol] = [e.ident(a.payer), e.ident(a.won)];
  const payer = e.trim(payerCol);
  const won = e.lower(e.trim(wonCol));
  const yes = e.inList(won, ['1', 'true', 'yes', 'y', '是', 'won', '中签']), no = e.inList(won, ['0', 'false', 'no', 'n', '否', 'lost', '未中签']);
  const bad = await runner.query(`SELECT ${t.row}, ${wonCol}, ${payerCol} FROM ${t.table} WHERE NOT (${yes} OR ${no}) OR ${wonCol} IS NULL OR ${payerCol} IS NULL OR ${payer} = '' ORDER BY ${t.row} LIMIT 1`);
  if (bad.length > 0) {
    const [row, value, id] = bad[0];
    const column = id === null || String(id).trim() === '' ? a.payer : a.won;
    const payerFault = column === a.payer;
    throw new DataError({
      zh: `${a.file} 第 ${row} 行「${column}」列：${payerFault ? '付款人编号为空' : `是否中签应为是或否（1/0、是/否、yes/no），实际为 ${JSON.stringify(value)}`}（${where}）`,
      en: `${a.file}: row ${row}, column "${column}": ${payerFault ? 'empty payer id' : `won must be yes/no (1/0, yes/no, true/false), got ${JSON.stringify(value)}`} (${where})`,
    }, { file: a.file, row: Number(row), column, yamlPath: `${a.yamlPath}.${payerFault ? 'payer' : 'won'}` });
  }
  const [[dups]] = await runner.query(`SELECT count(*) - count(DISTINCT ${payer}) FROM ${t.table}`);
  if (Number(dups) > 0) {
    throw new DataError({
      zh: `${a.file}：有 ${dups} 个付款人出现了不止一次（${where}）；每位申请人只能出现一次`,
      en: `${a.file}: ${dups} payers are listed more than once (${where}); each applicant must appear once`,
    }, { file: a.file, column: a.payer, yamlPath: `${a.yamlPath}.payer` });
  }
  const arm = async (flag: string) => {
    const [[n]] = await runner.query(`SELECT count(*) FROM ${t.table} WHERE ${flag}`);
    return { n: Number(n), ...(await moments(`SELECT coalesce(${payer}, '') FROM ${t.table} WHERE ${flag}`)) };
  };
  const winners = await arm(yes);
  const losers = await arm(no);
  return { city: p.city, yamlPath: p.yamlPath, file: a.file, draw: p.rounds[0].start, weeks: config.weeks, periods: lotteryPeriods(p, config.weeks).map((r) => dayText(r.from)), winners, losers };
}
