// The SQL dialect layer on both engines: quoting (injection), exact sums, conditional sums, casts, days in a time
// zone — the same query text built by each dialect gives the same rows on DuckDB and on a ClickHouse server.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { duckdbDialect, clickhouseDialect, duckdbRunner, clickhouseRunner, SqlEngineError, type SqlDialect, type SqlRunner } from '../../src/data/index.ts';
import { clusterOrSkip, TEST_SOURCE } from './cluster.ts';
import { duckdbTimestampLevels, timestampKeySql, timestampNumbersSql, timestampPartsSql, TIMESTAMP_PATTERN } from '../../src/data/timestampKey.ts';

const NASTY = [
  `a'b`,
  `a"b`,
  'a`b',
  `x'; DROP TABLE t; --`,
  `x\\'; SELECT 1; --`,
  `\\`,
  `it's "quoted" \`here\``,
  `east') OR 1=1 OR ('`,
  '地区; DELETE',
  '\n\t$1 ?',
];

const cluster = clusterOrSkip('ClickHouse dialect tests');
after(() => cluster?.stop());

async function engines(): Promise<SqlRunner[]> {
  const list: SqlRunner[] = [await duckdbRunner()];
  if (cluster) list.push(await clickhouseRunner({ url: cluster.url, ...TEST_SOURCE }, { env: cluster.env }));
  return list;
}

/** a table whose column names and values are the nasty strings, on each engine */
async function nastyTable(r: SqlRunner, name: string): Promise<string> {
  const d = r.dialect;
  const t = d.table(undefined, name);
  const cols = NASTY.map((n) => `${d.ident(n)} ${d.name === 'duckdb' ? 'VARCHAR' : 'String'}`).join(', ');
  await r.execute(`DROP TABLE IF EXISTS ${t}`);
  await r.execute(d.name === 'duckdb' ? `CREATE TABLE ${t} (${cols})` : `CREATE TABLE ${t} (${cols}) ENGINE = Memory`);
  await r.execute(`INSERT INTO ${t} VALUES (${NASTY.map((v) => d.string(v)).join(', ')}), (${NASTY.map(() => d.string('plain')).join(', ')})`);
  return t;
}

