// Worker thread of bench/io/parallelLu.ts: runs its share of each trailing update in the SIMD kernel.
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateKernels, updateTiles } from '../../src/io/wasm/factorWithKernels.ts';

const { memory, module, ctrl: ctrlBuffer, index } = workerData as { memory: WebAssembly.Memory; module: WebAssembly.Module; ctrl: SharedArrayBuffer; index: number };
const { gemm } = instantiateKernels(memory, module);
const ctrl = new Int32Array(ctrlBuffer);
let seen = 0;
parentPort!.postMessage('ready');
for (;;) {
  Atomics.wait(ctrl, 0, seen);
  seen = Atomics.load(ctrl, 0);
  if (seen < 0) break;
  const o = 8 + index * 8;
  updateTiles(gemm, { np: ctrl[o], k1: ctrl[o + 1], kb: ctrl[o + 2], lpOff: ctrl[o + 3], upOff: ctrl[o + 4], rowTiles: 0 }, ctrl[o + 5], ctrl[o + 6]);
  Atomics.add(ctrl, 1, 1);
  Atomics.notify(ctrl, 1);
}
