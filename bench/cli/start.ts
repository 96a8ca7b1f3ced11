// Benchmark of the `spillover` command as users start it, each a fresh process:
//   1. `spillover --help` (target < 0.3 s) against bare `node -e 0` start-up (the reference);
//   2. `spillover run` on the default example, end to end (target < 1 s on 2 cores), against the
//      same run from the TypeScript sources through tsx (how the command ran before dist/);
//   3. the first run right after a fresh build (as after `npm ci`) against later runs (target ≤ 1.5×).
// Each process is timed for wall time and CPU time (user + system, GNU time): CPU above wall means
// the run used a second core (the coverage check's thread). The measurements are interleaved (bare,
// --help, run, … in turn) so that a load that changes during the script weighs on each alike, and
// the load average is printed before and after: on a shared machine the CPU ratios are the figures
// to compare, since wall times grow with the load.
// Usage: npx tsx bench/cli/start.ts [--reps 7]   (builds dist/ first; writes under bench/out/)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const i = process.argv.indexOf('--reps');
const REPS = i > 0 ? Number(process.argv[i + 1]) : 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = join(root, 'bench/out/start');
const gnuTime = existsSync('/usr/bin/time');

interface Sample { wall: number; cpu: number }
/** One fresh process: wall time (ms) and, with GNU time, its CPU time (user + system, ms; NaN without). */
function time(args: string[]): Sample {
  const env = { ...process.env, NO_COLOR: '1' };
  const t = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '\n%U %S', process.execPath, ...args], { cwd: root, encoding: 'utf8', env })
    : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  const [u, s] = gnuTime ? r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) : [NaN, NaN];
  return { wall, cpu: (u + s) * 1000 };
}

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const loadBefore = load();

// 3 first: a fresh build, then the very first run, then the later ones.
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) throw new Error(build.stderr);
const runArgs = ['bin/spillover.js', 'run', '--out', out];
const first = time(runArgs);

const bareArgs = ['-e', '0'];
const helpArgs = ['bin/spillover.js', '--help'];
const sourcesArgs = ['--import', 'tsx', '-e', `const { main } = await import(${JSON.stringify(join(root, 'src/cli/main.ts'))}); process.exitCode = await main(['node', 'spillover', 'run', '--out', ${JSON.stringify(out)}]);`];
const samples: Record<'bare' | 'help' | 'run' | 'sources', Sample[]> = { bare: [], help: [], run: [], sources: [] };
for (let r = 0; r < REPS; r++) {
  samples.bare.push(time(bareArgs));
  samples.help.push(time(helpArgs));
  samples.run.push(time(runArgs));
  if (r % 2 === 0) samples.sources.push(time(sourcesArgs)); // slow: every other round
}

const m = (k: keyof typeof samples) => ({ wall: median(samples[k].map((s) => s.wall)), cpu: median(samples[k].map((s) => s.cpu)) });
const bare = m('bare'), help = m('help'), run = m('run'), sources = m('sources');
const ms = (v: number) => `${v.toFixed(0)} ms`;
const fig = (x: Sample) => `wall ${ms(x.wall)}${gnuTime ? `, CPU ${ms(x.cpu)}` : ''}`;
const ratio = (a: Sample, b: Sample) => `wall ratio ${(a.wall / b.wall).toFixed(2)}×${gnuTime ? `, CPU ratio ${(a.cpu / b.cpu).toFixed(2)}×` : ''}`;

console.log(`machine: ${availableParallelism()} cores; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after; medians of ${REPS} fresh processes (tsx: ${samples.sources.length})`);
console.log(`--help:            ${fig(help)}  (target < 300 ms wall)`);
console.log(`  bare node:       ${fig(bare)};  --help/bare: ${ratio(help, bare)}`);
console.log(`run (default):     ${fig(run)}  (target < 1000 ms wall)${gnuTime ? `; CPU/wall ${(run.cpu / run.wall).toFixed(2)}` : ''}`);
console.log(`  through tsx:     ${fig(sources)};  run/tsx: ${ratio(run, sources)}`);
console.log(`  bare node:       run/bare: ${ratio(run, bare)}`);
console.log(`first run / later: ${ms(first.wall)} / ${ms(run.wall)} wall = ${(first.wall / run.wall).toFixed(2)}×${gnuTime ? `; CPU ${ms(first.cpu)} / ${ms(run.cpu)} = ${(first.cpu / run.cpu).toFixed(2)}×` : ''}  (target ≤ 1.5×)`);
