// Benchmark of the study's Monte Carlo on the default example (10,000 draws of 29 parameters, 84 figures),
// measured as a run meets it: the FIRST call in a fresh process (V8 has compiled none of it yet), and warm
// (the median of three more calls in that process).
//   1. monteCarlo: studyUncertainty's draws and summaries (monteCarlo over the run's one model);
//   2. reference, in the same script: the model alone — evaluateInto at the central values as many times
//      as there are draws, each figure stored per draw — without drawing a parameter or summarizing.
// The ratio 1 / 2 (what the draws and the percentiles add to evaluating the model) is the figure to
// compare across machines and loads. CPU per fresh process: the main thread's on-CPU time
// (/proc/thread-self/schedstat, Linux) and the process's (process.cpuUsage: V8's background compiles and
// GC included); median and best of --reps processes, interleaved. The intervals must be the same in every process.
// Usage: npx tsx bench/study/monteCarlo.ts [--reps 7]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadStudyInputs } from '../../src/data/loadStudyInputs.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import { studyFigureModel } from '../../src/study/model/studyFigureModel.ts';
import { MC_CHUNK } from '../../src/study/model/studyUncertainty.ts';
import { monteCarlo } from '../../src/study/uncertainty/monteCarlo.ts';
import type { FigureModel } from '../../src/study/model/figureModel.ts';
import type { StudyConfig } from '../../src/study/config/types.ts';

const MODES = ['monteCarlo', 'reference'] as const;
type Mode = (typeof MODES)[number];

/** The Monte Carlo as studyUncertainty runs it (its normal groups as the model gives them). */
function draws(config: StudyConfig, model: FigureModel): string {
  const u = config.uncertainty!;
  const r = monteCarlo({ parameters: model.parameters, evaluate: model.evaluate, evaluateInto: model.evaluateInto, outputs: model.outputs, draws: u.draws, seed: u.seed, level: u.level, normalGroups: model.normalGroups, chunk: MC_CHUNK });
  return JSON.stringify(r.intervals);
}

/** The reference: the model evaluated once per draw at the central values, every figure stored. */
function reference(config: StudyConfig, model: FigureModel): string {
  const n = config.uncertainty!.draws, Y = model.outputs.map(() => new Float64Array(n)), y = new Float64Array(model.outputs.length);
  for (let d = 0; d < n; d++) {
    model.evaluateInto(model.central, y);
    for (let k = 0; k < Y.length; k++) Y[k][d] = y[k];
  }
  return String(Y.reduce((s, c) => s + c[n - 1], 0));
}

const threadMs = (): number => (existsSync('/proc/thread-self/schedstat') ? Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6 : NaN);

const child = process.argv.indexOf('--child');
if (child > 0) {
  const mode = process.argv[child + 1] as Mode;
  const prepared = await loadStudyInputs(DEFAULT_STUDY, {});
  const { config } = prepared.study;
  const { model } = studyFigureModel(config, prepared.inputs);
  const run = () => (mode === 'monteCarlo' ? draws(config, model) : reference(config, model));
  const time = () => {
    const t0 = threadMs(), c0 = process.cpuUsage();
    const result = run();
    const c = process.cpuUsage(c0);
    return { thread: threadMs() - t0, process: (c.user + c.system) / 1000, result };
  };
  const first = time(), warm = [time(), time(), time()].sort((a, b) => a.process - b.process)[1];
  process.stdout.write(JSON.stringify({ first: { thread: first.thread, process: first.process }, warm: { thread: warm.thread, process: warm.process }, result: first.result }));
  process.exit(0);
}

const i = process.argv.indexOf('--reps');
const REPS = i > 0 ? Number(process.argv[i + 1]) : 7;
const loadBefore = loadavg().map((x) => x.toFixed(1)).join(' ');
const self = fileURLToPath(import.meta.url);
type Sample = { first: { thread: number; process: number }; warm: { thread: number; process: number }; result: string };
const samples = new Map<Mode, Sample[]>(MODES.map((m) => [m, []]));
for (let r = 0; r < REPS; r++) {
  for (const mode of MODES) {
    const p = spawnSync(process.execPath, [...process.execArgv, self, '--child', mode], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(p.stderr);
    samples.get(mode)!.push(JSON.parse(p.stdout));
  }
}
if (new Set(samples.get('monteCarlo')!.map((s) => s.result)).size !== 1) throw new Error('the Monte Carlo gave different intervals in different processes');
const stat = (xs: number[]) => ({ median: [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)], best: Math.min(...xs) });
const fmt = (xs: number[]) => { const s = stat(xs); return `median ${s.median.toFixed(1)} ms, best ${s.best.toFixed(1)} ms`; };
for (const mode of MODES) {
  const s = samples.get(mode)!;
  console.log(`${mode.padEnd(11)} first call: main thread ${fmt(s.map((x) => x.first.thread))}; process ${fmt(s.map((x) => x.first.process))}`);
  console.log(`${''.padEnd(11)} warm:       main thread ${fmt(s.map((x) => x.warm.thread))}; process ${fmt(s.map((x) => x.warm.process))}`);
}
const ratio = (when: 'first' | 'warm', k: 'thread' | 'process') => stat(samples.get('monteCarlo')!.map((x) => x[when][k])).median / stat(samples.get('reference')!.map((x) => x[when][k])).median;
console.log(`monteCarlo / reference (medians): first call main thread ${ratio('first', 'thread').toFixed(2)}, process ${ratio('first', 'process').toFixed(2)}; warm main thread ${ratio('warm', 'thread').toFixed(2)}, process ${ratio('warm', 'process').toFixed(2)}`);
console.log(`load average ${loadBefore} → ${loadavg().map((x) => x.toFixed(1)).join(' ')}, ${REPS} fresh processes each`);
