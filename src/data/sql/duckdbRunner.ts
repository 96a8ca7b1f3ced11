import { openDatabase, type Db } from '../openDatabase.ts';
import { duckdbDialect } from './duckdbDialect.ts';
import { SqlEngineError, type SqlRunner, type SqlValue } from './SqlRunner.ts';

/** A JS value from DuckDB as a SqlValue: bigint and DECIMAL/HUGEINT → double, everything else non-numeric → text. */
function cell(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return String(v);
}

/**
 * duckdbRunner — a SqlRunner on the embedded DuckDB (openDatabase). With `db`, it runs on that database and
 * close() leaves it open (the caller owns it); without, it opens its own and close() closes it.
 * Example: const r = await duckdbRunner(); (await r.query("SELECT 'a', 2::HUGEINT")) → [['a', 2]]
 */
export async function duckdbRunner(db?: Db): Promise<SqlRunner> {
  const own = db === undefined;
  const d = db ?? (await openDatabase());
  const fail = (e: unknown): never => {
    throw new SqlEngineError(`DuckDB: ${(e as Error).message.split('\n')[0]}`);
  };
  return {
    dialect: duckdbDialect,
    describe: 'DuckDB (embedded)',
    async query(sql) {
      try {
        const r = await d.connection.runAndReadAll(sql);
        return (r.getRowsJS() as unknown[][]).map((row) => row.map(cell));
      } catch (e) {
        return fail(e);
      }
    },
    async execute(sql) {
      try {
        await d.connection.run(sql);
      } catch (e) {
        fail(e);
      }
    },
    async close() {
      if (own) d.close();
    },
  };
}
