// Reads a study's transactions into the voucher estimators' sufficient statistics: stage the files
// in DuckDB, then run the logical aggregations of aggregations.ts. Nothing row-level reaches JS.
import { DataError } from '../DataError.ts';
import { confinePath } from '../confinePath.ts';
import type { Db } from '../openDatabase.ts';
import { duckdbRunner } from '../sql/duckdbRunner.ts';
import { duckdbDialect as d } from '../sql/duckdbDialect.ts';
import type { SqlRunner } from '../sql/SqlRunner.ts';
import type { TransactionsConfig, Programme } from '../../study/vouchers/config.ts';
import type { VoucherAggregates, LotteryAggregate } from '../../study/vouchers/types.ts';
import { dayNumber, dayText, stageTransactions } from './stageTransactions.ts';
import { armMomentsQuery, cellsQuery, readArm, readCells, sizeWindowsQuery, voucherUsersQuery, type DayRange, type Relation } from './aggregations.ts';

/**
 * loadTransactions(db, config, studyDir, source) → VoucherAggregates. `source` is the study file's
 * display name (for messages). Paths are confined to the study directory.
 */
export async function loadTransactions(db: Db, config: TransactionsConfig, studyDir: string): Promise<VoucherAggregates> {
  const path = confinePath(studyDir, config.files, config.where['transactions.files'] ?? 'transactions.files');
  const staged = await stageTransactions(db, config, path, config.files);
  const runner = await duckdbRunner(db);
  const rel: Relation = { dialect: d, table: staged.table };
  const cells = readCells(await runner.query(cellsQuery(rel))).map((c) => ({ ...c, day: dayText(c.day) }));
  const sizes = staged.hasMerchantSize && config.compare
    ? (await runner.query(sizeWindowsQuery(rel, toRange(config.compare.before), toRange(config.compare.after)))).map((r) => ({ size: String(r[0]), beforeFen: Number(r[1]), afterFen: Number(r[2]) }))
    : undefined;
  const users = async (who: 'payer' | 'merchant') => (await runner.query(voucherUsersQuery(rel, who))).map((r) => ({ band: String(r[0]), n: Number(r[1]) }));
  const ageBands = staged.hasAgeBand ? await users('payer') : undefined;
  const merchantSizes = staged.hasMerchantSize ? await users('merchant') : undefined;
  const lotteries: LotteryAggregate[] = [];
  for (const p of config.programmes) if (p.applicants) lotteries.push(await lottery(db, runner, rel, config, p, studyDir));
  await runner.close();
  return { quality: staged.quality, cells, sizes, ageBands, merchantSizes, lotteries };
}

const toRange = (r: { start: string; end: string }): DayRange => ({ from: dayNumber(r.start), to: dayNumber(r.end) + 1 });

async function lottery(db: Db, runner: SqlRunner, rel: Relation, config: TransactionsConfig, p: Programme, studyDir: string): Promise<LotteryAggregate> {
  const a = p.applicants!;
  const where = config.where[`${a.yamlPath}.file`] ?? `${a.yamlPath}.file`;
  const file = confinePath(studyDir, a.file, where);
  const table = d.ident(db.tempName('applicants'));
  try {
    await runner.execute(`CREATE TABLE ${table} AS SELECT row_number() OVER () + 1 AS row, * FROM read_csv(${d.string(file)}, all_varchar = true, header = true)`);
  } catch (e) {
    throw new DataError(`${a.file}: cannot read the applicant list (${where}): ${(e as Error).message.split('\n')[0]}`, { file: a.file, yamlPath: `${a.yamlPath}.file` });
  }
  const headers = (await runner.query(`SELECT column_name FROM (DESCRIBE ${table})`)).map((r) => String(r[0]));
  for (const [field, h] of [['payer', a.payer], ['won', a.won]] as const) {
    if (!headers.includes(h)) throw new DataError(`${a.file}: no column "${h}" for ${field} (${config.where[a.yamlPath] ?? a.yamlPath}.${field}); found columns: ${headers.filter((x) => x !== 'row').map((x) => JSON.stringify(x)).join(', ')}`, { file: a.file, row: 1, column: h, yamlPath: `${a.yamlPath}.${field}` });
  }
  const won = `lower(trim(${d.ident(a.won)}))`;
  const yes = `${won} IN ('1', 'true', 'yes', 'y', '是', 'won', '中签')`, no = `${won} IN ('0', 'false', 'no', 'n', '否', 'lost', '未中签')`;
  const bad = await runner.query(`SELECT row, ${d.ident(a.won)}, ${d.ident(a.payer)} FROM ${table} WHERE NOT (${yes} OR ${no}) OR ${won} IS NULL OR nullif(trim(${d.ident(a.payer)}), '') IS NULL ORDER BY row LIMIT 1`);
  if (bad.length > 0) {
    const [row, value, payer] = bad[0];
    const column = payer === null || String(payer).trim() === '' ? a.payer : a.won;
    throw new DataError(`${a.file}: row ${row}, column "${column}": ${column === a.payer ? 'empty payer id' : `won must be yes/no (1/0, 是/否), got ${JSON.stringify(value)}`} (${where})`, { file: a.file, row: Number(row), column, yamlPath: `${a.yamlPath}.${column === a.payer ? 'payer' : 'won'}` });
  }
  const [[dups]] = await runner.query(`SELECT count(*) - count(DISTINCT trim(${d.ident(a.payer)})) FROM ${table}`);
  if (Number(dups) > 0) throw new DataError(`${a.file}: ${dups} payers are listed more than once (${where}); each applicant must appear once`, { file: a.file, column: a.payer, yamlPath: `${a.yamlPath}.payer` });
  const draw = p.rounds[0].start;
  const K = config.weeks;
  const periods: DayRange[] = [];
  for (let k = -K; k < K; k++) periods.push({ from: dayNumber(draw) + 7 * k, to: dayNumber(draw) + 7 * (k + 1) });
  const arm = async (flag: string) => {
    const payers = `SELECT trim(${d.ident(a.payer)}) FROM ${table} WHERE ${flag}`;
    const [[n]] = await runner.query(`SELECT count(*) FROM ${table} WHERE ${flag}`);
    const [row] = await runner.query(armMomentsQuery({ ...rel }, payers, periods, K, p.city));
    return { n: Number(n), ...readArm(row, 2 * K) };
  };
  const winners = await arm(yes);
  const losers = await arm(no);
  return { city: p.city, yamlPath: p.yamlPath, file: a.file, draw, weeks: K, periods: periods.map((r) => dayText(r.from)), winners, losers };
}
