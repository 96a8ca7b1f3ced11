import type { Db } from './openDatabase.ts';
import { DataError } from './DataError.ts';
import { headersUsed } from './loadQuestionnaire.ts';
import { matchColumns } from './matchColumns.ts';
import { isNumeric, isTypedNumber, rowChecks, screen } from './screen.ts';
import { columnsOf, stage } from './stage.ts';
import { integerToDouble, typedMoments, typedMomentsApply } from './typedMoments.ts';
import type { AggregatedQuestionnaire, AggregateOptions, FieldSpec, QuestionnaireSpec, Rejection } from './types.ts';
import { floatSumsNote } from './readerNotes.ts';
import type { Label } from '../locale/index.ts';
import { internalError } from '../locale/errorText.ts';

/**
 * The smallest file the one-pass route is tried on (unless the typed pass found every row valid). It saves
 * screening's temporary table of every row, which matters at millions of rows; on a smaller file DuckDB spends
 * longer planning the statement than reading the rows, and when any row is rejected (the common case in survey
 * exports) the screening runs after it anyway. Measured on consumers-like GB18030 files (13 columns, 5 000 rows,
 * 0.3 MB): screening alone 78–112 ms against 121–155 with the one pass first, clean or not.
 */
export const ONE_PASS_MIN_BYTES = 32 * 1024 * 1024;

/**
 * aggregateQuestionnaire — screen a (possibly huge) questionnaire exactly as loadQuestionnaire does, but
 * return per-group sufficient statistics instead of rows: for each group g of `groupBy` (valid rows only)
 *   n_g = #rows,  count_g[x] = #non-missing x,  sum_g[x] = Σ x,  sumSq_g[x] = Σ x²     for x in `sums`.
 * Sums are exact DECIMAL sums of terms rounded to 8 (Σx) or 6 (products) decimals (ties to even), hence deterministic;
 * with `crossProducts`, also cross[`a*b`] = Σ a·b for every pair of `sums` fields (a before b) —
 * with sumSq the sufficient statistics of a covariance matrix.
 * All rejections are streamed, in row order, to options.onRejections; at most maxRejections (default 1000)
 * are kept in the result. Fails (DataError) like loadQuestionnaire, and for a groupBy/sums name that is not
 * a field of the right kind (sums: number/share/count/boolean; groupBy: category/text/boolean).
 * Example: consumer.csv with region A: spend 1, 3; region B: spend 2 → groups.keys.region ['A','B'],
 *   n [2, 1], sum.spend [4, 2], sumSq.spend [10, 4].
 */
