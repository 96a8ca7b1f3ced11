// Internal: a materialized DuckDB result's columns read from its chunks' vectors, one loop per column type, into
// typed arrays where they can go. The generic getColumnsJS converts every cell through one value visitor shared by
// all types (≈35 ms cold for the default study's valid rows, mostly that visitor's loop).
import { DuckDBDoubleVector, DuckDBIntegerVector, DuckDBVarCharVector, type DuckDBMaterializedResult, type DuckDBValue, type DuckDBVector } from '@duckdb/node-api';
import { internalError } from '../locale/errorText.ts';

/** Each chunk's vector of column j, checked to be of the expected class. */
function vectors<V extends DuckDBVector>(res: DuckDBMaterializedResult, j: number, kind: abstract new (...args: never[]) => V, type: string): V[] {
  const out: V[] = [];
  for (let c = 0; c < res.chunkCount; c++) {
    const v = res.getChunk(c).getColumnVector(j);
    if (!(v instanceof kind)) throw internalError(`result column ${j} is ${v.type.toString()}, not ${type}`);
    out.push(v);
  }
  return out;
}

/**
 * A DOUBLE column as a Float64Array, NULL or NaN → NaN (JavaScript's own): every other value as DuckDB holds it, bit
 * for bit. Example: 1.5, NULL, -0 → [1.5, NaN, -0].
 */
export function float64Column(res: DuckDBMaterializedResult, j: number): Float64Array {
  const out = new Float64Array(res.rowCount);
  let at = 0;
  for (const v of vectors(res, j, DuckDBDoubleVector, 'DOUBLE')) {
    for (let i = 0, n = v.itemCount; i < n; i++) {
      const x = v.getItem(i);
      out[at++] = x === null || x !== x ? NaN : x;
    }
  }
  return out;
}

/** Column j's values, each chunk's vector checked to be of the expected class. */
function values<T extends DuckDBValue>(res: DuckDBMaterializedResult, j: number, kind: abstract new (...args: never[]) => DuckDBVector<T>, type: string): (T | null)[] {
  const out: (T | null)[] = [];
  for (const v of vectors(res, j, kind, type)) for (let i = 0, n = v.itemCount; i < n; i++) out.push(v.getItem(i));
  return out;
}

/** An INTEGER column without NULLs as an Int32Array (a NULL is an internal error). */
export function int32Column(res: DuckDBMaterializedResult, j: number): Int32Array {
  const xs = values(res, j, DuckDBIntegerVector, 'INTEGER');
  const at = xs.indexOf(null);
  if (at >= 0) throw internalError(`result column ${j}: NULL at row ${at}`);
  return Int32Array.from(xs as number[]);
}

/** A VARCHAR column as strings (NULL → null). */
export const textColumn = (res: DuckDBMaterializedResult, j: number): (string | null)[] => values(res, j, DuckDBVarCharVector, 'VARCHAR');
