// The `transactions:` section of study.yaml: payment-transaction files, their column mapping, and
// the voucher programmes. Pure (the caller passes the text). Errors name file, YAML path and line.
import { ConfigError, formatPath, lineOf, studyDocument } from '../config/index.ts';
import { withoutPlace, yamlSyntaxWords } from '../config/configWords.ts';
import type { ErrorWords } from '../../locale/errorText.ts';
import { parseQuantity, type Label } from '../../locale/index.ts';

export interface DateRange {
  /** Local calendar dates in the study's time zone, inclusive: 'YYYY-MM-DD'. */
  start: string;
  end: string;
}

export const REQUIRED_COLUMNS = ['id', 'time', 'payer', 'merchant', 'city', 'industry', 'amount', 'discount'] as const;
export const OPTIONAL_COLUMNS = ['age_band', 'merchant_size', 'refund'] as const;
export type TransactionField = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
/** The columns whose values a reader sees as names: cities, industries, merchant size classes, age bands. */
export const NAMED_COLUMNS = ['city', 'industry', 'merchant_size', 'age_band'] as const;
export type NamedColumn = (typeof NAMED_COLUMNS)[number];
/** `names:` of the transactions section: a value in the data → its name in each language. */
export type DataNames = Partial<Record<NamedColumn, Record<string, Label>>>;

export interface Applicants {
  /** CSV file relative to the study file, or (with a ClickHouse source) `clickhouse:database.table` for display */
  file: string;
  /** with a ClickHouse source: the applicants' table in the source's database (as `spillover load` writes it) */
  table?: string;
  payer: string;
  won: string;
  yamlPath: string;
}

export interface Programme {
  city: string;
  rounds: DateRange[];
  /** Budget in yuan (as declared; shown, not used in an estimate). */
  budget?: number;
  /** 满 threshold 减 discount, in yuan. */
  rule?: { text: string; threshold: number; discount: number };
  applicants?: Applicants;
  yamlPath: string;
}

/** A ClickHouse table of transactions (a Distributed table over a cluster); credentials are names of env variables. */
export interface TransactionsSource {
  clickhouse: { url: string; database: string; table: string; cluster?: string; user_env?: string; password_env?: string };
}

export interface TransactionsConfig {
  /**
   * File, folder (every Parquet/CSV file below it, e.g. a partitioned dataset) or glob, relative to the study file;
   * with `source`, its display name `clickhouse:database.table`.
   */
  files: string;
  /** Read the transactions from a ClickHouse table instead of files (same column mapping, table columns for headers). */
  source?: TransactionsSource;
  format: 'parquet' | 'csv';
  timezone: string;
  window: DateRange;
  columns: Partial<Record<TransactionField, string>> & Record<(typeof REQUIRED_COLUMNS)[number], string>;
  covered: string[];
  compare?: { before: DateRange; after: DateRange };
  /** Event-study and lottery windows: weeks before and after a lottery draw (default 4). */
  weeks: number;
  programmes: Programme[];
  /** The data's values in each language (`names: {city: {杭州: Hangzhou}}`); a value not listed is shown as in the data. */
  names: DataNames;
  /** YAML line of each path used in later messages ("study.yaml:12: transactions.columns.time"). */
  where: Record<string, string>;
}

type Raw = Record<string, unknown>;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * parseTransactions(text, source) → the `transactions:` section, or null when the study has none.
 * Example (YAML): transactions: {files: data/tx, window: {start: 2020-03-01, end: 2020-05-31},
 * columns: {...}, covered: [餐饮], programmes: [{city: 嘉兴, rounds: [{start: …, end: …}], rule: 满40减10}]}.
 */
