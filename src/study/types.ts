// Every type of a study in one import: the validated configuration (config/types.ts) and the
// model's inputs and results (model/types.ts). Code inside src/study imports those files directly.
export type { Label, Unit } from '../locale/index.ts';
export type * from './config/types.ts';
export type * from './model/types.ts';
