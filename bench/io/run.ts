// bench/io: the complete multiplier set of random productive n×n tables, spillover vs numpy + OpenBLAS, in one script.
//
// Usage: node --import tsx bench/io/run.ts [--sizes 1000,2000,4000] [--reps 3] [--threads 2] [--ts-max 1000]
//        (or bench/io/run.sh). Needs python3 with numpy. Writes bench/out/io-bench.json.
//
// One timed run = everything a user gets from `spillover io --households` for both the competitive
// and the domestic model: A, import shares, A_d, two factorizations with productivity checks, Type I
// and II output, value-added, income and employment multipliers, column sums of B, influence and
// sensitivity. numpy does the same work from the same bytes (bench/io/numpy_multipliers.py) three
// ways: `inv` (L = inv(I − A), pymrio's calc_L), `inv-closed` (also inverts the (n+1) closed matrix
// for Type II) and `solve` (LAPACK LU solves, no inverse). Times are the minimum over reps (4× reps
// for n ≤ 1000, where a run takes ~0.1 s and a busy machine's noise is largest), wall
// clock with all threads (OpenBLAS default; spillover with --threads), and, because a shared
// machine makes wall clock noisy, also CPU seconds of single-thread runs (OPENBLAS_NUM_THREADS=1
// vs luWasm on one thread).
//
// spillover variants: `ts` (pure-TS lu), `wasm` (luWasm, one thread), `wasm+Nthreads` (the
// threaded double-precision LU), `mixed+Nthreads` — what `spillover io` uses for n ≥ 400
// (ioFactorization: single-precision LU on N threads refined to double precision).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disposeModel, ioModel, lu, luWasm, luWasm32, mixedPrecisionSolver, multipliers, type Factorization, type IOTable, type Multipliers } from '../../src/io/index.ts';
import { luKernelBytes } from '../../src/io/wasm/factorWithKernels.ts';
import { createLuThreads, ioFactorization } from '../../src/io-node/luThreads.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? args[k + 1] : dflt;
};
const sizes = opt('sizes', '1000,2000,4000').split(',').map(Number);
const baseReps = Number(opt('reps', '3'));
/** Repetitions for order n: 4× below 1000 < n. */
const repsFor = (n: number): number => (n <= 1000 ? 4 * baseReps : baseReps);
let reps = baseReps;
const threads = Number(opt('threads', '2'));
const tsMax = Number(opt('ts-max', '1000'));
const root = new URL('../../', import.meta.url).pathname;

/** Seeded uniform [0, 1) (LCG, Numerical Recipes constants). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A balanced random table: column intermediate shares 0.2–0.7, output 1–1.2, imports ≤ 20% of use. */
function randomTable(n: number, seed: number): { table: IOTable; e: Float64Array; files: Record<string, Float64Array> } {
  const r = rng(seed);
  const x = Float64Array.from({ length: n }, () => 1 + 0.2 * r());
  const Z = new Float64Array(n * n);
  const colShare = Float64Array.from({ length: n }, () => 0.2 + 0.5 * r());
  const colSum = new Float64Array(n);
  for (let i = 0; i < n * n; i++) { Z[i] = r(); colSum[i % n] += Z[i]; }
  for (let i = 0; i < n * n; i++) { const j = i % n; Z[i] *= (colShare[j] * x[j]) / colSum[j]; }
  const rowZ = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rowZ[i] += Z[i * n + j];
  const hh = new Float64Array(n), gov = new Float64Array(n), ex = new Float64Array(n), im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const netFinal = x[i] - rowZ[i];
    ex[i] = 0.2 * netFinal;
    const domesticFinal = netFinal - ex[i];
    im[i] = 0.2 * r() * (rowZ[i] + domesticFinal) / (1 - 0.2);
    const fdUse = domesticFinal + im[i];
    hh[i] = 0.5 * fdUse;
    gov[i] = fdUse - hh[i];
  }
  const va = x.map((v, j) => v * (1 - colShare[j]));
  const comp = va.map((v) => 0.55 * v);
  const other = va.map((v, j) => v - comp[j]);
  const e = Float64Array.from({ length: n }, () => 0.001 + 0.01 * r());
  const acc = (code: string, role: any, values: Float64Array) => ({ code, role, label: { zh: '', en: code }, values });
  const table: IOTable = {
    n, codes: Array.from({ length: n }, (_, i) => String(i + 1)), names: Array.from({ length: n }, () => ({ zh: '', en: '' })),
    Z, x, valueAdded: [acc('comp', 'compensation', comp), acc('other', 'other', other)],
    finalDemand: [acc('hh', 'household', hh), acc('gov', 'government', gov), acc('ex', 'exports', ex)],
    imports: im, unit: '', source: `random ${n}×${n}`,
  };
  return { table, e, files: { Z, x, comp, other, hh, gov, ex, im, e } };
}

function compute(table: IOTable, e: Float64Array, factorize: Factorization): [Multipliers, Multipliers] {
  const model = ioModel(table, { employment: e, factorize });
  const out: [Multipliers, Multipliers] = [multipliers(model, { domestic: false, households: true }), multipliers(model, { domestic: true, households: true })];
  disposeModel(model); // as numpy frees L when it goes out of scope: the next model reuses the memory
  return out;
}

