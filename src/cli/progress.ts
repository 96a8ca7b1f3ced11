// A one-line progress bar on stderr, redrawn in place: label, bar, count of total, rate and ETA.
// Only on a terminal: nothing at all when stderr is a pipe or a file, or with --quiet.
import { width } from './fitTable.ts';

export interface Progress {
  /** false when nothing is drawn (not a terminal, or --quiet): callers may skip measuring progress at all. */
  readonly active: boolean;
  /**
   * Begin a step of `total` units (e.g. draws, charts); replaces the previous step's line. With
   * `items` (e.g. 'rows'), the step is a share of a whole (set(share, rows)) and the line counts
   * items and their rate instead: "reading data/x.csv  [████░░]  42%  1,234,567 rows  310k rows/s  ETA 3 s".
   */
  step(label: string, total: number, unit?: string, items?: string): void;
  /** The current step is at `done` (absolute; of total, or a share 0–1 for an items step), `items` counted so far. NaN: not known. */
  set(done: number, items?: number): void;
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

const NONE: Progress = { active: false, step() {}, set() {}, tick() {}, done() {} };

/**
 * createProgress() → a Progress drawing on process.stderr when it is a terminal. The line:
 * "estimating  [██████░░░░░░]  6/10 steps  2.1/s  ETA 2 s", cut to the terminal's width.
 */
export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return NONE;
  const now = options.now ?? (() => performance.now());
  const every = options.every ?? 80;
  let label = '', unit = '', items = '', total = 0, count = 0, counted = NaN, started = 0, drawn = -Infinity, shown = false;
  const draw = (force = false) => {
    const t = now();
    if (!force && t - drawn < every) return;
    drawn = t;
    const cols = Math.max(20, (stream.columns || 80) - 1);
    const known = Number.isFinite(count);
    const share = known && total > 0 ? Math.min(1, count / total) : 0;
    const secs = (t - started) / 1000;
    const rate = secs > 0 && known ? count / secs : 0;
    // no ETA from the first 2% (a scan's early share says little about its end)
    const eta = rate > 0 && count < total && share >= 0.02 ? `ETA ${formatSeconds((total - count) / rate)}` : '';
    let tail: string;
    if (items) {
      const itemRate = secs > 0 && counted > 0 ? counted / secs : 0;
      tail = [known ? `${Math.floor(share * 100)}%` : '', Number.isFinite(counted) ? `${Math.round(counted).toLocaleString('en-US')} ${items}` : '', itemRate > 0 ? `${formatRate(itemRate)} ${items}/s` : '', eta].filter(Boolean).join('  ');
    } else tail = `${count.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}${rate > 0 ? `  ${formatRate(rate)}/s` : ''}${eta ? `  ${eta}` : ''}`;
    const barWidth = Math.max(5, Math.min(30, cols - width(label) - width(tail) - 6));
    const full = Math.round(share * barWidth);
    let line = known ? `${label}  [${'█'.repeat(full)}${'░'.repeat(barWidth - full)}]  ${tail}` : `${label}  ${tail}`;
    while (width(line) > cols) line = line.slice(0, -1);
    stream.write(`\r\x1b[K${line}`);
    shown = true;
  };
  return {
    active: true,
    step(l, n, u = '', i = '') {
      label = l; total = n; unit = u; items = i; count = 0; counted = NaN; started = now();
      draw(true);
    },
    set(d, n = NaN) {
      count = d; counted = n;
      draw(Number.isFinite(d) && d >= total);
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

/** The long steps of a run as the engines and readers report them (see runSteps). */
export interface RunSteps {
  /** reading (decoding, staging) or screening (DuckDB) a questionnaire file: share of it and rows so far */
  onRead(file: string, phase: 'reading' | 'screening', share: number, rows: number): void;
  /** the questionnaire files about to be read at once (before their onRead calls) */
  onReadFiles(files: string[]): void;
  /** reading transaction files: pass `pass` of `passes` over them (DuckDB's share of that pass) */
  onTransactions(files: string, pass: number, passes: number, share: number): void;
  /** Monte Carlo draws done of total */
  onProgress(done: number, total: number): void;
  /** charts rendered, PNGs exported, workbook written */
  onStep(step: 'charts' | 'png' | 'tables', done: number, total: number): void;
}

const STEP_LABELS = {
  zh: { reading: '读取', screening: '筛查', rows: '行', files: (n: number) => `读取 ${n} 个问卷文件`, transactions: (files: string, pass: number, of: number) => `读取交易 ${files}（第 ${pass}/${of} 遍）`, mc: '蒙特卡洛模拟', draws: '次', charts: '绘制图表', chartUnit: '张', png: '导出 PNG 图片', tables: '生成报告和 tables.xlsx' },
  en: { reading: 'reading', screening: 'screening', rows: 'rows', files: (n: number) => `reading ${n} questionnaire files`, transactions: (files: string, pass: number, of: number) => `reading transactions ${files} (pass ${pass} of ${of})`, mc: 'Monte Carlo', draws: 'draws', charts: 'rendering charts', chartUnit: 'charts', png: 'exporting PNG images', tables: 'writing report.html and tables.xlsx' },
};

/**
 * runSteps(progress, lang) → the callbacks a run passes to the readers (onRead, onTransactions), the Monte Carlo
 * (onProgress) and the report producers (onStep), each long step drawn as its own line:
 * "reading data/consumers.csv  [███░░]  42%  2,100 rows  21k rows/s  ETA 1 s" (files read at once: "reading 4 questionnaire files  …"),
 * "Monte Carlo  [██░░]  4,000/10,000 draws  …".
 */
export function runSteps(progress: Progress, lang: 'zh' | 'en'): Partial<RunSteps> {
  if (!progress.active) return {};
  const t = STEP_LABELS[lang];
  let current = '';
  let most = 0; // a file is screened by several DuckDB queries, each from 0%: its bar never goes back
  let reading: Map<string, { done: number; rows: number }> | null = null; // the questionnaires read at once
  const enter = (key: string, begin: () => void) => {
    if (key === current) return;
    current = key;
    most = 0;
    begin();
  };
  return {
    onReadFiles(files) {
      reading = new Map(files.map((f) => [f, { done: 0, rows: 0 }]));
    },
    onRead(file, phase, share, rows) {
      const several = reading && reading.size > 1 ? reading : null;
      if (several) {
        // Files read at once share one line: each file's part is its reading (first half) then its screening by
        // DuckDB (second half), never going back; the rows are those decoded so far, over all files.
        enter('questionnaires', () => progress.step(t.files(several.size), 1, '', t.rows));
        const f = several.get(file) ?? { done: 0, rows: 0 };
        several.set(file, f);
        f.done = Math.max(f.done, phase === 'reading' ? share / 2 : 0.5 + share / 2);
        if (phase === 'reading' && Number.isFinite(rows)) f.rows = Math.max(f.rows, rows);
        let done = 0, counted = 0;
        for (const g of several.values()) (done += g.done), (counted += g.rows);
        progress.set(done / several.size, counted);
        return;
      }
      enter(`${phase} ${file}`, () => progress.step(`${t[phase]} ${file}`, 1, '', t.rows));
      // DuckDB's rows processed count work over all operators of a query, not the file's rows: not shown.
      if (phase === 'screening') most = Math.max(most, share);
      progress.set(phase === 'screening' ? most : share, phase === 'reading' ? rows : NaN);
    },
    onTransactions(files, pass, passes, share) {
      // a pass is one DuckDB query over the files: its share only grows
      enter(`transactions ${files} ${pass}`, () => progress.step(t.transactions(files, pass, passes), 1, '', t.rows));
      most = Math.max(most, share);
      progress.set(most);
    },
    onProgress(done, total) {
      enter('mc', () => progress.step(t.mc, total, t.draws));
      progress.set(done);
    },
    onStep(step, done, total) {
      enter(step, () => (step === 'tables' ? progress.step(t.tables, total, '') : progress.step(t[step], total, t.chartUnit)));
      progress.set(done);
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
