// A questionnaire held in a ClickHouse table (one Nullable(String) column per header, as `spillover load` writes
// it, plus __row: the row number the file showed), read two ways:
//  - aggregateOnClickHouse: the screening and the moments run IN ClickHouse (on every shard of a Distributed
//    table); only aggregates, the reason counts and the first N rejected rows come back.
//  - stageClickHouse: the rows come back into DuckDB as a staged relation (small questionnaires read as rows), and
//    the usual screening runs there.
// Both apply the same rules as screen.ts (README.md § ClickHouse source), so the figures equal a file run's.
import type { Db } from './openDatabase.ts';
import { DataError } from './DataError.ts';
import { errorText, internalError } from '../locale/errorText.ts';
import { compileRule } from './compileRule.ts';
import { headersUsed } from './loadQuestionnaire.ts';
import { matchColumns, type ColumnMatch } from './matchColumns.ts';
import { checkFields, checksOf, FALSE_WORDS, isNumeric, rejectionDecoder, TRUE_WORDS } from './screen.ts';
import type { Staged } from './stage.ts';
import { timestampKeySql, timestampNumbersSql, timestampPartsSql } from './timestampKey.ts';
import { clickhouseDialect as ch } from './sql/clickhouseDialect.ts';
import { duckdbDialect } from './sql/duckdbDialect.ts';
import type { ClickHouseRunner } from './sql/clickhouseRunner.ts';
import type { AggregatedQuestionnaire, AggregateOptions, FieldSpec, QuestionnaireSpec, Rejection } from './types.ts';
import { clickhouseReadNote, clickhouseSummedNote } from './readerNotes.ts';

/** The row-number column of a loaded table, and the optional column of a surplus cell (extra-fields). */
export const ROW_COLUMN = '__row';
export const EXTRA_COLUMN = '__extra';

export interface ClickHouseTable {
  runner: ClickHouseRunner;
  database: string;
  table: string;
}

/** An engine error while reading `file`'s table, as a DataError in both languages (the failed shard kept as `.shard`). */
function engineFault(file: string, e: unknown): DataError {
  const shard = (e as { shard?: string }).shard;
  return Object.assign(new DataError({ zh: `${file}：${errorText(e, 'zh')}`, en: `${file}: ${errorText(e, 'en')}` }, { file }), shard ? { shard } : {});
}

/** Columns of the table (DESCRIBE), the row column set apart. Throws DataError naming the table when absent. */
export async function describeTable(t: ClickHouseTable, display: string): Promise<{ header: string[]; types: string[]; extra: string }> {
  let rows;
  try {
    rows = await t.runner.query(`DESCRIBE TABLE ${ch.table(t.database, t.table)}`);
  } catch (e) {
    throw new DataError({ zh: `${display}：无法读取表 ${t.database}.${t.table}：${errorText(e, 'zh')}`, en: `${display}: cannot read table ${t.database}.${t.table}: ${errorText(e, 'en')}` }, { file: display });
  }
  const all = rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  if (!all.some((c) => c.name === ROW_COLUMN)) {
    throw new DataError({
      zh: `${display}：表 ${t.database}.${t.table} 没有 ${ROW_COLUMN} 列（每份答卷的行号，由 \`spillover load\` 写入）`,
      en: `${display}: table ${t.database}.${t.table} has no ${ROW_COLUMN} column (the row number of each answer; \`spillover load\` writes it)`,
    }, { file: display });
  }
  const cols = all.filter((c) => c.name !== ROW_COLUMN && c.name !== EXTRA_COLUMN);
  const extra = all.find((c) => c.name === EXTRA_COLUMN);
  return { header: cols.map((c) => c.name), types: cols.map((c) => c.type), extra: extra ? cellText(extra.name, extra.type) : 'CAST(NULL AS Nullable(String))' };
}

