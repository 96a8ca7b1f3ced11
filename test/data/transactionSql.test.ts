// The voucher aggregations render through SqlDialect for both engines: names and values quoted, the
// same logical query for DuckDB and ClickHouse (helper runs on a cluster compare the two).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { armMomentsQuery, cellsQuery, sizeWindowsQuery, voucherUsersQuery, readArm } from '../../src/data/transactions/aggregations.ts';
import { duckdbDialect } from '../../src/data/sql/duckdbDialect.ts';
import { clickhouseDialect } from '../../src/data/sql/clickhouseDialect.ts';
import { duckdbRunner } from '../../src/data/sql/duckdbRunner.ts';

const hostile = "杭州'); DROP TABLE t; --";

test('every aggregation renders for DuckDB and ClickHouse with quoted names and values', () => {
  for (const d of [duckdbDialect, clickhouseDialect]) {
    const rel = { dialect: d, table: d.table('db', 'tx`"') };
    const cells = cellsQuery(rel);
    assert.ok(cells.includes(d.exactSum(d.ident('amount_fen'), 0)), 'exact fen sums');
    const arm = armMomentsQuery(rel, 'SELECT payer FROM applicants WHERE won = 1', [{ from: 18350, to: 18357 }, { from: 18357, to: 18364 }], 1, hostile);
    assert.ok(arm.includes(d.string(hostile)), 'the city is one literal');
    assert.ok(!arm.includes(`'${hostile}'`), 'never pasted raw');
    assert.ok(sizeWindowsQuery(rel, { from: 1, to: 2 }, { from: 3, to: 4 }).includes(d.ident('merchant_size')));
    assert.ok(voucherUsersQuery(rel, 'payer').includes(d.ident('age_band')));
  }
  assert.match(clickhouseDialect.table('db', 'tx`"'), /^`db`\.`tx\\`"`$/);
});

test('arm moments on DuckDB equal a hand computation (2 payers, 2 weeks)', async () => {
  const r = await duckdbRunner();
  await r.execute(`CREATE TABLE tx AS SELECT * FROM (VALUES
    (18350, 'a', 'x', 'A', '餐饮', 1000, 0, '', ''), (18358, 'a', 'x', 'A', '餐饮', 5000, 1000, '', ''),
    (18351, 'b', 'x', 'A', '餐饮', 2000, 0, '', ''), (18360, 'b', 'x', 'B', '餐饮', 3000, 500, '', ''),
    (18352, 'c', 'x', 'A', '餐饮', 9999, 0, '', '')) t(day, payer, merchant, city, industry, amount_fen, discount_fen, age_band, merchant_size)`);
  const sql = armMomentsQuery({ dialect: duckdbDialect, table: 'tx' }, "SELECT 'a' UNION ALL SELECT 'b'", [{ from: 18350, to: 18357 }, { from: 18357, to: 18364 }], 1, 'A');
  const row = readArm((await r.query(sql))[0], 2);
  await r.close();
  // a: w = (1000, 5000), s = 1000 (in A); b: w = (2000, 3000), s = 0 (its voucher was in B)
  assert.equal(row.found, 2);
  assert.deepEqual([...row.sums], [3000, 8000]);
  assert.deepEqual([...row.cross], [1000 * 1000 + 2000 * 2000, 1000 * 5000 + 2000 * 3000, 1000 * 5000 + 2000 * 3000, 5000 * 5000 + 3000 * 3000]);
  assert.equal(row.sumS, 1000);
  assert.equal(row.sumD, 4000 + 1000);
  assert.equal(row.sumDD, 4000 ** 2 + 1000 ** 2);
  assert.equal(row.sumDS, 4000 * 1000);
});
