// Internal: the screening step shared by loadQuestionnaire and aggregateQuestionnaire. Every cell arrives as
// text; conversion and every row-level check happen in DuckDB SQL. Temp tables (dropped by Screened.drop):
//   raw:      every row in file order: __row (or rowid), __id, __blank, __x0…__x{k-1} (converted field values),
//             __pre / __post (row-local faults before / after duplicate-id, 'code|arg;…' or NULL),
//             __raw (rows with a fault only: id, surplus cell, then each field's trimmed cell text)
//   dup:      the first row of every id seen more than once, and whether its rows' answers differ (__conflict);
//             with dedupe.keep_latest_by, of the rows at the id's latest timestamp (__tmax), earlier rows superseded
//   rejected: the rejected rows in row order: __row, __id, __faults, __raw
import type { Db } from './openDatabase.ts';
import { DataError } from './DataError.ts';
import { compileRule } from './compileRule.ts';
import type { ColumnMatch } from './matchColumns.ts';
import { sqlString, type Staged } from './stage.ts';
import type { FieldSpec, QuestionnaireSpec, Rejection } from './types.ts';
import { duckdbDialect } from './sql/duckdbDialect.ts';
import { TIMESTAMP_EXAMPLE, duckdbTimestampLevels } from './timestampKey.ts';
import { LANGS, rejectionName, rejectionText, ruleCode as codeOfRule, ruleReasons, type Label, type RejectionDetail } from '../locale/index.ts';
import { internalError } from '../locale/errorText.ts';

export const TRUE_WORDS = ['是', 'y', 'yes', 'true', '1'];
export const FALSE_WORDS = ['否', 'n', 'no', 'false', '0'];

/** trim(x), NULL if empty; trim only runs on cells that start or end with a space (trim is the costly part). */
export const trimmed = (x: string) => `nullif(CASE WHEN ${x} LIKE ' %' OR ${x} LIKE '% ' THEN trim(${x}) ELSE ${x} END, '')`;

const sqlList = (xs: string[]) => `[${xs.map(sqlString).join(', ')}]`;

export const isNumeric = (f: FieldSpec) => f.type === 'number' || f.type === 'share' || f.type === 'count' || f.type === 'boolean';

/** A field whose cells DuckDB's CSV reader can type as DOUBLE (number, share, count; not boolean). */
export const isTypedNumber = (f: FieldSpec) => isNumeric(f) && f.type !== 'boolean';

/** `d`: TRY_CAST(v AS DOUBLE), computed once in an inner projection (number, share, count). */
function valueSql(f: FieldSpec, v: string, d: string, percent: boolean): string {
  const num =
    `CASE WHEN ${v} IS NULL THEN NULL ` +
    `WHEN isfinite(${d}) AND NOT contains(${v}, '_') THEN ${d} ` +
    `WHEN regexp_full_match(${v}, '[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?') THEN CAST(replace(${v}, ',', '') AS DOUBLE) ` +
    (f.type === 'share' && percent ? `WHEN regexp_full_match(${v}, '[+-]?(\\d+(\\.\\d*)?|\\.\\d+) *%') THEN CAST(rtrim(rtrim(${v}, '%'), ' ') AS DOUBLE) / 100 ` : '') +
    `END`;
  switch (f.type) {
    case 'number':
    case 'share':
    case 'count':
      return num;
    case 'boolean':
      // list functions, not IN (…): DuckDB plans IN lists as joins, ~2.5× slower here
      return `CASE WHEN list_contains(${sqlList(TRUE_WORDS)}, lower(${v})) THEN 1.0 WHEN list_contains(${sqlList(FALSE_WORDS)}, lower(${v})) THEN 0.0 END`;
    case 'category':
      if (f.levels && f.levels.length > 0) {
        // the level as written in `levels`, looked up by its NFKC lower-case key (NULL when absent)
        return `(${sqlList(f.levels)})[list_position(${sqlList(f.levels.map((l) => l.normalize('NFKC').trim().toLowerCase()))}, lower(${v}))]`;
      }
      return v;
    case 'text':
      return v;
  }
}

