// The Node edge of a study run: read study.yaml, resolve and confine its paths, load the IO table
// and the questionnaires, and hand pure inputs to computeStudy. Nothing here computes a figure.
import { readFileSync, existsSync, realpathSync } from 'node:fs';
import { packageRoot, version, BUILTINS } from './paths.ts';
import { basename, dirname, resolve, relative, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStudy, ConfigError } from '../study/config/index.ts';
import type { StudyConfig, StudyInputs, QuestionnaireData, SectorCoefficient, JobsPerOutput, ColumnConfig, FieldKind } from '../study/types.ts';
import {
  parseNbsTable,
  parseSectorDivisions,
  resolveSector,
  ioModel,
  employmentCoefficients,
  nationalJobsPerOutput,
  parseEmploymentByDivision,
  type IOTable,
  type IOModel,
  type SectorDivisions,
  type EmploymentByDivision,
} from '../io/index.ts';
import { checkFilters, designWarnings, sectorResponse, yuanPerUnit, type IOMethod, type RejectedLevels } from '../study/model/index.ts';
import { readStudyText } from '../data/readStudyText.ts';
import {
  openDatabase,
  loadQuestionnaire,
  aggregateQuestionnaire,
  aggregateOnClickHouse,
  stageClickHouse,
  clickhouseRunner,
  type ClickHouseRunner,
  type FieldSpec,
  type ScreeningSummary,
  type Rejection,
} from '../data/index.ts';

export { packageRoot, version, BUILTINS, DEFAULT_STUDY } from './paths.ts';
const DIVISIONS = 'data/china-io-2017/sector-divisions.csv';


/**
 * Resolve a path written in the study file: `builtin:NAME` → the package's data; otherwise relative
 * to the study directory, which it must not leave (symlinks resolved). Errors name the YAML path.
 */
export function resolveStudyPath(studyDir: string, p: string, yamlPath: string, source: string): string {
  if (p.startsWith('builtin:')) {
    const rel = BUILTINS[p.slice(8)];
    if (!rel) throw new ConfigError(source, yamlPath, null, `unknown builtin "${p}"; available: ${Object.keys(BUILTINS).map((b) => `builtin:${b}`).join(', ')}`);
    return join(packageRoot, rel);
  }
  const abs = resolve(studyDir, p);
  const base = realpathSync(studyDir);
  const real = existsSync(abs) ? realpathSync(abs) : abs;
  const rel = relative(base, real);
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new ConfigError(source, yamlPath, null, `path "${p}" leaves the study directory ${base}; keep data inside it or use a builtin: name`);
  if (!existsSync(abs)) throw new ConfigError(source, yamlPath, null, `file not found: ${p} (looked for ${abs})`);
  return abs;
}

export interface LoadedStudy {
  path: string;
  dir: string;
  /** The path for console messages: relative to the working directory when inside it (outputs use config.source). */
  display: string;
  text: string;
  config: StudyConfig;
}

/** Read and validate a study file (no data is read). */
export function readStudy(path: string): LoadedStudy {
  const abs = resolve(path);
  const display = relative(process.cwd(), abs) || abs;
  const shown = display.startsWith('..') ? abs : display;
  const text = readStudyText(abs, shown);
  const config = parseStudy(text, shown);
  // Outputs name the study file by its folder and name, the same from any working directory
  // (errors while parsing, above, give the path as typed).
  config.source = `${basename(dirname(abs))}/${basename(abs)}`;
  return { path: abs, dir: dirname(abs), display: shown, text, config };
}

// Fields each role needs, with their types (METHOD §1–2).
const PROVIDER_FIELDS: Record<string, [FieldKind, number?]> = { employees: ['number', 0], related_share: ['share'], fulltime_share: ['share'] };
const OPERATOR_FIELDS: Record<string, [FieldKind, number?]> = { accounts: ['number', 0], staff: ['number', 0], fulltime_share: ['share'] };

