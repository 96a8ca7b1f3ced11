// Boot file of the LU worker threads: registers the TypeScript loader, then runs luThreadWorker.ts.
import { register } from 'tsx/esm/api';
register();
await import('./luThreadWorker.ts');
