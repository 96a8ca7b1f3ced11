// Worker thread of bench/io/parallelLu.ts: takes column blocks of each trailing update until none are left.
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateKernels } from '../../src/io/wasm/factorWithKernels.ts';
import { CTRL, stealColumns } from './parallelJob.ts';

const { memory, module, ctrl: ctrlBuffer } = workerData as { memory: WebAssembly.Memory; module: WebAssembly.Module; ctrl: SharedArrayBuffer };
const { gemm } = instantiateKernels(memory, module);
const ctrl = new Int32Array(ctrlBuffer);
let seen = 0;
parentPort!.postMessage('ready');
for (;;) {
  Atomics.wait(ctrl, CTRL.generation, seen);
  seen = Atomics.load(ctrl, CTRL.generation);
  if (seen < 0) break;
  stealColumns(gemm, ctrl);
  Atomics.add(ctrl, CTRL.done, 1);
  Atomics.notify(ctrl, CTRL.done);
}
