// Internal helpers that read design and analysis variables out of a Columns value.
// Parse once at the entry (names -> typed arrays / integer codes); computations see clean arrays.
import type { Column, Columns } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** Number of rows of a Columns value; throws when columns differ in length or there are none. */
export function rowCount(data: Columns, where: string): number {
  const names = Object.keys(data);
  if (names.length === 0) throw new LocalizedError({ zh: `${where}：数据没有列`, en: `${where}: data has no columns` });
  const n = data[names[0]].length;
  for (const k of names) {
    if (data[k].length !== n) throw new LocalizedError({ zh: `${where}：列 '${k}' 有 ${data[k].length} 行，列 '${names[0]}' 有 ${n} 行`, en: `${where}: column '${k}' has ${data[k].length} rows, column '${names[0]}' has ${n}` });
  }
  return n;
}

export function getColumn(data: Columns, name: string, where: string): Column {
  const c = data[name];
  if (c === undefined) throw new LocalizedError({ zh: `${where}：数据中没有列 '${name}'（已有的列：${Object.keys(data).slice(0, 12).join(', ')}）`, en: `${where}: no column '${name}' in data (columns: ${Object.keys(data).slice(0, 12).join(', ')})` });
  return c;
}

/** A numeric column; string columns are an error. Missing values are NaN. */
export function numericColumn(data: Columns, name: string, where: string): Float64Array {
  const c = getColumn(data, name, where);
  if (!(c instanceof Float64Array)) throw new LocalizedError({ zh: `${where}：列 '${name}' 不是数值列`, en: `${where}: column '${name}' is not numeric` });
  return c;
}

/** Compare category labels: numbers numerically when both parse as numbers, otherwise by code point. */
export function compareLevels(a: string, b: string): number {
  const x = Number(a), y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Label of a value as a category: numbers print as R prints them in factor levels. */
export function levelLabel(c: Column, i: number): string | null {
  if (c instanceof Float64Array) {
    const v = c[i];
    return Number.isNaN(v) ? null : String(v);
  }
  return c[i];
}

const factorCache = new WeakMap<Column, { codes: Int32Array; levels: string[] }>();

/**
 * Integer codes of a column as a factor, levels sorted as R's factor() sorts them; -1 = missing.
 * Cached per column array: columns are immutable values and must not be mutated after use.
 */
export function factorCodes(c: Column): { codes: Int32Array; levels: string[] } {
  let f = factorCache.get(c);
  if (!f) { f = computeFactorCodes(c); factorCache.set(c, f); }
  return f;
}

function computeFactorCodes(c: Column): { codes: Int32Array; levels: string[] } {
  const n = c.length;
  const seen = new Map<string, number>();
  const raw = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = levelLabel(c, i);
    if (v === null) { raw[i] = -1; continue; }
    let k = seen.get(v);
    if (k === undefined) { k = seen.size; seen.set(v, k); }
    raw[i] = k;
  }
  const levels = [...seen.keys()].sort(compareLevels);
  const remap = new Int32Array(levels.length);
  levels.forEach((l, j) => { remap[seen.get(l)!] = j; });
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = raw[i] < 0 ? -1 : remap[raw[i]];
  return { codes, levels };
}

/** Codes of the interaction of several code vectors (order of first appearance); -1 if any is -1. */
export function interactionCodes(parts: readonly Int32Array[], n: number): { codes: Int32Array; count: number } {
  const codes = new Int32Array(n);
  if (parts.length === 0) return { codes, count: n > 0 ? 1 : 0 };
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let key = '';
    let missing = false;
    for (const p of parts) {
      if (p[i] < 0) { missing = true; break; }
      key += p[i] + ',';
    }
    if (missing) { codes[i] = -1; continue; }
    let k = seen.get(key);
    if (k === undefined) { k = seen.size; seen.set(key, k); }
    codes[i] = k;
  }
  return { codes, count: seen.size };
}

/** Number of distinct non-negative codes. */
export function countCodes(codes: Int32Array): number {
  let max = -1;
  for (let i = 0; i < codes.length; i++) if (codes[i] > max) max = codes[i];
  return max + 1;
}

/**
 * The estimation matrix of analysis variables as R's svytotal/svymean build it: a numeric column
 * is used as is; a category column becomes one 0/1 indicator per level, named name+level
 * (R: model.matrix(~0+x)). Missing values give NaN in every indicator of that row.
 */
export function analysisMatrix(data: Columns, vars: readonly string[], where: string): { X: Float64Array[]; names: string[]; source: string[] } {
  const X: Float64Array[] = [];
  const names: string[] = [];
  const source: string[] = [];
  for (const v of vars) {
    const c = getColumn(data, v, where);
    if (c instanceof Float64Array) { X.push(c); names.push(v); source.push(v); continue; }
    const { codes, levels } = factorCodes(c);
    levels.forEach((lev, j) => {
      const col = new Float64Array(c.length);
      for (let i = 0; i < c.length; i++) col[i] = codes[i] < 0 ? NaN : codes[i] === j ? 1 : 0;
      X.push(col);
      names.push(v + lev);
      source.push(v);
    });
  }
  return { X, names, source };
}

/** start, start + 1, …, start + n − 1 (a loop: Int32Array.from({length}, f) takes the slow generic path). */
export function sequence(n: number, start = 0): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i;
  return out;
}
