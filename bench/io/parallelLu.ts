// LU on several threads (Node worker_threads + shared WebAssembly memory) with a one-panel look-ahead.
import { Worker } from 'node:worker_threads';
import type { LUFactors } from '../../src/io/lu.ts';
import { factorWithKernels, instantiateKernels, luKernelBytes, updateColumns } from '../../src/io/wasm/factorWithKernels.ts';
import { CTRL, postJob, stealColumns } from './parallelJob.ts';

/**
 * A factorization with the contract of `lu` on `threads` threads (this one plus threads − 1
 * workers) sharing one WebAssembly.Memory. For each panel, this thread updates the next panel's
 * columns and factors that panel while the workers take column blocks of the rest of the trailing
 * update from a shared counter; then it joins them. Same kernels and per-element operation order
 * as luWasm, so the factors are bit-identical to luWasm's (with `fused`, the relaxed-SIMD fused
 * multiply-subtract kernel: faster, rounding machine-dependent). `close()` stops the workers.
 */
export async function createParallelLu(threads: number, options: { fused?: boolean } = {}): Promise<{ factor: (M: Float64Array, n: number) => LUFactors; close: () => Promise<void> }> {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads: invalid value ${threads}`);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 32768, shared: true });
  const module = new WebAssembly.Module(luKernelBytes(true, options.fused ?? false));
  const kernels = instantiateKernels(memory, module);
  const { gemm } = kernels;
  const ctrl = new Int32Array(new SharedArrayBuffer(4 * CTRL.size));
  const workers = await Promise.all(Array.from({ length: threads - 1 }, () => new Promise<Worker>((resolve, reject) => {
    const w = new Worker(new URL('./luWorkerBoot.mjs', import.meta.url), { workerData: { memory, module, ctrl: ctrl.buffer } });
    w.once('message', () => resolve(w));
    w.once('error', reject);
  })));
  const factor = (M: Float64Array, n: number): LUFactors => factorWithKernels(M, n, kernels, (job, k2, factorNext) => {
    updateColumns(gemm, job, job.k1, k2);
    postJob(ctrl, job, k2);
    Atomics.add(ctrl, CTRL.generation, 1);
    Atomics.notify(ctrl, CTRL.generation);
    try {
      factorNext();
    } finally {
      stealColumns(gemm, ctrl);
      for (;;) {
        const done = Atomics.load(ctrl, CTRL.done);
        if (done === workers.length) break;
        Atomics.wait(ctrl, CTRL.done, done);
      }
    }
  });
  const close = async (): Promise<void> => {
    Atomics.store(ctrl, CTRL.generation, -1);
    Atomics.notify(ctrl, CTRL.generation);
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return { factor, close };
}
