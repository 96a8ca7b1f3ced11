// Boot file for the worker threads of bench/io/parallelLu.ts: registers the TypeScript loader, then runs luWorker.ts.
import { register } from 'tsx/esm/api';
register();
await import('./luWorker.ts');
