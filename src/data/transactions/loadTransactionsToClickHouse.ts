// `spillover load` for the transactions of a study: the files as DuckDB reads them → a ClickHouse table with the
// same column names, typed (what clickhouseTransactions.ts reads), plus __row, split across the shards.
import type { Db } from '../openDatabase.ts';
import { DataError } from '../DataError.ts';
import { confinePath } from '../confinePath.ts';
import { createShardedTable, streamLines, tsvField, type LoadTarget } from '../loadToClickHouse.ts';
import { clickhouseDialect as ch } from '../sql/clickhouseDialect.ts';
import { duckdbDialect as d } from '../sql/duckdbDialect.ts';
import type { TransactionsConfig } from '../../study/vouchers/config.ts';
import { TX_ROW_COLUMN } from './clickhouseTransactions.ts';
import { transactionFiles } from './stageTransactions.ts';

/**
 * The ClickHouse column type of a DuckDB column and the DuckDB expression giving its TabSeparated field (tsvField).
 * Instants (TIMESTAMPTZ) → DateTime('UTC') (whole seconds: the day is unchanged); local times (TIMESTAMP, DATE)
 * → ISO text, as a CSV holds them; DECIMAL → Decimal (exact); integers → Int64; floats → Float64 (the shortest
 * text that reads back as the same double); BOOLEAN → UInt8 (1/0); text and everything else → String. Every column
 * Nullable: a missing cell stays missing (\N; a fault to count).
 * Example: columnType('DECIMAL(12,2)', '"amount"') → { type: 'Decimal(12, 2)', sql: tsvField('CAST("amount" AS VARCHAR)') }.
 */
export function columnType(duck: string, sql: string): { type: string; sql: string } {
  const t = duck.toUpperCase();
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  const text = (e: string) => tsvField(`CAST(${e} AS VARCHAR)`);
  if (t.startsWith('TIMESTAMP WITH TIME ZONE')) return { type: "DateTime('UTC')", sql: tsvField(`strftime(timezone('UTC', ${sql}), '%Y-%m-%d %H:%M:%S')`) };
  if (dec && Number(dec[1]) <= 15) return { type: `Decimal(${dec[1]}, ${dec[2]})`, sql: text(sql) };
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|UINTEGER|USMALLINT|UTINYINT)$/.test(t)) return { type: 'Int64', sql: text(sql) };
  if (/^(DOUBLE|FLOAT|REAL)$/.test(t) || dec) return { type: 'Float64', sql: text(`CAST(${sql} AS DOUBLE)`) };
  if (t === 'BOOLEAN') return { type: 'UInt8', sql: text(`CAST(${sql} AS INTEGER)`) };
  return { type: 'String', sql: text(sql) };
}

/**
 * loadTransactionsToClickHouse(db, config, studyDir, target) — copies the study's transaction files into
 * `target.table` (Distributed over `table_local` on each shard when there are several), rows split by __row (the
 * order DuckDB reads them in, from 1) modulo the shards. Returns the rows and the columns copied.
 */
export async function loadTransactionsToClickHouse(db: Db, config: TransactionsConfig, studyDir: string, target: LoadTarget): Promise<{ rows: number; columns: string[] }> {
  if (config.source) throw new DataError({ zh: `${config.files}：交易数据已经在 ClickHouse 表中`, en: `${config.files}: the transactions are already a ClickHouse table` }, { file: config.files, yamlPath: 'transactions.source' });
  const path = confinePath(studyDir, config.files, config.where['transactions.files'] ?? 'transactions.files');
  const { view, described } = await transactionFiles(db, config, path, config.files);
  const reserved = described.find((c) => c.name === TX_ROW_COLUMN);
  if (reserved) {
    throw new DataError({
      zh: `${config.files}：有一列名为 ${TX_ROW_COLUMN}，这是 \`spillover load\` 要添加的行号列；请给它改名`,
      en: `${config.files}: has a column named ${TX_ROW_COLUMN}, the row number \`spillover load\` adds; rename it`,
    }, { file: config.files, column: TX_ROW_COLUMN });
  }
  const cols = described.map((c) => ({ name: c.name, ...columnType(c.type, d.ident(c.name)) }));
  const schema = `(${ch.ident(TX_ROW_COLUMN)} UInt64, ${cols.map((c) => `${ch.ident(c.name)} Nullable(${c.type})`).join(', ')})`;
  const local = await createShardedTable(target, schema, config.files);
  // row numbers in the order DuckDB reads the files (as before: __row from 1), shard = row mod shards
  const stream = await db.connection.stream(`SELECT concat_ws(chr(9), ${cols.map((c) => c.sql).join(', ')}) FROM ${view}`);
  const n = target.shards.length;
  let row = 0;
  const rows = await streamLines(target, local, stream, NaN, (r) => [++row % n, `${row}\t${r[0] as string}`]);
  return { rows, columns: cols.map((c) => c.name) };
}
