import type { SqlDialect } from './SqlDialect.ts';
import { LocalizedError, type ErrorWords } from '../../locale/errorText.ts';

/** A cell of a query result: numbers (every integer, decimal and float column, as a double), text, or NULL. */
export type SqlValue = number | string | null;

/**
 * SqlRunner — one engine behind one interface: run a query, get rows of numbers and strings, close.
 * `describe` names where the runner reads (for messages); it never contains credentials.
 * Example: const r = await duckdbRunner(); await r.query('SELECT 1 + 1') → [[2]]; await r.close();
 */
export interface SqlRunner {
  readonly dialect: SqlDialect;
  readonly describe: string;
  /** rows in column order; 64-bit integers and decimals become doubles (cast to text in SQL for exact digits) */
  query(sql: string): Promise<SqlValue[][]>;
  /** run a statement that returns no rows (CREATE, DROP, INSERT … SELECT) */
  execute(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by runners: an engine error with a message fit for the user (no credentials, no stack of the client). */
export class SqlEngineError extends LocalizedError {
  /** the shard (host:port, and its number in the cluster when known) that failed, for cluster errors */
  readonly shard?: string;
  constructor(message: ErrorWords, shard?: string) {
    super(message);
    this.name = 'SqlEngineError';
    if (shard !== undefined) this.shard = shard;
  }
}
