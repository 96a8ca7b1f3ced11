// The shared control block of the multi-threaded LU: jobs, the column-block counter, results (internal).
import { checkOut, COLUMN_BLOCK, copyIn, copyOut, ensureMemory, factorInPlace, factorWithKernels, KB, region, updateColumns, type LuKernels, type OnPanel, type Region, type UpdateJob } from './factorWithKernels.ts';
import { checkSquare, type LUFactors } from '../lu.ts';
import { LocalizedError, internalError } from '../../locale/errorText.ts';
import { singularMatrix } from '../ioFaults.ts';

/** Int32 slots of the control block; F64 indexes a Float64Array over the same buffer (ctrlF64). */
export const CTRL = {
  generation: 0, done: 1, next: 2, np: 3, k1: 4, kb: 5, lpOff: 6, upOff: 7, rowTiles: 8, k2: 9, kind: 10, k0: 11, base: 12,
  /** 0: column blocks of a trailing update; 1: one whole factorization (factorPair). */
  type: 13, n: 14, status: 15, column: 16, swaps: 17, size: 18 + KB,
} as const;
/** Float64 slots after the Int32 ones: the whole factorization's max |M| and a failed pivot. */
export const F64 = { scale: 0, pivot: 1, size: 2 } as const;

/** Bytes of the control block (Int32 slots, then Float64 slots). */
export const CTRL_BYTES = Math.ceil((4 * CTRL.size) / 8) * 8 + 8 * F64.size;

/** The Float64 slots of a control block. */
export function ctrlF64(ctrl: Int32Array): Float64Array {
  return new Float64Array(ctrl.buffer, Math.ceil((4 * CTRL.size) / 8) * 8, F64.size);
}

/** Index of a precision in the kernel list every helper holds ([f64, f32]). */
export const KIND = { f64: 0, f32: 1 } as const;

export function postJob(ctrl: Int32Array, job: UpdateJob, k2: number, kind: number, swaps: Int32Array): void {
  ctrl[CTRL.type] = 0;
  ctrl[CTRL.kind] = kind;
  ctrl[CTRL.base] = job.base;
  ctrl[CTRL.k0] = job.k0;
  ctrl.set(swaps.subarray(0, job.kb), CTRL.swaps);
  ctrl[CTRL.np] = job.np; ctrl[CTRL.k1] = job.k1; ctrl[CTRL.kb] = job.kb;
  ctrl[CTRL.lpOff] = job.lpOff; ctrl[CTRL.upOff] = job.upOff; ctrl[CTRL.rowTiles] = job.rowTiles; ctrl[CTRL.k2] = k2;
  Atomics.store(ctrl, CTRL.next, 0);
  Atomics.store(ctrl, CTRL.done, 0);
}

/** Take column blocks [k2 + b·B, …) of the posted job (b from the shared counter) until all are done. */
export function stealColumns(k: LuKernels, ctrl: Int32Array): void {
  const job: UpdateJob = {
    base: ctrl[CTRL.base], np: ctrl[CTRL.np], k0: ctrl[CTRL.k0], k1: ctrl[CTRL.k1], kb: ctrl[CTRL.kb], lpOff: ctrl[CTRL.lpOff], upOff: ctrl[CTRL.upOff], rowTiles: ctrl[CTRL.rowTiles],
  };
  const k2 = ctrl[CTRL.k2];
  const swaps = ctrl.subarray(CTRL.swaps, CTRL.swaps + job.kb);
  for (;;) {
    const c0 = k2 + Atomics.add(ctrl, CTRL.next, 1) * COLUMN_BLOCK;
    if (c0 >= job.np) return;
    updateColumns(k, job, c0, Math.min(c0 + COLUMN_BLOCK, job.np), swaps);
  }
}

/** The first helper to claim it factors the posted region alone; status 0 ok, 1 singular (column, pivot), 2 other. */
function factorPosted(k: LuKernels, ctrl: Int32Array): void {
  if (Atomics.add(ctrl, CTRL.next, 1) !== 0) return;
  const r = region(ctrl[CTRL.n], k, ctrl[CTRL.base]);
  const f = ctrlF64(ctrl);
  try {
    factorInPlace(r, k, f[F64.scale]);
    ctrl[CTRL.status] = 0;
  } catch (e) {
    const m = /^singular matrix: pivot (\S+) at column (\d+)$/.exec((e as Error).message);
    ctrl[CTRL.status] = m ? 1 : 2;
    if (m) { f[F64.pivot] = Number(m[1]); ctrl[CTRL.column] = Number(m[2]); }
  }
}

/**
 * The loop of a helper thread (a Node worker or a Web Worker, each with its own instances of the
 * kernels, [f64, f32], on the shared memory): wait for a new generation, do the posted job with
 * its kernels, report done; generation −1 ends it. `ready()` is called before the first wait.
 */
