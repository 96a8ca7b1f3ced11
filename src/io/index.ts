// Public API of the input–output engine (pure: no Node modules; runs in Node and the browser).

// Tables
export type { Account, FinalDemandRole, IOTable, Label, ValueAddedRole } from './types.ts';
export { parseNbsTable } from './parseNbsTable.ts';
export { parseSectorDivisions, type SectorDivisions } from './parseSectorDivisions.ts';
export { resolveSector } from './resolveSector.ts';

// Linear algebra
export { lu, type LUFactors } from './lu.ts';
export { luSolve, luSolveTransposed, luSolve as solve, luSolveTransposed as solveTransposed } from './luSolve.ts';

// Coefficients
export { technicalCoefficients } from './technicalCoefficients.ts';
export { leontiefMatrix } from './leontiefMatrix.ts';
export { totalRequirementColumnSums } from './totalRequirementColumnSums.ts';
