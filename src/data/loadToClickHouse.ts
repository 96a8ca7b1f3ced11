import type { Db } from './openDatabase.ts';
import { DataError } from './DataError.ts';
import { EXTRA_COLUMN, ROW_COLUMN } from './clickhouseQuestionnaire.ts';
import { stage } from './stage.ts';
import { clickhouseDialect as ch } from './sql/clickhouseDialect.ts';
import type { ClickHouseRunner } from './sql/clickhouseRunner.ts';
import type { SqlValue } from './sql/SqlRunner.ts';
import type { QuestionnaireSpec } from './types.ts';

export interface LoadTarget {
  /** one runner per shard (one: a single server, plain MergeTree table) */
  shards: ClickHouseRunner[];
  database: string;
  table: string;
  /** remote_servers cluster naming the shards in this order (needed with more than one shard) */
  cluster?: string;
  /** drop the tables first when they exist (otherwise an existing table is an error) */
  replace?: boolean;
  /** rows per INSERT (default 100 000) */
  batch?: number;
  /** called after every batch with the rows loaded so far, of `total` (NaN when not counted beforehand) */
  onProgress?: (rows: number, total: number) => void;
}

/** Column names for a header: as written; an empty header becomes "column N", a repeated one "name (2)". */
export function tableColumns(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h, i) => {
    let name = h.trim() === '' ? `column ${i + 1}` : h;
    if (name === ROW_COLUMN || name === EXTRA_COLUMN) name = `${name} (file)`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n > 1 ? `${name} (${n})` : name;
  });
}

/**
 * Creates `table` with `schema` on every shard of the target: one shard → a MergeTree table ORDER BY __row; several
 * → a MergeTree `table_local` on each and a Distributed `table` over them on each. An existing table is an error
 * unless target.replace (then it is dropped first). Returns the name of the table rows are inserted into.
 */
export async function createShardedTable(target: LoadTarget, schema: string, display: string, engine = `MergeTree ORDER BY ${ch.ident(ROW_COLUMN)}`): Promise<string> {
  const { shards, database } = target;
  if (shards.length === 0) throw new Error('loadToClickHouse: no shard');
  if (shards.length > 1 && !target.cluster) throw new Error('loadToClickHouse: several shards need the cluster name (remote_servers)');
  const local = shards.length > 1 ? `${target.table}_local` : target.table;
  for (const s of shards) {
    await s.execute(`CREATE DATABASE IF NOT EXISTS ${ch.ident(database)}`);
    const exists = (await s.query(`SELECT count() FROM system.tables WHERE database = ${ch.string(database)} AND name IN (${ch.string(target.table)}, ${ch.string(local)})`))[0][0];
    if (Number(exists) > 0) {
      if (!target.replace) throw new DataError(`${display}: table ${database}.${target.table} already exists on ${s.describe}; use --replace to overwrite it`, { file: display });
      await s.execute(`DROP TABLE IF EXISTS ${ch.table(database, target.table)}`);
      await s.execute(`DROP TABLE IF EXISTS ${ch.table(database, local)}`);
    }
    await s.execute(`CREATE TABLE ${ch.table(database, local)} ${schema} ENGINE = ${engine}`);
    if (shards.length > 1) {
      await s.execute(`CREATE TABLE ${ch.table(database, target.table)} ${schema} ENGINE = Distributed(${ch.ident(target.cluster!)}, ${ch.ident(database)}, ${ch.ident(local)}, ${ch.ident(ROW_COLUMN)})`);
    }
  }
  return local;
}

/** Batched inserts into `local` on every shard, a row going to shard (row number mod shards); progress after each batch. */
export function shardWriter(target: LoadTarget, local: string, total = NaN): { add(row: number, values: Record<string, SqlValue>): Promise<void>; finish(): Promise<number> } {
  const { shards, database } = target;
  const batchSize = target.batch ?? 100_000;
  let buffers: Record<string, SqlValue>[][] = shards.map(() => []);
  let done = 0;
  let pending = 0;
  const flush = async () => {
    await Promise.all(shards.map((s, k) => s.insert(ch.table(database, local), buffers[k])));
    done += pending;
    pending = 0;
    buffers = shards.map(() => []);
    target.onProgress?.(done, total);
  };
  return {
    async add(row, values) {
      buffers[row % shards.length].push(values);
      if (++pending >= batchSize) await flush();
    },
    async finish() {
      await flush();
      return done;
    },
  };
}

/**
 * loadToClickHouse — copy a questionnaire file into ClickHouse as it was read (decoded, full-width digits mapped,
 * every cell as text, nothing converted): table `table` with __row UInt32 (the row number the file showed),
 * __extra (a surplus cell of an over-long row, so extra-fields is still found) and one Nullable(String) column per
 * header. With several shards: a MergeTree `table_local` on each (ORDER BY __row) and a Distributed `table` over
 * them on each, rows split by __row modulo the number of shards. Blank rows are not copied (counted in the result).
 * Returns the rows copied. Throws DataError for whole-file faults, SqlEngineError for the servers.
 */
export async function loadToClickHouse(db: Db, spec: QuestionnaireSpec, target: LoadTarget): Promise<{ rows: number; blankRows: number; columns: string[] }> {
  const staged = await stage(db, spec);
  const mat = db.tempName('load');
  try {
    const rowOf = staged.rowidBase === undefined ? '__row' : `CAST(rowid + ${staged.rowidBase} AS INTEGER)`;
    await db.connection.run(`CREATE TEMP TABLE ${mat} AS SELECT * FROM ${staged.relation}`);
    const columns = tableColumns(staged.header);
    const schema = `(${ch.ident(ROW_COLUMN)} UInt32, ${ch.ident(EXTRA_COLUMN)} Nullable(String), ${columns.map((c) => `${ch.ident(c)} Nullable(String)`).join(', ')})`;
    const local = await createShardedTable(target, schema, spec.displayPath);
    const cells = staged.header.map((_, i) => `c${i}`);
    const blankTest = [...cells, '__extra'].map((c) => `${c} IS NULL`).join(' AND ');
    const blank = Number((await db.connection.runAndReadAll(`SELECT count(*) FROM ${mat} WHERE ${blankTest}`)).getRows()[0][0]);
    // counted before the stream opens: another query on the connection would end the stream
    const toCopy = target.onProgress ? Number((await db.connection.runAndReadAll(`SELECT count(*) FROM ${mat}`)).getRows()[0][0]) - blank : NaN;
    const stream = await db.connection.stream(`SELECT ${rowOf} AS r, __extra, ${cells.join(', ')} FROM ${mat} WHERE NOT (${blankTest}) ORDER BY r`);
    const writer = shardWriter(target, local, toCopy);
    for await (const rows of stream.yieldRowsJs()) {
      for (const r of rows as (number | string | null)[][]) {
        const o: Record<string, SqlValue> = { [ROW_COLUMN]: Number(r[0]), [EXTRA_COLUMN]: r[1] as string | null };
        columns.forEach((c, i) => (o[c] = r[i + 2] as string | null));
        await writer.add(Number(r[0]), o);
      }
    }
    const done = await writer.finish();
    return { rows: done, blankRows: blank + staged.blankRows, columns };
  } finally {
    await db.connection.run(`DROP TABLE IF EXISTS ${mat}`);
    await staged.cleanup();
  }
}
