// Benchmark of reading the default study as a run meets it: the FIRST call in a fresh process (V8 has compiled and
// optimized none of it), each part against its reference in the same script:
//   1. plainYaml(study.yaml)  against yaml's parseDocument(...).toJS() — the same values (checked);
//   2. lu of I − A of the 149-sector table (its WebAssembly twin) against luInJs — the same factors, bit for bit
//      (checked);
//   3. enNumber against toLocaleString('en-US', options) for the report charts' numbers (the same texts, checked).
// The ratios part / reference are the figures to compare across machines and loads. CPU per fresh process: the
// main thread's on-CPU time (/proc/thread-self/schedstat, Linux) and the process's (process.cpuUsage: V8's
// background compiles and GC included); median and best of --reps processes, interleaved.
// Usage: npx tsx bench/io/coldRead.ts [--reps 7]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import { plainYaml } from '../../src/study/config/plainYaml.ts';
import { lu, luInJs } from '../../src/io/lu.ts';
import { leontiefMatrix, parseNbsTable, technicalCoefficients } from '../../src/io/index.ts';
import { enNumber } from '../../src/locale/index.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';

const PAIRS = [['plainYaml', 'yaml'], ['lu', 'luInJs'], ['enNumber', 'toLocaleString']] as const;
const MODES = PAIRS.flat();
type Mode = (typeof MODES)[number];

const threadMs = (): number => (existsSync('/proc/thread-self/schedstat') ? Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6 : NaN);
const digest = (x: unknown) => createHash('sha256').update(typeof x === 'string' ? x : JSON.stringify(x)).digest('hex');

/** The report charts' number formats and a spread of values like theirs (ticks, labels). */
const FORMATS: Intl.NumberFormatOptions[] = [{ maximumFractionDigits: 6 }, { minimumFractionDigits: 1, maximumFractionDigits: 2 }, { maximumFractionDigits: 0 }];
const VALUES = Array.from({ length: 150 }, (_, k) => Math.round(Math.sin(k + 1) * 10 ** (k % 5)) / 10);

const child = process.argv.indexOf('--child');
if (child > 0) {
  const mode = process.argv[child + 1] as Mode;
  const text = readFileSync(DEFAULT_STUDY, 'utf8');
  const table = parseNbsTable(readFileSync(fileURLToPath(new URL('../../data/china-io-2017/china-io-2017-149.csv', import.meta.url)), 'utf8'), 'table');
  const M = leontiefMatrix(technicalCoefficients(table), table.n);
  const run: Record<Mode, () => unknown> = {
    plainYaml: () => plainYaml(text)!.value,
    yaml: () => parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true }).toJS({ maxAliasCount: 100 }),
    lu: () => Buffer.from(lu(M, table.n).lu.buffer).toString('base64'),
    luInJs: () => Buffer.from(luInJs(M, table.n).lu.buffer).toString('base64'),
    enNumber: () => FORMATS.map((o) => VALUES.map(enNumber(o))),
    toLocaleString: () => FORMATS.map((o) => VALUES.map((v) => v.toLocaleString('en-US', o))),
  };
  const t0 = threadMs(), c0 = process.cpuUsage();
  const result = run[mode]();
  const c = process.cpuUsage(c0), t = threadMs() - t0;
  process.stdout.write(JSON.stringify({ thread: t, process: (c.user + c.system) / 1000, digest: digest(result) }));
  process.exit(0);
}

const i = process.argv.indexOf('--reps');
const REPS = i > 0 ? Number(process.argv[i + 1]) : 7;
const loadBefore = loadavg().map((x) => x.toFixed(1)).join(' ');
const self = fileURLToPath(import.meta.url);
const samples = new Map<Mode, { thread: number; process: number; digest: string }[]>(MODES.map((m) => [m, []]));
for (let r = 0; r < REPS; r++) {
  for (const mode of MODES) {
    const p = spawnSync(process.execPath, [...process.execArgv, self, '--child', mode], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(p.stderr);
    samples.get(mode)!.push(JSON.parse(p.stdout));
  }
}
const stat = (xs: number[]) => ({ median: [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)], best: Math.min(...xs) });
const fmt = (xs: number[]) => { const s = stat(xs); return `median ${s.median.toFixed(1)} ms, best ${s.best.toFixed(1)} ms`; };
for (const mode of MODES) {
  const s = samples.get(mode)!;
  console.log(`${mode.padEnd(15)} first call: main thread ${fmt(s.map((x) => x.thread))}; process ${fmt(s.map((x) => x.process))}`);
}
for (const [part, ref] of PAIRS) {
  if (samples.get(part)![0].digest !== samples.get(ref)![0].digest) throw new Error(`${part} and ${ref} disagree`);
  const ratio = (k: 'thread' | 'process') => stat(samples.get(part)!.map((x) => x[k])).median / stat(samples.get(ref)!.map((x) => x[k])).median;
  console.log(`${part} / ${ref} (medians): main thread ${ratio('thread').toFixed(2)}, process ${ratio('process').toFixed(2)}; the same result`);
}
console.log(`load average ${loadBefore} → ${loadavg().map((x) => x.toFixed(1)).join(' ')}, ${REPS} fresh processes each`);