/** The checks of a non-empty cell, in reporting order: [condition, code] (valid SQL in DuckDB and ClickHouse). */
export function checksOf(f: FieldSpec, x: string): [string, string][] {
  const parts: [string, string][] = [];
  if (f.type === 'boolean') parts.push([`${x} IS NULL`, 'not-boolean']);
  else if (f.type === 'category') parts.push([`${x} IS NULL`, 'unknown-level']);
  else if (isNumeric(f)) parts.push([`${x} IS NULL`, 'non-numeric']);
  if (f.type === 'share') parts.push([`${x} < 0 OR ${x} > 1`, 'share-out-of-range']);
  if (f.type === 'count') parts.push([`${x} < 0`, 'negative'], [`${x} <> floor(${x})`, 'not-integer']);
  if (isNumeric(f) && f.min !== undefined) parts.push([`${x} < ${f.min}`, f.min === 0 ? 'negative' : 'below-min']);
  if (isNumeric(f) && f.max !== undefined) parts.push([`${x} > ${f.max}`, 'above-max']);
  return parts;
}

/** The first fault of a cell ('code' or NULL). */
function faultSql(f: FieldSpec, v: string, x: string): string {
  const parts = [`WHEN ${v} IS NULL THEN ${f.required ? `'missing-required'` : 'NULL'}`, ...checksOf(f, x).map(([c, code]) => `WHEN ${c} THEN '${code}'`)];
  return `CASE ${parts.join(' ')} END`;
}

/**
 * true when the cell has no fault: the cheap test of the common case (faultSql IS NULL, without strings). A value is
 * never NULL for a non-empty cell that passes its checks, so a required cell needs only x; an optional one looks at
 * the cell text only when the value fails.
 */
function okSql(f: FieldSpec, v: string, x: string): string {
  const checks = checksOf(f, x).map(([c]) => `(${c})`);
  const good = checks.length > 0 ? `NOT (${checks.join(' OR ')})` : 'true';
  return f.required ? `(${x} IS NOT NULL AND ${good})` : `(${good} OR ${v} IS NULL)`;
}

export interface Screened {
  /** the rejected rows, one per row: __row, __id, __faults ('code|arg;…'), __raw (id, surplus cell, each field's trimmed cell) */
  table: string;
  /** a FROM-clause item with the valid rows: __row, __id, __x0…__x{k-1} (converted field values), in no particular order */
  validRelation: string;
  rowsRead: number;
  valid: number;
  rejected: number;
  blankRows: number;
  reasons: Record<string, number>;
  /** decode one rejected row (__row, __id, __faults, __raw) into a Rejection */
  rejection(row: number, id: string | null, faults: string, raw: (string | null)[]): Rejection;
  /** drop the temp tables */
  drop(): Promise<void>;
}

/** Checks field specs that the SQL relies on. */
export function checkFields(fields: FieldSpec[], file: string): void {
  const seen = new Set<string>();
  for (const f of fields) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(f.name)) {
      throw new DataError({ zh: `${file}：字段名 ${JSON.stringify(f.name)} 须以字母开头，其后只能是字母、数字或 _`, en: `${file}: field name "${f.name}" must be a letter followed by letters, digits or _` }, { file });
    }
    if (seen.has(f.name.toLowerCase())) throw new DataError({ zh: `${file}：字段 ${f.name} 声明了两次`, en: `${file}: field "${f.name}" declared twice` }, { file });
    seen.add(f.name.toLowerCase());
    for (const [k, b] of [['min', f.min], ['max', f.max]] as const) {
      if (b !== undefined && !Number.isFinite(b)) throw new DataError({ zh: `${file}：字段 ${f.name} 的 ${k} 应为有限的数，实际为 ${b}`, en: `${file}: field "${f.name}": ${k} must be a finite number, got ${b}` }, { file });
    }
  }
}

