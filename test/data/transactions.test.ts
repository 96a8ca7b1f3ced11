// Transactions through DuckDB: column mapping, row faults counted (never dropped silently), refunds,
// time zones, Parquet = CSV, and the programme/applicant checks that name the study file's line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseTransactions } from '../../src/study/vouchers/config.ts';
import { computeVouchers } from '../../src/study/vouchers/computeVouchers.ts';
import { dataName } from '../../src/study/vouchers/dataNames.ts';
import { loadTransactions } from '../../src/data/transactions/loadTransactions.ts';
import { openDatabase } from '../../src/data/openDatabase.ts';
import { createRng } from '../../src/survey/prng.ts';

const HEADER = 'tid,time,payer,shop,city,industry,amt,coupon,refund';
const yaml = (extra = '', programmes = `
    - city: A
      rounds: [{start: 2020-03-11, end: 2020-03-21}]
      rule: 满40减10
      applicants: {file: applicants.csv, payer: payer, won: won}
    - city: B
      rounds: [{start: 2020-03-13, end: 2020-03-21}]`) => `study: {name: t, year: 2020}
transactions:
  files: tx.csv
  window: {start: 2020-03-01, end: 2020-03-21}
  columns:
    id: tid
    time: time
    payer: payer
    merchant: shop
    city: city
    industry: industry
    amount: amt
    discount: coupon
    refund: refund${extra}
  covered: [餐饮]
  weeks: 1
  programmes:${programmes}
`;

/** A small city × industry × day dataset: cities A (issues 03-11, lottery), B (03-13), C, D (never). */
function dataset(): { rows: string[]; applicants: string[] } {
  const rng = createRng(11);
  const rows: string[] = [];
  const applicants = ['payer,won'];
  let id = 0;
  for (const city of ['A', 'B', 'C', 'D']) {
    for (let p = 0; p < 12; p++) {
      const payer = `${city}${p}`;
      const won = city === 'A' && p < 8 ? (p % 2 === 0 ? 1 : 0) : -1;
      if (won >= 0) applicants.push(`${payer},${won}`);
      for (let d = 1; d <= 21; d++) {
        for (const ind of ['餐饮', '交通']) {
          const amount = (20 + Math.floor(rng() * 60) + (won === 1 && d >= 11 && ind === '餐饮' ? 30 : 0)).toFixed(2);
          const coupon = won === 1 && d >= 11 && ind === '餐饮' ? '10' : '0';
          rows.push(`T${++id},2020-03-${String(d).padStart(2, '0')} 12:00:00,${payer},${city}-${ind},${city},${ind},${amount},${coupon},`);
        }
      }
    }
  }
  return { rows, applicants };
}

async function run(yamlText: string, rows: string[], applicants?: string[], file = 'tx.csv') {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-tx-'));
  writeFileSync(join(dir, 'study.yaml'), yamlText);
  writeFileSync(join(dir, file), [HEADER, ...rows].join('\n') + '\n');
  if (applicants) writeFileSync(join(dir, 'applicants.csv'), applicants.join('\n') + '\n');
  const config = parseTransactions(yamlText, 'study.yaml')!;
  const db = await openDatabase();
  try {
    const agg = await loadTransactions(db, config, dir);
    return { agg, config, dir };
  } finally {
    db.close();
  }
}

test('row faults are counted by cause and left out; refunds net out; sums exact in fen', async () => {
  const rows = [
    'T1,2020-03-02 10:00:00,p1,m1,A,餐饮,100.10,0,',
    'T1,2020-03-02 10:00:00,p1,m1,A,餐饮,100.10,0,', // duplicate id
    'T2,2020-03-02 25:61:00,p1,m1,A,餐饮,5,0,', // unparseable time
    'T3,not a time,p1,m1,A,餐饮,5,0,',
    'T4,2020-03-02 11:00:00,p1,m1,A,餐饮,1_000,0,', // non-numeric amount
    'T5,2020-03-02 11:00:00,p1,m1,A,餐饮,12.5,ten,', // non-numeric discount
    'T6,2020-02-29 11:00:00,p1,m1,A,餐饮,7,0,', // before the window
    'T7,2020-03-02 12:00:00,p2,m1,A,餐饮,30,0,true', // refund flag with a positive amount
    'T8,2020-03-02 12:30:00,p2,m1,A,餐饮,20.01,0,', // p2: 20.01 bought, 30 refunded → net negative
    'T9,2020-03-01T23:30:00Z,p3,m1,A,餐饮,1.99,0,', // 07:30 on 03-02 in Shanghai
    ',2020-03-02 12:00:00,p3,m1,A,餐饮,1,0,', // missing id
  ];
  const { agg } = await run(yaml('', `\n    - city: A\n      rounds: [{start: 2020-03-02, end: 2020-03-03}]`), rows);
  const q = agg.quality;
  assert.equal(q.rowsRead, 11);
  assert.deepEqual(q.excluded, { 'missing-id': 1, 'missing-payer': 0, 'unparseable-time': 2, 'non-numeric-amount': 1, 'non-numeric-discount': 1, 'outside-window': 1, 'duplicate-id': 1 });
  assert.equal(q.used, 4);
  assert.equal(q.rowsRead, q.used + Object.values(q.excluded).reduce((a, b) => a + b, 0));
  assert.equal(q.refunds, 1);
  assert.equal(q.refundFen, -3000);
  assert.equal(q.payersNetNegative, 1);
  assert.ok(q.notes.some((n) => /refunds larger than their purchases/.test(n)));
  const cell = agg.cells.find((c) => c.day === '2020-03-02')!;
  assert.equal(cell.spendFen, 10010 - 3000 + 2001 + 199);
  assert.equal(agg.cells.length, 1);
});

