// What the dashboard's browser engine needs for one study, as JSON: the validated config, the
// prepared inputs (screened questionnaire columns, coefficients b_s, jobs per output), the
// coefficients of each IO method, and the server's own results (for the page's first paint check).
import { readFileSync } from 'node:fs';
import type { StudyConfig, StudyInputs, StudyResults, SectorCoefficient } from '../study/types.ts';
import { computeStudy } from '../study/compute.ts';
import { parseNbsTable, ioModel, multipliers } from '../io/index.ts';
import { prepareStudy, resolveStudyPath, type PreparedStudy } from '../cli/prepare.ts';
import type { IOMethodInputs } from '../report/applyScenario.ts';

export interface StudyPayload {
  path: string; // relative to the dashboard root
  config: StudyConfig;
  inputs: StudyInputs;
  ioMethods: Record<string, IOMethodInputs>;
  results: StudyResults;
}

/**
 * The IO methods offered in the scenario panel: `seed` (the study's own coefficients: column sums of
 * B = (I − A)⁻¹ − I of the competitive-import table, or the coefficients the study gives) and, for a
 * table with an imports column, `domestic` (column sums of B_d with A_d = (I − M̂)A: induced
 * domestic output only; io/multipliers).
 */
export function ioMethodInputs(p: PreparedStudy): Record<string, IOMethodInputs> {
  const { config } = p.study;
  const out: Record<string, IOMethodInputs> = {
    seed: { label: { zh: '原报告方法：竞争型表 B 列和', en: 'Seed: column sums of B (competitive-import table)' }, ioSource: p.inputs.ioSource, sectors: p.inputs.sectors },
  };
  if (!config.io.table || config.io.coefficients) return out;
  const file = resolveStudyPath(p.study.dir, config.io.table, 'io.table', config.source);
  const table = parseNbsTable(readFileSync(file, 'utf8'), config.io.table);
  const model = ioModel(table);
  if (!model.domestic) return out;
  const b = multipliers(model, { domestic: true, households: false }).totalRequirementColSum;
  const sectors: Record<string, SectorCoefficient> = {};
  for (const [id, s] of Object.entries(p.inputs.sectors)) sectors[id] = { ...s, coefficient: b[s.index] };
  out.domestic = { label: { zh: '非竞争型（扣除进口）：B_d 列和', en: 'Domestic (imports removed): column sums of B_d' }, ioSource: `${p.inputs.ioSource}, domestic A_d = (I − M̂)A`, sectors };
  return out;
}

/** studyPayload(abs, rel) → the payload of one study (prepareStudy reads and screens its data). */
export async function studyPayload(abs: string, rel: string): Promise<StudyPayload> {
  const prepared = await prepareStudy(abs);
  return { path: rel, config: prepared.study.config, inputs: prepared.inputs, ioMethods: ioMethodInputs(prepared), results: computeStudy(prepared.study.config, prepared.inputs) };
}

/** JSON text of a payload: Float64Array columns become arrays (NaN → null; see web/payload.ts to revive). */
export function payloadJson(p: StudyPayload): string {
  return JSON.stringify(p, (_k, v) => (v instanceof Float64Array ? Array.from(v, (x) => (Number.isFinite(x) ? x : null)) : v));
}
