// The Node edge of a study run: read study.yaml, resolve and confine its paths, load the IO table
// and the questionnaires, and hand pure inputs to computeStudy. Nothing here computes a figure.
import { readFileSync, existsSync, realpathSync } from 'node:fs';
import { dirname, resolve, relative, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStudy, ConfigError } from '../study/config.ts';
import type { StudyConfig, StudyInputs, QuestionnaireData, SectorCoefficient, JobsPerOutput, ColumnConfig, FieldKind } from '../study/types.ts';
import { parseNbsTable, parseSectorDivisions, resolveSector, technicalCoefficients, totalRequirementColumnSums, type IOTable } from '../io/index.ts';
import { openDatabase, loadQuestionnaire, type FieldSpec, type LoadedQuestionnaire, type Rejection } from '../data/index.ts';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const version: string = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;

/** Data shipped with the package, addressable from any study as `builtin:NAME`. */
export const BUILTINS: Record<string, string> = {
  'china-io-2017-149': 'data/china-io-2017/china-io-2017-149.csv',
  'china-employment-by-division': 'data/china-io-2017/china-employment-by-division-1990-2018.csv',
};
const DIVISIONS = 'data/china-io-2017/sector-divisions.csv';

export const DEFAULT_STUDY = join(packageRoot, 'examples/wechat-2019/study.yaml');

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
  text: string;
  config: StudyConfig;
}

/** Read and validate a study file (no data is read). */
export function readStudy(path: string): LoadedStudy {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new Error(`study file not found: ${path}`);
  const text = readFileSync(abs, 'utf8');
  const display = relative(process.cwd(), abs) || abs;
  return { path: abs, dir: dirname(abs), text, config: parseStudy(text, display.startsWith('..') ? abs : display) };
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
  for (const c of [...config.providers, ...config.operators].filter((c) => c.questionnaire === key)) {
    for (const [f, [t, min]] of Object.entries(c.kind === 'provider' ? PROVIDER_FIELDS : OPERATOR_FIELDS)) need(f, t, min);
    for (const f of Object.keys(c.where)) need(f, 'category');
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

function loadTable(study: LoadedStudy): { table: IOTable; divisions?: ReturnType<typeof parseSectorDivisions>; display: string } {
  const p = study.config.io.table as string;
  const file = resolveStudyPath(study.dir, p, 'io.table', study.config.source);
  const table = parseNbsTable(readFileSync(file, 'utf8'), p);
  const divisions = p === 'builtin:china-io-2017-149' ? parseSectorDivisions(readFileSync(join(packageRoot, DIVISIONS), 'utf8'), DIVISIONS) : undefined;
  return { table, divisions, display: p === 'builtin:china-io-2017-149' ? 'the NBS 2017 149-sector table (builtin)' : p };
}

/** Coefficients b_s (column sums of B) for every consumption category, and the jobs-per-output conversion. */
export function prepareIO(study: LoadedStudy): { sectors: Record<string, SectorCoefficient>; ioSource: string; jobsPerOutput: JobsPerOutput } {
  const { config } = study;
  const sectors: Record<string, SectorCoefficient> = {};
  let ioSource: string;
  let tableInfo: ReturnType<typeof loadTable> | undefined;
  if (config.io.coefficients) {
    ioSource = `coefficients given in ${config.source}`;
    for (const cat of config.consumption.categories)
      sectors[cat.id] = { code: cat.sector, index: -1, name: { zh: '', en: '' }, coefficient: config.io.coefficients[cat.sector] };
  } else {
    tableInfo = loadTable(study);
    const { table, divisions } = tableInfo;
    ioSource = tableInfo.display;
    const colsums = totalRequirementColumnSums(technicalCoefficients(table), table.n);
    for (const cat of config.consumption.categories) {
      let index: number;
      try {
        index = resolveSector(table, cat.sector, divisions);
      } catch (e) {
        throw new ConfigError(config.source, `${cat.yamlPath}.sector`, null, (e as Error).message);
      }
      sectors[cat.id] = { code: cat.sector, index, name: table.names[index], coefficient: colsums[index] };
    }
  }
  const j = config.jobsPerOutput;
  let jobsPerOutput: JobsPerOutput;
  if (j.method === 'ratio') {
    jobsPerOutput = { perYuan: j.perYuan, formula: `${j.value} ${j.unit}`, inputs: { value: j.value, unit: j.unit }, source: j.source ?? 'stated in the study file' };
  } else {
    tableInfo ??= loadTable(study);
    const file = resolveStudyPath(study.dir, j.employment, 'jobs_per_output.employment', config.source);
    const year = 2017;
    const persons = nationalEmployment(readFileSync(file, 'utf8'), j.employment, year);
    const x = tableInfo.table.x;
    let output = 0;
    for (let i = 0; i < x.length; i++) output += x[i];
    const scale = tableInfo.table.unit === '万元' ? 1e4 : 1;
    jobsPerOutput = {
      perYuan: persons / (output * scale),
      formula: 'national employment / national gross output',
      inputs: { employment: persons, grossOutput: output * scale, year },
      source: j.source ?? `national average of ${year}: employment (${j.employment}) / gross output (${tableInfo.display})`,
    };
  }
  return { sectors, ioSource, jobsPerOutput };
}

/** Total employed persons (row TOT, in 万人) of a year in the employment-by-division CSV → persons. */
function nationalEmployment(text: string, source: string, year: number): number {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',');
  const col = header.indexOf(String(year));
  if (col < 0) throw new Error(`${source}: no column ${year}`);
  const row = lines.find((l) => l.startsWith('TOT,'));
  if (!row) throw new Error(`${source}: no row TOT (national total)`);
  // The TOT description contains a comma inside quotes in some versions; count from the end.
  const cells = row.split(',');
  const v = Number(cells[cells.length - (header.length - col)]);
  if (!Number.isFinite(v)) throw new Error(`${source}: row TOT, column ${year}: not a number`);
  return v * 1e4;
}

export interface PreparedStudy {
  study: LoadedStudy;
  inputs: StudyInputs;
  rejections: Rejection[];
  loaded: LoadedQuestionnaire[];
}

/** Everything computeStudy needs, read from disk. Whole-file faults throw; row faults become rejections. */
export async function prepareStudy(path: string): Promise<PreparedStudy> {
  const study = readStudy(path);
  const { config } = study;
  const io = prepareIO(study);
  const db = await openDatabase();
  const questionnaires: Record<string, QuestionnaireData> = {};
  const rejections: Rejection[] = [];
  const loaded: LoadedQuestionnaire[] = [];
  try {
    for (const [key, q] of Object.entries(config.questionnaires)) {
      const file = resolveStudyPath(study.dir, q.file, `${q.yamlPath}.file`, config.source);
      const lq = await loadQuestionnaire(
        db,
        {
          key,
          file,
          displayPath: q.file,
          yamlPath: q.yamlPath,
          encoding: q.encoding,
          sheet: q.sheet,
          id: q.id,
          columns: Object.fromEntries(Object.entries(q.columns).map(([f, c]) => [f, c.header])),
          rules: q.rules,
        },
        fieldSpecs(config, key),
      );
      loaded.push(lq);
      rejections.push(...lq.rejections);
      questionnaires[key] = {
        key,
        file: q.file,
        rowsRead: lq.rowsRead,
        valid: lq.valid,
        rejected: lq.rejected,
        reasons: lq.reasons,
        numbers: lq.rows.numbers,
        categories: lq.rows.categories,
      };
    }
  } finally {
    db.close();
  }
  return { study, inputs: { questionnaires, ...io, version }, rejections, loaded };
}