test('a missing or misnamed column stops the run naming file, column and YAML line', async () => {
  const y = yaml().replace('amount: amt', 'amount: amount_yuan');
  await assert.rejects(run(y, dataset().rows, dataset().applicants), (e: Error) => {
    assert.match(e.message, /tx\.csv: no column "amount_yuan" for amount \(study\.yaml:12: transactions\.columns\.amount\)/);
    assert.match(e.message, /found columns: .*"amt"/);
    return true;
  });
  assert.throws(() => parseTransactions(yaml().replace('    payer: payer\n', ''), 'study.yaml'), /study\.yaml:5: transactions\.columns: missing required key "payer"/);
});

test('programme checks name the YAML line: dates outside the window or the data, no pre-period, city not in data', async () => {
  assert.throws(() => parseTransactions(yaml('', `\n    - city: A\n      rounds: [{start: 2020-03-11, end: 2020-04-02}]`), 'study.yaml'), /study\.yaml:19: transactions\.programmes\[0\]\.rounds\[0\].*outside the study window/);
  assert.throws(() => parseTransactions(yaml('', `\n    - city: A\n      rounds: [{start: 2020-03-11, end: 2020-03-12}]\n      rule: 40减10`), 'study.yaml'), /study\.yaml:20: transactions\.programmes\[0\]\.rule: expected a rule like 满40减10/);
  const { rows, applicants } = dataset();
  const late = rows.filter((r) => r.split(',')[4] !== 'B' || r.split(',')[1] < '2020-03-05');
  const a = await run(yaml(), late, applicants);
  assert.throws(() => computeVouchers(a.config, a.agg, { draws: 99 }), /study\.yaml:\d+: transactions\.programmes\[1\]\.rounds: the first round starts 2020-03-13, after the last transaction of B \(2020-03-04\): the programme's dates fall outside the data/);
  const noPre = rows.filter((r) => r.split(',')[4] !== 'B' || r.split(',')[1] >= '2020-03-13');
  const b = await run(yaml(), noPre, applicants);
  assert.throws(() => computeVouchers(b.config, b.agg, { draws: 99 }), /transactions\.programmes\[1\]\.rounds: B issues vouchers from 2020-03-13 but its data start 2020-03-13: no pre-period/);
  const c = await run(yaml('', `\n    - city: Z\n      rounds: [{start: 2020-03-13, end: 2020-03-21}]`), rows);
  assert.throws(() => computeVouchers(c.config, c.agg, { draws: 99 }), /study\.yaml:18: transactions\.programmes\[0\]\.city: city Z has no transactions in the data/);
});

test('applicants not in the transactions are counted; an empty comparison group claims no figure', async () => {
  const { rows, applicants } = dataset();
  const r = await run(yaml(), rows, [...applicants, 'ghost1,1', 'ghost2,0']);
  assert.equal(r.agg.lotteries[0].winners.n, 5);
  assert.equal(r.agg.lotteries[0].winners.found, 4);
  const v = computeVouchers(r.config, r.agg, { draws: 99 });
  assert.ok(v.notes.some((n) => /2 applicants \(1 winners, 1 unsuccessful\) have no transaction/.test(n.en) && /2 名申请者（中签 1 名，未中签 1 名）/.test(n.zh)));
  assert.ok(v.figures['voucher.mpc.lottery']);
  const allWon = await run(yaml(), rows, applicants.map((l, i) => (i === 0 ? l : l.replace(/,0$/, ',1'))));
  const w = computeVouchers(allWon.config, allWon.agg, { draws: 99 });
  assert.equal(w.figures['voucher.mpc.lottery'], undefined);
  assert.equal(w.figures['voucher.did.lottery'], undefined);
  assert.ok(w.notes.some((n) => /0 unsuccessful applicants in the data \(the comparison group\); no figure can be claimed/.test(n.en)));
  await assert.rejects(run(yaml(), rows, ['payer,won', 'A0,maybe']), /applicants\.csv: row 2, column "won": won must be yes\/no/);
});

test('a partitioned Parquet folder gives the same aggregates as the CSV', async () => {
  const { rows, applicants } = dataset();
  const csv = await run(yaml(), rows, applicants);
  const dir = csv.dir;
  const db = await openDatabase();
  mkdirSync(join(dir, 'pq'));
  await db.connection.run(`COPY (SELECT tid, CAST(time AS TIMESTAMP) AS time, payer, shop, city, industry, CAST(amt AS DECIMAL(10,2)) AS amt, CAST(coupon AS DOUBLE) AS coupon, refund, city AS part FROM read_csv('${join(dir, 'tx.csv')}', all_varchar = true)) TO '${join(dir, 'pq')}' (FORMAT parquet, PARTITION_BY (part))`);
  const y = yaml().replace('files: tx.csv', 'files: pq');
  const config = parseTransactions(y, 'study.yaml')!;
  const pq = await loadTransactions(db, config, dir);
  db.close();
  assert.deepEqual(pq.cells, csv.agg.cells);
  assert.deepEqual(pq.lotteries[0].winners, csv.agg.lotteries[0].winners);
  assert.equal(pq.quality.used, csv.agg.quality.used);
});

test('names: the data\'s values in each language (an en string keeps the value in zh); unknown keys and bad names name the YAML line', async () => {
  const names = (body: string) => yaml().replace('  weeks: 1\n', `  weeks: 1\n  names:\n${body}`);
  const { rows, applicants } = dataset();
  const r = await run(names('    city: {A: Aville, B: {zh: 乙城, en: Btown}, Q: Qtown}\n    industry: {餐饮: Catering}\n'), rows, applicants);
  assert.deepEqual(r.config.names, { city: { A: { zh: 'A', en: 'Aville' }, B: { zh: '乙城', en: 'Btown' }, Q: { zh: 'Q', en: 'Qtown' } }, industry: { 餐饮: { zh: '餐饮', en: 'Catering' } } });
  const v = computeVouchers(r.config, r.agg, { draws: 99 });
  assert.match(v.figures['voucher.mpc.lottery'].label.en, /\(lottery, Aville\)/);
  assert.match(v.figures['voucher.mpc.lottery'].label.zh, /（抽签设计，A）/);
  assert.deepEqual(v.lotteryEventStudy?.name, { zh: 'A', en: 'Aville' });
  assert.deepEqual(v.byIndustry.map((b) => [b.industry, b.name]), [['餐饮', { zh: '餐饮', en: 'Catering' }]]);
  assert.deepEqual(v.reported.filter((x) => x.by === 'programme').map((x) => [x.key, x.name.en]), [['A', 'Aville']]);
  // An unlisted value shows as in the data; a blank band has a name in each language.
  assert.deepEqual(dataName(r.config.names, 'city', 'C'), { zh: 'C', en: 'C' });
  assert.deepEqual(dataName(r.config.names, 'merchant_size', ''), { zh: '（空白）', en: '(blank)' });
  // A listed value the data do not have (a typo) is said, with its line.
  assert.ok(v.notes.some((n) => n.en === 'study.yaml:18: transactions.names.city: Q is not a value of the data; its name is not used' && n.zh.includes('Q 不是数据中的值')), JSON.stringify(v.notes));
  // The numbers do not depend on the names.
  const plain = computeVouchers((await run(yaml(), rows, applicants)).config, (await run(yaml(), rows, applicants)).agg, { draws: 99 });
  for (const [id, f] of Object.entries(plain.figures)) assert.equal(v.figures[id].value, f.value, id);
  assert.throws(() => parseTransactions(names('    town: {A: Aville}\n'), 'study.yaml'), /study\.yaml:18: transactions\.names\.town: unknown key "town"; expected one of city, industry, merchant_size, age_band/);
  assert.throws(() => parseTransactions(names('    city: {A: {zh: 甲城}}\n'), 'study.yaml'), /study\.yaml:18: transactions\.names\.city\.A: missing required key "en"/);
  assert.throws(() => parseTransactions(names('    city: {A: {zh: 甲城, en: A, fr: A}}\n'), 'study.yaml'), /study\.yaml:18: transactions\.names\.city\.A\.fr: unknown key "fr"/);
  assert.throws(() => parseTransactions(names('    city: [A]\n'), 'study.yaml'), /study\.yaml:18: transactions\.names\.city: expected a mapping/);
  assert.throws(() => parseTransactions(names('    city:\n      A:\n'), 'study.yaml'), /study\.yaml:19: transactions\.names\.city\.A: expected a non-empty text/);
});
