// The shared control block of the multi-threaded LU: job parameters and the column-block counter (internal).
import { COLUMN_BLOCK, factorWithKernels, KB, updateColumns, type LuKernels, type UpdateJob } from './factorWithKernels.ts';
import type { LUFactors } from '../lu.ts';

/** Int32 slots of the control block (a SharedArrayBuffer of CTRL.size Int32). */
export const CTRL = { generation: 0, done: 1, next: 2, np: 3, k1: 4, kb: 5, lpOff: 6, upOff: 7, rowTiles: 8, k2: 9, kind: 10, k0: 11, swaps: 12, size: 12 + KB } as const;

/** Index of a precision in the kernel list every helper holds ([f64, f32]). */
export const KIND = { f64: 0, f32: 1 } as const;

export function postJob(ctrl: Int32Array, job: UpdateJob, k2: number, kind: number, swaps: Int32Array): void {
  ctrl[CTRL.kind] = kind;
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
    np: ctrl[CTRL.np], k0: ctrl[CTRL.k0], k1: ctrl[CTRL.k1], kb: ctrl[CTRL.kb], lpOff: ctrl[CTRL.lpOff], upOff: ctrl[CTRL.upOff], rowTiles: ctrl[CTRL.rowTiles],
  };
  const k2 = ctrl[CTRL.k2];
  const swaps = ctrl.subarray(CTRL.swaps, CTRL.swaps + job.kb);
  for (;;) {
    const c0 = k2 + Atomics.add(ctrl, CTRL.next, 1) * COLUMN_BLOCK;
    if (c0 >= job.np) return;
    updateColumns(k, job, c0, Math.min(c0 + COLUMN_BLOCK, job.np), swaps);
  }
}

/**
 * The loop of a helper thread (a Node worker or a Web Worker, each with its own instances of the
 * kernels, [f64, f32], on the shared memory): wait for a new generation, take column blocks with
 * the job's kernels, report done; generation −1 ends it. `ready()` is called before the first wait.
 */
export function helperLoop(kernels: readonly LuKernels[], ctrl: Int32Array, ready: () => void): void {
  let seen = Atomics.load(ctrl, CTRL.generation);
  ready();
  for (;;) {
    Atomics.wait(ctrl, CTRL.generation, seen);
    seen = Atomics.load(ctrl, CTRL.generation);
    if (seen < 0) return;
    stealColumns(kernels[ctrl[CTRL.kind]], ctrl);
    Atomics.add(ctrl, CTRL.done, 1);
    Atomics.notify(ctrl, CTRL.done);
  }
}

/**
 * factorWithKernels on this thread plus `helpers` threads running helperLoop on the same shared
 * memory and control block. For each panel, this thread updates the next panel's columns and
 * factors that panel (look-ahead) while the helpers take column blocks of the rest of the trailing
 * update from the shared counter; then it takes blocks too and waits for the helpers. Every
 * element sees the same operations in the same order, so the factors are bit-identical to the
 * one-thread factorization with the same kernels. Needs Atomics.wait (Node, or a Web Worker).
 */
export function factorThreaded(M: Float64Array, n: number, k: LuKernels, ctrl: Int32Array, helpers: number, out?: Float64Array | Float32Array): LUFactors {
  if (!Number.isInteger(n) || n < 1) throw new Error(`factorThreaded: invalid n: ${n}`);
  if (M.length !== n * n) throw new Error(`factorThreaded: matrix has ${M.length} entries, expected n² = ${n * n}`);
  if (helpers === 0) return factorWithKernels(M, n, k, undefined, out);
  return factorWithKernels(M, n, k, (job, k2, swaps, factorNext) => {
    updateColumns(k, job, job.k1, k2, swaps);
    postJob(ctrl, job, k2, KIND[k.precision], swaps);
    Atomics.add(ctrl, CTRL.generation, 1);
    Atomics.notify(ctrl, CTRL.generation);
    try {
      factorNext();
    } finally {
      stealColumns(k, ctrl);
      for (;;) {
        const done = Atomics.load(ctrl, CTRL.done);
        if (done === helpers) break;
        Atomics.wait(ctrl, CTRL.done, done);
      }
    }
  }, out);
}
