// Public face of src/io-node: the Node-only side of the input–output engine (src/io stays pure).
// LU factorizations on worker threads sharing one WebAssembly memory; the worker's entry is
// luThreadWorker.ts (compiled to dist/luThreadWorker.js; luThreadBoot.mjs loads the .ts under tsx).
export { createLuThreads, defaultThreads, ioFactorization, relaxedSimdAvailable, THREADED_FROM, type LuThreads } from './luThreads.ts';
