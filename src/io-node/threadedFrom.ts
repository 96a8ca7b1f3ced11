// Below this order the pure-TS `lu` is used: results identical on every platform, and fast enough;
// from it, the factorization runs on worker threads (luThreads.ts). Its own module so that
// `spillover io --help` can state it without loading the engine.
export const THREADED_FROM = 400;
