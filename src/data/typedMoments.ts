// Internal: the cheapest exact route of aggregateQuestionnaire — one query over a CSV read with its numbers typed
// by DuckDB's reader, every check an aggregate or one per-row count, the sums of whole hundredths added as DOUBLE.
import type { Db } from './openDatabase.ts';
import type { ColumnMatch } from './matchColumns.ts';
import { isTypedNumber as isTyped, trimmed } from './screen.ts';
import { columnsOf, type Staged } from './stage.ts';
import type { FieldSpec } from './types.ts';

/**
 * An exact integer sum of terms in units of 10^-scale, read back as the DOUBLE nearest its value: through
 * DECIMAL(38, scale), so every exact route of aggregateQuestionnaire gives the same bits for the same sum.
 */
export const integerToDouble = (e: string, scale: number) => `CAST(CAST(${e} AS DECIMAL(38, 0)) * CAST(1e-${scale} AS DECIMAL(38, ${scale})) AS DOUBLE)`;

/** The bound on the computed Σk² below which the DOUBLE sums of hundredths are exact: 2^52 (see typedMoments). */
export const HUNDREDTHS_BOUND = 2 ** 52;

/**
 * The result of typedMoments: `cols` in aggregateQuestionnaire's layout (total, blank, valid, distinct hashed ids, n,
 * then per summed field count, Σx, Σx², then the cross products), or why the file is not finished here:
 * 'fault' — some row is rejected (an id missing, an extra cell, a repeated id or hash, a required cell empty, a
 *   value out of its range): only the screening can list it (a surplus cell of spaces, which it accepts, also goes
 *   there); 'unread' — a cell the reader cannot read as a number, or a record longer than it takes: the text cells
 *   decide; 'inexact' — some row fails a per-row check (a summed value that is not a whole number of hundredths,
 *   NaN, a count that is not whole): the other routes decide, without the hundredths; 'bound' — the bound below
 *   does not hold: the integer form of the hundredths.
 */
export type TypedMoments = { cols: unknown[][] } | { cols: null; why: 'fault' | 'unread' | 'inexact' | 'bound' };

/**
 * typedMoments — Σx, Σx², Σxy of the `sums` fields (indices into fields) over a file with no rejected row, in one
 * pass over `staged.typedRelation`, or null (see TypedMoments). Only for files whose fields are all numbers typed
 * by the reader, or optional text (which has no check), without rules; the caller checks `applies` first.
 *
 * Checks, all in the same pass (a failing check sends the file on, never to a wrong sum): every row has an id
 * (count(id) = rows; a blank row has none), no surplus cell, distinct ids (distinct 64-bit hashes of the trimmed ids
 * = rows), required cells filled (count(x) = rows), each typed field's range (min(x) ≥ min, max(x) ≤ max; shares
 * in [0, 1], counts ≥ 0), and per row: a count is whole, an unsummed value finite, and a summed value x a whole
 * number k of hundredths: k = round(100·x) and k/100 = x (x is the double nearest k/100).
 *
 * Exactness without integers. The terms k, k² and k·k' are integers, added as DOUBLE in whatever order and grouping
 * DuckDB's threads choose (plain or compensated additions). Let B = max over the summed fields of the computed Σk².
 * If B < 2^52 every sum is exact:
 *  (1) the true Σk² < 2^53: with plain additions in any order, rounding is monotone and 2^53 is a double, so once a
 *      true partial sum reaches 2^53 no computed one falls below it (and B would be ≥ 2^53); with compensated
 *      (Kahan) summation the computed sum of non-negative terms is within a relative 2u + O(n·u²) of the true one
 *      (u = 2^-53; Higham, Accuracy and Stability of Numerical Algorithms, §4.3), so a true sum ≥ 2^53 gives a
 *      computed one ≥ 2^52 for any n ≪ 2^50;
 *  (2) |k| ≤ k² for an integer, and |k·k'| ≤ (k² + k'²)/2, so Σ|k| ≤ Σk² and Σ|k·k'| ≤ max(Σk², Σk'²) < 2^53:
 *      every term and every partial sum of Σk, Σk² and Σk·k', in any order, is an integer of magnitude < 2^53,
 *      hence a double: every addition is exact (a compensation term stays 0), and so is the result.
 * A NaN or infinite value fails B < 2^52 (its k² is NaN or ∞). The exact integers Σk, Σk·k' then give the same
 * DECIMAL → DOUBLE figures as the integer form ('fen' in aggregateQuestionnaire): the runs are byte-identical
 * and equal to it. Example: x = 0.29, 0.01 → k = 29, 1; Σk = 30 → Σx = 0.3; Σk² = 842 → Σx² = 0.0842.
 * When B ≥ 2^52 ('bound') the integer form of the hundredths takes over (one more query). The bench file's
 * values (0–400 with 2 decimals, half of them 0) give B ≈ 2.7e8 per row: 5.3e14 at 2 M rows, 2.7e15 at 10 M, the
 * bound 4.5e15 near 17 M rows.
 */
