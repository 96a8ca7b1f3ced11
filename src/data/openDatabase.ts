import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** An embedded, in-memory DuckDB database and its one connection. Close it when done. */
export interface Db {
  readonly connection: DuckDBConnection;
  /** a fresh name for a temporary table or view, unique within this Db */
  tempName(prefix: string): string;
  close(): void;
}

/**
 * openDatabase — DuckDB (`@duckdb/node-api`) `:memory:` instance with one connection. All questionnaire
 * files go through it; nothing is written to disk by DuckDB.
 *
 * Example: const db = await openDatabase(); (await db.connection.runAndReadAll('select 1+1')).getRows() → [[2]]; db.close();
 */
export async function openDatabase(): Promise<Db> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  let counter = 0;
  let closed = false;
  return {
    connection,
    tempName: (prefix) => `${prefix}_${++counter}`,
    close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
    },
  };
}
