// The shared control block of the worker-thread LU: job parameters and the column-block counter.
import { COLUMN_BLOCK, updateColumns, type Gemm, type UpdateJob } from '../../src/io/wasm/factorWithKernels.ts';

/** Int32 slots of the control block. */
export const CTRL = { generation: 0, done: 1, next: 2, np: 3, k1: 4, kb: 5, lpOff: 6, upOff: 7, rowTiles: 8, k2: 9, size: 10 } as const;

export function postJob(ctrl: Int32Array, job: UpdateJob, k2: number): void {
  ctrl[CTRL.np] = job.np; ctrl[CTRL.k1] = job.k1; ctrl[CTRL.kb] = job.kb;
  ctrl[CTRL.lpOff] = job.lpOff; ctrl[CTRL.upOff] = job.upOff; ctrl[CTRL.rowTiles] = job.rowTiles; ctrl[CTRL.k2] = k2;
  Atomics.store(ctrl, CTRL.next, 0);
  Atomics.store(ctrl, CTRL.done, 0);
}

/** Take column blocks [k2 + b·B, …) of the posted job (b from the shared counter) until all are done. */
export function stealColumns(gemm: Gemm, ctrl: Int32Array): void {
  const job: UpdateJob = {
    np: ctrl[CTRL.np], k1: ctrl[CTRL.k1], kb: ctrl[CTRL.kb], lpOff: ctrl[CTRL.lpOff], upOff: ctrl[CTRL.upOff], rowTiles: ctrl[CTRL.rowTiles],
  };
  const k2 = ctrl[CTRL.k2];
  for (;;) {
    const c0 = k2 + Atomics.add(ctrl, CTRL.next, 1) * COLUMN_BLOCK;
    if (c0 >= job.np) return;
    updateColumns(gemm, job, c0, Math.min(c0 + COLUMN_BLOCK, job.np));
  }
}
