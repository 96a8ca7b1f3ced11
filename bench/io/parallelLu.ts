// LU on several threads (Node worker_threads + shared WebAssembly memory): the trailing updates are split by rows.
import { Worker } from 'node:worker_threads';
import type { LUFactors } from '../../src/io/lu.ts';
import { factorWithKernels, instantiateKernels, luKernelBytes, updateTiles } from '../../src/io/wasm/factorWithKernels.ts';

/**
 * A factorization with the contract of `lu` whose trailing updates run on `threads` threads (this
 * one plus threads − 1 workers) sharing one WebAssembly.Memory; same kernels as luWasm, so the
 * result is bit-identical to luWasm (each tile is computed by exactly one thread, in the same order).
 * `close()` stops the workers.
 */
export async function createParallelLu(threads: number): Promise<{ factor: (M: Float64Array, n: number) => LUFactors; close: () => Promise<void> }> {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads: invalid value ${threads}`);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 32768, shared: true });
  const module = new WebAssembly.Module(luKernelBytes(true));
  const kernels = instantiateKernels(memory, module);
  const ctrl = new Int32Array(new SharedArrayBuffer(4 * (8 + 8 * threads)));
  const workers = await Promise.all(Array.from({ length: threads - 1 }, (_, index) => new Promise<Worker>((resolve, reject) => {
    const w = new Worker(new URL('./luWorkerBoot.mjs', import.meta.url), { workerData: { memory, module, ctrl: ctrl.buffer, index } });
    w.once('message', () => resolve(w));
    w.once('error', reject);
  })));
  const factor = (M: Float64Array, n: number): LUFactors => factorWithKernels(M, n, kernels, (job) => {
    const per = Math.ceil(job.rowTiles / threads);
    workers.forEach((_, w) => {
      const o = 8 + w * 8;
      ctrl.set([job.np, job.k1, job.kb, job.lpOff, job.upOff, Math.min((w + 1) * per, job.rowTiles), Math.min((w + 2) * per, job.rowTiles)], o);
    });
    Atomics.store(ctrl, 1, 0);
    Atomics.add(ctrl, 0, 1);
    Atomics.notify(ctrl, 0);
    updateTiles(kernels.gemm, job, 0, Math.min(per, job.rowTiles));
    for (;;) {
      const done = Atomics.load(ctrl, 1);
      if (done === workers.length) break;
      Atomics.wait(ctrl, 1, done);
    }
  });
  const close = async (): Promise<void> => {
    Atomics.store(ctrl, 0, -1);
    Atomics.notify(ctrl, 0);
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return { factor, close };
}
