// The engine's IO inputs from what was read (pure): each consumption category's per-yuan response
// (output, jobs, value added) and the jobs-per-output conversion (METHOD §3). src/data reads the files.
import { ConfigError } from '../config/index.ts';
import type { StudyConfig, SectorCoefficient, JobsPerOutput } from '../types.ts';
import {
  resolveSector,
  ioModel,
  employmentCoefficients,
  nationalJobsPerOutput,
  type IOTable,
  type IOModel,
  type SectorDivisions,
  type EmploymentByDivision,
} from '../../io/index.ts';
import { sectorResponse, yuanPerUnit, type IOMethod } from '../model/index.ts';

/** The IO files of a study as parsed (each once per run). */
export interface IOFiles {
  table: IOTable;
  /** the sector–division concordance, for the builtin NBS table only */
  divisions?: SectorDivisions;
  /** employment by division, when jobs_per_output.method is national or sector */
  employment: EmploymentByDivision | null;
  /** how messages and outputs name the table */
  display: string;
}

export interface PreparedIO {
  sectors: Record<string, SectorCoefficient>;
  ioSource: string;
  ioMethod: IOMethod;
  model: IOModel | null;
  jobsPerOutput: JobsPerOutput;
}

/**
 * The IO model, each consumption category's per-yuan response, and the jobs-per-output conversion.
 * `files` is null when the study gives coefficients directly (then no table is read).
 * National jobs per output = national employment / national gross output (persons per yuan).
 */
export function ioInputs(config: StudyConfig, files: IOFiles | null): PreparedIO {
  const c = config.io;
  const ioMethod: IOMethod = { method: c.method, type: c.type, domestic: c.model === 'domestic' };
  const j = config.jobsPerOutput;
  const sectors: Record<string, SectorCoefficient> = {};
  if (c.coefficients) {
    if (j.method !== 'ratio') throw new ConfigError(config.source, 'jobs_per_output.method', null, 'with coefficients given directly only method ratio is possible (no table to take output or employment from)');
    for (const cat of config.consumption.categories)
      sectors[cat.id] = { code: cat.sector, index: -1, name: { zh: '', en: '' }, coefficient: c.coefficients[cat.sector], jobs: null, valueAdded: { competitive: null, domestic: null } };
    return { sectors, ioSource: `coefficients given in ${config.source}`, ioMethod, model: null, jobsPerOutput: ratioConversion(j) };
  }
  if (!files) throw new Error('internal: a study with an IO table needs the table read');
  const { table, divisions, employment, display } = files;
  let model: IOModel;
  try {
    let e: Float64Array | null = null;
    if (j.method === 'sector') {
      if (!divisions) throw new Error('sector employment coefficients need the sector–division concordance of the builtin table (use io.table: builtin:china-io-2017-149)');
      e = employmentCoefficients(table, employment!, divisions, j.year).coefficients;
    }
    model = ioModel(table, { employment: e });
  } catch (err) {
    throw new ConfigError(config.source, j.method === 'sector' ? 'jobs_per_output' : 'io.table', null, (err as Error).message);
  }
  for (const cat of config.consumption.categories) {
    let index: number;
    try {
      index = resolveSector(table, cat.sector, divisions);
    } catch (e) {
      throw new ConfigError(config.source, `${cat.yamlPath}.sector`, null, (e as Error).message);
    }
    const r = sectorResponse(model, index, ioMethod);
    sectors[cat.id] = { code: cat.sector, index, name: table.names[index], coefficient: r.output, jobs: r.jobs, valueAdded: r.valueAdded };
  }
  let jobsPerOutput: JobsPerOutput;
  if (j.method === 'ratio') jobsPerOutput = ratioConversion(j);
  else if (j.method === 'national') {
    const nat = nationalJobsPerOutput(employment!, j.year, table);
    const scale = yuanPerUnit(table.unit);
    jobsPerOutput = {
      method: 'national',
      perYuan: nat.perUnit / scale,
      formula: 'national employment / national gross output',
      inputs: { employment: nat.persons, grossOutput: nat.output * scale, year: j.year },
      source: j.source ?? `national average of ${j.year}: employment (${j.employment}) / gross output (${display})`,
    };
  } else {
    jobsPerOutput = {
      method: 'sector',
      perYuan: NaN,
      formula: 'Σ_i e_i × induced output_i, e_i = persons per yuan of output of sector i',
      inputs: { year: j.year, employment: j.employment },
      source: j.source ?? `employment coefficients by sector: ${j.year} employment by division (${j.employment}) split over the table's sectors by output share`,
    };
  }
  return { sectors, ioSource: display, ioMethod, model, jobsPerOutput };
}

function ratioConversion(j: StudyConfig['jobsPerOutput']): JobsPerOutput {
  if (j.method !== 'ratio') throw new Error('internal: not a ratio');
  return { method: 'ratio', perYuan: j.perYuan, formula: `${j.value} ${j.unit}`, inputs: { value: j.value, unit: j.unit }, source: j.source ?? 'stated in the study file' };
}