/** A column as text (String columns as they are; others through toString). */
const cellText = (name: string, type: string) => (/^(Nullable\()?String\)?$/.test(type) ? ch.ident(name) : `toString(${ch.ident(name)})`);
/** trim spaces, NULL if empty (DuckDB: nullif(trim(x), '')) */
const trimmed = (x: string) => `nullIf(replaceRegexpAll(${x}, '^ +| +$', ''), '')`;
const list = (xs: string[]) => `[${xs.map(ch.string).join(', ')}]`;
/** the same number rules as screen.ts valueSql: plain/exponent notation, 1,234.5 thousands, 50 % (share) */
function valueSql(f: FieldSpec, v: string, percent: boolean): string {
  const t = `ifNull(${v}, '')`;
  const plus = (e: string) => `replaceRegexpOne(${e}, '^[+]', '')`;
  const num =
    `coalesce(${ch.tryDouble(v)}, ` +
    `toFloat64OrNull(if(match(${t}, '^[+-]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$'), ${plus(`replaceAll(${t}, ',', '')`)}, ''))` +
    (f.type === 'share' && percent ? `, toFloat64OrNull(if(match(${t}, '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+) *%$'), ${plus(`replaceRegexpOne(${t}, ' *%$', '')`)}, '')) / 100` : '') +
    `)`;
  const low = `lowerUTF8(ifNull(${v}, ''))`;
  if (f.type === 'boolean') return `toFloat64OrNull(multiIf(has(${list(TRUE_WORDS)}, ${low}), '1', has(${list(FALSE_WORDS)}, ${low}), '0', ''))`;
  if (isNumeric(f)) return num;
  if (f.type === 'category' && f.levels && f.levels.length > 0) {
    const keys = list(f.levels.map((l) => l.normalize('NFKC').trim().toLowerCase()));
    // index 0 (absent) gives '' → NULL
    return `nullIf(arrayElement(${list(f.levels)}, indexOf(${keys}, ${low})), '')`;
  }
  return v; // text, category without levels
}

/** ClickHouse 18.16 names of the rule functions (compileRule) */
const RULE_FUNCTIONS = { ln: 'log', length: 'lengthUTF8', lower: 'lowerUTF8', upper: 'upperUTF8' };

/**
 * The per-row screening of a table as a WITH list (aliases __id, __blank, __v{i}, __x{i}, __pre, __post), the
 * fault strings ('code|arg;…', '' when none) in screen.ts's reporting order.
 */
