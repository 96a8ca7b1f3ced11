// Benchmark of the `spillover` command as users start it, each a fresh process:
//   1. `spillover --help` (target < 0.3 s) against bare `node -e 0` start-up (the reference);
//   2. `spillover run` on the default example, end to end (target < 1 s on 2 cores), against the
//      same run from the TypeScript sources through tsx (how the command ran before dist/);
//   3. the first run right after a fresh build (as after `npm ci`) against later runs (target ≤ 1.5×).
// Usage: npx tsx bench/cli/start.ts [--reps 7]   (builds dist/ first; writes under bench/out/)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const i = process.argv.indexOf('--reps');
const REPS = i > 0 ? Number(process.argv[i + 1]) : 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = join(root, 'bench/out/start');

// CPU time (user + sys) from GNU time where installed: on a machine shared with other work, wall
// time rises with the load while CPU time stays near what the process itself needs.
const gnuTime = existsSync('/usr/bin/time');
const cpu: Map<string, number[]> = new Map();

/** Wall time (ms) of one fresh process; its CPU time is recorded under the same arguments. */
function time(args: string[]): number {
  const t = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '\n%U %S', process.execPath, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  if (gnuTime) {
    const [u, s] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    cpu.set(args.join(' '), [...(cpu.get(args.join(' ')) ?? []), (u + s) * 1000]);
  }
  return wall;
}
const reps = (args: string[], n = REPS) => median(Array.from({ length: n }, () => time(args)));
const cpuOf = (args: string[]) => (gnuTime ? `, CPU ${median(cpu.get(args.join(' '))!).toFixed(0)} ms` : '');
const ms = (v: number) => `${v.toFixed(0)} ms`;
/** CPU ratio of two measurements (CPU time stays near what a process needs when other work loads the machine). */
const cpuRatio = (a: string[], b: string[]) => (gnuTime ? `; CPU ratio ${(median(cpu.get(a.join(' '))!) / median(cpu.get(b.join(' '))!)).toFixed(2)}×` : '');

// 3 first: a fresh build, then the very first run, then the later ones.
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) throw new Error(build.stderr);
const run = ['bin/spillover.js', 'run', '--out', out];
const first = time(run);
const later = reps(run);

const bareArgs = ['-e', '0'];
const bare = reps(bareArgs);
const helpArgs = ['bin/spillover.js', '--help'];
const help = reps(helpArgs);
const sourcesArgs = ['--import', 'tsx', '-e', `const { main } = await import(${JSON.stringify(join(root, 'src/cli/main.ts'))}); process.exitCode = await main(['node', 'spillover', 'run', '--out', ${JSON.stringify(out)}]);`];
const fromSources = reps(sourcesArgs, 3);

console.log(`machine: ${(await import('node:os')).availableParallelism()} cores, load average ${(await import('node:os')).loadavg()[0].toFixed(1)}; medians of ${REPS} fresh processes`);
console.log(`--help:            ${ms(help)}${cpuOf(helpArgs)}  (target < 300 ms); bare node start-up ${ms(bare)}${cpuOf(bareArgs)}; ratio ${(help / bare).toFixed(2)}×${cpuRatio(helpArgs, bareArgs)}`);
console.log(`run (default):     ${ms(later)}${cpuOf(run)}  (target < 1000 ms); from the sources through tsx ${ms(fromSources)}${cpuOf(sourcesArgs)}; ratio ${(later / fromSources).toFixed(2)}×${cpuRatio(run, sourcesArgs)}`);
console.log(`first run / later: ${ms(first)} / ${ms(later)} = ${(first / later).toFixed(2)}×  (target ≤ 1.5×)`);