export async function aggregateQuestionnaire(
  db: Db,
  spec: QuestionnaireSpec,
  fields: FieldSpec[],
  options: AggregateOptions,
): Promise<AggregatedQuestionnaire> {
  const file = spec.displayPath;
  const index = new Map(fields.map((f, i) => [f.name, i]));
  const pick = (name: string, ok: (f: FieldSpec) => boolean, what: string) => {
    const i = index.get(name);
    if (i === undefined || !ok(fields[i])) throw new DataError({ zh: `${file}：${what} 中的「${name}」不是${what === 'sums' ? '数值' : '分类、文本或是否'}字段`, en: `${file}: ${what} "${name}" is not a ${what === 'sums' ? 'numeric' : 'category, text or boolean'} field` }, { file });
    return i;
  };
  const g = options.groupBy.map((n) => pick(n, (f) => !isNumeric(f) || f.type === 'boolean', 'groupBy'));
  const x = options.sums.map((n) => pick(n, isNumeric, 'sums'));
  const cap = options.maxRejections ?? 1000;

  // Exact sums: each term is rounded once to a fixed decimal scale s (the integer nearest to e·10^s, ties to
  // even), then added in 128-bit integer arithmetic, so the result does not depend on DuckDB's parallel order
  // of addition (runs are byte-identical), and read back as DECIMAL(38, s). Forms, tried in this order:
  //  - 'fen': every summed value is a whole number of hundredths (x is the double nearest k/100, |k| < 2^31, checked
  //    on every row: the last column counts the rows where it fails): Σk·10^6 and Σk·k'·100 in integers — the
  //    same integers as the rounded terms below whenever those are exact (|x·x'| < 1.5e9), exact beyond; the
  //    cheap form (one conversion per value instead of one rounding per product);
  //  - BIGINT terms; a term beyond ±9.2e18 units fails that cast, and the query runs again with HUGEINT terms;
  //  - a sum beyond DECIMAL(38, s) falls back to DOUBLE, with a note.
  type Form = 'fen' | 'BIGINT' | 'HUGEINT' | 'DOUBLE';
  const sumOf = (form: Form, i: number, j?: number) => {
    const scale = j === undefined ? 8 : 6;
    const decimal = (e: string) => integerToDouble(e, scale);
    if (form === 'fen') return decimal(j === undefined ? `sum(__k${i}) * 1000000` : `sum(CAST(__k${i} AS BIGINT) * __k${j}) * 100`);
    const e = j === undefined ? `__x${i}` : `__x${i} * __x${j}`;
    return form === 'DOUBLE' ? `sum(${e})` : decimal(`sum(CAST((${e}) * 1e${scale} AS ${form}))`);
  };
  const stats = (form: Form) => [
    ...x.flatMap((i) => [`CAST(count(__x${i}) AS DOUBLE)`, sumOf(form, i), sumOf(form, i, i)]),
    ...(options.crossProducts ? x.flatMap((i, a) => x.slice(a + 1).map((j) => sumOf(form, i, j))) : []),
  ];
  /** SELECT head, the stats of `from` in `form` (with 'fen': and the count of rows that do not fit it, last) tail. */
  const sumsQuery = (form: Form, head: string[], from: string, tail = '') =>
    form === 'fen'
      ? `SELECT ${[...head, ...stats(form)].join(', ')}, ` +
        `CAST(count(*) FILTER (WHERE NOT (${x.map((i) => `coalesce(CAST(__k${i} AS DOUBLE) / 100 = __x${i}, __x${i} IS NULL)`).join(' AND ')})) AS DOUBLE) ` +
        `FROM (SELECT *, ${x.map((i) => `TRY_CAST(__x${i} * 100 AS INTEGER) AS __k${i}`).join(', ')} FROM ${from})${tail}`
      : `SELECT ${[...head, ...stats(form)].join(', ')} FROM ${from}${tail}`;
  /** the result's columns, or null when form 'fen' does not fit some row */
  const fitting = (form: Form, cols: unknown[][]) => (form !== 'fen' || cols[cols.length - 1].every((v) => v === 0) ? cols : null);
  const first: Form = x.length > 0 ? 'fen' : 'BIGINT';
  const outOfRange = (e: unknown) => /overflow|out of range|could not cast value/i.test(String(e));
  /** The groups (keys, n, count, sum, sumSq, cross) from a result whose columns are the keys, n, then stats(…). */
  const readGroups = (cols: unknown[][], at0: number): AggregatedQuestionnaire['groups'] => {
    const num = (c: unknown[]) => Float64Array.from(c, (v) => (v === null ? 0 : (v as number)));
    const groups: AggregatedQuestionnaire['groups'] = { keys: {}, n: num(cols[at0 + g.length]), count: {}, sum: {}, sumSq: {} };
    g.forEach((i, k) => (groups.keys[fields[i].name] = cols[at0 + k] as (string | null)[]));
    x.forEach((i, k) => {
      const at = at0 + g.length + 1 + 3 * k;
      groups.count[fields[i].name] = num(cols[at]);
      groups.sum[fields[i].name] = num(cols[at + 1]);
      groups.sumSq[fields[i].name] = num(cols[at + 2]);
    });
    if (options.crossProducts) {
      let at = at0 + g.length + 1 + 3 * x.length;
      groups.cross = {};
      x.forEach((i, a) => x.slice(a + 1).forEach((j) => (groups.cross![`${fields[i].name}*${fields[j].name}`] = num(cols[at++]))));
    }
    return groups;
  };

  const staged = await stage(db, spec);
  try {
    const match = matchColumns(staged.header, spec, fields);
    const source = (blankRows: number, notes: Label[]) => ({ ...staged.info, headers: headersUsed(staged.header, match, fields), blankRows, notes: [...staged.info.notes, ...notes] });
    /** the result of a one-pass route: cols = total, blank, valid, distinct ids, n, then stats(…); every row valid */
    const done = (cols: unknown[][]): AggregatedQuestionnaire => {
      const [total, blank, valid] = cols.slice(0, 3).map((c) => c[0]) as number[];
      if (staged.records !== null && total !== staged.records) throw internalError(`${file}: staged ${staged.records} records but DuckDB read ${total}`);
      return { key: spec.key, file, rowsRead: valid, valid, rejected: 0, reasons: {}, groups: readGroups(cols, 4), rejections: [], rejectionsTruncated: false, source: source(blank + staged.blankRows, []) };
    };
    // (with dedupe.keep_latest_by the timestamp is a row check too: that file always takes the screening route)
    let screenNow = false; // a rejected row found by the typed pass: the screening lists it
    let typedUnread = false; // a cell the typed reader cannot read: only the text cells can be summed
    let notHundredths = false; // a row the typed pass found not in whole hundredths (or faulty): the rounded terms
    let typedValid = false; // the typed pass found no rejected row (only the form of its sums did not hold)
    if (g.length === 0 && match.latest === undefined && typedMomentsApply(staged, match, fields, spec.rules?.length ?? 0)) {
      // The cheapest pass: numbers typed by the reader, checks as aggregates, whole hundredths summed as DOUBLE (exact while max Σk² < 2^52)
      const t = await typedMoments(db, staged, match, fields, x, options.crossProducts === true);
      if (t.cols !== null) return done(t.cols);
      screenNow = t.why === 'fault';
      typedUnread = t.why === 'unread';
      notHundredths = t.why === 'inexact';
      typedValid = t.why === 'inexact' || t.why === 'bound';
    }
    if (g.length === 0 && match.latest === undefined && !screenNow && (typedValid || (staged.bytes ?? Infinity) >= (options.onePassMinBytes ?? ONE_PASS_MIN_BYTES))) {
      // One pass over the file: the counts that show whether any row is rejected, and the sums. A file without a
      // rejected row (no row-local fault, no repeated id) is done here; any other goes through screen below.
      // Read with the default longest record when the stager offers it (parallel; a longer record fails the query
      // → screen), the numbers typed by DuckDB's CSV reader when it offers that (a cell it cannot read as a number
      // fails the query → the text cells, whose screening names it).
      const doubles = new Set<number>();
      if (staged.typedRelation && !typedUnread) {
        fields.forEach((f) => isTypedNumber(f) && match.fields[f.name] >= 0 && doubles.add(match.fields[f.name]));
        fields.forEach((f) => !isTypedNumber(f) && doubles.delete(match.fields[f.name]));
        doubles.delete(match.id);
      }
      const routes = [
        ...(doubles.size > 0 ? [{ ...staged, relation: staged.typedRelation!(doubles), doubles }] : []),
        { ...staged, relation: staged.fastRelation ?? staged.relation, doubles: new Set<number>() },
      ];
      for (const route of routes) {
        const { rows, ok } = await rowChecks(db, route, match, spec, fields, route.doubles);
        const head = [
          `CAST(count(*) AS DOUBLE)`,
          `CAST(count(*) FILTER (WHERE __blank) AS DOUBLE)`,
          `CAST(count(*) FILTER (WHERE __ok) AS DOUBLE)`,
          // distinct hashes ⇒ distinct ids; equal hashes (a repeated id or, rarely, a collision) go to the full screening
          `CAST(count(DISTINCT hash(__id)) FILTER (WHERE __ok) AS DOUBLE)`,
          `CAST(count(*) FILTER (WHERE __ok) AS DOUBLE)`,
        ];
        let cols: unknown[][] | null = null;
        // a term beyond BIGINT (the full path sums with HUGEINT terms) or a read error (the next route, or the full path, reports it)
        for (const form of first === 'fen' && !notHundredths ? (['fen', 'BIGINT'] as const) : (['BIGINT'] as const)) {
          try {
            cols = fitting(form, columnsOf(await db.connection.runAndReadAll(sumsQuery(form, head, `(SELECT *, ${ok} AS __ok FROM ${rows})`))));
          } catch {
            break;
          }
          if (cols !== null) break;
        }
        if (cols === null) continue;
        const [total, blank, valid, distinct] = cols.slice(0, 4).map((c) => c[0]) as number[];
        if (!(valid > 0 && valid === total - blank && distinct === valid)) break; // some row is rejected: screen
        return done(cols);
      }
    }
    const s = await screen(db, staged, match, spec, fields);
    try {
      const keys = g.map((i) => `__x${i}`);
      const head = [...keys.map((k) => `CAST(${k} AS VARCHAR)`), 'CAST(count(*) AS DOUBLE)'];
      const tail = keys.length ? ` GROUP BY ${keys.join(', ')} ORDER BY ${keys.map((k) => `${k} NULLS LAST`).join(', ')}` : '';
      const notes: Label[] = [];
      let cols: unknown[][] | null = null;
      for (const form of (first === 'fen' ? ['fen', 'BIGINT', 'HUGEINT'] : ['BIGINT', 'HUGEINT']) as Form[]) {
        try {
          cols = fitting(form, columnsOf(await db.connection.runAndReadAll(sumsQuery(form, head, s.validRelation, tail))));
        } catch (e) {
          if (!outOfRange(e)) throw e;
        }
        if (cols !== null) break;
      }
      if (cols === null) {
        notes.push(floatSumsNote);
        cols = columnsOf(await db.connection.runAndReadAll(sumsQuery('DOUBLE', head, s.validRelation, tail)));
      }
      const groups = readGroups(cols, 0);

      const rejections: Rejection[] = [];
      const stream = await db.connection.stream(`SELECT __row, __id, __faults, __raw FROM ${s.table} ORDER BY __row`);
      for await (const rows of stream.yieldRowsJs()) {
        const batch = (rows as [number, string | null, string, (string | null)[]][]).map(([row, id, faults, raw]) => s.rejection(row, id, faults, raw));
        for (const r of batch) if (rejections.length < cap) rejections.push(r);
        if (options.onRejections && batch.length > 0) await options.onRejections(batch);
      }
      return {
        key: spec.key,
        file,
        rowsRead: s.rowsRead,
        valid: s.valid,
        rejected: s.rejected,
        reasons: s.reasons,
        groups,
        rejections,
        rejectionsTruncated: s.rejected > rejections.length,
        source: source(s.blankRows, notes),
      };
    } finally {
      await s.drop();
    }
  } finally {
    await staged.cleanup();
  }
}
