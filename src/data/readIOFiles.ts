import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNbsTable, parseSectorDivisions, parseEmploymentByDivision } from '../io/index.ts';
import { parsePriceIndex, type IOFiles } from '../study/inputs/index.ts';
import { packageRoot } from './packagePaths.ts';
import { resolveStudyPath } from './resolveStudyPath.ts';
import type { LoadedStudy } from './readStudy.ts';

const DIVISIONS = 'data/china-io-2017/sector-divisions.csv';

/**
 * The study's IO files, each read and parsed once: the table (io.table), the sector–division
 * concordance for the builtin NBS table, employment by division when jobs_per_output needs it, and
 * the price index of `prices`.
 * null when the study gives coefficients directly (no table is read).
 */
export function readIOFiles(study: LoadedStudy): IOFiles | null {
  const { config } = study;
  if (config.io.coefficients) return null;
  const p = config.io.table as string;
  const file = resolveStudyPath(study.dir, p, 'io.table', config.source);
  const table = parseNbsTable(readFileSync(file, 'utf8'), p);
  const builtin = p === 'builtin:china-io-2017-149';
  const divisions = builtin ? parseSectorDivisions(readFileSync(join(packageRoot, DIVISIONS), 'utf8'), DIVISIONS) : undefined;
  const j = config.jobsPerOutput;
  let employment = null;
  if (j.method !== 'ratio') {
    const emp = resolveStudyPath(study.dir, j.employment, 'jobs_per_output.employment', config.source);
    employment = parseEmploymentByDivision(readFileSync(emp, 'utf8'), j.employment);
  }
  const prices = config.prices ? parsePriceIndex(readFileSync(resolveStudyPath(study.dir, config.prices.index, 'prices.index', config.source), 'utf8'), config.prices.index) : null;
  return { table, divisions, employment, prices, display: builtin ? { zh: '国家统计局 2017 年 149 部门投入产出表（内置）', en: 'the NBS 2017 149-sector table (builtin)' } : { zh: p, en: p } };
}
