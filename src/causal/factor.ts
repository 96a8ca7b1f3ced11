// Categorical coding for fixed effects and clusters.
import type { Factor } from './types.ts';

/**
 * Codes values by first appearance: factor(['b','a','b']) → codes [0,1,0], levels 2.
 * Values are compared with Map semantics (so 1 and '1' differ).
 */
export function factor(values: ArrayLike<string | number>): Factor {
  const map = new Map<string | number, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let c = map.get(values[i]);
    if (c === undefined) { c = map.size; map.set(values[i], c); }
    codes[i] = c;
  }
  return { codes, levels: map.size };
}

/** The interaction a × b of two factors (levels that occur only), e.g. city × industry. */
export function interact(a: Factor, b: Factor): Factor {
  const keys = new Array<number>(a.codes.length);
  for (let i = 0; i < keys.length; i++) keys[i] = a.codes[i] * b.levels + b.codes[i];
  return factor(keys);
}

/** Whether every level of f occurs within a single cluster (f nested in cluster). */
export function nestedIn(f: Factor, cluster: Factor): boolean {
  const owner = new Int32Array(f.levels).fill(-1);
  for (let i = 0; i < f.codes.length; i++) {
    const l = f.codes[i];
    if (owner[l] === -1) owner[l] = cluster.codes[i];
    else if (owner[l] !== cluster.codes[i]) return false;
  }
  return true;
}
