// LU factorizations on several threads for Node: worker_threads sharing one WebAssembly memory.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LUFactors } from '../io/lu.ts';
import type { Factorization } from '../io/linearSolver.ts';
import { lu } from '../io/lu.ts';
import { THREADED_FROM } from './threadedFrom.ts';
import { mixedPrecisionLeontiefPair, mixedPrecisionLeontiefSolver, mixedPrecisionSolver } from '../io/mixedPrecisionSolver.ts';
import { instantiateKernels, luKernelBytes, type OnPanel } from '../io/wasm/factorWithKernels.ts';
import { CTRL, CTRL_BYTES, factorPair, factorThreaded } from '../io/wasm/parallelJob.ts';
import { LocalizedError, errorText } from '../locale/errorText.ts';

/** f64 and f32 factorizations (contract of `lu` / `luWasm32`) on `threads` threads; close() stops the workers. */
export interface LuThreads {
  threads: number;
  /** Whether the kernels use relaxed-SIMD fused multiply-subtract (see createLuThreads). */
  fused: boolean;
  factor64: (M: Float64Array, n: number) => LUFactors;
  /** `out`: where to write the factors (a Float32Array of n²), e.g. a mixedPrecisionSolver's memory. */
  factor32: (M: Float64Array, n: number, out?: Float32Array) => LUFactors;
  /** Two single-precision factorizations at once, one per thread (factorPair); null with one thread. */
  factor32Pair: ((M1: Float64Array, M2: Float64Array, n: number, out1?: Float32Array, out2?: Float32Array) => [LUFactors | Error, LUFactors | Error]) | null;
  close: () => Promise<void>;
}

/** Default thread count: the machine's parallelism, at most 8. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * Start `threads − 1` worker threads (this thread is the first) sharing one WebAssembly.Memory
 * with the SIMD kernels of src/io/wasm in both precisions; factorizations run factorThreaded
 * (one-panel look-ahead, column blocks from an atomic counter): bit-identical to one thread.
 * `fused` uses the relaxed-SIMD fused kernels (about 20% faster; rounding then depends on the
 * CPU's FMA): by default only where the engine has relaxed SIMD without flags (Node ≥ 22, current
 * browsers; Node 20 needs --experimental-wasm-relaxed-simd), and never by changing engine flags.
 * In the mixed-precision path the refinement removes that rounding difference to within its
 * double-precision tolerance.
 * `onPanel` is told after each panel of every factorization (a progress line; see OnPanel).
 * Failures: threads not a positive integer → LocalizedError; a worker that fails to start → a
 * LocalizedError quoting the rejection of its start (kept as its cause).
 */
export async function createLuThreads(threads = defaultThreads(), options: { fused?: boolean; onPanel?: OnPanel } = {}): Promise<LuThreads> {
  if (!Number.isInteger(threads) || threads < 1) throw new LocalizedError({ zh: `线程数：应为正整数，而不是 ${threads}`, en: `threads: invalid value ${threads}` });
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 32768, shared: true });
  const fused = options.fused ?? relaxedSimdAvailable();
  if (fused && !relaxedSimdAvailable()) throw new LocalizedError({ zh: '融合乘加内核需要 relaxed SIMD（Node 20：node --experimental-wasm-relaxed-simd）', en: 'fused kernels need relaxed SIMD (Node 20: node --experimental-wasm-relaxed-simd)' });
  const modules: [WebAssembly.Module, WebAssembly.Module] = [
    new WebAssembly.Module(luKernelBytes(true, fused, 'f64')),
    new WebAssembly.Module(luKernelBytes(true, fused, 'f32')),
  ];
  const k64 = instantiateKernels(memory, modules[0], 'f64');
  const k32 = instantiateKernels(memory, modules[1], 'f32');
  const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_BYTES));
  // All workers boot at once. Compiled, the worker is dist/luThreadWorker.js (an entry of
  // scripts/build.mjs, beside every chunk); from the sources, a boot file registers the TypeScript
  // loader first (~0.15 s).
  const entry = new URL(import.meta.url.endsWith('.ts') ? './luThreadBoot.mjs' : './luThreadWorker.js', import.meta.url);
  const workers = Array.from({ length: threads - 1 }, () => new Worker(entry, { workerData: { memory, modules, ctrl: ctrl.buffer } }));
  try {
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    })));
  } catch (e) {
    await stop(ctrl, workers);
    throw new LocalizedError({ zh: `LU 分解的工作线程无法启动：${errorText(e, 'zh')}`, en: `an LU worker thread could not start: ${errorText(e, 'en')}` }, { cause: e });
  }
  for (const w of workers) w.unref();
  const helpers = workers.length;
  return {
    threads,
    fused,
    factor64: (M, n) => factorThreaded(M, n, k64, ctrl, helpers, undefined, options.onPanel),
    factor32: (M, n, out) => factorThreaded(M, n, k32, ctrl, helpers, out, options.onPanel),
    factor32Pair: helpers > 0 ? (M1, M2, n, out1, out2) => factorPair(M1, M2, n, k32, ctrl, helpers, out1, out2, options.onPanel) : null,
    close: () => stop(ctrl, workers),
  };
}

/** True when this engine compiles relaxed-SIMD kernels as it is (no flag set here). */
export function relaxedSimdAvailable(): boolean {
  try {
    return WebAssembly.validate(luKernelBytes(true, true, 'f32'));
  } catch {
    return false;
  }
}

async function stop(ctrl: Int32Array, workers: Worker[]): Promise<void> {
  Atomics.store(ctrl, CTRL.generation, -1);
  Atomics.notify(ctrl, CTRL.generation);
  await Promise.all(workers.map((w) => w.terminate()));
}

export { THREADED_FROM } from './threadedFrom.ts';

/**
 * The factorization `spillover io` uses for a table of order n: `lu` below THREADED_FROM; above,
 * single precision on all threads refined to double precision (mixedPrecisionSolver; falls back to
 * the threaded double-precision LU when refinement cannot converge; with exactly two threads the
 * competitive and domestic systems are factored at once, one per thread), or with
 * `precision: 'double'` the threaded double-precision LU itself.
 */
export function ioFactorization(n: number, threads: LuThreads | null, precision: 'mixed' | 'double' = 'mixed'): Factorization {
  if (!threads || n < THREADED_FROM) return lu;
  if (precision === 'double') return threads.factor64;
  const options = { factor32: threads.factor32, factor64: threads.factor64 };
  const pair = threads.factor32Pair;
  return Object.assign((M: Float64Array, m: number) => mixedPrecisionSolver(M, m, options), {
    leontief: (A: Float64Array, m: number) => mixedPrecisionLeontiefSolver(A, m, options),
    // With exactly two threads, a table's two models are factored at once, one per thread: better
    // than sharing both threads on each, whose panel factorization is serial. With more threads,
    // each model gets all of them.
    ...(pair && threads.threads === 2 ? { leontiefPair: (A1: Float64Array, A2: Float64Array, m: number) => mixedPrecisionLeontiefPair(A1, A2, m, { ...options, factor32Pair: pair }) } : {}),
  });
}
