// spillover survey --spec SPEC.(json|yaml) [--json] — design-based estimates from a declarative spec.
// This file reads the spec and the data (CSV or JSON); all estimation is in src/survey (pure).
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { helpIn, consoleWidth, WIDE_HELP, type Register } from './register.ts';
import type { Columns, EstimateRow, SurveySpec } from '../../survey/index.ts';
import { commandLang, LANG_HELP, textTable, wrapLines } from '../format.ts';
import { LocalizedError, errorText, errorWords, placedError } from '../../locale/errorText.ts';
import type { Label } from '../../locale/index.ts';
import { describeFsError } from '../outputSet.ts';

export const register: Register = (program, _setExitCode, lang) => {
  const h = helpIn(lang);
  program
    .command('survey')
    .description(h('基于设计的调查估计（总量、均值、比例、比率、分位数、子总体），带标准误、置信区间、自由度和设计效应，与 R survey 的算法一致。', 'Design-based survey estimates (totals, means, proportions, ratios, quantiles, domains) with SE, CI, df and deff, as R survey computes them.'))
    .requiredOption('--spec <file>', h('调查说明文件（JSON 或 YAML），使用 svydesign 的名称', 'survey specification (JSON or YAML) using svydesign names'))
    .option('--lang <lang>', LANG_HELP[lang])
    .option('--json', h('以 JSON 输出 {estimates: [...]}', 'print {estimates: [...]} as JSON'))
    .option('--wide', WIDE_HELP[lang])
    .action(async (opts: { spec: string; lang?: string; json?: boolean; wide?: boolean }) => {
      const lang = commandLang(opts.lang);
      const zh = lang === 'zh';
      const { checkSpecKeys, runSurveySpec, SpecError, RowError } = await import('../../survey/index.ts'); // loaded when the command runs
      const { spec, locate } = await readSpec(opts.spec);
      if (typeof spec.data !== 'string') throw new LocalizedError({ zh: `${opts.spec}：'data' 应指明一个 CSV 或 JSON 文件`, en: `${opts.spec}: 'data' must name a CSV or JSON file` });
      let estimates, design, rejected: DataRejection[];
      let placeOf: ((row: number) => Label) | undefined;
      try {
        checkSpecKeys(spec);
        const dataPath = resolve(dirname(opts.spec), spec.data);
        const read = readData(dataPath, numericRoles(spec));
        rejected = read.rejected;
        placeOf = read.placeOf;
        if (rejected.length > 0) {
          const shown = read.rejectedPlaces.slice(0, 10).map((place, k) => {
            const r = rejected[k];
            return zh ? `  ${spec.data}：${place.zh}，“${r.column}”列：${JSON.stringify(r.value)} 不是数值` : `  ${spec.data}: ${place.en}, column "${r.column}": ${JSON.stringify(r.value)} is not a number`;
          });
          const more = rejected.length > 10 ? (zh ? `\n  ……另有 ${rejected.length - 10} 行（见 --json 的 rejected）` : `\n  … and ${rejected.length - 10} more (see --json: rejected)`) : '';
          process.stderr.write(zh ? `spillover: ${spec.data}：${rejected.length} 行被剔除，不进入任何估计（用作数值的列含有文字）：\n${shown.join('\n')}${more}\n` : `spillover: ${spec.data}: ${rejected.length} row(s) rejected and left out of every estimate (a column used as a number holds text):\n${shown.join('\n')}${more}\n`);
        }
        ({ estimates, design } = runSurveySpec(spec, read.columns));
      } catch (e) {
        // a fault in a row of the data: its place in the file (the engine counts the rows it was given, after those rejected)
        if (e instanceof RowError && placeOf) {
          throw placedError(spec.data, e.at(placeOf(e.row)));
        }
        if (e instanceof SpecError) {
          // the spec's file and line, then the key path and the fault as SpecError words them
          const at = `${opts.spec}${locate(e.path)}`;
          throw new LocalizedError({ zh: `${at}：${errorText(e, 'zh').replace(/^(survey spec: |调查说明：)/, '')}`, en: `${at}: ${e.message.replace(/^survey spec: /, '')}` });
        }
        throw e;
      }
      const warnings = design.warnings ?? [];
      for (const w of warnings) process.stderr.write(zh ? `spillover: 警告：${opts.spec}：设计：${w.zh}\n` : `spillover: warning: ${opts.spec}: design: ${w.en}\n`);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ estimates, rejected, warnings }, null, 2)}\n`);
        return;
      }
      const level = spec.level ?? 0.95, method = spec.method ?? 't';
      const width = consoleWidth(opts);
      const cal = design.calibration;
      const calText = cal ? (zh ? `  [${cal.method}：迭代 ${cal.iterations} 次，${cal.converged ? '已收敛' : '未收敛'}]` : `  [${cal.method}: ${cal.iterations} iteration(s), ${cal.converged ? 'converged' : 'NOT converged'}]`) : '';
      process.stdout.write(`${wrapLines(`${design.label}${calText}`, width)}\n`);
      process.stdout.write(zh ? `${Math.round(level * 100)}% 区间：${method === 't' ? '按设计自由度的 t 分布' : '正态分布'}\n\n` : `${Math.round(level * 100)}% intervals: ${method === 't' ? 'Student t with design df' : 'normal'}\n\n`);
      const rows = estimates.map((e) => [
        e.id, zh ? STATISTIC_ZH[e.statistic] : e.statistic, e.variable, e.domain ? Object.entries(e.domain).map(([k, v]) => `${k}=${v}`).join(',') : '',
        fmt(e.estimate), fmt(e.se), `[${fmt(e.ci[0])}, ${fmt(e.ci[1])}]`, String(e.df), String(e.n), e.deff === undefined ? '' : fmt(e.deff),
      ]);
      const header = zh ? ['编号', '统计量', '变量', '子总体', '估计值', '标准误', '置信区间', '自由度', 'n', '设计效应'] : ['id', 'statistic', 'variable', 'domain', 'estimate', 'se', 'ci', 'df', 'n', 'deff'];
      process.stdout.write(`${textTable(header, rows, [4, 5, 7, 8, 9], { width, wrap: [0, 2, 3, 6], secondary: [1, 7, 8, 9] })}\n`);
    });
};

/** The spec's statistic keys in the zh table (en shows the key as the spec writes it). */
const STATISTIC_ZH: Record<EstimateRow['statistic'], string> = { total: '总量', mean: '均值', proportion: '比例', ratio: '比率', quantile: '分位数' };

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toPrecision(6) : String(Number(x.toPrecision(7)));
}

/** The spec, and a function giving ":LINE" of a key path in it (empty when unknown). */
async function readSpec(file: string): Promise<{ spec: SurveySpec; locate: (path: (string | number)[]) => string }> {
  // The YAML reader loads when the command runs, not for --help.
  const [{ LineCounter, parseDocument }, { lineOf, MAX_YAML_DEPTH, yamlNesting }] = await Promise.all([import('../../study/config/yaml.ts'), import('../../study/config/index.ts')]);
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw describeFsError(e, { zh: `无法读取说明文件 ${file}`, en: `cannot read spec ${file}` }); }
  const ext = extname(file).toLowerCase();
  let spec: unknown;
  try {
    const deep = yamlNesting(text);
    if (deep) throw new LocalizedError({ zh: `第 ${deep.line} 行：嵌套超过 ${MAX_YAML_DEPTH} 层（上限）`, en: `line ${deep.line}: nesting deeper than ${MAX_YAML_DEPTH} levels (the limit)` });
    if (ext === '.json') spec = JSON.parse(text);
    else {
      const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
      if (doc.errors.length > 0) throw doc.errors[0];
      spec = doc.toJS({ maxAliasCount: 100 });
    }
  } catch (e) {
    const format = ext === '.json' ? 'JSON' : 'YAML';
    const w = errorWords(e);
    const [zh, en] = typeof w === 'string' ? [w, w] : [w.zh, w.en];
    throw new LocalizedError({ zh: `${file}：${format} 无效：${zh}`, en: `${file}: invalid ${format}: ${en}` });
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw new LocalizedError({ zh: `${file}：说明文件应为含 data、design 和 estimates 的映射`, en: `${file}: the spec must be a mapping with data, design and estimates` });
  const locate = (path: (string | number)[]) => {
    // JSON is YAML too: the same reader finds the line of a key in either.
    const lc = new LineCounter();
    const line = lineOf(parseDocument(text, { lineCounter: lc }), lc, path);
    return line ? `:${line}` : '';
  };
  return { spec: spec as SurveySpec, locate };
}

/** A row left out because a column the spec uses as a number holds text there. */
export interface DataRejection {
  /** "row 7" (CSV, header = row 1) or "record 3" (JSON, 1-based) */
  row: string;
  column: string;
  value: string;
}

/**
 * Columns the spec uses as numbers whatever they hold: weights, probabilities, fpc, replicate weights,
 * the response indicator, both sides of a ratio and quantiles. A total, mean or proportion variable is
 * numeric when most of its values are numbers (otherwise a factor, as in R); see typeColumns.
 */
function numericRoles(spec: SurveySpec): { always: Set<string>; majority: Set<string> } {
  const names = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const always = new Set<string>([...names(spec.design?.weights), ...names(spec.design?.probs), ...names(spec.design?.fpc), ...names(spec.nonresponse?.respond)]);
  if (Array.isArray(spec.repweights?.columns)) for (const c of spec.repweights.columns) always.add(c);
  const majority = new Set<string>();
  for (const e of Array.isArray(spec.estimates) ? spec.estimates : []) {
    for (const c of [...names(e.ratio), ...names(e.quantile)]) always.add(c);
    for (const c of [...names(e.total), ...names(e.mean), ...names(e.proportion)]) majority.add(c);
  }
  return { always, majority };
}

/**
 * Data as columns: CSV (header row) or JSON; typed by typeColumns. placeOf(i): where the i-th row given to the
 * engine (after the rejected rows) is in the file; rejectedPlaces: the place of each rejected row, in both languages.
 */
export function readData(file: string, roles: { always: Set<string>; majority: Set<string> }): { columns: Columns; rejected: DataRejection[]; rejectedPlaces: Label[]; placeOf: (row: number) => Label } {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw describeFsError(e, { zh: `无法读取数据 ${file}`, en: `cannot read data ${file}` }); }
  const raw = extname(file).toLowerCase() === '.json' ? jsonColumns(JSON.parse(text) as unknown, file) : csvColumns(text, file);
  const { columns, rejected, kept, rejectedRows } = typeColumns(raw, roles);
  return { columns, rejected, rejectedPlaces: rejectedRows.map(raw.place), placeOf: (row) => raw.place(kept[row]) };
}

const MISSING = new Set(['', 'NA', 'NaN', 'null']);
type Cell = string | number | null;
/** place(k): where data row k (0-based) is in the file: 第 7 行 / row 7 (CSV, header = row 1) or 第 3 条记录 / record 3 (JSON) */
interface RawColumns { names: string[]; values: Record<string, Cell[]>; place: (k: number) => Label }

const isMissing = (v: Cell) => v === null || (typeof v === 'string' && MISSING.has(v.trim()));
const isNumber = (v: Cell) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));

/**
 * Types each column: numeric when every non-missing value is a number, or when the spec uses it as a
 * number (always) or as a total/mean/proportion variable most of whose values are numbers (majority);
 * text otherwise. A number column's text cell (`5O0`) never turns the column into text: its row is
 * rejected (row, column, value) and left out of every column.
 */
function typeColumns(raw: RawColumns, roles: { always: Set<string>; majority: Set<string> }): { columns: Columns; rejected: DataRejection[]; rejectedRows: number[]; kept: number[] } {
  const n = raw.names.length ? raw.values[raw.names[0]].length : 0;
  const numeric = new Set<string>();
  const rejected: DataRejection[] = [];
  const rejectedRows: number[] = [];
  const bad = new Set<number>();
  for (const name of raw.names) {
    const vs = raw.values[name];
    const present = vs.filter((v) => !isMissing(v));
    const nums = present.filter(isNumber).length;
    if (nums === present.length || roles.always.has(name) || (roles.majority.has(name) && nums * 2 > present.length)) {
      numeric.add(name);
      vs.forEach((v, k) => {
        if (isMissing(v) || isNumber(v)) return;
        if (!bad.has(k)) {
          rejected.push({ row: raw.place(k).en, column: name, value: String(v) });
          rejectedRows.push(k);
        }
        bad.add(k);
      });
    }
  }
  const keep = Array.from({ length: n }, (_, k) => k).filter((k) => !bad.has(k));
  const columns: Record<string, Float64Array | (string | null)[]> = {};
  for (const name of raw.names) {
    const vs = keep.map((k) => raw.values[name][k]);
    columns[name] = numeric.has(name) ? Float64Array.from(vs, (v) => (isMissing(v) ? NaN : Number(v))) : vs.map((v) => (isMissing(v) ? null : String(v)));
  }
  return { columns, rejected, rejectedRows, kept: keep };
}

function jsonColumns(raw: unknown, file: string): RawColumns {
  if (Array.isArray(raw)) {
    const names = [...new Set(raw.flatMap((r) => Object.keys(r as object)))];
    const values = Object.fromEntries(names.map((k) => [k, raw.map((r) => (r as Record<string, Cell>)[k] ?? null)]));
    return { names, values, place: (k) => ({ zh: `第 ${k + 1} 条记录`, en: `record ${k + 1}` }) };
  }
  if (raw && typeof raw === 'object') {
    const values: Record<string, Cell[]> = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (!Array.isArray(v)) throw new LocalizedError({ zh: `${file}：列 '${k}' 不是数组`, en: `${file}: column '${k}' is not an array` });
      values[k] = v as Cell[];
    }
    const lengths = new Set(Object.values(values).map((v) => v.length));
    if (lengths.size > 1) throw new LocalizedError({ zh: `${file}：各列长度不同（${[...lengths].join(', ')}）`, en: `${file}: columns have different lengths (${[...lengths].join(', ')})` });
    return { names: Object.keys(values), values, place: (k) => ({ zh: `第 ${k + 1} 条记录`, en: `record ${k + 1}` }) };
  }
  throw new LocalizedError({ zh: `${file}：应为记录的数组，或由列组成的对象`, en: `${file}: expected an array of records or an object of columns` });
}

function csvColumns(text: string, file: string): RawColumns {
  const rows: string[][] = [];
  const lineNo: number[] = [];
  let row: string[] = [], field = '', quoted = false, record = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false; } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (!(row.length === 1 && row[0] === '')) { rows.push(row); lineNo.push(record); }
      row = [];
      record++;
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); lineNo.push(record); }
  if (rows.length === 0) throw new LocalizedError({ zh: `${file}：CSV 是空的`, en: `${file}: empty CSV` });
  const header = rows[0].map((h) => h.replace(/^\uFEFF/, '').trim());
  const seen = new Map<string, number>();
  header.forEach((h, j) => {
    if (seen.has(h)) throw new LocalizedError({ zh: `${file}：第 ${lineNo[0]} 行：表头 "${h}" 出现两次（第 ${seen.get(h)! + 1} 和第 ${j + 1} 列）；请改名其一`, en: `${file}: row ${lineNo[0]}: the header "${h}" appears twice (columns ${seen.get(h)! + 1} and ${j + 1}); rename one` });
    seen.set(h, j);
  });
  rows.slice(1).forEach((r, k) => { if (r.length !== header.length) throw new LocalizedError({ zh: `${file}：第 ${lineNo[k + 1]} 行有 ${r.length} 个字段，表头有 ${header.length} 个`, en: `${file}: row ${lineNo[k + 1]} has ${r.length} fields, header has ${header.length}` }); });
  const values = Object.fromEntries(header.map((h, j) => [h, rows.slice(1).map((r) => r[j])]));
  return { names: header, values, place: (k) => ({ zh: `第 ${lineNo[k + 1]} 行`, en: `row ${lineNo[k + 1]}` }) };
}
