// spillover survey --spec SPEC.(json|yaml) [--json] — design-based estimates from a declarative spec.
// This file reads the spec and the data (CSV or JSON); all estimation is in src/survey (pure).
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Register } from './index.ts';
import { runSurveySpec, type Columns, type SurveySpec } from '../../survey/index.ts';
import { textTable } from '../format.ts';

export const register: Register = (program) => {
  program
    .command('survey')
    .description('Design-based survey estimates (totals, means, proportions, ratios, quantiles, domains) with SE, CI, df and deff, as R survey computes them.')
    .requiredOption('--spec <file>', 'survey specification (JSON or YAML) using svydesign names')
    .option('--json', 'print {estimates: [...]} as JSON')
    .action((opts: { spec: string; json?: boolean }) => {
      const spec = readSpec(opts.spec);
      if (typeof spec.data !== 'string') throw new Error(`${opts.spec}: 'data' must name a CSV or JSON file`);
      const dataPath = resolve(dirname(opts.spec), spec.data);
      const data = readData(dataPath);
      const { estimates, design } = runSurveySpec(spec, data);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ estimates }, null, 2)}\n`);
        return;
      }
      const level = spec.level ?? 0.95, method = spec.method ?? 't';
      process.stdout.write(`${design.label}${design.calibration ? `  [${design.calibration.method}: ${design.calibration.iterations} iteration(s), ${design.calibration.converged ? 'converged' : 'NOT converged'}]` : ''}\n`);
      process.stdout.write(`${Math.round(level * 100)}% intervals: ${method === 't' ? 'Student t with design df' : 'normal'}\n\n`);
      const rows = estimates.map((e) => [
        e.id, e.statistic, e.variable, e.domain ? Object.entries(e.domain).map(([k, v]) => `${k}=${v}`).join(',') : '',
        fmt(e.estimate), fmt(e.se), `[${fmt(e.ci[0])}, ${fmt(e.ci[1])}]`, String(e.df), String(e.n), e.deff === undefined ? '' : fmt(e.deff),
      ]);
      process.stdout.write(`${textTable(['id', 'statistic', 'variable', 'domain', 'estimate', 'se', 'ci', 'df', 'n', 'deff'], rows, [4, 5, 7, 8, 9])}\n`);
    });
};

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toPrecision(6) : String(Number(x.toPrecision(7)));
}

function readSpec(file: string): SurveySpec {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new Error(`cannot read spec ${file}: ${(e as Error).message}`); }
  const ext = extname(file).toLowerCase();
  let spec: unknown;
  try {
    spec = ext === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new Error(`${file}: invalid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw new Error(`${file}: the spec must be a mapping with data, design and estimates`);
  return spec as SurveySpec;
}

/** Data as columns: CSV (header row; a column is numeric when every non-empty value is a number) or JSON. */
export function readData(file: string): Columns {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new Error(`cannot read data ${file}: ${(e as Error).message}`); }
  if (extname(file).toLowerCase() === '.json') return jsonColumns(JSON.parse(text) as unknown, file);
  return csvColumns(text, file);
}

const MISSING = new Set(['', 'NA', 'NaN', 'null']);

function typed(name: string, values: (string | number | null)[]): Float64Array | (string | null)[] {
  const numeric = values.every((v) => v === null || typeof v === 'number' || (typeof v === 'string' && (MISSING.has(v.trim()) || Number.isFinite(Number(v)))));
  if (numeric) return Float64Array.from(values, (v) => (v === null || (typeof v === 'string' && MISSING.has(v.trim())) ? NaN : Number(v)));
  void name;
  return values.map((v) => (v === null || (typeof v === 'string' && MISSING.has(v.trim())) ? null : String(v)));
}

function jsonColumns(raw: unknown, file: string): Columns {
  const out: Record<string, Float64Array | (string | null)[]> = {};
  if (Array.isArray(raw)) {
    const names = [...new Set(raw.flatMap((r) => Object.keys(r as object)))];
    for (const k of names) out[k] = typed(k, raw.map((r) => ((r as Record<string, string | number | null>)[k] ?? null)));
    return out;
  }
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (!Array.isArray(v)) throw new Error(`${file}: column '${k}' is not an array`);
      out[k] = typed(k, v as (string | number | null)[]);
    }
    return out;
  }
  throw new Error(`${file}: expected an array of records or an object of columns`);
}

function csvColumns(text: string, file: string): Columns {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false; } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  if (rows.length === 0) throw new Error(`${file}: empty CSV`);
  const header = rows[0].map((h) => h.replace(/^\uFEFF/, '').trim());
  const out: Record<string, Float64Array | (string | null)[]> = {};
  rows.slice(1).forEach((r, k) => { if (r.length !== header.length) throw new Error(`${file}: row ${k + 2} has ${r.length} fields, header has ${header.length}`); });
  header.forEach((h, j) => { out[h] = typed(h, rows.slice(1).map((r) => r[j])); });
  return out;
}