/** Field specs of one questionnaire: built-in roles (required) plus the typed extra columns. */
export function fieldSpecs(config: StudyConfig, key: string): FieldSpec[] {
  const q = config.questionnaires[key];
  const specs = new Map<string, FieldSpec>();
  const need = (name: string, type: FieldKind, min?: number) => {
    if (!q.columns[name]) throw new ConfigError(config.source, `${q.yamlPath}.columns`, null, `field "${name}" is required by a component or category using this questionnaire; map it to a column`);
    specs.set(name, { name, type, required: true, ...(min !== undefined ? { min } : {}) });
  };
  const comps = [...config.providers, ...config.operators].filter((c) => c.questionnaire === key);
  for (const c of comps) {
    for (const [f, [t, min]] of Object.entries(c.kind === 'provider' ? PROVIDER_FIELDS : OPERATOR_FIELDS)) need(f, t, min);
    for (const f of Object.keys(c.where)) need(f, 'category');
  }
  // When every component of this questionnaire selects by a field without declared levels, the values
  // they select are its levels: a row with another value (a provider type no component covers) would
  // count as valid and belong to no component, so it is rejected (unknown-level) instead.
  for (const f of new Set(comps.flatMap((c) => Object.keys(c.where)))) {
    const spec = specs.get(f)!;
    if (!q.columns[f]?.levels && comps.every((c) => c.where[f])) spec.levels = [...new Set(comps.flatMap((c) => c.where[f]))];
  }
  if (config.consumption.questionnaire === key) for (const cat of config.consumption.categories) if (cat.field) need(cat.field, 'number', 0);
  for (const [name, col] of Object.entries<ColumnConfig>(q.columns)) {
    const builtin = specs.get(name);
    if (builtin) {
      if (col.type && col.type !== builtin.type) throw new ConfigError(config.source, `${q.yamlPath}.columns.${name}.type`, null, `field "${name}" must be of type ${builtin.type}, got ${col.type}`);
      if (col.levels) builtin.levels = col.levels;
      continue;
    }
    if (!col.type) throw new ConfigError(config.source, `${q.yamlPath}.columns.${name}`, null, `field "${name}" is not one spillover uses; declare its type: {header: ..., type: number|share|count|category|boolean|text}`);
    specs.set(name, { name, type: col.type, required: col.required ?? false, min: col.min, max: col.max, levels: col.levels });
  }
  return [...specs.values()];
}

function loadTable(study: LoadedStudy): { table: IOTable; divisions?: SectorDivisions; display: string } {
  const p = study.config.io.table as string;
  const file = resolveStudyPath(study.dir, p, 'io.table', study.config.source);
  const table = parseNbsTable(readFileSync(file, 'utf8'), p);
  const builtin = p === 'builtin:china-io-2017-149';
  const divisions = builtin ? parseSectorDivisions(readFileSync(join(packageRoot, DIVISIONS), 'utf8'), DIVISIONS) : undefined;
  return { table, divisions, display: builtin ? 'the NBS 2017 149-sector table (builtin)' : p };
}

export interface PreparedIO {
  sectors: Record<string, SectorCoefficient>;
  ioSource: string;
  ioMethod: IOMethod;
  model: IOModel | null;
  jobsPerOutput: JobsPerOutput;
}

