// The fused reduction of transaction files (reduceFiles.ts: one finest-grain aggregate, duplicates subtracted)
// against an independent route to the same statistics: the normalized rows copied into a table, faulty rows and
// repeated ids deleted there, then each statistic by its own query of aggregations.ts. Equal to the last digit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseTransactions } from '../../src/study/vouchers/config.ts';
import { loadTransactions } from '../../src/data/transactions/loadTransactions.ts';
import { normalizedSelect, dayText } from '../../src/data/transactions/stageTransactions.ts';
import { armMomentsQuery, cellsQuery, readArm, readCells, sizeWindowsQuery, voucherUsersQuery, type Relation } from '../../src/data/transactions/aggregations.ts';
import { duckdbRunner } from '../../src/data/sql/duckdbRunner.ts';
import { duckdbDialect as d } from '../../src/data/sql/duckdbDialect.ts';
import { openDatabase } from '../../src/data/openDatabase.ts';
import { createRng } from '../../src/survey/prng.ts';

const yaml = `study: {name: t, year: 2020}
transactions:
  files: tx.csv
  window: {start: 2020-03-01, end: 2020-03-28}
  columns: {id: tid, time: time, payer: payer, merchant: shop, city: city, industry: industry, amount: amt, discount: coupon, refund: refund, age_band: age, merchant_size: size}
  covered: [餐饮]
  compare: {before: {start: 2020-03-01, end: 2020-03-07}, after: {start: 2020-03-20, end: 2020-03-26}}
  weeks: 2
  programmes:
    - {city: A, rounds: [{start: 2020-03-15, end: 2020-03-28}], rule: 满40减10, applicants: {file: applicants.csv, payer: payer, won: won}}
    - {city: B, rounds: [{start: 2020-03-08, end: 2020-03-28}], rule: 满40减10, applicants: {file: applicants-b.csv, payer: payer, won: won}}
`;

/**
 * 3 000 rows over 4 cities and 40 payers; a fifth of the ids repeated (copies that differ in payer, city, day,
 * amount, discount, refund flag or nothing at all), some repeats of a faulty row, faults of every kind, refunds.
 */
function dataset(seed: number): string[] {
  const rng = createRng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
  const rows: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const payer = `p${Math.floor(rng() * 40)}`;
    const day = 1 + Math.floor(rng() * 28);
    const voucher = rng() < 0.2;
    const amount = (5 + rng() * 200).toFixed(2);
    let cells = [`T${i}`, `2020-03-${String(day).padStart(2, '0')} ${pick(['09', '13', '23'])}:30:00`, payer, `m${Math.floor(rng() * 15)}`, pick(['A', 'B', 'C', 'D']), pick(['餐饮', '交通']), amount, voucher ? pick(['10', '5', '300']) : '0', rng() < 0.05 ? 'true' : '', pick(['18-29', '30-39', '50+']), pick(['小微', '中型'])];
    const fault = rng();
    if (fault < 0.01) cells[0] = '';
    else if (fault < 0.02) cells[2] = '';
    else if (fault < 0.03) cells[1] = 'not a time';
    else if (fault < 0.04) cells[6] = 'n/a';
    else if (fault < 0.05) cells[7] = 'ten';
    else if (fault < 0.06) cells[1] = '2020-04-02 10:00:00';
    rows.push(cells.join(','));
    if (rng() < 0.2) {
      const copy = [...cells];
      const change = Math.floor(rng() * 8);
      if (change === 0) copy[2] = `p${Math.floor(rng() * 40)}`;
      if (change === 1) copy[4] = pick(['A', 'B', 'C', 'D']);
      if (change === 2) copy[1] = `2020-03-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')} 10:00:00`;
      if (change === 3) copy[6] = (Number(amount) + 1).toFixed(2);
      if (change === 4) copy[7] = voucher ? '0' : '10';
      if (change === 5) copy[8] = 'true';
      if (change === 6) copy[6] = 'n/a'; // a faulty copy: the id is repeated among all rows, not among the good ones
      rows.push(copy.join(','));
      if (rng() < 0.3) rows.push(copy.join(','));
    }
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return rows;
}

