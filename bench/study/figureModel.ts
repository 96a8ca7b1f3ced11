// Benchmark of the study's survey estimates and indicators on the default example, each measured as a run
// meets it: the FIRST call in a fresh process (V8 has not compiled or optimized any of it yet).
//   1. studyFigureModel: survey estimates, model inputs and every figure definition (indicators included);
//   2. indicatorFigures alone: the 11 indicator figures (8 indicators, one with `by`), each questionnaire's
//      design built once and the indicator's columns attached to it (update);
//   3. reference, in the same script: the same indicator estimates (svymean/svyratio over the same domains)
//      with the questionnaire's design rebuilt for every indicator, as before, and no intervals.
// The ratio 2 / 3 is the figure to compare across machines and loads. CPU per fresh process: the main
// thread's on-CPU time (/proc/thread-self/schedstat, Linux) and the process's (process.cpuUsage: V8's
// background compiles and GC included); median and best of --reps processes, interleaved.
// Usage: npx tsx bench/study/figureModel.ts [--reps 7]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadStudyInputs } from '../../src/data/loadStudyInputs.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import { studyFigureModel } from '../../src/study/model/studyFigureModel.ts';
import { conditionColumn, indicatorFigures } from '../../src/study/model/indicators.ts';
import { questionnaireDesign, simpleDesign } from '../../src/study/model/sampling.ts';
import { selectRows } from '../../src/study/model/select.ts';
import { subset, svymean, svyratio, update } from '../../src/survey/index.ts';
import type { StudyConfig } from '../../src/study/config/types.ts';
import type { StudyInputs } from '../../src/study/model/types.ts';

const MODES = ['studyFigureModel', 'indicatorFigures', 'reference'] as const;
type Mode = (typeof MODES)[number];

/** The reference: every indicator's estimates with its questionnaire's design rebuilt for it. */
function reference(config: StudyConfig, inputs: StudyInputs): number[] {
  const out: number[] = [];
  for (const ind of config.indicators) {
    const q = inputs.questionnaires[ind.questionnaire], cfg = config.questionnaires[q.key];
    const comps = [...config.providers, ...config.operators].filter((c) => c.questionnaire === q.key);
    const built = comps.length > 0 ? questionnaireDesign(q, cfg, comps, comps.map((c) => selectRows(q, c.where, c.id))) : null;
    const design0 = built ? built.design : simpleDesign(q, cfg, config.consumption.questionnaire === q.key ? config.users : undefined);
    const qrows = built ? built.qrows : Int32Array.from(q.numbers[Object.keys(q.numbers)[0]], (_, i) => i);
    const st = ind.statistic;
    const extra: Record<string, Float64Array> = {};
    if (st.kind === 'proportion') extra.__z = conditionColumn(q, st.condition, ind.id);
    else {
      const cond = st.when ? conditionColumn(q, st.when, ind.id) : null;
      extra.__num = Float64Array.from(q.numbers[st.numerator], (v, i) => (cond ? v * cond[i] : v));
      extra.__den = q.numbers[st.denominator];
    }
    const design = update(design0, Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, Float64Array.from(qrows, (r) => v[r])])));
    const inDomain = new Uint8Array(q.valid);
    for (const r of selectRows(q, ind.where, ind.id)) inDomain[r] = 1;
    const col = ind.by ? q.categories[ind.by] : null;
    const levels = col ? [...new Set(Array.from(qrows, (r) => (inDomain[r] ? col[r] : null)).filter((v) => v !== null))].sort() : [];
    for (const level of [null, ...levels]) {
      const d = subset(design, Uint8Array.from(qrows, (r) => +(inDomain[r] === 1 && (level === null || col![r] === level))));
      const s = st.kind === 'proportion' ? svymean('__z', d, { naRm: true, deff: false }) : svyratio('__num', '__den', d, { naRm: true, deff: false });
      out.push(s.estimate[0], s.se[0]);
    }
  }
  return out;
}

const threadMs = (): number => (existsSync('/proc/thread-self/schedstat') ? Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6 : NaN);

const child = process.argv.indexOf('--child');
if (child > 0) {
  const mode = process.argv[child + 1] as Mode;
  const prepared = await loadStudyInputs(DEFAULT_STUDY, {});
  const { config } = prepared.study, inputs = prepared.inputs;
  const run = { studyFigureModel: () => studyFigureModel(config, inputs), indicatorFigures: () => indicatorFigures(config, inputs), reference: () => reference(config, inputs) }[mode];
  const t0 = threadMs(), c0 = process.cpuUsage();
  const result = run();
  const c = process.cpuUsage(c0), t = threadMs() - t0;
  // The indicators and the reference estimate the same things: check they agree.
  if (mode !== 'studyFigureModel') {
    const figures = mode === 'indicatorFigures' ? (result as ReturnType<typeof indicatorFigures>).flatMap((f) => [f.value, f.se!]) : (result as number[]);
    process.stdout.write(JSON.stringify({ thread: t, process: (c.user + c.system) / 1000, figures }));
  } else process.stdout.write(JSON.stringify({ thread: t, process: (c.user + c.system) / 1000 }));
  process.exit(0);
}

const i = process.argv.indexOf('--reps');
const REPS = i > 0 ? Number(process.argv[i + 1]) : 7;
const loadBefore = loadavg().map((x) => x.toFixed(1)).join(' ');
const self = fileURLToPath(import.meta.url);
const samples = new Map<Mode, { thread: number; process: number; figures?: number[] }[]>(MODES.map((m) => [m, []]));
for (let r = 0; r < REPS; r++) {
  for (const mode of MODES) {
    const p = spawnSync(process.execPath, [...process.execArgv, self, '--child', mode], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(p.stderr);
    samples.get(mode)!.push(JSON.parse(p.stdout));
  }
}
const [a, b] = [samples.get('indicatorFigures')![0].figures!, samples.get('reference')![0].figures!];
if (a.length !== b.length || a.some((v, k) => v !== b[k])) throw new Error('the indicators and the reference disagree');
const stat = (xs: number[]) => ({ median: [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)], best: Math.min(...xs) });
const fmt = (xs: number[]) => { const s = stat(xs); return `median ${s.median.toFixed(1)} ms, best ${s.best.toFixed(1)} ms`; };
for (const mode of MODES) {
  const s = samples.get(mode)!;
  console.log(`${mode.padEnd(17)} first call: main thread ${fmt(s.map((x) => x.thread))}; process ${fmt(s.map((x) => x.process))}`);
}
const ratio = (k: 'thread' | 'process') => stat(samples.get('indicatorFigures')!.map((x) => x[k])).median / stat(samples.get('reference')!.map((x) => x[k])).median;
console.log(`indicatorFigures / reference (medians): main thread ${ratio('thread').toFixed(2)}, process ${ratio('process').toFixed(2)}; ${a.length / 2} estimates, equal to the bit`);
console.log(`load average ${loadBefore} → ${loadavg().map((x) => x.toFixed(1)).join(' ')}, ${REPS} fresh processes each`);