function maxRelDiff(ours: [Multipliers, Multipliers], ref: any): number {
  let worst = 0;
  ours.forEach((m, s) => {
    const r = ref[s === 0 ? 'competitive' : 'domestic'];
    const pairs: [ArrayLike<number>, number[]][] = [
      [m.output.typeI, r.outI], [m.output.typeII!, r.outII], [m.valueAdded!.typeI, r.vaI], [m.valueAdded!.typeII!, r.vaII],
      [m.income!.typeI, r.incI], [m.income!.typeII!, r.incII], [m.employment!.typeI, r.empI], [m.employment!.typeII!, r.empII],
      [m.totalRequirementColSum, r.B], [m.influence, r.influence], [m.sensitivity, r.sensitivity],
    ];
    for (const [a, b] of pairs) for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1e-300, Math.abs(b[i])));
  });
  return worst;
}

/** Minimum wall-clock and CPU (this process, all threads) seconds over reps. */
function time(fn: () => void): { wall: number; cpu: number } {
  let wall = Infinity;
  let cpu = Infinity;
  for (let k = 0; k < reps; k++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall = Math.min(wall, (performance.now() - t) / 1000);
    const u = process.cpuUsage(c);
    cpu = Math.min(cpu, (u.user + u.system) / 1e6);
  }
  return { wall, cpu };
}

function numpy(dir: string, n: number, singleThread: boolean): any {
  const env = singleThread ? { ...process.env, OPENBLAS_NUM_THREADS: '1' } : process.env;
  const py = spawnSync('python3', [join(root, 'bench/io/numpy_multipliers.py'), dir, String(n), String(reps)], { encoding: 'utf8', maxBuffer: 1 << 30, env });
  if (py.status !== 0) throw new Error(`numpy_multipliers.py failed: ${py.stderr}`);
  return JSON.parse(py.stdout);
}

const parallel = await createLuThreads(threads, { fused: false });
// Relaxed SIMD (fused multiply-subtract) only when the engine has it (node --experimental-wasm-relaxed-simd).
const fusedAvailable = WebAssembly.validate(luKernelBytes(true, true));
const fused = fusedAvailable ? await createLuThreads(threads, { fused: true }) : null;
const rows: any[] = [];
try {
  for (const n of sizes) {
    reps = repsFor(n);
    const { table, e, files } = randomTable(n, 20171 + n);
    const dir = mkdtempSync(join(tmpdir(), 'io-bench-'));
    for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, `${k}.f64`), new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    const ref = numpy(dir, n, false);
    const ref1 = numpy(dir, n, true);
    rmSync(dir, { recursive: true, force: true });
    const row: any = { n, reps, numpy: ref.seconds, numpySingleThreadCpu: ref1.cpuSeconds, numpyVersion: ref.numpy, spillover: {}, spilloverCpu: {}, maxRelDiff: {} };
    const methods: [string, Factorization][] = [
      ['ts', lu], ['wasm', luWasm], ['mixed', (M, m) => mixedPrecisionSolver(M, m, { factor32: luWasm32, factor64: luWasm })], [`wasm+${threads}threads`, parallel.factor64], [`mixed+${threads}threads`, ioFactorization(n, parallel)],
    ];
    if (fused) methods.push([`mixed-fma+${threads}threads`, ioFactorization(n, fused)]);
    for (const [name, f] of methods) {
      if (name === 'ts' && n > tsMax) continue;
      let out: [Multipliers, Multipliers] | null = null;
      const t = time(() => { out = compute(table, e, f); });
      row.spillover[name] = t.wall;
      row.spilloverCpu[name] = t.cpu;
      row.maxRelDiff[name] = maxRelDiff(out!, ref);
    }
    rows.push(row);
    const fmt = (s: number) => s.toFixed(3);
    process.stdout.write(`n = ${n}: numpy inv ${fmt(ref.seconds.inv)} s, inv-closed ${fmt(ref.seconds['inv-closed'])} s, solve ${fmt(ref.seconds.solve)} s\n`);
    for (const [name, s] of Object.entries(row.spillover) as [string, number][]) {
      process.stdout.write(`  spillover ${name.padEnd(16)} ${fmt(s)} s   ratio numpy/spillover: inv ${(ref.seconds.inv / s).toFixed(2)}, inv-closed ${(ref.seconds['inv-closed'] / s).toFixed(2)}, solve ${(ref.seconds.solve / s).toFixed(2)}   max rel. diff ${row.maxRelDiff[name].toExponential(1)}\n`);
    }
    const c1 = ref1.cpuSeconds;
    for (const name of ['wasm', 'mixed']) {
      const ours = row.spilloverCpu[name];
      process.stdout.write(`  single thread, CPU seconds (robust to other load): numpy inv ${fmt(c1.inv)}, inv-closed ${fmt(c1['inv-closed'])}, solve ${fmt(c1.solve)}; spillover ${name} ${fmt(ours)}; ratios ${(c1.inv / ours).toFixed(2)}, ${(c1['inv-closed'] / ours).toFixed(2)}, ${(c1.solve / ours).toFixed(2)}\n`);
    }
  }
} finally {
  await parallel.close();
  await fused?.close();
}
// The line to quote: what `spillover io` runs for these sizes against numpy's inv route.
const product = `mixed+${threads}threads`;
process.stdout.write(`\nnumpy inv / spillover io (${product}), > 1 = spillover faster: ${rows.map((r) => `n = ${r.n}: ${(r.numpy.inv / r.spillover[product]).toFixed(2)}`).join(', ')}\n`);
mkdirSync(join(root, 'bench/out'), { recursive: true });
const out = join(root, 'bench/out/io-bench.json');
writeFileSync(`${out}.tmp`, `${JSON.stringify({ command: `node --import tsx bench/io/run.ts ${args.join(' ')}`.trim(), reps: baseReps, threads, fusedAvailable, rows }, null, 1)}\n`);
renameSync(`${out}.tmp`, out);
