// Worker thread of src/io-node/luThreads.ts: runs helperLoop on the shared memory until told to stop.
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateKernels } from '../io/wasm/factorWithKernels.ts';
import { helperLoop } from '../io/wasm/parallelJob.ts';

const { memory, modules, ctrl } = workerData as { memory: WebAssembly.Memory; modules: [WebAssembly.Module, WebAssembly.Module]; ctrl: SharedArrayBuffer };
const kernels = [instantiateKernels(memory, modules[0], 'f64'), instantiateKernels(memory, modules[1], 'f32')];
helperLoop(kernels, new Int32Array(ctrl), () => parentPort!.postMessage('ready'));
