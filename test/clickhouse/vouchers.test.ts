// The voucher example run from a two-shard ClickHouse cluster: `spillover load` splits the transactions and the
// lottery's applicant list across both shards, the study file reads them with `source: {clickhouse: …}`, and every
// voucher figure equals the DuckDB run on the Parquet files to 1e-9 relative. Fault counts (duplicate ids, text
// times, non-numeric amounts, outside the window, refunds) equal DuckDB's on a CSV with every kind of fault. A
// shard stopped before or killed during `spillover run`: an error naming the shard, exit code non-zero, and the
// previous output set untouched.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { runVoucherStudy } from '../../src/cli/runVouchers.ts';
import { parseTransactions } from '../../src/study/vouchers/config.ts';
import { loadTransactions } from '../../src/data/transactions/loadTransactions.ts';
import { loadTransactionsToClickHouse } from '../../src/data/transactions/loadTransactionsToClickHouse.ts';
import { openDatabase } from '../../src/data/openDatabase.ts';
import { clickhouseRunner } from '../../src/data/sql/clickhouseRunner.ts';
import { cli as runCli, clusterOrSkip, sameFigures, TEST_SOURCE } from './cluster.ts';

const root = new URL('../..', import.meta.url).pathname;
const cluster = clusterOrSkip('ClickHouse voucher tests');
const dir = mkdtempSync(join(tmpdir(), 'spillover-chv-'));
cpSync(join(root, 'examples/vouchers-2020'), dir, { recursive: true });
after(() => {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});
const cli = (args: string[]) => runCli(cluster!, dir, args);
const chStudy = join(dir, 'study-clickhouse.yaml');

