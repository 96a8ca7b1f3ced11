import type { Db } from './openDatabase.ts';
import { DataError } from './DataError.ts';
import { EXTRA_COLUMN, ROW_COLUMN } from './clickhouseQuestionnaire.ts';
import { stage } from './stage.ts';
import { clickhouseDialect as ch } from './sql/clickhouseDialect.ts';
import type { ClickHouseRunner } from './sql/clickhouseRunner.ts';
import type { QuestionnaireSpec } from './types.ts';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { LocalizedError, internalError } from '../locale/errorText.ts';

export interface LoadTarget {
  /** one runner per shard (one: a single server, plain MergeTree table) */
  shards: ClickHouseRunner[];
  database: string;
  table: string;
  /** remote_servers cluster naming the shards in this order (needed with more than one shard) */
  cluster?: string;
  /** drop the tables first when they exist (otherwise an existing table is an error) */
  replace?: boolean;
  /** rows of a questionnaire file per query (default 262 144; their text is held in memory at once) */
  window?: number;
  /** called as rows are sent (every 100 000 or more, and at the end) with the rows so far, of `total` (NaN when not counted beforehand) */
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
  if (shards.length === 0) throw internalError('loadToClickHouse: no shard');
  if (shards.length > 1 && !target.cluster) throw new LocalizedError({ zh: '多个分片需要集群名称（remote_servers 中的名称）', en: 'loadToClickHouse: several shards need the cluster name (remote_servers)' });
  const local = shards.length > 1 ? `${target.table}_local` : target.table;
  for (const s of shards) {
    await s.execute(`CREATE DATABASE IF NOT EXISTS ${ch.ident(database)}`);
    const exists = (await s.query(`SELECT count() FROM system.tables WHERE database = ${ch.string(database)} AND name IN (${ch.string(target.table)}, ${ch.string(local)})`))[0][0];
    if (Number(exists) > 0) {
      if (!target.replace) {
        throw new DataError({
          zh: `${display}：${s.server} 的数据库 ${database} 中已有表 ${database}.${target.table}；要覆盖它请加 --replace`,
          en: `${display}: table ${database}.${target.table} already exists on ${s.describe}; use --replace to overwrite it`,
        }, { file: display });
      }
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

/**
 * A DuckDB text expression as one TabSeparated field (ClickHouse's escaping): backslash, tab, LF and CR written as
 * \\, \t, \n, \r (the common cell, without them, is not rewritten); NULL as \N.
 * Example: 'a<TAB>b' → 'a\tb'; NULL → '\N'.
 */
export const tsvField = (e: string) =>
  `CASE WHEN ${e} IS NULL THEN '\\N' WHEN contains(${e}, chr(92)) OR contains(${e}, chr(9)) OR contains(${e}, chr(10)) OR contains(${e}, chr(13)) ` +
  `THEN replace(replace(replace(replace(${e}, chr(92), '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r') ELSE ${e} END`;

/**
 * One streaming INSERT … FORMAT TabSeparated into `local` per shard, fed as rows arrive: write(k, text, rows) appends
 * complete lines for shard k (waiting while that server is behind), finish() ends the streams and waits for every
 * insert. A failed insert fails the next write and finish; abort() ends the inserts after an error on this side.
 * Progress: onProgress(rows so far, total) every 100 000 rows or more, and at the end.
 */
export function shardStreams(target: LoadTarget, local: string, total = NaN): { write(k: number, text: string, rows: number): Promise<void>; finish(): Promise<number>; abort(e: unknown): Promise<void> } {
  const { shards, database } = target;
  const streams = shards.map(() => new PassThrough({ highWaterMark: 1 << 20 }));
  const inserts = shards.map((s, k) => s.insertTsv(ch.table(database, local), streams[k]));
  const failure = new Promise<never>((_, reject) => inserts.forEach((p) => p.catch(reject)));
  failure.catch(() => {});
  let done = 0;
  let reported = 0;
  return {
    async write(k, text, rows) {
      done += rows;
      if (!streams[k].write(text)) await Promise.race([once(streams[k], 'drain'), failure]);
      if (done - reported >= 100_000) {
        reported = done;
        target.onProgress?.(done, total);
      }
    },
    async finish() {
      streams.forEach((s) => s.end());
      await Promise.all(inserts);
      target.onProgress?.(done, total);
      return done;
    },
    async abort(e) {
      streams.forEach((s) => s.destroy(e instanceof Error ? e : new LocalizedError(String(e))));
      await Promise.allSettled(inserts);
    },
  };
}

/**
 * Copies the rows of a DuckDB result stream to the shards' TabSeparated inserts (shardStreams): line(row) gives a
 * row's shard and its line (no newline). Lines are sent per result chunk and shard. Returns the rows copied.
 */
export async function streamLines(
  target: LoadTarget,
  local: string,
  stream: { yieldRowsJs(): AsyncIterable<unknown[][]> },
  total: number,
  line: (row: unknown[]) => [number, string],
): Promise<number> {
  const out = shardStreams(target, local, total);
  try {
    const n = target.shards.length;
    for await (const rows of stream.yieldRowsJs()) {
      const parts: string[][] = Array.from({ length: n }, () => []);
      for (const r of rows) {
        const [k, text] = line(r);
        parts[k].push(text);
      }
      for (let k = 0; k < n; k++) if (parts[k].length > 0) await out.write(k, `${parts[k].join('\n')}\n`, parts[k].length);
    }
  } catch (e) {
    await out.abort(e);
    throw e;
  }
  return out.finish();
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
    const stored = Number((await db.connection.runAndReadAll(`SELECT count(*) FROM ${mat}`)).getRows()[0][0]);
    // one line per row: the row number, __extra, the cells; shard = row mod shards (unordered: MergeTree sorts by
    // __row). DuckDB joins the lines of every 8192 rows of a shard into one text (half the CPU of handing Node one
    // string per row), target.window rows at a time.
    const line = `concat_ws(chr(9), CAST(${rowOf} AS VARCHAR), ${['__extra', ...cells].map(tsvField).join(', ')})`;
    const n = target.shards.length;
    const window = target.window ?? 1 << 18;
    const out = shardStreams(target, local, target.onProgress ? stored - blank : NaN);
    try {
      for (let from = 0; from < stored; from += window) {
        const res = await db.connection.runAndReadAll(
          `SELECT k, string_agg(l, chr(10)), CAST(count(*) AS INTEGER) FROM (SELECT CAST(${rowOf} % ${n} AS INTEGER) AS k, rowid // 8192 AS b, ${line} AS l ` +
            `FROM ${mat} WHERE rowid >= ${from} AND rowid < ${from + window} AND NOT (${blankTest})) GROUP BY k, b`,
        );
        for (const [k, text, rows] of res.getRowsJS() as [number, string, number][]) await out.write(k, `${text}\n`, rows);
      }
    } catch (e) {
      await out.abort(e);
      throw e;
    }
    const done = await out.finish();
    return { rows: done, blankRows: blank + staged.blankRows, columns };
  } finally {
    await db.connection.run(`DROP TABLE IF EXISTS ${mat}`);
    await staged.cleanup();
  }
}