export function helperLoop(kernels: readonly LuKernels[], ctrl: Int32Array, ready: () => void): void {
  let seen = Atomics.load(ctrl, CTRL.generation);
  ready();
  for (;;) {
    Atomics.wait(ctrl, CTRL.generation, seen);
    seen = Atomics.load(ctrl, CTRL.generation);
    if (seen < 0) return;
    const k = kernels[ctrl[CTRL.kind]];
    if (ctrl[CTRL.type] === 1) factorPosted(k, ctrl);
    else stealColumns(k, ctrl);
    Atomics.add(ctrl, CTRL.done, 1);
    Atomics.notify(ctrl, CTRL.done);
  }
}

function startHelpers(ctrl: Int32Array): void {
  Atomics.add(ctrl, CTRL.generation, 1);
  Atomics.notify(ctrl, CTRL.generation);
}

function joinHelpers(ctrl: Int32Array, helpers: number): void {
  for (;;) {
    const done = Atomics.load(ctrl, CTRL.done);
    if (done === helpers) return;
    Atomics.wait(ctrl, CTRL.done, done);
  }
}

/**
 * factorWithKernels on this thread plus `helpers` threads running helperLoop on the same shared
 * memory and control block. For each panel, this thread updates the next panel's columns and
 * factors that panel (look-ahead) while the helpers take column blocks of the rest of the trailing
 * update from the shared counter; then it takes blocks too and waits for the helpers. Every
 * element sees the same operations in the same order, so the factors are bit-identical to the
 * one-thread factorization with the same kernels. Needs Atomics.wait (Node, or a Web Worker).
 * `onPanel` after each panel (progress).
 */
export function factorThreaded(M: Float64Array, n: number, k: LuKernels, ctrl: Int32Array, helpers: number, out?: Float64Array | Float32Array, onPanel?: OnPanel): LUFactors {
  checkSquare(M, n, 'factorThreaded');
  if (helpers === 0) return factorWithKernels(M, n, k, undefined, out, onPanel);
  return factorWithKernels(M, n, k, (job, k2, swaps, factorNext) => {
    updateColumns(k, job, job.k1, k2, swaps);
    postJob(ctrl, job, k2, KIND[k.precision], swaps);
    startHelpers(ctrl);
    try {
      factorNext();
    } finally {
      stealColumns(k, ctrl);
      joinHelpers(ctrl, helpers);
    }
  }, out, onPanel);
}

/**
 * Two independent factorizations of order n at once, one per thread (this one and the first
 * helper; needs helpers ≥ 1): each runs the one-thread blocked LU in its own region of the shared
 * memory, so neither waits on the other's serial panel work. Factors are bit-identical to
 * factorWithKernels. Each result is its factors or the Error that factorization raised (singular,
 * non-finite entries), so one failure does not hide the other result.
 */
export function factorPair(M1: Float64Array, M2: Float64Array, n: number, k: LuKernels, ctrl: Int32Array, helpers: number, out1?: Float64Array | Float32Array, out2?: Float64Array | Float32Array, onPanel?: OnPanel): [LUFactors | Error, LUFactors | Error] {
  checkSquare(M1, n, 'factorPair');
  checkSquare(M2, n, 'factorPair');
  if (helpers < 1) throw internalError('factorPair: needs a helper thread');
  checkOut(out1, n, k);
  checkOut(out2, n, k);
  const r1 = region(n, k);
  const r2: Region = region(n, k, r1.endByte / k.es);
  ensureMemory(k, r2.endByte);
  const attempt = <T>(f: () => T): T | Error => { try { return f(); } catch (e) { return e as Error; } };
  const scale1 = attempt(() => copyIn(M1, r1, k));
  const scale2 = attempt(() => copyIn(M2, r2, k));
  let perm2: Int32Array | Error = scale2 instanceof Error ? scale2 : new Int32Array(0);
  if (!(scale2 instanceof Error)) {
    ctrl[CTRL.type] = 1;
    ctrl[CTRL.kind] = KIND[k.precision];
    ctrl[CTRL.n] = n;
    ctrl[CTRL.base] = r2.base;
    ctrlF64(ctrl)[F64.scale] = scale2;
    Atomics.store(ctrl, CTRL.next, 0);
    Atomics.store(ctrl, CTRL.done, 0);
    startHelpers(ctrl);
  }
  const perm1 = scale1 instanceof Error ? scale1 : attempt(() => factorInPlace(r1, k, scale1, undefined, onPanel)); // progress: this thread's factorization
  if (!(scale2 instanceof Error)) {
    joinHelpers(ctrl, helpers);
    const status = ctrl[CTRL.status];
    perm2 = status === 0 ? new Int32Array(k.memory.buffer, r2.permByte, r2.np).slice()
      : status === 1 ? singularMatrix(ctrlF64(ctrl)[F64.pivot], ctrl[CTRL.column])
      : new LocalizedError({ zh: 'factorPair：辅助线程的分解失败', en: 'factorPair: the helper thread failed' });
  }
  return [
    perm1 instanceof Error ? perm1 : copyOut(r1, k, perm1, out1),
    perm2 instanceof Error ? perm2 : copyOut(r2, k, perm2, out2),
  ];
}
