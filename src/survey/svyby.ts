// svyby: estimates in every domain defined by one or more category columns.
import type { Design, SvyStat } from './types.ts';
import { factorCodes, getColumn } from './columns.ts';
import { withWeightsMasked } from './core.ts';

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
  if (byNames.length === 0) throw new Error('svyby: by needs at least one column');
  const factors = byNames.map((b) => factorCodes(getColumn(design.data, b, 'svyby by')));
  const keys = new Map<string, number[]>();
  for (let i = 0; i < design.n; i++) {
    if (design.weights[i] === 0) continue;
    const codes = factors.map((f) => f.codes[i]);
    if (codes.some((c) => c < 0)) continue;
    const key = codes.join(',');
    if (!keys.has(key)) keys.set(key, codes);
  }
  const combos = [...keys.values()].sort((a, b) => {
    for (let j = a.length - 1; j >= 0; j--) if (a[j] !== b[j]) return a[j] - b[j];
    return 0;
  });
  const groups = combos.map((codes) => {
    const d = withWeightsMasked(design, (i) => factors.every((f, j) => f.codes[i] === codes[j]));
    return { levels: codes.map((c, j) => factors[j].levels[c]), result: FUN(vars, d) };
  });
  return { by: byNames, groups, label: `svyby(${vars.join('+')}, ${byNames.join('+')})` };
}