/** The IO model, each consumption category's per-yuan response, and the jobs-per-output conversion. */
export function prepareIO(study: LoadedStudy): PreparedIO {
  const { config } = study;
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
  const { table, divisions, display } = loadTable(study);
  let employment: EmploymentByDivision | null = null;
  if (j.method !== 'ratio') {
    const file = resolveStudyPath(study.dir, j.employment, 'jobs_per_output.employment', config.source);
    employment = parseEmploymentByDivision(readFileSync(file, 'utf8'), j.employment);
  }
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

/** `e` carrying the screening's rejections, so that a failed run can still write rejected.csv. */
export function withRejections(e: unknown, rejections: Rejection[]): unknown {
  if (e instanceof Error) Object.assign(e, { rejections });
  return e;
}

/** Per questionnaire, the values screening rejected as unknown-level, by column (for checkFilters' message). */
function rejectedLevels(config: StudyConfig, rejections: Rejection[]): Record<string, RejectedLevels> {
  const out: Record<string, RejectedLevels> = {};
  for (const [key, q] of Object.entries(config.questionnaires))
    for (const r of rejections)
      if (r.file === q.file && r.code === 'unknown-level' && r.column !== null && r.value !== null) {
        const m = ((out[key] ??= {})[r.column] ??= new Map());
        m.set(r.value, (m.get(r.value) ?? 0) + 1);
      }
  return out;
}

export interface PreparedStudy {
  study: LoadedStudy;
  inputs: StudyInputs;
  rejections: Rejection[];
  loaded: ScreeningSummary[];
}

/**
 * A questionnaire is read as sufficient statistics (n, Σy, Σy·yᵀ) instead of rows when only the
 * consumption totals need it: it is the consumer questionnaire, has no declared design, and no
 * component, indicator or survey-based additionality rate reads its rows. Then a 10-million-row
 * export costs one DuckDB scan.
 */
export function readAsMoments(config: StudyConfig, key: string): boolean {
  if (config.consumption.questionnaire !== key || config.questionnaires[key].design) return false;
  if ([...config.providers, ...config.operators].some((c) => c.questionnaire === key)) return false;
  if (config.indicators.some((i) => i.questionnaire === key)) return false;
  // Survey-based rates (deadweight from a "would have spent anyway" share) read consumer rows.
  const rates = Object.values(config.additionality?.consumption ?? {}).flatMap((r) => Object.values(r));
  return !rates.some((r) => r.survey !== undefined);
}

/** Everything computeStudy needs, read from disk. Whole-file faults throw; row faults become rejections. */
export async function prepareStudy(path: string): Promise<PreparedStudy> {
  const study = readStudy(path);
  const { config } = study;
  const io = prepareIO(study);
  const db = await openDatabase();
  const questionnaires: Record<string, QuestionnaireData> = {};
  const rejections: Rejection[] = [];
  const loaded: ScreeningSummary[] = [];
  const runners: ClickHouseRunner[] = [];
  const sheetRows: Record<string, Int32Array> = {}; // the sheet row of each valid row, by questionnaire
  try {
    for (const [key, q] of Object.entries(config.questionnaires)) {
      const ch = q.source?.clickhouse;
      // a ClickHouse source: the table is read where it lives (credentials from the environment variables it names)
      const runner: ClickHouseRunner | null = ch ? await clickhouseRunner(ch, { ...(ch.cluster ? { cluster: ch.cluster } : {}) }) : null;
      if (runner) runners.push(runner);
      const table = ch && runner ? { runner, database: ch.database, table: ch.table } : null;
      const file = table ? q.file : resolveStudyPath(study.dir, q.file, `${q.yamlPath}.file`, config.source);
      const spec = {
        key,
        file,
        displayPath: q.file,
        yamlPath: q.yamlPath,
        encoding: q.encoding,
        sheet: q.sheet,
        skipRows: q.skipRows,
        id: q.id,
        columns: Object.fromEntries(Object.entries(q.columns).map(([f, c]) => [f, c.header])),
        rules: q.rules,
      };
      const fields = fieldSpecs(config, key);
      if (readAsMoments(config, key)) {
        // Only totals and their covariance are needed: screen and aggregate in DuckDB, whatever the size.
        const sums = config.consumption.categories.flatMap((c) => (c.field ? [c.field] : []));
        const all: Rejection[] = [];
        const options = { groupBy: [], sums, crossProducts: true };
        // in ClickHouse only the first 1000 rejected rows come back (all are counted in the reasons)
        const a = table ? await aggregateOnClickHouse(table, spec, fields, options) : await aggregateQuestionnaire(db, spec, fields, { ...options, onRejections: (b) => void all.push(...b) });
        if (table && a.rejectionsTruncated) a.source.notes.push(`rejected rows listed: the first ${a.rejections.length} of ${a.rejected} (all counted in the reasons)`);
        rejections.push(...(table ? a.rejections : all));
        const p = sums.length;
        const cross = new Float64Array(p * p);
        sums.forEach((x, i) => sums.forEach((y, j) => (cross[i * p + j] = i === j ? a.groups.sumSq[x][0] : a.groups.cross![i < j ? `${x}*${y}` : `${y}*${x}`][0])));
        questionnaires[key] = {
          key, file: q.file, rowsRead: a.rowsRead, valid: a.valid, rejected: a.rejected, reasons: a.reasons, skippedRows: a.source.skippedRows, notes: a.source.notes, numbers: {}, categories: {},
          moments: { fields: sums, sum: Float64Array.from(sums, (x) => a.groups.sum[x][0] ?? 0), cross },
        };
        loaded.push({ key, file: q.file, rowsRead: a.rowsRead, valid: a.valid, rejected: a.rejected, reasons: a.reasons, source: a.source });
        continue;
      }
      const lq = await loadQuestionnaire(db, spec, fields, table ? (d, sp) => stageClickHouse(d, table, sp) : undefined);
      loaded.push(lq);
      rejections.push(...lq.rejections);
      sheetRows[key] = lq.rows.row;
      questionnaires[key] = {
        key,
        file: q.file,
        rowsRead: lq.rowsRead,
        valid: lq.valid,
        rejected: lq.rejected,
        reasons: lq.reasons,
        skippedRows: lq.source.skippedRows,
        notes: lq.source.notes,
        numbers: lq.rows.numbers,
        categories: lq.rows.categories,
      };
    }
  } finally {
    db.close();
    await Promise.all(runners.map((r) => r.close()));
  }
  // The filters run will apply, applied now: check fails on the same inputs as run.
  try {
    checkFilters(config, questionnaires, rejectedLevels(config, rejections));
    // The declared designs' warnings (as R gives them), with the rows as the files number them: run and check print them.
    for (const [key, q] of Object.entries(questionnaires)) {
      const rows = sheetRows[key];
      const warnings = designWarnings(q, config.questionnaires[key], rows ? (i) => rows[i] : undefined);
      if (warnings.length) q.warnings = warnings;
    }
  } catch (e) {
    throw withRejections(e, rejections);
  }
  return { study, inputs: { questionnaires, ...io, version }, rejections, loaded };
}
