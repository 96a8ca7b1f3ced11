// Public API of the input–output engine (pure: no Node modules; runs in Node and the browser).

// Tables: parse, check, aggregate
export type { Account, FinalDemandRole, IOTable, Label, ValueAddedRole } from './types.ts';
export { parseNbsTable } from './parseNbsTable.ts';
export { parseIOTable } from './parseIOTable.ts';
export { parsePymrio, type PymrioTexts } from './parsePymrio.ts';
export { checkBalance, type Imbalance } from './checkBalance.ts';
export { parseConcordance, type Concordance } from './parseConcordance.ts';
export { aggregateTable } from './aggregateTable.ts';

// Sector codes (5-digit = GB/T 4754-2017 division + sequence)
export { parseSectorDivisions, type SectorDivisions } from './parseSectorDivisions.ts';
export { resolveSector } from './resolveSector.ts';
export { parseDemand } from './parseDemand.ts';
export { parseCsv } from './parseCsv.ts';

// Margins on household goods (the price bridge's defaults)
export { householdColumn, householdMargins, nbsMarginSectors, type HouseholdMargins, type MarginSectors } from './householdMargins.ts';

// Linear algebra
export { lu, type LUFactors } from './lu.ts';
export { luWasm, luWasm32, wasmSimdAvailable } from './luWasm.ts';
export { asSolver, luSolver, type Factorization, type LinearSolver } from './linearSolver.ts';
export { mixedPrecisionLeontiefPair, mixedPrecisionLeontiefSolver, mixedPrecisionSolver, type MixedPrecisionOptions, type MixedPrecisionSolver, type RefinementStats } from './mixedPrecisionSolver.ts';
export { luSolve, luSolveTransposed, luSolveTransposedMany, luSolve as solve, luSolveTransposed as solveTransposed } from './luSolve.ts';
export { spectralRadius } from './spectralRadius.ts';

// Coefficients
export { technicalCoefficients } from './technicalCoefficients.ts';
export { leontiefMatrix } from './leontiefMatrix.ts';
export { leontiefInverse } from './leontiefInverse.ts';
export { totalRequirementColumnSums } from './totalRequirementColumnSums.ts';
export { allocationCoefficients } from './allocationCoefficients.ts';
export { ghoshInverse } from './ghoshInverse.ts';
export { importShares } from './importShares.ts';
export { checkProductive } from './checkProductive.ts';

// Models, multipliers, linkages, impacts
export { leontiefSystem, type LeontiefSystem } from './leontiefSystem.ts';
export { disposeModel, ioModel, type IOModel } from './ioModel.ts';
export { multipliers, type MultiplierPair, type Multipliers } from './multipliers.ts';
export { linkages, type Linkage } from './linkages.ts';
export { leontiefImpact, type EffectBySector, type Impact, type ImpactTotals } from './leontiefImpact.ts';

// Employment
export { parseEmploymentByDivision, type EmploymentByDivision, type EmploymentRow } from './parseEmploymentByDivision.ts';
export { employmentCoefficients } from './employmentCoefficients.ts';
export { nationalJobsPerOutput } from './nationalJobsPerOutput.ts';