test('spillover load splits transactions and applicants across both shards; every voucher figure equals the DuckDB run to 1e-9', { skip: cluster === null }, async () => {
  Object.assign(process.env, cluster!.env);
  const [s1, s2] = cluster!.shardUrls;
  const load = cli(['load', join(dir, 'study.yaml'), '--url', cluster!.url, '--shard', s1, '--shard', s2, '--cluster', 'spillover', '--database', 'vouchers',
    '--user-env', TEST_SOURCE.user_env, '--password-env', TEST_SOURCE.password_env, '--study-out', chStudy]);
  assert.equal(load.code, 0, load.stderr);
  assert.match(load.stdout, /transactions:\s+data\/transactions\s+→\s+vouchers\.transactions\s+\(320282\s+rows,\s+12\s+columns,\s+2\s+shards\)/);
  assert.match(load.stdout, /杭州\s+applicants:\s+data\/applicants\.csv\s+→\s+vouchers\.applicants\s+\(\d+\s+rows,\s+2\s+columns,\s+2\s+shards\)/);
  const yaml = readFileSync(chStudy, 'utf8');
  assert.match(yaml, /source: \{clickhouse: \{url: http:\/\/127\.0\.0\.1:\d+, database: vouchers, table: transactions, cluster: spillover/);
  assert.match(yaml, /applicants: \{payer: payer_id, won: won, table: applicants\}/);
  assert.ok(!yaml.includes(cluster!.password) && !/files:/.test(yaml), 'no password and no files in the study file');
  for (const url of cluster!.shardUrls) {
    const shard = await clickhouseRunner({ url, ...TEST_SOURCE }, { env: cluster!.env });
    const [[n]] = await shard.query('SELECT count() FROM vouchers.transactions_local');
    await shard.close();
    assert.ok(Number(n) > 150_000, `each shard holds about half the rows: ${n}`);
  }

  const files = await runVoucherStudy(join(dir, 'study.yaml'));
  const ch = await runVoucherStudy(chStudy);
  const f = files.results.vouchers, c = ch.results.vouchers;
  assert.ok(Object.keys(f.figures).length >= 10);
  const diffs: string[] = [];
  // the only differences allowed: where the data were read
  sameFigures(c, f, 'vouchers', diffs, ['file', 'applicants']);
  assert.deepEqual(diffs, []);
  assert.equal(c.quality.file, 'clickhouse:vouchers.transactions');
  assert.deepEqual(c.quality.excluded, f.quality.excluded);
  assert.ok(f.quality.excluded['duplicate-id'] >= 1 && f.quality.excluded['outside-window'] >= 1 && f.quality.refunds > 1000, 'the example has the faults compared');

  // every row twice (the copy under another __row, one table on shard 1): 320 283 rows left out as duplicates —
  // more than a query may list value by value — and every figure unchanged
  const shard1 = await clickhouseRunner({ url: cluster!.url, ...TEST_SOURCE }, { env: cluster!.env });
  const cols = (await shard1.query('DESCRIBE TABLE vouchers.transactions')).map((r) => `\`${r[0]}\``).filter((c) => c !== '`__row`');
  await shard1.execute('CREATE TABLE vouchers.doubled ENGINE = MergeTree ORDER BY __row AS SELECT * FROM vouchers.transactions');
  await shard1.execute(`INSERT INTO vouchers.doubled (__row, ${cols.join(', ')}) SELECT __row + 1000000000, ${cols.join(', ')} FROM vouchers.transactions`);
  await shard1.close();
  const doubledStudy = join(dir, 'study-doubled.yaml');
  writeFileSync(doubledStudy, yaml.replace(/table: transactions, cluster: spillover/, 'table: doubled'));
  const dbl = (await runVoucherStudy(doubledStudy)).results.vouchers;
  assert.equal(dbl.quality.excluded['duplicate-id'], f.quality.excluded['duplicate-id'] + f.quality.rowsRead - f.quality.excluded['outside-window']);
  assert.equal(dbl.quality.used, f.quality.used);
  const diffs2: string[] = [];
  sameFigures(dbl.figures, f.figures, 'figures', diffs2, ['file', 'applicants']);
  assert.deepEqual(diffs2, []);
});

/** Transactions as CSV text (times as text with and without an offset) from the example, plus a row for each fault. */
async function faultyCsv(): Promise<string> {
  const db = await openDatabase();
  const rows = (await db.connection.runAndReadAll(`SELECT txn_id, CASE WHEN hash(txn_id) % 2 = 0 THEN strftime(timezone('Asia/Shanghai', paid_at), '%Y-%m-%d %H:%M:%S')
      ELSE strftime(timezone('UTC', paid_at), '%Y-%m-%dT%H:%M:%SZ') END, payer_id, merchant_id, city, industry, CAST(amount AS VARCHAR), CAST(voucher_discount AS VARCHAR), CASE WHEN is_refund THEN '是' ELSE '' END
    FROM read_parquet('${join(root, 'examples/vouchers-2020/data/transactions/**/*.parquet')}', hive_partitioning = true) WHERE payer_id LIKE '杭州-P1%' OR payer_id LIKE '嘉兴-P2%' ORDER BY txn_id`)).getRowsJS() as string[][];
  db.close();
  const faults = [
    ['F1', 'yesterday', '杭州-P1', 'm', '杭州', '餐饮', '12', '0', ''], // unparseable time
    ['F2', '2020-02-30 10:00:00', '杭州-P1', 'm', '杭州', '餐饮', '12', '0', ''], // no such day
    ['F3', '2020-03-05 10:00:00', '杭州-P1', 'm', '杭州', '餐饮', 'abc', '0', ''], // non-numeric amount
    ['F4', '2020-03-05 10:00:00', '杭州-P1', 'm', '杭州', '餐饮', '1,000', '0', ''],
    ['F5', '2020-03-05 10:00:00', '杭州-P1', 'm', '杭州', '餐饮', '12', 'x', ''], // non-numeric discount
    ['F6', '2020-03-05 10:00:00', '', 'm', '杭州', '餐饮', '12', '0', ''], // missing payer
    ['', '2020-03-05 10:00:00', '杭州-P1', 'm', '杭州', '餐饮', '12', '0', ''], // missing id
    ['F7', '2020-06-01T00:30:00+08:00', '杭州-P1', 'm', '杭州', '餐饮', '12', '0', ''], // outside (local 06-01)
    ['F8', '2020-05-31T23:30:00Z', '杭州-P1', 'm', '杭州', '餐饮', '12', '0', ''], // outside (local 06-01 07:30)
    ['F9', '2020-05-31 23:30:00', '杭州-P1', 'm', '杭州', '餐饮', '12', '0', ''], // inside: a local time
    ['F10', '2020-02-29T16:10:00Z', '杭州-P1', 'm', '杭州', '餐饮', ' +7.5 ', '0', 'yes'], // inside (local 03-01), refund
    ['F11', '2020-03-05 10:00:00', '杭州-P1', 'm', '杭州', '餐饮', '1e2', '10', 'refund'],
    ['F12', '2020-03-05T10:00:00.250+0800', '杭州-P1', 'm', '杭州', '餐饮', '-20', '0', ''], // refund as a negative amount
    ['D1', '2020-03-06 10:00:00', '杭州-P1', 'm', '杭州', '餐饮', '30', '0', ''], // an identical copy
    ['D1', '2020-03-06 10:00:00', '杭州-P1', 'm', '杭州', '餐饮', '30', '0', ''],
    ['D2', '2020-03-07 10:00:00', '杭州-P1', 'm', '杭州', '餐饮', '40', '0', ''], // conflicting copies: the first by day, amount is kept
    ['D2', '2020-03-07 09:00:00', '杭州-P1', 'm2', '杭州', '零售', '35', '0', ''],
    ['D2', '2020-03-08 10:00:00', '杭州-P1', 'm', '杭州', '餐饮', '10', '0', ''],
  ];
  const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ['txn_id,paid_at,payer_id,merchant_id,city,industry,amount,voucher_discount,is_refund', ...[...rows, ...faults].map((r) => r.map(csv).join(','))].join('\n') + '\n';
}

test('fault counts and aggregates from ClickHouse equal DuckDB on a CSV with every kind of fault (text cells, 2 shards)', { skip: cluster === null }, async () => {
  writeFileSync(join(dir, 'faulty.csv'), await faultyCsv());
  const text = readFileSync(join(dir, 'study.yaml'), 'utf8').replace(/files: data\/transactions.*/, 'files: faulty.csv').replace(/\n\s*age_band: age_band/, '').replace(/\n\s*merchant_size: merchant_size/, '');
  const files = parseTransactions(text, 'faulty.yaml')!;
  const db = await openDatabase();
  const shards = await Promise.all(cluster!.shardUrls.map((url) => clickhouseRunner({ url, ...TEST_SOURCE }, { env: cluster!.env })));
  try {
    const loaded = await loadTransactionsToClickHouse(db, files, dir, { shards, database: 'faults', table: 'tx', cluster: 'spillover' });
    assert.ok(loaded.rows > 2000);
    const source = { clickhouse: { url: cluster!.url, ...TEST_SOURCE, database: 'faults', table: 'tx', cluster: 'spillover' } };
    const [a, b] = [await loadTransactions(db, { ...files, programmes: files.programmes.map((p) => ({ ...p, applicants: undefined })) }, dir), await loadTransactions(db, { ...files, files: 'clickhouse:faults.tx', source, programmes: files.programmes.map((p) => ({ ...p, applicants: undefined })) }, dir, cluster!.env)];
    assert.deepEqual(b.quality.excluded, a.quality.excluded);
    assert.deepEqual({ ...b.quality, file: '' }, { ...a.quality, file: '' });
    const { 'duplicate-id': dups, ...rest } = a.quality.excluded;
    assert.deepEqual(rest, { 'missing-id': 1, 'missing-payer': 1, 'unparseable-time': 2, 'non-numeric-amount': 2, 'non-numeric-discount': 1, 'outside-window': 3 }); // F7, F8 and the example's own (02-28)
    assert.ok(dups >= 3, 'D1 once, D2 twice (and the example\'s own)');
    const diffs: string[] = [];
    sameFigures(b, a, 'aggregates', diffs, ['file']);
    assert.deepEqual(diffs, []);

    // a table without __row (not written by spillover load): conflicting copies are told apart by their columns;
    // copies identical in every column cannot be, and say so
    await shards[0].execute('CREATE TABLE faults.tx_norow ENGINE = Memory AS SELECT txn_id, paid_at, payer_id, merchant_id, city, industry, amount, voucher_discount, is_refund FROM faults.tx');
    const norow = { ...files, files: 'clickhouse:faults.tx_norow', source: { clickhouse: { url: cluster!.shardUrls[0], ...TEST_SOURCE, database: 'faults', table: 'tx_norow' } }, programmes: files.programmes.map((p) => ({ ...p, applicants: undefined })) };
    await assert.rejects(loadTransactions(db, norow, dir, cluster!.env), /transaction id "D1" occurs in rows that are copies in every mapped column.*__row/);
    await shards[0].execute("CREATE TABLE faults.tx_norow2 ENGINE = Memory AS SELECT * FROM faults.tx_norow WHERE txn_id != 'D1'");
    await shards[0].execute("INSERT INTO faults.tx_norow2 SELECT * FROM faults.tx_norow WHERE txn_id = 'D1' LIMIT 1");
    const c = await loadTransactions(db, { ...norow, source: { clickhouse: { ...norow.source.clickhouse, table: 'tx_norow2' } } }, dir, cluster!.env);
    assert.equal(c.quality.excluded['duplicate-id'], a.quality.excluded['duplicate-id'] - 1);
    assert.equal(c.quality.used, a.quality.used);
    const diffs2: string[] = [];
    sameFigures(c.cells, a.cells, 'cells', diffs2);
    assert.deepEqual(diffs2, []);
  } finally {
    db.close();
    await Promise.all(shards.map((s) => s.close()));
  }
});

/** the set folder the output link points to, and the sets beside it */
const outputState = (out: string) => ({ link: readlinkSync(out), sets: readdirSync(join(dir, `.${out.split('/').pop()}.spillover`)).sort(), json: readFileSync(join(out, 'vouchers.json'), 'utf8') });

test('a shard killed during spillover run, or stopped before it: an error naming the shard, exit code non-zero, the previous outputs intact', { skip: cluster === null }, async () => {
  const out = join(dir, 'out');
  const first = cli(['run', chStudy, '--out', out, '--lang', 'en']);
  assert.equal(first.code, 0, first.stderr);
  const before = outputState(out);
  const port = Number(new URL(cluster!.shardUrls[1]).port) + 1; // the shard's TCP port, as the cluster names it
  const named = new RegExp(`shard 2 \\(127\\.0\\.0\\.1:${port}\\) of cluster spillover is unreachable.*no results`);

  // killed (SIGKILL) while the run is under way
  const env = { ...process.env, NO_COLOR: '1', ...cluster!.env };
  const run = spawn(process.execPath, [join(root, 'bin/spillover.js'), 'run', chStudy, '--out', out], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  run.stderr.on('data', (b) => (stderr += b));
  await new Promise((r) => setTimeout(r, 700));
  const pid = readFileSync(join(cluster!.dir, 'shard2', 'pid'), 'utf8').trim();
  spawnSync('kill', ['-9', pid]);
  const code = await new Promise<number | null>((r) => run.on('close', r));
  assert.notEqual(code, 0, 'the run fails');
  assert.match(stderr, named);
  assert.ok(!stderr.includes(cluster!.password));
  assert.deepEqual(outputState(out), before, 'the previous output set is still the one --out shows, unchanged');

  // stopped before the run
  const again = cli(['run', chStudy, '--out', out]);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, named);
  assert.deepEqual(outputState(out), before);
});