test('identifiers and literals with quotes, semicolons or SQL stay one name / one value (both engines)', async () => {
  for (const r of await engines()) {
    const d = r.dialect;
    try {
      const t = await nastyTable(r, `t'"; x`);
      for (const [i, n] of NASTY.entries()) {
        const rows = await r.query(`SELECT ${d.ident(n)} FROM ${t} WHERE ${d.ident(n)} = ${d.string(NASTY[i])}`);
        assert.deepEqual(rows, [[NASTY[i]]], `${d.name}: column ${JSON.stringify(n)}`);
        const none = await r.query(`SELECT ${d.count()} FROM ${t} WHERE ${d.ident(n)} = ${d.string(`${NASTY[i]}x`)}`);
        assert.deepEqual(none, [[0]], `${d.name}: a different value matches nothing`);
        const inl = await r.query(`SELECT ${d.count()} FROM ${t} WHERE ${d.inList(d.ident(n), [NASTY[i], `' OR 1=1 --`])}`);
        assert.deepEqual(inl, [[1]]);
      }
      // the table still exists with both rows: nothing was dropped or deleted by a value
      assert.deepEqual(await r.query(`SELECT ${d.count()} FROM ${t}`), [[2]]);
      await r.execute(`DROP TABLE ${t}`);
    } finally {
      await r.close();
    }
  }
});

test('NUL and non-finite numbers are refused before they reach a query', () => {
  for (const d of [duckdbDialect, clickhouseDialect] as SqlDialect[]) {
    assert.throws(() => d.string('a\0b'), /NUL/);
    assert.throws(() => d.ident('a\0b'), /NUL/);
    assert.throws(() => d.number(NaN), /finite/);
    assert.throws(() => d.number(Infinity), /finite/);
    assert.throws(() => d.exactSum('x', 19), /scale/);
    assert.throws(() => d.day('ts', `UTC'; DROP`), /time-zone/);
    assert.equal(d.number(-2.5), '(-2.5)');
  }
});

test('exact sums, conditional sums, casts, tryDouble and days agree across engines', async () => {
  const results: unknown[][][] = [];
  for (const r of await engines()) {
    const d = r.dialect;
    try {
      const t = d.table(undefined, 'tx_probe');
      await r.execute(`DROP TABLE IF EXISTS ${t}`);
      const schema = d.name === 'duckdb' ? '(k VARCHAR, fen BIGINT, x DOUBLE, s VARCHAR, ts BIGINT)' : '(k String, fen Int64, x Nullable(Float64), s String, ts Int64) ENGINE = Memory';
      await r.execute(`CREATE TABLE ${t} ${schema}`);
      const rows: string[] = [];
      let seed = 7;
      const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
      const texts = ['1.5', ' 2', '1e3', '-0.25', 'inf', 'nan', '1_000', '0x10', '', '.5', '5.', 'abc', '+7'];
      for (let i = 0; i < 3000; i++) {
        const x = i % 17 === 0 ? 'NULL' : d.number(Math.round((rnd() * 2000 - 500) * 1e4) / 1e4 + 0.1);
        rows.push(`(${d.string(['a', 'b', "c'"][i % 3])}, ${Math.floor(rnd() * 1e9)}, ${x}, ${d.string(texts[i % texts.length])}, ${1546300800 + i * 997})`);
      }
      await r.execute(`INSERT INTO ${t} VALUES ${rows.join(', ')}`);
      const q =
        `SELECT k, ${d.count()}, ${d.exactSum('fen', 0)}, ${d.exactSum('x', 8)}, ${d.exactSum('x * x', 6)}, ${d.exactSumIf('fen', 'fen > 500000000', 0)}, ` +
        `${d.countIf('x > 100')}, ${d.sumIf(d.toDouble('fen'), 'x < 0')}, ${d.exactSum(d.tryDouble('s'), 8)}, ${d.countIf(`${d.tryDouble('s')} IS NULL`)}, ` +
        `min(${d.dayOfEpochSeconds('ts', 'Asia/Shanghai')}), max(${d.dayOfEpochSeconds('ts', 'Asia/Shanghai')}), ${d.toInt64('2.7')}, ${d.toText(d.number(12))}, sum(${d.intDiv('ts', '900')}) ` +
        `FROM ${t} GROUP BY k ORDER BY k`;
      results.push(await r.query(q));
      await r.execute(`DROP TABLE ${t}`);
    } finally {
      await r.close();
    }
  }
  const duck = results[0];
  assert.equal(duck.length, 3);
  // tryDouble: '1.5', '1e3', '-0.25', '.5', '5.', '+7' are numbers; ' 2' (untrimmed), inf, nan, 1_000, 0x10, '', abc are not:
  // 230 full cycles of 13 texts give 230 × 6 numbers, the last 10 texts 4 more → 3000 − 1384 = 1616 NULLs
  assert.equal(duck.reduce((a, r) => a + (r[9] as number), 0), 1616);
  if (results.length < 2) return;
  const ch = results[1];
  assert.equal(ch.length, duck.length);
  for (let i = 0; i < duck.length; i++) {
    for (let j = 0; j < duck[i].length; j++) {
      const a = duck[i][j];
      const b = ch[i][j];
      if (typeof a === 'number' && typeof b === 'number' && j !== 7) assert.equal(b, a, `row ${i} col ${j}: exact on both engines`);
      else if (typeof a === 'number') assert.ok(Math.abs((b as number) - a) <= 1e-12 * Math.abs(a), `row ${i} col ${j}: ${a} vs ${b}`);
      else assert.equal(b, a, `row ${i} col ${j}`);
    }
  }
});

/** The key of dedupe.keep_latest_by written independently: JavaScript's own calendar (Date.UTC), ms since 1899-12-30. */
function referenceKey(cell: string): number | null {
  if (/^[0-9]+([.][0-9]+)?$/.test(cell)) {
    const s = Number(cell);
    return s >= 61 && s < 328717 ? Math.floor(s * 86400000 + 0.5) : null;
  }
  const m = new RegExp(TIMESTAMP_PATTERN).exec(cell);
  if (!m) return null;
  const [y, mo, d, H, M, S] = m.slice(1, 7).map((p) => Number(p ?? 0));
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const t = new Date(Date.UTC(2000, 0, 1, H, M, S, ms));
  t.setUTCFullYear(y, mo - 1, d); // (Date.UTC maps years 0–99 to 1900–1999; these are 1900–2799 anyway)
  const ok = y >= 1900 && y <= 2799 && H <= 23 && M <= 59 && S <= 59 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
  return ok ? t.getTime() - Date.UTC(1899, 11, 30) : null;
}

test('timestamp keys of tricky cells (leap days, serials, fractions, Z, out of range) agree with a JavaScript calendar on both engines', async () => {
  const cells = [
    '2019-11-03 14:22:05', '2019/11/3 14:22', '2019.11.03', '2019-11-03T14:22:05.250', '2019-11-03T14:22:05.000Z', '2019-11-03Z',
    '2019-11-03T14:22:05.5', '2019-11-03 14:22:05.05', '2019-11-03 14:22:05.123456', '2019-11-03 14:22:05.', '2019-11-03 9:05', '2019-11-03 09:5',
    '2020-02-29', '2019-02-29', '1900-02-29', '2000-02-29 23:59:59.999', '2100-02-29', '2400-02-29', '1900-01-01', '1899-12-31 23:59', '2799-12-31 23:59:59',
    '2800-01-01', '2019-13-01', '2019-00-10', '2019-04-31', '2019-04-30', '2019-11-03 24:00', '2019-11-03 23:60', '2019-11-03 23:59:60', '2019-1-1 0:00',
    '43773.375', '61', '60.999', '328716.99', '328717', '0', '20191103', '43773.', '1e5', '-43773', '昨天', '2019-11-03 14:22:05 ',
  ];
  const expected = cells.map(referenceKey);
  // the reference is not vacuous: valid and invalid cells of each kind
  assert.equal(expected.filter((k) => k !== null).length, 20);
  assert.equal(referenceKey('2019/11/3 14:22'), 3781952520000);
  for (const r of await engines()) {
    const d = r.dialect;
    try {
      let rows: unknown[][];
      if (d.name === 'duckdb') {
        // the levels the screening builds (screen.ts)
        const l = duckdbTimestampLevels(d, 'c');
        rows = await r.query(`SELECT c, __t FROM (SELECT *, ${l.key} FROM (SELECT *, ${l.numbers.join(', ')} FROM (SELECT c, c AS __ts, ${l.parts} FROM (SELECT unnest([${cells.map((c) => d.string(c)).join(', ')}]) AS c))))`);
      } else {
        // the WITH list of clickhouseQuestionnaire.ts
        const key = timestampKeySql(d, '__ts', timestampNumbersSql(d, '__ts', '__tp'));
        rows = await r.query(`SELECT c, ${timestampPartsSql(d, '__ts')} AS __tp, ${key} AS __t FROM (SELECT arrayJoin([${cells.map((c) => d.string(c)).join(', ')}]) AS c, toNullable(c) AS __ts)`);
        rows = rows.map((row) => [row[0], row[2]]);
      }
      const got = new Map(rows.map(([c, k]) => [c as string, k === null ? null : Number(k)]));
      cells.forEach((c, i) => assert.equal(got.get(c), expected[i], `${d.name}: ${JSON.stringify(c)}`));
    } finally {
      await r.close();
    }
  }
});

test('ClickHouse runner: a wrong password is a clear error that does not echo it; a URL with credentials is refused', { skip: cluster === null }, async () => {
  const env = { ...cluster!.env, SPILLOVER_TEST_CH_PASSWORD: 'Wrong-Secret-42' };
  const r = await clickhouseRunner({ url: cluster!.url, ...TEST_SOURCE }, { env });
  await assert.rejects(r.query('SELECT 1'), (e: Error) => {
    assert.ok(e instanceof SqlEngineError);
    assert.match(e.message, /authentication failed/);
    assert.match(e.message, /SPILLOVER_TEST_CH_PASSWORD/);
    assert.ok(!e.message.includes('Wrong-Secret-42') && !String(e.stack).includes('Wrong-Secret-42'));
    return true;
  });
  await r.close();
  await assert.rejects(clickhouseRunner({ url: 'http://u:p@127.0.0.1:1', database: 'default' }), /must not contain a user or password/);
  await assert.rejects(clickhouseRunner({ url: cluster!.url, ...TEST_SOURCE, password_env: 'NOT_SET_ANYWHERE_42' }, { env: { SPILLOVER_TEST_CH_USER: 'spillover' } }), /NOT_SET_ANYWHERE_42 .*not set/);
});

test('the cluster script creates the payment-log layout: MergeTree on each shard, a Distributed table over both', { skip: cluster === null }, async () => {
  for (const url of cluster!.shardUrls) {
    const r = await clickhouseRunner({ url, ...TEST_SOURCE }, { env: cluster!.env });
    try {
      const tables = await r.query(`SELECT name, engine, partition_key, sorting_key FROM system.tables WHERE database = 'spillover' ORDER BY name`);
      assert.deepEqual(tables.map((t) => [t[0], t[1]]), [['transactions', 'Distributed'], ['transactions_local', 'MergeTree']]);
      assert.equal(tables[1][2], 'toYYYYMMDD(paid_at)');
      assert.equal(tables[1][3], 'merchant, payer, paid_at');
      // a row inserted on each shard is seen once through the Distributed table of either
      await r.execute(`INSERT INTO spillover.transactions_local VALUES ('2019-06-01 12:00:00', ${r.dialect.string(url)}, 'p', 'm', 'c', 100, 1)`);
    } finally {
      await r.close();
    }
  }
  const r = await clickhouseRunner({ url: cluster!.url, ...TEST_SOURCE }, { env: cluster!.env });
  try {
    assert.deepEqual(await r.query(`SELECT count(), ${r.dialect.exactSum('amount_fen', 0)} FROM spillover.transactions`), [[2, 200]]);
  } finally {
    await r.close();
  }
});