export function parseTransactions(text: string, source: string): TransactionsConfig | null {
  const { doc, lc } = studyDocument(text);
  if (doc.errors.length > 0) throw new ConfigError(source, '', doc.errors[0].linePos?.[0]?.line ?? null, yamlSyntaxWords(doc.errors[0]));
  const root = doc.toJS() as Raw | null;
  if (!root || typeof root !== 'object' || root.transactions === undefined) return null;
  const where: Record<string, string> = {};
  const at = (path: (string | number)[]): string => {
    const line = lineOf(doc, lc, path);
    const s = `${source}${line ? `:${line}` : ''}: ${formatPath(path)}`;
    where[formatPath(path)] = s;
    return s;
  };
  const fail = (path: (string | number)[], detail: ErrorWords): never => {
    throw new ConfigError(source, formatPath(path), lineOf(doc, lc, path), detail);
  };
  const map = (v: unknown, path: (string | number)[]): Raw => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) fail(path, { zh: '应为映射（键: 值）', en: 'expected a mapping (key: value)' });
    return v as Raw;
  };
  const known = (m: Raw, keys: readonly string[], path: (string | number)[]) => {
    for (const k of Object.keys(m)) if (!keys.includes(k)) fail([...path, k], { zh: `未知的键 "${k}"；应为以下之一：${keys.join(', ')}`, en: `unknown key "${k}"; expected one of ${keys.join(', ')}` });
  };
  const str = (v: unknown, path: (string | number)[]): string => {
    if (typeof v !== 'string' || v.trim() === '') fail(path, { zh: '应为非空文本', en: 'expected a non-empty text' });
    return (v as string).trim();
  };
  function clickhouseSource(v: unknown, path: (string | number)[]): TransactionsSource {
    const m = map(v, path);
    known(m, ['clickhouse'], path);
    const c = map(m.clickhouse, [...path, 'clickhouse']);
    const P2 = [...path, 'clickhouse'];
    known(c, ['url', 'database', 'table', 'cluster', 'user_env', 'password_env'], P2);
    for (const k of ['url', 'database', 'table']) if (c[k] === undefined) fail(P2, { zh: `缺少必需的键 "${k}"`, en: `missing required key "${k}"` });
    const url = str(c.url, [...P2, 'url']);
    if (!/^https?:\/\//.test(url)) fail([...P2, 'url'], { zh: `应为 http:// 或 https:// 网址，实为 ${JSON.stringify(url)}`, en: `expected an http:// or https:// URL, got ${JSON.stringify(url)}` });
    const out: TransactionsSource['clickhouse'] = { url, database: str(c.database, [...P2, 'database']), table: str(c.table, [...P2, 'table']) };
    if (c.cluster !== undefined) out.cluster = str(c.cluster, [...P2, 'cluster']);
    for (const k of ['user_env', 'password_env'] as const) {
      if (c[k] === undefined) continue;
      const name = str(c[k], [...P2, k]);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail([...P2, k], { zh: `应为环境变量的名称（字母、数字、_），实为 ${JSON.stringify(name)}；凭据从不写在研究文件中`, en: `expected the NAME of an environment variable (letters, digits, _), got ${JSON.stringify(name)}; credentials are never written in the study file` });
      out[k] = name;
    }
    return { clickhouse: out };
  }
  const date = (v: unknown, path: (string | number)[]): string => {
    // YAML reads an unquoted 2020-03-01 as a date; keep the calendar day as written.
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.trim() : '';
    if (!DATE.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`)) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s) fail(path, { zh: `应为 YYYY-MM-DD 格式的日期，实为 ${JSON.stringify(v)}`, en: `expected a date YYYY-MM-DD, got ${JSON.stringify(v)}` });
    return s;
  };
  const range = (v: unknown, path: (string | number)[]): DateRange => {
    const m = map(v, path);
    known(m, ['start', 'end'], path);
    const r = { start: date(m.start, [...path, 'start']), end: date(m.end, [...path, 'end']) };
    if (r.end < r.start) fail([...path, 'end'], { zh: `结束日（${r.end}）早于开始日（${r.start}）`, en: `ends (${r.end}) before it starts (${r.start})` });
    at(path);
    return r;
  };
  const t = map(root.transactions, ['transactions']);
  const P = ['transactions'];
  known(t, ['files', 'source', 'format', 'timezone', 'window', 'columns', 'covered', 'compare', 'weeks', 'programmes', 'names'], P);
  if ((t.files === undefined) === (t.source === undefined)) fail(P, t.files === undefined ? { zh: '缺少必需的键 "files"（或 "source: {clickhouse: …}"）', en: 'missing required key "files" (or "source: {clickhouse: …}")' } : { zh: '"files" 与 "source" 只能给一个', en: 'give either "files" or "source", not both' });
  for (const k of ['window', 'columns', 'covered', 'programmes']) if (t[k] === undefined) fail(P, { zh: `缺少必需的键 "${k}"`, en: `missing required key "${k}"` });
  const chSource = t.source === undefined ? undefined : clickhouseSource(t.source, [...P, 'source']);
  const files = chSource ? `clickhouse:${chSource.clickhouse.database}.${chSource.clickhouse.table}` : str(t.files, [...P, 'files']);
  at([...P, chSource ? 'source' : 'files']);
  if (chSource) where['transactions.files'] = where['transactions.source'];
  const format = t.format === undefined ? (/\.csv$/i.test(files) ? 'csv' : 'parquet') : t.format;
  if (format !== 'parquet' && format !== 'csv') fail([...P, 'format'], { zh: '应为 parquet 或 csv', en: 'expected parquet or csv' });
  const timezone = t.timezone === undefined ? 'Asia/Shanghai' : str(t.timezone, [...P, 'timezone']);
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(timezone)) fail([...P, 'timezone'], { zh: `不是时区名称：${JSON.stringify(timezone)}（应如 Asia/Shanghai）`, en: `not a time-zone name: ${JSON.stringify(timezone)} (expected e.g. Asia/Shanghai)` });
  const window = range(t.window, [...P, 'window']);
  const cm = map(t.columns, [...P, 'columns']);
  known(cm, [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS], [...P, 'columns']);
  const columns: Record<string, string> = {};
  for (const k of REQUIRED_COLUMNS) {
    if (cm[k] === undefined) fail([...P, 'columns'], { zh: `缺少必需的键 "${k}"（${k} 列的表头）`, en: `missing required key "${k}" (the ${k} column's header)` });
  }
  for (const [k, v] of Object.entries(cm)) { columns[k] = str(v, [...P, 'columns', k]); at([...P, 'columns', k]); }
  if (!Array.isArray(t.covered) || t.covered.length === 0) fail([...P, 'covered'], { zh: '应为消费券可用行业的列表', en: 'expected a list of the industries the vouchers can be spent in' });
  const covered = (t.covered as unknown[]).map((v, i) => str(v, [...P, 'covered', i]));
  at([...P, 'covered']);
  let compare: TransactionsConfig['compare'];
  if (t.compare !== undefined) {
    const c = map(t.compare, [...P, 'compare']);
    known(c, ['before', 'after'], [...P, 'compare']);
    compare = { before: range(c.before, [...P, 'compare', 'before']), after: range(c.after, [...P, 'compare', 'after']) };
    for (const w of ['before', 'after'] as const) {
      if (compare[w].start < window.start || compare[w].end > window.end) fail([...P, 'compare', w], { zh: `${compare[w].start}…${compare[w].end} 不在研究时段 ${window.start}…${window.end} 之内`, en: `${compare[w].start}…${compare[w].end} is not inside the study window ${window.start}…${window.end}` });
    }
  }
  const weeks = t.weeks === undefined ? 4 : t.weeks;
  if (!Number.isInteger(weeks) || (weeks as number) < 1 || (weeks as number) > 26) fail([...P, 'weeks'], { zh: '应为 1…26 的整数周数', en: 'expected an integer number of weeks 1…26' });
  if (!Array.isArray(t.programmes) || t.programmes.length === 0) fail([...P, 'programmes'], { zh: '应为消费券项目的列表', en: 'expected a list of voucher programmes' });
  const cities = new Set<string>();
  const programmes = (t.programmes as unknown[]).map((pv, i): Programme => {
    const path = [...P, 'programmes', i];
    const p = map(pv, path);
    known(p, ['city', 'rounds', 'budget', 'rule', 'applicants'], path);
    const city = str(p.city, [...path, 'city']);
    if (cities.has(city)) fail([...path, 'city'], { zh: `城市 ${city} 有两个项目；请把各轮列在一个项目中`, en: `city ${city} has two programmes; list its rounds in one` });
    cities.add(city);
    if (!Array.isArray(p.rounds) || p.rounds.length === 0) fail([...path, 'rounds'], { zh: '应为各轮 {start, end} 的列表', en: 'expected a list of rounds {start, end}' });
    const rounds = (p.rounds as unknown[]).map((r, k) => range(r, [...path, 'rounds', k])).sort((a, b) => (a.start < b.start ? -1 : 1));
    rounds.forEach((r, k) => {
      if (r.start < window.start || r.end > window.end) fail([...path, 'rounds', k], { zh: `这一轮 ${r.start}…${r.end} 超出研究时段 ${window.start}…${window.end}（数据只覆盖该时段）`, en: `round ${r.start}…${r.end} falls outside the study window ${window.start}…${window.end} (the data cover only the window)` });
    });
    let budget: number | undefined;
    if (p.budget !== undefined) {
      try { budget = parseQuantity(p.budget, formatPath([...path, 'budget'])); } catch (e) { fail([...path, 'budget'], withoutPlace(e)); }
    }
    let rule: Programme['rule'];
    if (p.rule !== undefined) {
      const text = str(p.rule, [...path, 'rule']);
      const m = /^满\s*(\d+(?:\.\d+)?)\s*(?:元)?\s*减\s*(\d+(?:\.\d+)?)\s*(?:元)?$/.exec(text);
      if (!m || !(Number(m[2]) < Number(m[1]))) fail([...path, 'rule'], { zh: `应为 满40减10 这样的规则（满 40 元减 10 元），实为 ${JSON.stringify(text)}`, en: `expected a rule like 满40减10 (spend at least 40, 10 off), got ${JSON.stringify(text)}` });
      rule = { text, threshold: Number(m![1]), discount: Number(m![2]) };
    }
    let applicants: Applicants | undefined;
    if (p.applicants !== undefined) {
      const a = map(p.applicants, [...path, 'applicants']);
      known(a, ['file', 'table', 'payer', 'won'], [...path, 'applicants']);
      if ((a.file === undefined) === (a.table === undefined)) fail([...path, 'applicants'], { zh: '"file"（CSV 文件）与 "table"（ClickHouse 数据源库中的表）只能给一个', en: 'give either "file" (a CSV) or "table" (in the ClickHouse source\'s database)' });
      if (a.file !== undefined && chSource) fail([...path, 'applicants', 'file'], { zh: '交易来自 ClickHouse 时，申领者也是那里的一张表（由 `spillover load` 写入）：请给 "table" 而不是 "file"', en: 'with transactions from ClickHouse the applicants are a table there too (`spillover load` writes it): give "table" instead of "file"' });
      if (a.table !== undefined && !chSource) fail([...path, 'applicants', 'table'], { zh: '表需要交易来自 ClickHouse（transactions.source）；交易为文件时，请给申领者文件', en: 'a table needs transactions from ClickHouse (transactions.source); with files, give the applicants\' file' });
      const table = a.table === undefined ? undefined : str(a.table, [...path, 'applicants', 'table']);
      const file = table !== undefined ? `clickhouse:${chSource!.clickhouse.database}.${table}` : str(a.file, [...path, 'applicants', 'file']);
      applicants = { file, ...(table !== undefined ? { table } : {}), payer: str(a.payer ?? 'payer', [...path, 'applicants', 'payer']), won: str(a.won ?? 'won', [...path, 'applicants', 'won']), yamlPath: formatPath([...path, 'applicants']) };
      at([...path, 'applicants']); at([...path, 'applicants', table !== undefined ? 'table' : 'file']);
      if (table !== undefined) where[`${formatPath([...path, 'applicants'])}.file`] = where[`${formatPath([...path, 'applicants'])}.table`];
    }
    at(path); at([...path, 'city']); at([...path, 'rounds']);
    return { city, rounds, budget, rule, applicants, yamlPath: formatPath(path) };
  });
  // names: {city: {杭州: Hangzhou, 嘉兴: {zh: 嘉兴市, en: Jiaxing}}, …}: an en string keeps the data's value in zh.
  const names: DataNames = {};
  if (t.names !== undefined) {
    const nm = map(t.names, [...P, 'names']);
    known(nm, NAMED_COLUMNS, [...P, 'names']);
    for (const column of NAMED_COLUMNS) {
      if (nm[column] === undefined) continue;
      const path = [...P, 'names', column];
      const out: Record<string, Label> = {};
      for (const [value, name] of Object.entries(map(nm[column], path))) {
        const vp = [...path, value];
        if (!name || typeof name !== 'object' || Array.isArray(name)) out[value] = { zh: value, en: str(name, vp) };
        else {
          const l = name as Raw;
          known(l, ['zh', 'en'], vp);
          for (const k of ['zh', 'en']) if (l[k] === undefined) fail(vp, { zh: `缺少必需的键 "${k}"（名称为英文文本，或 {zh, en}）`, en: `missing required key "${k}" (a name is an English text, or {zh, en})` });
          out[value] = { zh: str(l.zh, [...vp, 'zh']), en: str(l.en, [...vp, 'en']) };
        }
      }
      names[column] = out;
      at(path);
    }
  }
  return { files, ...(chSource ? { source: chSource } : {}), format: format as 'parquet' | 'csv', timezone, window, columns: columns as TransactionsConfig['columns'], covered, compare, weeks: weeks as number, programmes, names, where };
}
