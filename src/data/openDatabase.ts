import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { LocalizedError } from '../locale/errorText.ts';

/** An embedded, in-memory DuckDB database and its one connection. Close it when done. */
export interface Db {
  readonly connection: DuckDBConnection;
  /** the private folder DuckDB spills to when a query needs more than its memory limit (removed by close) */
  readonly spillDir: string;
  /** a fresh name for a temporary table or view, unique within this Db */
  tempName(prefix: string): string;
  /**
   * Another connection to the same database (its own temporary tables, its own running query), sharing the spill
   * folder and temp names: files read on two connections are read at once. Its close() closes that connection only.
   */
  connect(): Promise<Db>;
  close(): void;
}

export interface DatabaseOptions {
  /** DuckDB's memory_limit, e.g. '2GB' (default: SPILLOVER_MEMORY_LIMIT, else DuckDB's own: 80% of RAM) */
  memoryLimit?: string;
  /** the folder in which the private spill folder is made (default: the system temp folder) — e.g. the output's folder */
  spillParent?: string;
}

const SPILL_PREFIX = '.spillover-spill-';

/** Spill folders left in `parent` by a process that no longer runs (killed before close): removed. */
function removeStaleSpills(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return; // mkdtemp below reports a missing folder
  }
  for (const name of names) {
    const pid = name.startsWith(SPILL_PREFIX) ? Number(name.slice(SPILL_PREFIX.length).split('-')[0]) : NaN;
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    try {
      process.kill(pid, 0); // still running (or not ours to signal): leave it
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}

/**
 * openDatabase — DuckDB (`@duckdb/node-api`) `:memory:` instance with one connection. All questionnaire and
 * transaction files go through it. Memory is bounded: a query that needs more than the memory limit (a large
 * GROUP BY, join or sort) writes to a private spill folder (`.spillover-spill-PID-…` in spillParent) instead of
 * failing; close() removes that folder, and one left by a killed process is removed by the next openDatabase there.
 *
 * Example: const db = await openDatabase(); (await db.connection.runAndReadAll('select 1+1')).getRows() → [[2]]; db.close();
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Db> {
  const memoryLimit = options.memoryLimit ?? process.env.SPILLOVER_MEMORY_LIMIT;
  if (memoryLimit !== undefined && !/^\d+(\.\d+)? ?([KMGT]i?B|B)$/i.test(memoryLimit.trim())) {
    throw new LocalizedError({
      zh: `内存上限 ${JSON.stringify(memoryLimit)}（SPILLOVER_MEMORY_LIMIT）无效：请写成 2GB 或 500MB 这样的形式`,
      en: `memory limit ${JSON.stringify(memoryLimit)} (SPILLOVER_MEMORY_LIMIT) is not valid: use e.g. 2GB or 500MB`,
    });
  }
  const parent = options.spillParent ?? tmpdir();
  removeStaleSpills(parent);
  const spillDir = mkdtempSync(join(parent, `${SPILL_PREFIX}${process.pid}-`));
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  try {
    instance = await DuckDBInstance.create(':memory:', { temp_directory: spillDir, ...(memoryLimit ? { memory_limit: memoryLimit.trim() } : {}) });
    connection = await instance.connect();
  } catch (e) {
    rmSync(spillDir, { recursive: true, force: true });
    throw e;
  }
  let counter = 0;
  let closed = false;
  const tempName = (prefix: string) => `${prefix}_${++counter}`;
  const connect = async (): Promise<Db> => {
    const c = await instance.connect();
    return { connection: c, spillDir, tempName, connect, close: () => c.closeSync() };
  };
  return {
    connection,
    spillDir,
    tempName,
    connect,
    close() {
      if (closed) return;
      closed = true;
      try {
        connection.closeSync();
        instance.closeSync();
      } finally {
        rmSync(spillDir, { recursive: true, force: true });
      }
    },
  };
}
