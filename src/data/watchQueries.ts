// DuckDB's own progress of the query running on a connection (its scans of large files, screening and
// aggregation), polled for a progress line: DuckDB tracks it only with enable_progress_bar, which is
// switched on here with its printing off (nothing is written by DuckDB).
import type { Db } from './openDatabase.ts';
import type { ReadProgress } from './types.ts';

/**
 * watchQueries(db, onRead, every) — until the returned stop() is called, every `every` ms tells
 * onRead(share, rows) for the query then running on db's connection: DuckDB's percentage as a share and
 * the rows it has processed (over all operators of the query, so a count of work rather than of file rows).
 * Nothing is told while no query runs. The timer does not keep Node alive.
 */
export async function watchQueries(db: Db, onRead: ReadProgress, every = 100): Promise<() => void> {
  await db.connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0');
  let last = -1;
  const timer = setInterval(() => {
    const p = db.connection.progress;
    if (!(p.percentage >= 0) || p.percentage === last) return;
    last = p.percentage;
    onRead(Math.min(1, p.percentage / 100), Number(p.rows_processed));
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}
