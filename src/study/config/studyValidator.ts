// The study file's JSON Schema validator (ajv). From the sources it is compiled on first use;
// scripts/build.mjs replaces this module in dist/ with the same validator compiled ahead of time
// (ajv standalone code, loaded through node:vm with a V8 code cache made at build time), so a run spends neither
// compiling the schema nor parsing the validator at its start.
import Ajv, { type ValidateFunction } from 'ajv';
import { studySchema } from './schema.ts';

/** ajv options of the validator: every error reported; code.optimize off (compiling unoptimized takes half the time). */
export const STUDY_VALIDATOR_OPTIONS = { allErrors: true, verbose: true, strict: false, code: { optimize: false } } as const;

// Compiled on first use: commands that never read a study file do not pay for it.
let compiled: ValidateFunction | undefined;

/** studyValidator() → the schema's validate function (errors in .errors after a failed call). */
export const studyValidator = (): ValidateFunction => (compiled ??= new Ajv(STUDY_VALIDATOR_OPTIONS).compile(studySchema));