export async function typedMoments(db: Db, staged: Staged, match: ColumnMatch, fields: FieldSpec[], sums: number[], crossProducts: boolean): Promise<TypedMoments> {
  const typed = new Set<number>();
  for (const f of fields) if (isTyped(f) && match.fields[f.name] >= 0) typed.add(match.fields[f.name]);
  const col = (i: number) => `c${match.fields[fields[i].name]}`;
  const k = (i: number) => `__k${i}`;
  const isTypedField = (f: FieldSpec) => typed.has(match.fields[f.name]);
  // per row (an empty cell, NULL, passes here; required ones are counted): a summed value is a whole number of
  // hundredths (hence finite, with the bound), another one finite; a count a whole number
  const rowOk = fields.flatMap((f, i) =>
    isTypedField(f) ? [sums.includes(i) ? `${k(i)} / 100 = ${col(i)}` : `isfinite(${col(i)})`, ...(f.type === 'count' ? [`${col(i)} = floor(${col(i)})`] : [])] : [],
  );
  // the range checks as aggregates: min(x) ≥ the lowest allowed value, max(x) ≤ the highest (NaN is the largest DOUBLE)
  const range = fields.flatMap((f, i) => {
    if (!isTypedField(f)) return [];
    const lo = Math.max(f.min ?? -Infinity, f.type === 'count' || f.type === 'share' ? 0 : -Infinity);
    const hi = Math.min(f.max ?? Infinity, f.type === 'share' ? 1 : Infinity);
    return [...(lo > -Infinity ? [`coalesce(min(${col(i)}) >= ${lo}, true)`] : []), ...(hi < Infinity ? [`coalesce(max(${col(i)}) <= ${hi}, true)`] : [])];
  });
  const required = fields.flatMap((f, i) => (f.required ? [`count(${col(i)})`] : []));
  const pairs = sums.flatMap((i, a) => (crossProducts ? sums.slice(a + 1).map((j) => [i, j]) : []));
  const inner = [
    'count(*) AS __n',
    'count(__id) AS __ids',
    'count(__extra) AS __extras',
    'count(DISTINCT hash(__id)) AS __distinct',
    `count(*) FILTER (WHERE NOT (${rowOk.length > 0 ? rowOk.join(' AND ') : 'true'})) AS __bad`,
    `least(${['count(*)', ...required].join(', ')}) AS __filled`,
    `${range.length > 0 ? range.join(' AND ') : 'true'} AS __inRange`,
    ...sums.flatMap((i) => [`count(${col(i)}) AS __c${i}`, `sum(${k(i)}) AS __s${i}`, `sum(${k(i)} * ${k(i)}) AS __q${i}`]),
    ...pairs.map(([i, j]) => `sum(${k(i)} * ${k(j)}) AS __p${i}_${j}`),
  ];
  // the exact integer (below 2^53 when the bound holds) → the same DECIMAL → DOUBLE conversion as the integer form
  const decimal = (e: string, times: number, scale: number) => integerToDouble(`TRY_CAST(${e} AS HUGEINT) * ${times}`, scale);
  const bound = sums.length > 0 ? `greatest(${sums.map((i) => `__q${i}`).join(', ')}) < ${HUNDREDTHS_BOUND}` : 'true';
  const outer = [
    'CAST(__n AS DOUBLE)',
    '0.0',
    'CAST(__n AS DOUBLE)',
    'CAST(__distinct AS DOUBLE)',
    'CAST(__n AS DOUBLE)',
    ...sums.flatMap((i) => [`CAST(__c${i} AS DOUBLE)`, decimal(`__s${i}`, 1000000, 8), decimal(`__q${i}`, 100, 6)]),
    ...pairs.map(([i, j]) => decimal(`__p${i}_${j}`, 100, 6)),
    '__n = __ids AND __extras = 0 AND __distinct = __n AND __filled = __n AND __inRange AND __n > 0',
    '__bad = 0',
    `coalesce(${bound}, false)`,
  ];
  const cells = [...typed].map((c) => `c${c}`);
  const relation =
    `(SELECT ${trimmed(`c${match.id}`)} AS __id, __extra${cells.map((c) => `, ${c}`).join('')}${sums.map((i) => `, round(${col(i)} * 100) AS ${k(i)}`).join('')} ` +
    `FROM ${staged.typedRelation!(typed)})`;
  let cols: unknown[][];
  try {
    cols = columnsOf(await db.connection.runAndReadAll(`SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${relation})`));
  } catch {
    return { cols: null, why: 'unread' };
  }
  const [clean, whole, bounded] = cols.splice(cols.length - 3, 3).map((c) => c[0] === true);
  if (!clean) return { cols: null, why: 'fault' };
  if (!whole) return { cols: null, why: 'inexact' };
  return bounded ? { cols } : { cols: null, why: 'bound' };
}

/** typedMoments applies: the reader can type the numbers, and every field is such a number or optional text (no check), without rules. */
export function typedMomentsApply(staged: Staged, match: ColumnMatch, fields: FieldSpec[], rules: number): boolean {
  const typed = fields.filter((f) => isTyped(f)).map((f) => match.fields[f.name]);
  const text = fields.filter((f) => !isTyped(f)).map((f) => match.fields[f.name]);
  return (
    staged.typedRelation !== undefined &&
    rules === 0 &&
    fields.every((f) => (isTyped(f) && match.fields[f.name] >= 0) || (f.type === 'text' && !f.required)) &&
    !typed.includes(match.id) &&
    !typed.some((c) => text.includes(c))
  );
}
