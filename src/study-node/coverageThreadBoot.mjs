// Boot file of the coverage thread under the TypeScript sources: registers the loader, then runs coverageThreadWorker.ts.
import { register } from 'tsx/esm/api';
register();
await import('./coverageThreadWorker.ts');