/** The reference: normalized rows in a table, faults and repeats deleted, then aggregations.ts query by query. */
async function reference(dir: string) {
  const config = parseTransactions(yaml, 'study.yaml')!;
  const db = await openDatabase();
  try {
    const { select } = await normalizedSelect(db, config, join(dir, 'tx.csv'), 'tx.csv');
    const c = db.connection;
    await c.run(`CREATE TABLE t AS ${select}`);
    const faults = Object.fromEntries((await c.runAndReadAll('SELECT fault, count(*) FROM t WHERE fault IS NOT NULL GROUP BY 1')).getRowsJS().map(([k, n]) => [String(k), Number(n)]));
    await c.run('DELETE FROM t WHERE fault IS NOT NULL');
    const before = Number((await c.runAndReadAll('SELECT count(*) FROM t')).getRowsJS()[0][0]);
    await c.run('DELETE FROM t WHERE rowid IN (SELECT r FROM (SELECT rowid AS r, row_number() OVER (PARTITION BY id ORDER BY day, amount_fen, payer, merchant, discount_fen, city, industry, age_band, merchant_size, is_refund) AS k FROM t) WHERE k > 1)');
    const runner = await duckdbRunner(db);
    const rel: Relation = { dialect: d, table: 't' };
    const day = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000);
    const arms = [];
    for (const p of config.programmes) {
      const file = p.applicants!.file;
      await c.run(`CREATE OR REPLACE TABLE a AS SELECT * FROM read_csv('${join(dir, file)}', all_varchar = true)`);
      const draw = day(p.rounds[0].start);
      const periods = [-2, -1, 0, 1].map((k) => ({ from: draw + 7 * k, to: draw + 7 * (k + 1) }));
      for (const won of ['1', '0']) arms.push(readArm((await runner.query(armMomentsQuery(rel, `SELECT trim(payer) FROM a WHERE won = '${won}'`, periods, 2, p.city)))[0], 4));
    }
    return {
      faults,
      duplicates: before - Number((await c.runAndReadAll('SELECT count(*) FROM t')).getRowsJS()[0][0]),
      cells: readCells(await runner.query(cellsQuery(rel))).map((x) => ({ ...x, day: dayText(x.day) })),
      sizes: (await runner.query(sizeWindowsQuery(rel, { from: day('2020-03-01'), to: day('2020-03-08') }, { from: day('2020-03-20'), to: day('2020-03-27') }))).map((r) => ({ size: String(r[0]), beforeFen: Number(r[1]), afterFen: Number(r[2]) })),
      ageBands: (await runner.query(voucherUsersQuery(rel, 'payer'))).map((r) => ({ band: String(r[0]), n: Number(r[1]) })),
      merchantSizes: (await runner.query(voucherUsersQuery(rel, 'merchant'))).map((r) => ({ band: String(r[0]), n: Number(r[1]) })),
      netNegative: Number((await runner.query('SELECT count(*) FROM (SELECT payer FROM t GROUP BY payer HAVING sum(amount_fen) < 0)'))[0][0]),
      arms,
    };
  } finally {
    db.close();
  }
}