/**
 * The per-row screening of a staged relation, as SQL (shared by screen and the one-pass aggregation):
 * `rows` is a FROM-clause item with, per staged record in no particular order, (__row unless staged.rowidBase),
 * __id, __extra, __blank, __v0…__v{k-1} (trimmed cell texts), __x0…__x{k-1} (converted values) and
 * __pre / __post (the row-local faults before / after duplicate-id, 'code|arg;…' or NULL); `ok` is a boolean over
 * those columns: the row is not blank and has no row-local fault (__pre and __post both NULL), computed without
 * building the fault strings. Checks the field specs and that every rule is a boolean expression.
 * `doubles`: the columns the relation holds as DOUBLE (staged.typedRelation), each mapped by number/share/count
 * fields only: the value is the cell's number when finite (as TRY_CAST of its text would give), else NULL.
 * `cellsKept`: the caller keeps every __v{i} (screen does, for the rejected rows' cells), so DuckDB computes them for
 * every row anyway: the rare cells (a number that needs trimming or is written '1,234' / '5 %', an empty optional
 * number) are read from __v{i}; otherwise from the trimmed cell, whose trim then runs only on those cells. The same
 * values either way; __v{i} makes the statement a third shorter, and DuckDB plans it that much faster.
 */
export async function rowChecks(
  db: Db,
  staged: Staged,
  match: ColumnMatch,
  spec: QuestionnaireSpec,
  fields: FieldSpec[],
  doubles: ReadonlySet<number> = new Set(),
  cellsKept = false,
): Promise<RowChecks> {
  const file = spec.displayPath;
  const base = spec.yamlPath ?? `questionnaires.${spec.key}`;
  checkFields(fields, file);
  const percent = (spec.percent ?? 'auto') === 'auto';
  const col = (i: number) => `c${i}`;
  const rawOf = (f: FieldSpec) => (match.fields[f.name] >= 0 ? col(match.fields[f.name]) : 'CAST(NULL AS VARCHAR)');
  const allCols = [...staged.header.map((_, i) => col(i)), '__extra'];
  // dedupe.keep_latest_by: the timestamp cell (__ts), its parts (__tp), their numbers (__tn…) and sortable key (__t; see timestampKey.ts)
  const latest = match.latest !== undefined;
  const stamp = latest ? duckdbTimestampLevels(duckdbDialect, trimmed(col(match.latest!))) : null;
  const typed = (f: FieldSpec) => doubles.has(match.fields[f.name]);
  for (const f of fields) if (typed(f) && !isTypedNumber(f)) throw internalError(`${f.name} (${f.type}) read as DOUBLE`);

  const a = [
    ...(staged.rowidBase === undefined ? ['__row'] : []),
    `${trimmed(col(match.id))} AS __id`,
    ...(stamp ? [`${trimmed(col(match.latest!))} AS __ts`, stamp.parts] : []),
    '__extra',
    `${allCols.map((c) => `${c} IS NULL`).join(' AND ')} AS __blank`,
    // full-width digits and spaces were made ASCII while staging (toHalfWidth); here only trim
    ...fields.map((f, i) =>
      typed(f) ? `${rawOf(f)} AS __v${i}` : f.type === 'text' ? `${trimmed(`replace(${rawOf(f)}, chr(13) || chr(10), chr(10))`)} AS __v${i}` : `${trimmed(rawOf(f))} AS __v${i}`,
    ),
  ];
  // Numbers: TRY_CAST skips the white space around a number, so the cast of the untrimmed cell (__r) is the value
  // whenever it is a finite number without '_' (the common cell: no trim); any other cell goes through valueSql.
  const number = isTypedNumber;
  const cellOf = (f: FieldSpec, i: number) => (typed(f) ? `__r${i}` : number(f) && !cellsKept ? trimmed(`__r${i}`) : `__v${i}`);
  const rawCells = fields.flatMap((f, i) => (number(f) ? [`${rawOf(f)} AS __r${i}`] : []));
  const casts = [
    ...fields.flatMap((f, i) => (number(f) && !typed(f) ? [`TRY_CAST(__r${i} AS DOUBLE) AS __d${i}`] : [])),
    ...(stamp ? stamp.numbers : []),
  ];
  const b = fields.map((f, i) =>
    typed(f)
      ? `CASE WHEN isfinite(__r${i}) THEN __r${i} END AS __x${i}`
      : number(f)
      ? `CASE WHEN isfinite(__d${i}) AND NOT contains(__r${i}, '_') THEN __d${i} ELSE ${valueSql(f, cellOf(f, i), `TRY_CAST(${cellOf(f, i)} AS DOUBLE)`, percent)} END AS __x${i}`
      : `${valueSql(f, `__v${i}`, `__d${i}`, percent)} AS __x${i}`,
  );
  if (stamp) b.push(stamp.key);
  const c = fields.map((f, i) => faultSql(f, `__v${i}`, `__x${i}`));
  const names = Object.fromEntries(fields.map((f, i) => [f.name, `__x${i}`]));
  const rules = (spec.rules ?? []).map((r, k) => {
    const where = `${base}.rules[${k}].check`;
    const reason = typeof r.reason === 'string' ? r.reason.trim() : r.reason && typeof r.reason.zh === 'string' && typeof r.reason.en === 'string' ? r.reason : '';
    if (typeof r.check !== 'string' || reason === '') {
      throw new DataError({ zh: `${file}：第 ${k + 1} 条规则（${base}.rules[${k}]）须有 check 和 reason`, en: `${file}: rule ${k + 1} (${base}.rules[${k}]) needs a check and a reason` }, { file, yamlPath: `${base}.rules[${k}]` });
    }
    return { sql: compileRule(r.check, names, file, where), where, check: r.check, reason };
  });
  // Each rule must be a boolean expression over the fields' types: all described by one query, and one by one (in
  // order, for the first fault's message) only when that query fails.
  const probe = fields.map((f, i) => `CAST(NULL AS ${isNumeric(f) ? 'DOUBLE' : 'VARCHAR'}) AS __x${i}`).join(', ');
  const described = rules.length > 1
    ? await db.connection.runAndReadAll(`DESCRIBE SELECT ${rules.map((r, k) => `(${r.sql}) AS ok${k}`).join(', ')} FROM (SELECT ${probe})`).then((res) => res.getRows().map((row) => String(row[1])), () => null)
    : null;
  for (const [k, r] of rules.entries()) {
    let type: string;
    try {
      type = described ? described[k] : String((await db.connection.runAndReadAll(`DESCRIBE SELECT (${r.sql}) AS ok FROM (SELECT ${probe})`)).getRows()[0][1]);
    } catch (e) {
      const why = (e as Error).message.split('\n')[0];
      throw new DataError({ zh: `${file}：规则 ${JSON.stringify(r.check)}（${r.where}）无效（DuckDB：${why}）`, en: `${file}: rule ${JSON.stringify(r.check)} (${r.where}) is not valid: ${why}` }, { file, yamlPath: r.where });
    }
    if (type !== 'BOOLEAN') {
      throw new DataError({ zh: `${file}：规则 ${JSON.stringify(r.check)}（${r.where}）的结果应为真/假，实际类型是 ${type}`, en: `${file}: rule ${JSON.stringify(r.check)} (${r.where}) must be true/false, but gives ${type}` }, { file, yamlPath: r.where });
    }
  }
  // A text field compared with a number (`provider_type = 1`) passes DESCRIBE — DuckDB casts the text when it runs —
  // and would stop on the first row as "Conversion Error … __x3". Evaluated once with text in every text field (numbers
  // NULL, so no arithmetic can fail), such a rule fails here, named. Only a conversion of that text is this fault: any
  // other failure on the made-up text (ln of a length, say) is left to the data.
  if (rules.length > 0) {
    const textProbe = fields.map((f, i) => (isNumeric(f) ? `CAST(NULL AS DOUBLE) AS __x${i}` : `'text' AS __x${i}`)).join(', ');
    const evaluate = (sql: string) => db.connection.run(`SELECT ${sql} FROM (SELECT ${textProbe})`).then(() => null, (e: Error) => e);
    if (await evaluate(rules.map((r, k) => `(${r.sql}) AS ok${k}`).join(', '))) {
      for (const r of rules) {
        const e = await evaluate(`(${r.sql}) AS ok`);
        if (!e || !/^Conversion Error/.test(e.message)) continue;
        const textFields = fields.filter((f, i) => !isNumeric(f) && new RegExp(`\\b__x${i}\\b`).test(r.sql));
        const text = textFields.map((f) => f.name);
        const example = `${text[0] ?? 'region'} = '${textFields[0]?.levels?.[0] ?? '…'}'`;
        const why = fieldNamesIn(e.message.split('\n')[0], fields);
        throw new DataError(
          {
            zh: `${file}：规则 ${JSON.stringify(r.check)}（${r.where}）把文本字段（${text.join('、')}）当作数字：文本字段要与加引号的值比较，例如 ${example}（DuckDB：${why}）`,
            en: `${file}: rule ${JSON.stringify(r.check)} (${r.where}) uses the text field(s) ${text.join(', ')} as a number: compare a text field with a quoted value, e.g. ${example} (DuckDB: ${why})`,
          },
          { file, yamlPath: r.where },
        );
      }
    }
  }
  // The fault strings are built only for rows that fail the cheap boolean checks (the common row has none).
  // fieldsOk: no field has a fault (okSql: faultSql IS NULL), also what a rule's fault needs (rules are checked on valid fields)
  const fieldsOk = fields.length > 0 ? fields.map((f, i) => okSql(f, cellOf(f, i), `__x${i}`)).join(' AND ') : 'true';
  const rulesOk = rules.map((r) => `coalesce((${r.sql}), true)`);
  // faults in reporting order: id missing, extra cells, timestamp (-2), [duplicate id: added in step 3], fields, rules
  const tsFault = latest ? `, CASE WHEN __ts IS NULL THEN 'missing-required|-2' WHEN __t IS NULL THEN 'unparseable-timestamp|-2' END` : '';
  const pre =
    `CASE WHEN __blank OR (__id IS NOT NULL AND __extra IS NULL${latest ? ' AND __t IS NOT NULL' : ''}) THEN NULL ELSE nullif(concat_ws(';', ` +
    `CASE WHEN __id IS NULL THEN 'missing-required|-1' END, CASE WHEN nullif(trim(__extra), '') IS NOT NULL THEN 'extra-fields|' END${tsFault}), '') END`;
  const postParts = [...c.map((x, i) => `${x} || '|${i}'`), ...rules.map((r, k) => `CASE WHEN ${fieldsOk} AND NOT coalesce((${r.sql}), true) THEN 'rule|${k}' END`)];
  const post =
    postParts.length > 0
      ? `CASE WHEN __blank OR (${[fieldsOk, ...rulesOk].join(' AND ')}) THEN NULL ELSE nullif(concat_ws(';', ${postParts.join(', ')}), '') END`
      : 'CAST(NULL AS VARCHAR)';
  const okPre = `(__id IS NOT NULL AND (__extra IS NULL OR nullif(trim(__extra), '') IS NULL)${latest ? ' AND __t IS NOT NULL' : ''})`;
  const rows =
    `(SELECT *, ${pre} AS __pre, ${post} AS __post FROM (` +
    `SELECT *${b.map((x) => `, ${x}`).join('')} FROM (` +
    `SELECT *${casts.map((x) => `, ${x}`).join('')} FROM (SELECT ${[...a, ...rawCells].join(', ')} FROM ${staged.relation}))))`;
  return { rows, ok: `(NOT __blank AND ${okPre} AND ${[fieldsOk, ...rulesOk].join(' AND ')})`, rules };
}

