// Loads the datasets and reference results written by scripts/ref/survey_reference.R.
import { readFileSync } from 'node:fs';
import type { Columns } from '../../src/survey/index.ts';

const dir = new URL('../fixtures/survey/', import.meta.url);

/** A dataset exported from R: numeric columns become Float64Array (null → NaN), others string arrays. */
export function loadData(name: string): Columns {
  const raw = JSON.parse(readFileSync(new URL(`data/${name}.json`, dir), 'utf8')) as Record<string, (number | string | null)[]>;
  const out: Record<string, Float64Array | (string | null)[]> = {};
  for (const [k, v] of Object.entries(raw)) {
    const arr = Array.isArray(v) ? v : [v];
    out[k] = arr.some((x) => typeof x === 'string') ? arr.map((x) => (x === null ? null : String(x))) : Float64Array.from(arr, (x) => (x === null ? NaN : Number(x)));
  }
  return out;
}

export interface RefCase {
  id: string;
  design: Record<string, unknown> & { data: string };
  estimator: string;
  args: Record<string, unknown>;
  result: Record<string, unknown>;
}

export function loadReference(file = 'reference.json'): RefCase[] {
  return (JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { cases: RefCase[] }).cases;
}

/** Arrays equal to a relative tolerance; near-zero entries compared on the scale of the largest entry. */
export function assertClose(actual: ArrayLike<number>, expected: unknown, tol: number, what: string, zero = 0): void {
  const exp = (Array.isArray(expected) ? expected : [expected]) as (number | null)[];
  if (actual.length !== exp.length) throw new Error(`${what}: length ${actual.length}, expected ${exp.length}`);
  let scale = 0;
  for (const e of exp) if (e !== null && Math.abs(e) > scale) scale = Math.abs(e);
  for (let i = 0; i < exp.length; i++) {
    const e = exp[i], a = actual[i];
    if (e === null) { if (!Number.isNaN(a)) throw new Error(`${what}[${i}]: ${a}, expected NA`); continue; }
    const err = Math.abs(a - e);
    if (Math.abs(a) <= zero && Math.abs(e) <= zero) continue; // both zero up to rounding
    if (!(err <= tol * Math.max(Math.abs(e), 1e-9 * scale) || err <= 1e-14 * Math.max(scale, 1))) throw new Error(`${what}[${i}]: ${a}, expected ${e} (relative error ${(err / Math.abs(e)).toExponential(2)})`);
  }
}
