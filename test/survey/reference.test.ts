// Every estimate against R survey 4.1, on R's bundled datasets.
// Reference: `Rscript scripts/ref/survey_reference.R` → test/fixtures/survey/reference.json.
// Tolerance: 1e-6 relative (near-zero covariances: 1e-6 of the largest entry × 1e-9 floor).
import { test } from 'node:test';
import { assertClose, loadData, loadReference, type RefCase } from './fixtures.ts';
import { confint, designFromSpec, predictRatio, predictSeparateRatio, svyratioSeparate, type CipropMethod, subset, svyby, svyciprop, svymean, svyquantile, svyratio, svytotal, type Columns, type Design, type SurveySpec, type SvyStat } from '../../src/survey/index.ts';

const TOL = 1e-6;
const cache = new Map<string, Columns>();
const data = (name: string): Columns => { if (!cache.has(name)) cache.set(name, loadData(name)); return cache.get(name)!; };

/** The case's design through the same spec route as the CLI: design → replicates → nonresponse → calibration. */
export function designOf(c: RefCase): Design {
  const { data: name, ...design } = c.design;
  const extra = (c.args.spec ?? {}) as Partial<SurveySpec>;
  return designFromSpec({ design: design as SurveySpec['design'], ...extra, estimates: [] }, data(name));
}

function checkStat(c: RefCase, st: SvyStat): void {
  const r = c.result;
  assertClose(st.estimate, r.estimate, TOL, `${c.id} estimate`);
  // Standard errors that are zero in theory (e.g. calibrated variables) are rounding noise in
  // both tools: below 1e-9 × the largest estimate both count as zero.
  const zero = 1e-9 * Math.max(...Array.from(st.estimate, Math.abs));
  assertClose(st.se, r.se, TOL, `${c.id} se`, zero);
  if (c.args.compare) return; // only estimate and se are comparable (see the R script)
  if (r.variance !== undefined) assertClose(st.variance, r.variance, TOL, `${c.id} variance`, zero * zero);
  if (r.deff !== undefined && r.deff !== null) assertClose(st.deff!, r.deff, TOL, `${c.id} deff`, Math.max(...Array.from(st.se)) <= zero ? Infinity : 0);
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
  const a = c.args as { x?: string[]; naRm?: boolean; numerator?: string; denominator?: string; total?: number; by?: string[]; FUN?: string; subset?: Record<string, string>; probs?: number[]; qrule?: 'math' | 'school'; level?: number };
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
    case 'svyciprop': {
      const a2 = c.args as { x: string; method: CipropMethod; level?: number; naRm?: boolean };
      const q = svyciprop(a2.x, d, { method: a2.method, level: a2.level, naRm: a2.naRm });
      assertClose(q.estimate, c.result.estimate, TOL, `${c.id} estimate`);
      assertClose(q.se, c.result.se, TOL, `${c.id} se`);
      const ci = confint(q, { level: a2.level ?? 0.95 });
      assertClose(ci.lower, c.result.lower, TOL, `${c.id} lower`);
      assertClose(ci.upper, c.result.upper, TOL, `${c.id} upper`);
      return;
    }
    case 'svyquantile': {
      const q = svyquantile(a.x!, d, a.probs!, { ...opts, qrule: a.qrule, level: a.level });
      assertClose(q.estimate, c.result.estimate, TOL, `${c.id} estimate`);
      assertClose(q.interval!.lower, c.result.lower, TOL, `${c.id} lower`);
      assertClose(q.interval!.upper, c.result.upper, TOL, `${c.id} upper`);
      assertClose(q.se, c.result.se, TOL, `${c.id} se`);
      const ci = confint(q, { level: a.level ?? 0.95 });
      assertClose(ci.lower, c.result.lower, TOL, `${c.id} confint lower`);
      return;
    }
    case 'predictRatio': {
      const p = predictRatio(svyratio(a.numerator!, a.denominator!, d, opts), a.total!);
      assertClose(p.estimate, c.result.estimate, TOL, `${c.id} estimate`);
      assertClose(p.se, c.result.se, TOL, `${c.id} se`);
      return;
    }
    case 'svyratioSeparate': {
      const sep = svyratioSeparate(a.numerator!, a.denominator!, d, opts);
      if (JSON.stringify(sep.strata) !== JSON.stringify(c.result.strata)) throw new Error(`${c.id} strata ${JSON.stringify(sep.strata)}, expected ${JSON.stringify(c.result.strata)}`);
      assertClose(sep.ratios.map((r) => r.estimate[0]), c.result.estimate, TOL, `${c.id} estimate`);
      assertClose(sep.ratios.map((r) => r.se[0]), c.result.se, TOL, `${c.id} se`);
      return;
    }
    case 'predictSeparateRatio': {
      const p = predictSeparateRatio(svyratioSeparate(a.numerator!, a.denominator!, d, opts), (c.args as { totals: Record<string, number> }).totals);
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
  test(`R survey reference: ${c.id}`, () => runCase(c, designOf(c)));
}
