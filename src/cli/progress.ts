// A one-line progress bar on stderr, redrawn in place: label, bar, count of total, rate and ETA.
// Only on a terminal: nothing at all when stderr is a pipe or a file, or with --quiet.
import { width } from './fitTable.ts';

export interface Progress {
  /** Begin a step of `total` units (e.g. rows, draws, charts); replaces the previous step's line. */
  step(label: string, total: number, unit?: string): void;
  /** Rename the current step (e.g. the stage now running), keeping its count. */
  relabel(label: string): void;
  /** `n` more units of the current step done (default 1). */
  tick(n?: number): void;
  /** Clear the line (the command's own output follows). */
  done(): void;
}

export interface ProgressOptions {
  stream?: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };
  quiet?: boolean;
  /** clock in ms (tests) */
  now?: () => number;
  /** least time between two redraws, ms (default 80) */
  every?: number;
}

const NONE: Progress = { step() {}, relabel() {}, tick() {}, done() {} };

/**
 * createProgress() → a Progress drawing on process.stderr when it is a terminal. The line:
 * "estimating  [██████░░░░░░]  6/10 steps  2.1/s  ETA 2 s", cut to the terminal's width.
 */
export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return NONE;
  const now = options.now ?? (() => performance.now());
  const every = options.every ?? 80;
  let label = '', unit = '', total = 0, count = 0, started = 0, drawn = -Infinity, shown = false;
  const draw = (force = false) => {
    const t = now();
    if (!force && t - drawn < every) return;
    drawn = t;
    const cols = Math.max(20, (stream.columns || 80) - 1);
    const share = total > 0 ? Math.min(1, count / total) : 0;
    const secs = (t - started) / 1000;
    const rate = secs > 0 ? count / secs : 0;
    const eta = rate > 0 && count < total ? `ETA ${formatSeconds((total - count) / rate)}` : '';
    const tail = `${count.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}${rate > 0 ? `  ${formatRate(rate)}/s` : ''}${eta ? `  ${eta}` : ''}`;
    const barWidth = Math.max(5, Math.min(30, cols - width(label) - width(tail) - 6));
    const full = Math.round(share * barWidth);
    let line = `${label}  [${'█'.repeat(full)}${'░'.repeat(barWidth - full)}]  ${tail}`;
    while (width(line) > cols) line = line.slice(0, -1);
    stream.write(`\r\x1b[K${line}`);
    shown = true;
  };
  return {
    step(l, n, u = '') {
      label = l; total = n; unit = u; count = 0; started = now();
      draw(true);
    },
    relabel(l) {
      label = l;
      draw(true);
    },
    tick(n = 1) {
      count += n;
      draw(count >= total);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

function formatRate(r: number): string {
  if (r >= 1e6) return `${(r / 1e6).toFixed(1)}M`;
  if (r >= 1e4) return `${Math.round(r / 1e3)}k`;
  return r >= 10 ? String(Math.round(r)) : r.toFixed(1);
}
