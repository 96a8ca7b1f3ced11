// Every estimate against R survey 4.1, on R's bundled datasets.
// Reference: `Rscript scripts/ref/survey_reference.R` → test/fixtures/survey/reference.json.
// Tolerance: 1e-6 relative (near-zero covariances: 1e-6 of the largest entry × 1e-9 floor).
import { test } from 'node:test';
import { assertClose, loadData, loadReference, type RefCase } from './fixtures.ts';
import { confint, predictRatio, subset, svyby, svydesign, svymean, svyratio, svytotal, type Columns, type Design, type LonelyPsu, type SvyStat } from '../../src/survey/index.ts';

const TOL = 1e-6;
const cache = new Map<string, Columns>();
const data = (name: string): Columns => { if (!cache.has(name)) cache.set(name, loadData(name)); return cache.get(name)!; };

export function designOf(spec: RefCase['design']): Design {
  const s = spec as { data: string; ids: string | string[]; strata?: string; weights?: string; probs?: string; fpc?: string | string[]; nest?: boolean; lonelyPsu?: LonelyPsu };
  return svydesign({ data: data(s.data), ids: s.ids, strata: s.strata, weights: s.weights, probs: s.probs, fpc: s.fpc, nest: s.nest, lonelyPsu: s.lonelyPsu });
}

function checkStat(c: RefCase, st: SvyStat): void {
  const r = c.result;
  assertClose(st.estimate, r.estimate, TOL, `${c.id} estimate`);
  assertClose(st.se, r.se, TOL, `${c.id} se`);
  if (r.variance !== undefined) assertClose(st.variance, r.variance, TOL, `${c.id} variance`);
  if (r.deff !== undefined && r.deff !== null) assertClose(st.deff!, r.deff, TOL, `${c.id} deff`);
  if (r.df !== undefined) assertClose([st.df], [r.df], 0, `${c.id} df`);
  if (r.ci_z !== undefined) {
    const z = confint(st, { method: 'z' });
    assertClose(Array.from(st.estimate).flatMap((_, k) => [z.lower[k], z.upper[k]]), r.ci_z, TOL, `${c.id} ci z`);
    if (r.confint_R !== undefined) assertClose(Array.from(st.estimate).flatMap((_, k) => [z.lower[k], z.upper[k]]), r.confint_R, TOL, `${c.id} confint(R)`);
    const t = confint(st, { method: 't' });
    assertClose(Array.from(st.estimate).flatMap((_, k) => [t.lower[k], t.upper[k]]), r.ci_t, TOL, `${c.id} ci t`);
  }
  if (r.names !== undefined) {
    const names = r.names as string[];
    if (JSON.stringify(st.names) !== JSON.stringify(names)) throw new Error(`${c.id} names ${JSON.stringify(st.names)}, expected ${JSON.stringify(names)}`);
  }
}

export function runCase(c: RefCase, d: Design): void {
  const a = c.args as { x?: string[]; naRm?: boolean; numerator?: string; denominator?: string; total?: number; by?: string[]; FUN?: string; subset?: Record<string, string> };
  const opts = { naRm: a.naRm };
  if (a.subset) {
    const [[col, val]] = Object.entries(a.subset);
    const column = d.data[col] as (string | null)[];
    d = subset(d, column.map((v) => v === val));
  }
  switch (c.estimator) {
    case 'svytotal': return checkStat(c, svytotal(a.x!, d, opts));
    case 'svymean': return checkStat(c, svymean(a.x!, d, opts));
    case 'svyratio': return checkStat(c, svyratio(a.numerator!, a.denominator!, d, opts));
    case 'predictRatio': {
      const p = predictRatio(svyratio(a.numerator!, a.denominator!, d, opts), a.total!);
      assertClose(p.estimate, c.result.estimate, TOL, `${c.id} estimate`);
      assertClose(p.se, c.result.se, TOL, `${c.id} se`);
      return;
    }
    case 'svyby': {
      const FUN = a.FUN === 'svymean' ? (x: readonly string[], dd: Design) => svymean(x, dd, opts)
        : a.FUN === 'svytotal' ? (x: readonly string[], dd: Design) => svytotal(x, dd, opts)
        : (x: readonly string[], dd: Design) => svyratio(x[0], x[1], dd, opts);
      const b = svyby(a.FUN === 'svyratio' ? a.x! : a.x!, a.by!, d, FUN);
      const levels = b.groups.map((g) => g.levels.join('.'));
      if (JSON.stringify(levels) !== JSON.stringify(c.result.levels)) throw new Error(`${c.id} levels ${JSON.stringify(levels)}, expected ${JSON.stringify(c.result.levels)}`);
      assertClose(b.groups.map((g) => g.result.estimate[0]), c.result.estimate, TOL, `${c.id} estimate`);
      assertClose(b.groups.map((g) => g.result.se[0]), c.result.se, TOL, `${c.id} se`);
      if (c.result.deff) assertClose(b.groups.map((g) => g.result.deff![0]), c.result.deff, TOL, `${c.id} deff`);
      return;
    }
    default: throw new Error(`unknown estimator ${c.estimator}`);
  }
}

for (const c of loadReference()) {
  test(`R survey reference: ${c.id}`, () => runCase(c, designOf(c.design)));
}
