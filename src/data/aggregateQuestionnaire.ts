import type { Db } from './openDatabase.ts';
import { DataError } from './DataError.ts';
import { headersUsed } from './loadQuestionnaire.ts';
import { matchColumns } from './matchColumns.ts';
import { isNumeric, rowChecks, screen } from './screen.ts';
import { columnsOf, stage } from './stage.ts';
import type { AggregatedQuestionnaire, AggregateOptions, FieldSpec, QuestionnaireSpec, Rejection } from './types.ts';

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
    if (i === undefined || !ok(fields[i])) throw new DataError(`${file}: ${what} "${name}" is not a ${what === 'sums' ? 'numeric' : 'category, text or boolean'} field`, { file });
    return i;
  };
  const g = options.groupBy.map((n) => pick(n, (f) => !isNumeric(f) || f.type === 'boolean', 'groupBy'));
  const x = options.sums.map((n) => pick(n, isNumeric, 'sums'));
  const cap = options.maxRejections ?? 1000;

  // Exact sums: each term is rounded once to a fixed decimal scale s (the integer nearest to e·10^s, ties to
  // even), then added in 128-bit integer arithmetic, so the result does not depend on DuckDB's parallel order
  // of addition (runs are byte-identical), and read back as DECIMAL(38, s). Fast form: BIGINT terms; a term
  // beyond ±9.2e18 units fails that cast, and the query runs again with HUGEINT terms (the same result). A sum
  // beyond DECIMAL(38, s) falls back to DOUBLE, with a note.
  const scaled = (int: 'BIGINT' | 'HUGEINT') => (e: string, scale: number) =>
    `CAST(CAST(sum(CAST((${e}) * 1e${scale} AS ${int})) AS DECIMAL(38, 0)) * CAST(1e-${scale} AS DECIMAL(38, ${scale})) AS DOUBLE)`;
  const stats = (sum: (e: string, scale: number) => string) => [
    ...x.flatMap((i) => [`CAST(count(__x${i}) AS DOUBLE)`, sum(`__x${i}`, 8), sum(`__x${i} * __x${i}`, 6)]),
    ...(options.crossProducts ? x.flatMap((i, a) => x.slice(a + 1).map((j) => sum(`__x${i} * __x${j}`, 6))) : []),
  ];
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
    const source = (blankRows: number, notes: string[]) => ({ ...staged.info, headers: headersUsed(staged.header, match, fields), blankRows, notes: [...staged.info.notes, ...notes] });
    // (with dedupe.keep_latest_by the timestamp is a row check too: that file always takes the screening route)
    if (g.length === 0 && match.latest === undefined) {
      // One pass over the file: the counts that show whether any row is rejected, and the sums. A file without a
      // rejected row (no row-local fault, no repeated id) is done here; any other goes through screen below.
      // read with the default longest record when the stager offers it (parallel); a longer record fails the query → screen
      const { rows, ok } = await rowChecks(db, staged.fastRelation ? { ...staged, relation: staged.fastRelation } : staged, match, spec, fields);
      let res;
      try {
        res = await db.connection.runAndReadAll(
          `SELECT CAST(count(*) AS DOUBLE), CAST(count(*) FILTER (WHERE __blank) AS DOUBLE), CAST(count(*) FILTER (WHERE __ok) AS DOUBLE), ` +
            // distinct hashes ⇒ distinct ids; equal hashes (a repeated id or, rarely, a collision) go to the full screening
            `CAST(count(DISTINCT hash(__id)) FILTER (WHERE __ok) AS DOUBLE), CAST(count(*) FILTER (WHERE __ok) AS DOUBLE), ${stats(scaled('BIGINT')).join(', ')} ` +
            `FROM (SELECT *, ${ok} AS __ok FROM ${rows})`,
        );
      } catch {
        res = null; // a term beyond BIGINT (the full path sums with HUGEINT terms) or a read error (the full path reports it)
      }
      const cols = res === null ? null : columnsOf(res);
      const [total, blank, valid, distinct] = cols === null ? [NaN, NaN, NaN, NaN] : (cols.slice(0, 4).map((c) => c[0]) as number[]);
      if (cols !== null && staged.records !== null && total !== staged.records) throw new Error(`internal: ${file}: staged ${staged.records} records but DuckDB read ${total}`);
      if (cols !== null && valid > 0 && valid === total - blank && distinct === valid) {
        return {
          key: spec.key,
          file,
          rowsRead: valid,
          valid,
          rejected: 0,
          reasons: {},
          groups: readGroups(cols, 4),
          rejections: [],
          rejectionsTruncated: false,
          source: source(blank + staged.blankRows, []),
        };
      }
    }
    const s = await screen(db, staged, match, spec, fields);
    try {
      const keys = g.map((i) => `__x${i}`);
      const query = (sum: (e: string, scale: number) => string) =>
        `SELECT ${[...keys.map((k) => `CAST(${k} AS VARCHAR)`), 'CAST(count(*) AS DOUBLE)', ...stats(sum)].join(', ')} FROM ${s.validRelation}${keys.length ? ` GROUP BY ${keys.join(', ')} ORDER BY ${keys.map((k) => `${k} NULLS LAST`).join(', ')}` : ''}`;
      let res;
      const notes: string[] = [];
      try {
        res = await db.connection.runAndReadAll(query(scaled('BIGINT')));
      } catch (e) {
        if (!outOfRange(e)) throw e;
        try {
          res = await db.connection.runAndReadAll(query(scaled('HUGEINT')));
        } catch (e2) {
          if (!outOfRange(e2)) throw e2;
          notes.push('sums exceeded DECIMAL(38) range; computed in floating point (the last digits may vary between runs)');
          res = await db.connection.runAndReadAll(query((e3) => `sum(${e3})`));
        }
      }
      const groups = readGroups(columnsOf(res), 0);

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
