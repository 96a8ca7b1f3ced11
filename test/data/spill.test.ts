import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../../src/data/index.ts';

// 600 k groups with a text payload each: a hash aggregate of well over 100 MB
const BIG = `SELECT CAST(count(*) AS DOUBLE), CAST(sum(n) AS DOUBLE), max(m) FROM (SELECT 'key-' || (i % 600000) AS k, count(*) AS n, max('payload-' || i) AS m FROM range(1200000) t(i) GROUP BY k)`;
const LIMIT = '24MB';

test('memory is bounded: a query needing more than the memory limit spills to the private folder and completes; the folder is removed on close', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'spill-test-'));
  try {
    // the same query on DuckDB without a spill folder fails at this limit: it does need more memory
    const bare = await DuckDBInstance.create(':memory:', { memory_limit: LIMIT, temp_directory: '' });
    const c = await bare.connect();
    await assert.rejects(c.runAndReadAll(BIG), /Out of Memory/);
    c.closeSync();
    bare.closeSync();

    // a spill folder left by a killed process (no such pid) is removed; a live process's folder is left alone
    mkdirSync(join(parent, '.spillover-spill-2147483646-dead'));
    mkdirSync(join(parent, `.spillover-spill-${process.ppid}-alive`));
    const db = await openDatabase({ memoryLimit: LIMIT, spillParent: parent });
    assert.deepEqual(readdirSync(parent).filter((n) => !n.startsWith(`.spillover-spill-${process.pid}-`)), [`.spillover-spill-${process.ppid}-alive`]);
    rmSync(join(parent, `.spillover-spill-${process.ppid}-alive`), { recursive: true });
    assert.ok(db.spillDir.startsWith(join(parent, `.spillover-spill-${process.pid}-`)), db.spillDir);
    const [[limit]] = (await db.connection.runAndReadAll(`SELECT current_setting('memory_limit')`)).getRowsJS();
    assert.match(String(limit), /^2[0-9](\.[0-9]+)? MiB$/);
    const [[groups, rows, last]] = (await db.connection.runAndReadAll(BIG)).getRowsJS();
    assert.deepEqual([groups, rows, last], [600_000, 1_200_000, 'payload-999999']);
    db.close();
    assert.deepEqual(readdirSync(parent), [], 'the spill folder is removed');
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('openDatabase: default spill folder in the system temp folder, removed on close; an invalid memory limit is named', async () => {
  const db = await openDatabase();
  assert.ok(existsSync(db.spillDir) && db.spillDir.startsWith(join(tmpdir(), '.spillover-spill-')), db.spillDir);
  const [[dir]] = (await db.connection.runAndReadAll(`SELECT current_setting('temp_directory')`)).getRowsJS();
  assert.equal(dir, db.spillDir);
  db.close();
  assert.equal(existsSync(db.spillDir), false);
  await assert.rejects(openDatabase({ memoryLimit: 'lots' }), /memory limit "lots" \(SPILLOVER_MEMORY_LIMIT\) is not valid/);
});