function screeningWith(header: string[], types: string[], extra: string, match: ColumnMatch, spec: QuestionnaireSpec, fields: FieldSpec[]): string[] {
  const file = spec.displayPath;
  const base = spec.yamlPath ?? `questionnaires.${spec.key}`;
  checkFields(fields, file);
  const percent = (spec.percent ?? 'auto') === 'auto';
  const raw = (i: number) => cellText(header[i], types[i]);
  const w: string[] = [];
  w.push(`${trimmed(raw(match.id))} AS __id`);
  if (match.latest !== undefined) {
    // dedupe.keep_latest_by: the timestamp cell, its parts and key (the same SQL as DuckDB's, timestampKey.ts)
    w.push(`${trimmed(raw(match.latest))} AS __ts`, `${timestampPartsSql(ch, '__ts')} AS __tp`, `${timestampKeySql(ch, '__ts', timestampNumbersSql(ch, '__ts', '__tp'))} AS __t`);
  }
  w.push(`${extra} AS __extra`);
  w.push(`(${[...header.map((_, i) => `${raw(i)} IS NULL`), '__extra IS NULL'].join(' AND ')}) AS __blank`);
  fields.forEach((f, i) => {
    const j = match.fields[f.name];
    const cell = j >= 0 ? raw(j) : 'CAST(NULL AS Nullable(String))';
    w.push(`${trimmed(f.type === 'text' ? `replaceAll(${cell}, '\\r\\n', '\\n')` : cell)} AS __v${i}`);
    w.push(`${valueSql(f, `__v${i}`, percent)} AS __x${i}`);
  });
  const fault = (f: FieldSpec, i: number) =>
    `ifNull(multiIf(__v${i} IS NULL, ${ch.string(f.required ? 'missing-required' : '')}, ${checksOf(f, `__x${i}`).map(([c, code]) => `${c}, ${ch.string(code)}, `).join('')}''), '')`;
  fields.forEach((f, i) => w.push(`${fault(f, i)} AS __f${i}`));
  const names = Object.fromEntries(fields.map((f, i) => [f.name, `__x${i}`]));
  const rules = (spec.rules ?? []).map((r, k) => {
    const where = `${base}.rules[${k}].check`;
    if (/\btrim\s*\(/i.test(r.check)) {
      throw new DataError({
        zh: `${file}：规则 ${JSON.stringify(r.check)}（${where}）：ClickHouse 18.16 上不能用 trim()（单元格已去掉首尾空白）`,
        en: `${file}: rule ${JSON.stringify(r.check)} (${where}): trim() is not available on ClickHouse 18.16 (cells are already trimmed)`,
      }, { file, yamlPath: where });
    }
    return compileRule(r.check, names, file, where, RULE_FUNCTIONS);
  });
  const noFieldFault = fields.length > 0 ? fields.map((_, i) => `__f${i} = ''`).join(' AND ') : '1';
  const parts = (xs: string[]) => (xs.length === 0 ? `''` : `arrayStringConcat(arrayFilter(s -> s != '', [${xs.join(', ')}]), ';')`);
  const tsFault = match.latest !== undefined ? [`multiIf(__ts IS NULL, 'missing-required|-2', __t IS NULL, 'unparseable-timestamp|-2', '')`] : [];
  w.push(`if(__blank, '', ${parts([`if(__id IS NULL, 'missing-required|-1', '')`, `if(${trimmed('__extra')} IS NULL, '', 'extra-fields|')`, ...tsFault])}) AS __pre`);
  w.push(
    `if(__blank, '', ${parts([
      ...fields.map((_, i) => `if(__f${i} = '', '', concat(__f${i}, '|${i}'))`),
      ...rules.map((sql, k) => `if((${noFieldFault}) AND NOT ifNull((${sql}), 1), 'rule|${k}', '')`),
    ])}) AS __post`,
  );
  return w;
}

/**
 * The rows rejected for a repeated id, with the first row of the id and why (__kind): every row of an id whose rows'
 * answers differ (1: conflict), and the later rows of an id whose rows are identical (0: identical) — screen.ts's
 * rule. With dedupe.keep_latest_by (`latest`) the rule applies to the rows at the id's latest timestamp, and the
 * earlier rows are superseded (2); rows without a valid timestamp (rejected for it) take no part. `content`: a row's
 * answers as one string (converted values and row-local faults).
 */
function duplicateRows(withList: string, from: string, content: string, latest: boolean): string {
  const row = ch.ident(ROW_COLUMN);
  const groups = `FROM ${from} WHERE __id IS NOT NULL AND NOT __blank GROUP BY __id HAVING count() > 1`;
  if (!latest) {
    return `SELECT arrayJoin(if(c, rs, arraySlice(rs, 2))) AS __dr, rs[1] AS __first, c AS __conflict, toUInt8(c) AS __kind FROM (${withList}SELECT arraySort(groupArray(${row})) AS rs, uniqExact(${content}) > 1 AS c ${groups})`;
  }
  // per id: rows, their timestamp keys (−1: none) and contents; tm the latest time
  const perId = `${withList}SELECT groupArray(${row}) AS rs, groupArray(ifNull(__t, -1)) AS ts, groupArray(${content}) AS cs, max(ifNull(__t, -1)) AS tm ${groups}`;
  const resolved =
    `SELECT arraySort(arrayFilter((r, t) -> t = tm, rs, ts)) AS tied, arrayFilter((r, t) -> t >= 0 AND t < tm, rs, ts) AS sup, ` +
    `arrayUniq(arrayFilter((x, t) -> t = tm, cs, ts)) > 1 AS c FROM (${perId}) WHERE tm >= 0`;
  const rows = `arrayConcat(arrayMap(r -> (r, toUInt8(2)), sup), arrayMap(r -> (r, toUInt8(c)), if(c, tied, arraySlice(tied, 2))))`;
  return `SELECT tupleElement(p, 1) AS __dr, __first, __conflict, tupleElement(p, 2) AS __kind FROM (SELECT arrayJoin(${rows}) AS p, tied[1] AS __first, c AS __conflict FROM (${resolved}))`;
}

/**
 * aggregateOnClickHouse — aggregateQuestionnaire for a questionnaire in a ClickHouse table: the same screening and
 * the same per-group n, count, Σx, Σx² (and Σxy) — exact sums (SqlDialect.exactSum, 8 decimals for Σx, 6 for
 * products, as aggregateQuestionnaire) — computed where the data live. On a Distributed table every shard screens
 * and sums its rows and only partial aggregates cross the network; duplicate ids are found across shards (GLOBAL IN).
 * Rejections: the first maxRejections (default 1000) in row order, and the count of all of them (rejected).
 */
export async function aggregateOnClickHouse(
  t: ClickHouseTable,
  spec: QuestionnaireSpec,
  fields: FieldSpec[],
  options: Omit<AggregateOptions, 'onRejections'>,
): Promise<AggregatedQuestionnaire> {
  const file = spec.displayPath;
  const index = new Map(fields.map((f, i) => [f.name, i]));
  const pick = (name: string, ok: (f: FieldSpec) => boolean, what: string) => {
    const i = index.get(name);
    if (i === undefined || !ok(fields[i])) throw new DataError({ zh: `${file}：${what} 中的「${name}」不是${what === 'sums' ? '数值' : '分类或文本'}字段`, en: `${file}: ${what} "${name}" is not a ${what === 'sums' ? 'numeric' : 'category or text'} field` }, { file });
    return i;
  };
  const g = options.groupBy.map((n) => pick(n, (f) => f.type === 'category' || f.type === 'text', 'groupBy'));
  const x = options.sums.map((n) => pick(n, isNumeric, 'sums'));
  const cap = options.maxRejections ?? 1000;
  const { header, types, extra } = await describeTable(t, file);
  const match = matchColumns(header, spec, fields);
  const from = ch.table(t.database, t.table);
  const row = ch.ident(ROW_COLUMN);
  const withList = `WITH ${screeningWith(header, types, extra, match, spec, fields).join(', ')} `;
  const run = async (sql: string) => {
    try {
      return await t.runner.query(sql);
    } catch (e) {
      throw engineFault(file, e);
    }
  };

  const content = `arrayStringConcat([${[...fields.map((_, i) => `ifNull(toString(__x${i}), '\\N')`), '__pre', '__post'].join(', ')}], '\\x1F')`;
  const dups = duplicateRows(withList, from, content, match.latest !== undefined);
  const dupCount = Number((await run(`SELECT count() FROM (${dups})`))[0][0]);
  // a rejected duplicate: its row is in the list of duplicate rows (computed once, sent to every shard)
  const dupl = dupCount > 0 ? `(${row} GLOBAL IN (SELECT __dr FROM (${dups})))` : '0';
  const conflict = dupCount > 0 ? `(${row} GLOBAL IN (SELECT __dr FROM (${dups}) WHERE __kind = 1))` : '0';
  const superseded = dupCount > 0 && match.latest !== undefined ? `(${row} GLOBAL IN (SELECT __dr FROM (${dups}) WHERE __kind = 2))` : '0';
  const fresh = `(NOT __blank AND __pre = '' AND __post = '')`;
  const valid = `(${fresh} AND NOT ${dupl})`;

  const [total, blank, validN] = (await run(`${withList}SELECT toFloat64(count()), toFloat64(countIf(__blank)), toFloat64(countIf(${valid})) FROM ${from}`))[0] as number[];
  const d = ch;
  const keys = g.map((i) => `__x${i}`);
  const stats = [
    ...x.flatMap((i) => [`toFloat64(count(__x${i}))`, d.exactSum(`__x${i}`, 8), d.exactSum(`__x${i} * __x${i}`, 6)]),
    ...(options.crossProducts ? x.flatMap((i, a) => x.slice(a + 1).map((j) => d.exactSum(`__x${i} * __x${j}`, 6))) : []),
  ];
  const groupRows = await run(
    `${withList}SELECT ${[...keys, 'toFloat64(count())', ...stats].join(', ')} FROM ${from} WHERE ${valid}` +
      (keys.length ? ` GROUP BY ${keys.join(', ')} ORDER BY ${keys.map((k) => `${k} ASC NULLS LAST`).join(', ')}` : ''),
  );
  const col = (k: number) => groupRows.map((r) => r[k]);
  const num = (k: number) => Float64Array.from(col(k), (v) => (v === null ? 0 : Number(v)));
  // no valid row and no group key: one group with n = 0, as DuckDB's SELECT without GROUP BY gives
  const groups: AggregatedQuestionnaire['groups'] = { keys: {}, n: num(g.length), count: {}, sum: {}, sumSq: {} };
  g.forEach((i, k) => (groups.keys[fields[i].name] = col(k) as (string | null)[]));
  x.forEach((i, k) => {
    const at = g.length + 1 + 3 * k;
    groups.count[fields[i].name] = num(at);
    groups.sum[fields[i].name] = num(at + 1);
    groups.sumSq[fields[i].name] = num(at + 2);
  });
  if (options.crossProducts) {
    let at = g.length + 1 + 3 * x.length;
    groups.cross = {};
    x.forEach((i, a) => x.slice(a + 1).forEach((j) => (groups.cross![`${fields[i].name}*${fields[j].name}`] = num(at++))));
  }

  // rejected rows: faults in reporting order (id, [duplicate], fields, rules); a duplicate's first row filled in below
  const faults = `arrayStringConcat(arrayFilter(s -> s != '', [__pre, if(${dupl}, multiIf(${superseded}, 'duplicate-superseded|', ${conflict}, 'duplicate-conflict|', 'duplicate-identical|'), ''), __post]), ';')`;
  const rejectedWhere = `NOT __blank AND NOT ${valid}`;
  const decoder = rejectionDecoder(file, header, match, fields, spec.rules ?? []);
  const reasons: Record<string, number> = {};
  let rejected = 0;
  for (const [f, n] of (await run(`${withList}SELECT splitByChar(';', ${faults})[1] AS __k, toFloat64(count()) FROM ${from} WHERE ${rejectedWhere} GROUP BY __k ORDER BY __k`)) as [string, number][]) {
    const bar = f.indexOf('|');
    const code = f.slice(0, bar);
    const key = decoder.reasonKey(code, code === 'rule' ? f.slice(bar + 1) : '');
    reasons[key] = (reasons[key] ?? 0) + n;
    rejected += n;
  }
  const rowsRead = total - blank;
  if (rowsRead !== validN + rejected) throw internalError(`${file}: rowsRead ${rowsRead} ≠ valid ${validN} + rejected ${rejected}`);
  if (rowsRead === 0) throw new DataError({ zh: `${file}：表 ${t.database}.${t.table} 中没有数据行`, en: `${file}: no data rows in ${t.database}.${t.table}` }, { file });

  const first = await run(
    `${withList}SELECT toFloat64(${row}), __id, ${faults}, __id, __extra${fields.map((_, i) => `, __v${i}`).join('')}${match.latest !== undefined ? ', __ts' : ''} FROM ${from} WHERE ${rejectedWhere} ORDER BY ${row} LIMIT ${cap}`,
  );
  const dupRows = first.filter((r) => /(^|;)duplicate-(identical|conflict|superseded)\|(;|$)/.test(String(r[2]))).map((r) => Number(r[0]));
  const firstOf = new Map<number, number>();
  if (dupRows.length > 0) {
    for (const [r, f] of await run(`SELECT toFloat64(__dr), toFloat64(__first) FROM (${dups}) WHERE __dr IN (${dupRows.join(', ')})`)) firstOf.set(Number(r), Number(f));
  }
  const rejections: Rejection[] = first.map(([r, id, f, ...raw]) =>
    decoder.rejection(Number(r), id as string | null, String(f).replace(/(duplicate-(?:identical|conflict|superseded))\|(?=;|$)/, (_, c) => `${c}|${firstOf.get(Number(r))}`), raw as (string | null)[]),
  );
  return {
    key: spec.key,
    file,
    rowsRead,
    valid: validN,
    rejected,
    reasons,
    groups,
    rejections,
    rejectionsTruncated: rejected > rejections.length,
    source: {
      format: 'clickhouse',
      encoding: null,
      sheet: null,
      headers: headersUsed(header, match, fields),
      staged: false,
      blankRows: blank,
      skippedRows: 0,
      notes: [clickhouseSummedNote(t.runner.describe, `${t.database}.${t.table}`)],
    },
  };
}

/**
 * stageClickHouse — the rows of a ClickHouse questionnaire table as a DuckDB staged relation (text cells and
 * row numbers), for questionnaires read as rows; the usual screen() then applies. Pulls every row: meant for
 * the small provider and operator questionnaires (a consumer table of millions goes through aggregateOnClickHouse).
 */
export async function stageClickHouse(db: Db, t: ClickHouseTable, spec: QuestionnaireSpec): Promise<Staged> {
  const file = spec.displayPath;
  const { header, types, extra } = await describeTable(t, file);
  const tmp = db.tempName('ch_stage');
  const dd = duckdbDialect;
  await db.connection.run(`CREATE TEMP TABLE ${tmp} (__row INTEGER, __extra VARCHAR, ${header.map((_, i) => `c${i} VARCHAR`).join(', ')})`);
  const cleanup = async () => {
    await db.connection.run(`DROP TABLE IF EXISTS ${tmp}`);
  };
  try {
    let rows;
    try {
      rows = await t.runner.query(`SELECT toFloat64(${ch.ident(ROW_COLUMN)}), ${extra}, ${header.map((h, i) => cellText(h, types[i])).join(', ')} FROM ${ch.table(t.database, t.table)} ORDER BY ${ch.ident(ROW_COLUMN)}`);
    } catch (e) {
      throw engineFault(file, e);
    }
    for (let k = 0; k < rows.length; k += 1000) {
      const values = rows.slice(k, k + 1000).map((r) => `(${r.map((v, j) => (j === 0 ? dd.number(Number(v)) : v === null ? 'NULL' : dd.string(String(v)))).join(', ')})`);
      await db.connection.run(`INSERT INTO ${tmp} VALUES ${values.join(', ')}`);
    }
    const blank = Number((await db.connection.runAndReadAll(`SELECT count(*) FROM ${tmp} WHERE __extra IS NULL AND ${header.map((_, i) => `c${i} IS NULL`).join(' AND ')}`)).getRows()[0][0]);
    return {
      relation: `(SELECT __row, ${header.map((_, i) => `c${i}`).join(', ')}, __extra FROM ${tmp})`,
      header,
      records: rows.length,
      blankRows: 0,
      info: { format: 'clickhouse', encoding: null, sheet: null, notes: [clickhouseReadNote(t.runner.describe, `${t.database}.${t.table}`, rows.length, blank)], staged: true, skippedRows: 0 },
      cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
