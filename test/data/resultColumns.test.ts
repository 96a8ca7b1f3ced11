// resultColumns: a result's columns read from the chunks' vectors give the values getColumnsJS gives, bit for bit
// (NULL → NaN for numbers), over several chunks; a column of another type is an internal error, not a wrong read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../src/data/index.ts';
import { float64Column, int32Column, textColumn } from '../../src/data/resultColumns.ts';

test('float64Column, int32Column and textColumn equal getColumnsJS over 5000 rows (3 chunks), NULLs, -0 and NaN included', async () => {
  const d = await openDatabase();
  try {
    const sql =
      `SELECT CAST(i + 2 AS INTEGER) AS r, CASE WHEN i % 5 = 0 THEN NULL ELSE 'id' || i END AS s, ` +
      `CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN -0.0::DOUBLE WHEN i % 13 = 0 THEN 'NaN'::DOUBLE ELSE (i * 0.1 - 200) / 3 END AS x ` +
      `FROM range(5000) t(i) ORDER BY i`;
    const res = await d.connection.run(sql);
    assert.ok(res.chunkCount >= 3);
    const [r, s, x] = (await d.connection.runAndReadAll(sql)).getColumnsJS() as [number[], (string | null)[], (number | null)[]];
    assert.deepEqual(int32Column(res, 0), Int32Array.from(r));
    assert.deepEqual(textColumn(res, 1), s);
    const got = float64Column(res, 2);
    const bits = (a: Float64Array) => new Uint32Array(a.buffer);
    assert.deepEqual(bits(got), bits(Float64Array.from(x, (v) => (v === null ? NaN : v))));
    assert.ok(Object.is(got[11], -0) && Number.isNaN(got[7]) && Number.isNaN(got[13]) && got[1] === (0.1 - 200) / 3);
    assert.throws(() => float64Column(res, 0), /not DOUBLE/);
    assert.throws(() => textColumn(res, 2), /not VARCHAR/);
    const empty = await d.connection.run('SELECT NULL::INTEGER');
    assert.throws(() => int32Column(empty, 0), /NULL at row 0/);
  } finally {
    d.close();
  }
});