export interface RowChecks {
  rows: string;
  ok: string;
  rules: { check: string; reason: string | Label }[];
}

/**
 * screen — convert and check every row, find duplicate ids, and count (see file comment). Three statements:
 * (1) one streaming pass over the staged relation materializes, in file order, the converted values and every
 * row-local fault (all but duplicate-id), keeping cell texts only for rows with a fault; (2) a GROUP BY on the id
 * finds the first row of every id seen more than once; (3) the rejected rows (few) are collected in row order.
 * The valid rows are then a plain scan of (1) — joined with (2) only when some id repeats.
 * Checks rowsRead = valid + rejected and, when the stager knows it, that DuckDB read every staged record.
 * The caller calls drop().
 */
export async function screen(db: Db, staged: Staged, match: ColumnMatch, spec: QuestionnaireSpec, fields: FieldSpec[]): Promise<Screened> {
  const file = spec.displayPath;
  const { rows, rules } = await rowChecks(db, staged, match, spec, fields, new Set(), true);
  const raw = db.tempName('raw');
  const dup = db.tempName('dup');
  const table = db.tempName('rejected');
  const xs = fields.map((_, i) => `__x${i}`);
  // a row's answers as compared between rows of one id: converted values and row-local faults
  const content = `[${[...xs.map((x) => `CAST(${x} AS VARCHAR)`), '__pre', '__post'].join(', ')}]`;
  // file order: either an explicit __row, or the insertion order of the raw table (rowid) plus a base
  const rowOf = staged.rowidBase === undefined ? `${raw}.__row` : `CAST(${raw}.rowid + ${staged.rowidBase} AS INTEGER)`;
  // With dedupe.keep_latest_by the rows of a repeated id are resolved by the latest timestamp (__tmax): earlier rows
  // are superseded; among the rows at the latest time the rule below applies (identical: keep one; different: all
  // rejected). Rows whose timestamp is missing or unparseable are rejected for that and take no part.
  const latest = match.latest !== undefined;
  const groups = `FROM ${raw} WHERE __id IS NOT NULL AND NOT __blank GROUP BY __id HAVING count(*) > 1`;
  const dupSql = latest
    ? `SELECT __id AS __did, any_value(__tmax) AS __tmax, min(${rowOf}) AS __first, count(DISTINCT ${content}) > 1 AS __conflict ` +
      `FROM ${raw} JOIN (SELECT __id AS __gid, max(__t) AS __tmax ${groups}) ON __id = __gid AND __t = __tmax GROUP BY __id`
    : // only the rows of a repeated id are compared (their answers cast to text and the DISTINCT are the costly part:
      // grouping every row so took 3× as long on 5000 rows with one repeated id)
      `SELECT __id AS __did, NULL::DOUBLE AS __tmax, min(${rowOf}) AS __first, count(DISTINCT ${content}) > 1 AS __conflict ` +
      `FROM ${raw} JOIN (SELECT __id AS __gid ${groups}) ON __id = __gid GROUP BY __id`;
  const duplicate =
    `CASE ${latest ? `WHEN __t IS NULL OR __tmax IS NULL THEN NULL WHEN __t < __tmax THEN 'duplicate-superseded|' || __first ` : ''}` +
    `WHEN __conflict THEN 'duplicate-conflict|' || __first WHEN ${rowOf} > __first THEN 'duplicate-identical|' || __first END`;
  const steps = [
    `CREATE TEMP TABLE ${raw} AS SELECT ${staged.rowidBase === undefined ? '__row, ' : ''}__id, __blank, ${xs.map((x) => `${x}, `).join('')}${latest ? '__t, ' : ''}__pre, __post, ` +
      `CASE WHEN __pre IS NOT NULL OR __post IS NOT NULL THEN [__id, __extra${fields.map((_, i) => `, __v${i}`).join('')}${latest ? ', __ts' : ''}] END AS __raw FROM ${rows}`,
    `CREATE TEMP TABLE ${dup} AS ${dupSql}`,
    `CREATE TEMP TABLE ${table} AS SELECT ${rowOf} AS __row, __id, ` +
      `concat_ws(';', __pre, ${duplicate}, __post) AS __faults, ` +
      `coalesce(__raw, [__id]) AS __raw, __pre IS NULL AND __post IS NULL AS __dupOnly ` +
      `FROM ${raw} LEFT JOIN ${dup} ON __id = __did WHERE __pre IS NOT NULL OR __post IS NOT NULL OR ${duplicate} IS NOT NULL ORDER BY __row`,
  ];
  const drop = () => db.connection.run(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${dup}; DROP TABLE IF EXISTS ${raw}`).then(() => undefined);
  let duplicated: number;
  try {
    await db.connection.run(steps[0]);
    duplicated = Number((await db.connection.runAndReadAll(steps[1])).getRows()[0][0]); // CREATE TABLE … AS gives its row count
    // without repeated ids step 3 is a filter on the row-local faults alone (no join over all rows)
    await db.connection.run(duplicated > 0 ? steps[2] : steps[2].replace(` LEFT JOIN ${dup} ON __id = __did`, `, (SELECT NULL::INTEGER AS __first, NULL::BOOLEAN AS __conflict, NULL::DOUBLE AS __tmax)`));
  } catch (e) {
    await drop();
    const full = fieldNamesIn((e as Error).message.split('\n').slice(0, 2).join(' '), fields);
    const detail = full.length > 300 ? `${full.slice(0, 300)}…` : full;
    throw new DataError({ zh: `${file}：无法读取数据（${detail}）`, en: `${file}: could not read the data: ${detail}` }, { file });
  }
  const fresh = `NOT __blank AND __pre IS NULL AND __post IS NULL`;
  const validRelation =
    `(SELECT ${rowOf} AS __row, __id${xs.map((x) => `, ${x}`).join('')} FROM ${raw}` +
    (duplicated > 0 ? ` LEFT JOIN ${dup} ON __id = __did WHERE ${fresh} AND (__first IS NULL OR (NOT __conflict AND ${rowOf} <= __first${latest ? ' AND __t = __tmax' : ''})))` : ` WHERE ${fresh})`);

  const [total, blank, unfaulted, rejected, dupOnly] = (
    await db.connection.runAndReadAll(
      `SELECT * FROM (SELECT CAST(count(*) AS DOUBLE), CAST(count(*) FILTER (WHERE __blank) AS DOUBLE), CAST(count(*) FILTER (WHERE ${fresh}) AS DOUBLE) FROM ${raw}), ` +
        `(SELECT CAST(count(*) AS DOUBLE), CAST(count(*) FILTER (WHERE __dupOnly) AS DOUBLE) FROM ${table})`,
    )
  ).getRows()[0] as number[];
  const valid = unfaulted - dupOnly;
  if (staged.records !== null && total !== staged.records) {
    await drop();
    throw internalError(`${file}: staged ${staged.records} records but DuckDB read ${total}`);
  }
  const rowsRead = total - blank;
  if (rowsRead !== valid + rejected) {
    await drop();
    throw internalError(`${file}: rowsRead ${rowsRead} ≠ valid ${valid} + rejected ${rejected}`);
  }
  if (rowsRead === 0) {
    await drop();
    const n = staged.info.skippedRows, blanks = blank + staged.blankRows > 0;
    throw new DataError({
      zh: `${file}：没有数据行（只有表头${n > 0 ? `、被 skip_rows 跳过的 ${n} 行` : ''}${blanks ? '和空行' : ''}）`,
      en: `${file}: no data rows (only a header${n > 0 ? `, ${n} row${n > 1 ? 's' : ''} skipped by skip_rows` : ''}${blanks ? ' and blank rows' : ''})`,
    }, { file, row: 2 });
  }

  const { rejection, reasonKey } = rejectionDecoder(file, staged.header, match, fields, rules);
  const reasons: Record<string, number> = {};
  const byFirst = rejected === 0 ? null : await db.connection.runAndReadAll(
    `SELECT CASE WHEN starts_with(f, 'rule|') THEN f ELSE split_part(f, '|', 1) END AS k, CAST(count(*) AS DOUBLE) ` +
      `FROM (SELECT split_part(__faults, ';', 1) AS f FROM ${table} WHERE __faults IS NOT NULL) GROUP BY k ORDER BY k`,
  );
  for (const [f, n] of (byFirst?.getRows() ?? []) as [string, number][]) {
    const [code, arg] = f.split('|');
    const key = reasonKey(code, arg);
    reasons[key] = (reasons[key] ?? 0) + n;
  }

  return { table, validRelation, rowsRead, valid, rejected, blankRows: blank + staged.blankRows, reasons, rejection, drop };
}

/**
 * The decoding of a rejected row's fault string ('code|arg;…', in reporting order) into a Rejection, shared by the
 * DuckDB screening and the ClickHouse one (clickhouseQuestionnaire.ts): the first fault names column and cell, the
 * others follow as "also …". reasonKey gives the `reasons` key of a first fault.
 */
export function rejectionDecoder(
  file: string,
  headers: string[],
  match: ColumnMatch,
  fields: FieldSpec[],
  rules: { check: string; reason: string | Label }[],
): { rejection(row: number, id: string | null, faults: string, raw: (string | null)[]): Rejection; reasonKey(code: string, arg: string): string } {
  const staged = { header: headers };
  const ruleCode = (k: number) => codeOfRule(rules[k].reason);
  const bilingual = ruleReasons(rules);
  // i: a field's index; -1 the respondent id; -2 the timestamp of dedupe.keep_latest_by (its cell is last in raw)
  const header = (i: number) =>
    i === -2 ? staged.header[match.latest!] : i < 0 ? staged.header[match.id] : match.fields[fields[i].name] >= 0 ? staged.header[match.fields[fields[i].name]] : null;
  const rawAt = (i: number) => (i === -2 ? fields.length + 2 : i < 0 ? 0 : i + 2);
  const describe = (code: string, arg: string): { code: string; column: string | null; rawIndex: number | null; reason: string; detail: RejectionDetail } => {
    const i = Number(arg);
    switch (code) {
      case 'missing-required':
        return { code, column: header(i), rawIndex: rawAt(i), reason: code, detail: {} };
      case 'unparseable-timestamp':
        return { code, column: header(-2), rawIndex: rawAt(-2), reason: `unparseable-timestamp (expected ${TIMESTAMP_EXAMPLE}; dedupe.keep_latest_by)`, detail: { options: [TIMESTAMP_EXAMPLE] } };
      case 'duplicate-superseded':
        return { code, column: header(-1), rawIndex: 0, reason: `duplicate-superseded (the same id answered again later, row ${arg}, by the declared timestamp; the latest answer is used)`, detail: { row: arg } };
      case 'extra-fields':
        return { code, column: null, rawIndex: 1, reason: 'extra-fields (more cells than headers; a stray comma, e.g. an unquoted "1,234"?)', detail: {} };
      case 'duplicate-identical':
        return { code, column: header(-1), rawIndex: 0, reason: `duplicate-identical (same answers as row ${arg}, which is kept)`, detail: { row: arg } };
      case 'duplicate-conflict':
        return { code, column: header(-1), rawIndex: 0, reason: `duplicate-conflict (conflicting duplicate: the id has different answers elsewhere, e.g. row ${arg}; every row of the id is rejected)`, detail: { row: arg } };
      case 'rule':
        return { code: ruleCode(i), column: null, rawIndex: null, reason: `${ruleCode(i)} (${rules[i].check})`, detail: { check: rules[i].check, ...(typeof rules[i].reason === 'string' ? {} : { reason: rules[i].reason }) } };
      default: {
        const f = fields[i];
        const detail: Record<string, string> = {
          'share-out-of-range': 'must be between 0 and 1',
          negative: 'must be ≥ 0',
          'not-integer': 'must be a whole number',
          'below-min': `minimum ${f.min}`,
          'above-max': `maximum ${f.max}`,
          'not-boolean': `expected ${[...TRUE_WORDS, ...FALSE_WORDS].join('/')}`,
          'unknown-level': `expected one of ${(f.levels ?? []).map((l) => JSON.stringify(l)).join(', ')}`,
        };
        const options = code === 'not-boolean' ? [...TRUE_WORDS, ...FALSE_WORDS] : code === 'unknown-level' ? (f.levels ?? []) : undefined;
        return { code, column: header(i), rawIndex: i + 2, reason: detail[code] ? `${code} (${detail[code]})` : code, detail: { min: f.min, max: f.max, options } };
      }
    }
  };
  const rejection = (row: number, id: string | null, faults: string, raw: (string | null)[]): Rejection => {
    const all = faults.split(';').map((f) => {
      const bar = f.indexOf('|');
      return describe(f.slice(0, bar), f.slice(bar + 1));
    });
    const first = all[0];
    const also = all.slice(1).map((d) => (d.column ? `${d.code} in "${d.column}"` : d.code));
    const text = Object.fromEntries(LANGS.map((lang) => {
      const first_ = rejectionText(first.code, first.detail, lang);
      const rest = all.slice(1).map((d) => (d.column ? (lang === 'zh' ? `“${d.column}”${rejectionName(d.code, lang)}` : `${rejectionName(d.code, lang)} in "${d.column}"`) : rejectionName(d.code, lang, bilingual)));
      return [lang, rest.length === 0 ? first_ : lang === 'zh' ? `${first_}；另有：${rest.join('、')}` : `${first_}; also ${rest.join(', ')}`];
    })) as Label;
    return {
      file,
      row,
      id,
      column: first.column,
      value: first.rawIndex === null ? null : (raw[first.rawIndex] ?? null),
      code: first.code,
      reason: also.length > 0 ? `${first.reason}; also ${also.join(', ')}` : first.reason,
      text,
    };
  };
  return { rejection, reasonKey: (code, arg) => (code === 'rule' ? ruleCode(Number(arg)) : code) };
}

/** An engine message with the screening columns __x0, __x1, … named as the study names the fields. */
function fieldNamesIn(message: string, fields: readonly FieldSpec[]): string {
  return message.replace(/\b__x(\d+)\b/g, (m, i: string) => fields[Number(i)]?.name ?? m);
}