for (const seed of [1, 2, 3]) {
  test(`fused reduction = per-statistic queries on a cleaned copy (repeated ids of every kind, faults, refunds; seed ${seed})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spillover-reduce-'));
    writeFileSync(join(dir, 'study.yaml'), yaml);
    writeFileSync(join(dir, 'tx.csv'), [HEADER, ...dataset(seed)].join('\n') + '\n');
    const applicants = (from: number) => ['payer,won', ...Array.from({ length: 20 }, (_, i) => `p${from + i},${i % 3 === 0 ? 1 : 0}`), `ghost${from},1`].join('\n') + '\n';
    writeFileSync(join(dir, 'applicants.csv'), applicants(0));
    writeFileSync(join(dir, 'applicants-b.csv'), applicants(15));
    const db = await openDatabase();
    const scans: number[] = [];
    let agg;
    try {
      agg = await loadTransactions(db, parseTransactions(yaml, 'study.yaml')!, dir, process.env, (scan) => scans.push(scan));
    } finally {
      db.close();
    }
    const ref = await reference(dir);
    assert.deepEqual(scans, [1, 2, 3], 'ids repeated: a third scan reads their rows');
    assert.ok(ref.duplicates > 300, `the data have repeated ids (${ref.duplicates})`);
    assert.equal(agg.quality.excluded['duplicate-id'], ref.duplicates);
    for (const [k, n] of Object.entries(agg.quality.excluded)) if (k !== 'duplicate-id') assert.equal(n, ref.faults[k] ?? 0, k);
    assert.ok(Object.keys(ref.faults).length === 6, 'every fault occurs');
    assert.equal(agg.quality.rowsRead, agg.quality.used + Object.values(agg.quality.excluded).reduce((a, b) => a + b, 0));
    assert.equal(agg.quality.payersNetNegative, ref.netNegative);
    assert.deepEqual(agg.cells, ref.cells);
    assert.deepEqual(agg.sizes, ref.sizes);
    assert.deepEqual(agg.ageBands, ref.ageBands);
    assert.deepEqual(agg.merchantSizes, ref.merchantSizes);
    const arms = agg.lotteries.flatMap((l) => [l.winners, l.losers]).map(({ n: _n, ...rest }) => rest);
    assert.deepEqual(arms, ref.arms);
  });
}

const HEADER = 'tid,time,payer,shop,city,industry,amt,coupon,refund,age,size';
const noLottery = yaml.replace(/  programmes:[\s\S]*/, '  programmes:\n    - {city: A, rounds: [{start: 2020-03-15, end: 2020-03-28}], rule: 满40减10}\n');
/** loadTransactions on these CSV rows (study without a lottery) and the scans it told. */
async function reduceRows(rows: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-reduce-'));
  writeFileSync(join(dir, 'study.yaml'), noLottery);
  writeFileSync(join(dir, 'tx.csv'), [HEADER, ...rows].join('\n') + '\n');
  const db = await openDatabase();
  const scans: number[] = [];
  try {
    return { agg: await loadTransactions(db, parseTransactions(noLottery, 'study.yaml')!, dir, process.env, (scan) => scans.push(scan)), scans };
  } finally {
    db.close();
  }
}

test('without repeated ids the files are read twice (ids, then the aggregate)', async () => {
  const { agg, scans } = await reduceRows(['T1,2020-03-02 10:00:00,p1,m1,A,餐饮,10,0,,18-29,小微', 'T2,2020-03-20 10:00:00,p1,m1,A,餐饮,50,10,,18-29,小微']);
  assert.equal(agg.quality.used, 2);
  assert.deepEqual(scans, [1, 2]);
});

test('a repeated row left out leaves no trace: no empty cell, size class or payer of its own', async () => {
  // T1's second row (a later day) is left out: its city D, class 大型, payer p9 and its voucher appear nowhere else
  const { agg } = await reduceRows(['T1,2020-03-02 10:00:00,p1,m1,A,餐饮,10,0,,18-29,小微', 'T1,2020-03-25 10:00:00,p9,m9,D,交通,-50,10,,50+,大型', 'T2,2020-03-20 10:00:00,p1,m1,A,餐饮,50,10,,18-29,小微']);
  assert.deepEqual(agg.cells.map((c) => `${c.city} ${c.day} ${c.n}`), ['A 2020-03-02 1', 'A 2020-03-20 1']);
  assert.deepEqual(agg.sizes, [{ size: '小微', beforeFen: 1000, afterFen: 5000 }]);
  assert.deepEqual(agg.ageBands, [{ band: '18-29', n: 1 }]);
  assert.deepEqual(agg.merchantSizes, [{ band: '小微', n: 1 }]);
  assert.deepEqual([agg.quality.used, agg.quality.excluded['duplicate-id'], agg.quality.payersNetNegative, agg.quality.refunds], [2, 1, 0, 0]);
});

test('a band of voucher transactions in which no user counts (each counts once, in its smallest band) is listed with 0', async () => {
  // m1 has voucher rows of both classes: it counts as 中型 (text order 中 < 小), so 小微 has no merchant, but it is listed
  const { agg } = await reduceRows(['T1,2020-03-02 10:00:00,p1,m1,A,餐饮,50,10,,18-29,小微', 'T2,2020-03-20 10:00:00,p2,m1,A,餐饮,50,10,,30-39,中型', 'T3,2020-03-20 10:00:00,p2,m2,A,餐饮,50,0,,50+,大型']);
  assert.deepEqual(agg.merchantSizes, [{ band: '中型', n: 1 }, { band: '小微', n: 0 }]);
  assert.deepEqual(agg.ageBands, [{ band: '18-29', n: 1 }, { band: '30-39', n: 1 }]);
});
