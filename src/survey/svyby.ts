// svyby: estimates in every domain defined by one or more category columns.
import type { Design, SvyStat } from './types.ts';
import { factorCodes, getColumn } from './columns.ts';
import { withWeightsWhere } from './core.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** An estimator as svyby calls it: variables and the domain's design. */
export type Estimator = (x: readonly string[], design: Design) => SvyStat;

export interface SvyByGroup {
  /** Value of each `by` column in this domain. */
  readonly levels: readonly string[];
  readonly result: SvyStat;
}

export interface SvyBy {
  readonly by: readonly string[];
  readonly groups: readonly SvyByGroup[];
  readonly label: string;
}

/**
 * Apply FUN to each domain (combination of `by` values present among rows of non-zero weight),
 * as R's `svyby(~x, ~by, design, FUN)`. Each domain is a subset (weight 0 outside), so domain
 * standard errors account for random domain sizes. Domains are ordered as R orders them
 * (interaction levels, first `by` column varying fastest); rows with a missing `by` value are
 * left out. Example: svyby('api00', 'stype', apistrat, (x, d) => svymean(x, d)) gives E 674.43,
 * H 625.82, M 636.60.
 */
export function svyby(x: string | readonly string[], by: string | readonly string[], design: Design, FUN: Estimator): SvyBy {
  const vars = typeof x === 'string' ? [x] : [...x];
  const byNames = typeof by === 'string' ? [by] : [...by];
  if (byNames.length === 0) throw new LocalizedError({ zh: `svyby：by 至少需要一列`, en: 'svyby: by needs at least one column' });
  const factors = byNames.map((b) => factorCodes(getColumn(design.data, b, 'svyby by')));
  // Cell code = mixed-radix number of the factor codes, first factor fastest (R's interaction order).
  const n = design.n, w = design.weights;
  let cell: Int32Array;
  let radix = 1;
  if (factors.length === 1) {
    cell = factors[0].codes; // a single factor: its codes are the cells (−1 = missing)
    radix = factors[0].levels.length;
  } else {
    cell = new Int32Array(n);
    for (const f of factors) {
      const fc = f.codes;
      for (let i = 0; i < n; i++) cell[i] = cell[i] < 0 || fc[i] < 0 ? -1 : cell[i] + fc[i] * radix;
      radix *= f.levels.length;
    }
  }
  if (radix > 2 ** 26) throw new LocalizedError({ zh: `svyby：域组合过多（${radix} 个）`, en: `svyby: too many domain combinations (${radix})` });
  const seen = new Uint8Array(radix);
  let found = 0;
  for (let i = 0; i < n && found < radix; i++) {
    const c = cell[i];
    if (c >= 0 && seen[c] === 0 && w[i] !== 0) { seen[c] = 1; found++; }
  }
  const present: number[] = [];
  for (let code = 0; code < radix; code++) if (seen[code]) present.push(code);
  const groups = present.map((code) => {
    const levels: string[] = [];
    let rest = code;
    for (const f of factors) { levels.push(f.levels[rest % f.levels.length]); rest = Math.floor(rest / f.levels.length); }
    return { levels, result: FUN(vars, withWeightsWhere(design, cell, code)) };
  });
  return { by: byNames, groups, label: `svyby(${vars.join('+')}, ${byNames.join('+')})` };
}
