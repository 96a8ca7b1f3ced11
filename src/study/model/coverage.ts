// Coverage you can see: for the direct-jobs figures of default-design questionnaires, skewness
// diagnostics and the simulated coverage of the interval the study reports.
import { simulateCoverage, skewDiagnostics, type IntervalEstimate, type SkewDiagnostics } from '../../survey/index.ts';
import type { ComponentConfig, CoverageCheck, Figure, StudyConfig, StudyInputs } from '../types.ts';
import { componentStatistic, type ComponentStatistic } from './componentStatistic.ts';
import { componentBootstrapT, componentReplicates } from './componentIntervals.ts';

/** Replications and seed of the check in a normal run (about 10 ms for the example's 3,000 rows). */
export const COVERAGE_REPS = 400;
export const COVERAGE_SEED = 20190;
/**
 * A bootstrap-t interval is checked on COVERAGE_BOOT_REPS simulated samples with
 * COVERAGE_BOOT_REPLICATES replicates each ((B + 1)·α/2 an integer at 95%: Hall 1986) — a bootstrap
 * inside the simulation costs reps × B × n; the figure's own interval uses its `replicates`.
 */
export const COVERAGE_BOOT_REPS = 200;
export const COVERAGE_BOOT_REPLICATES = 119;
/** Simulated coverage of a 95% interval below this is reported as a warning beside the figure. */
export const COVERAGE_WARN = 0.9;

/** The half-width multiplier q of a figure's reported interval (value ± q·se). */
const multiplier = (f: Figure): number => (f.ci![1] - f.value) / f.se!;

/** What a component's declared interval is, as the check recomputes it on resampled rows. */
export interface ComponentIntervalRule {
  readonly component: ComponentConfig;
  readonly statistic: ComponentStatistic;
  /** 'wald': est ± q·√v; 'bootstrap-t': the component's bootstrap-t with `replicates`. */
  readonly method: 'wald' | 'bootstrap-t';
  readonly q: number;
  readonly level: number;
  readonly replicates: number;
  readonly seed: number;
}

/**
 * Each rule's bootstrap replicates by sample size: every simulated sample of a check is resampled with
 * the rule's seed, so the multipliers are the same for each and are drawn once (200 samples × 119
 * replicates × n draws before; the interval is the same to the bit).
 */
const drawnReplicates = new WeakMap<ComponentIntervalRule, Map<number, Float64Array>>();

/** The component's interval recomputed from the rows idx (as the figure's own is from all its rows). */
export function componentIntervalOf(rule: ComponentIntervalRule, idx: Int32Array): IntervalEstimate {
  if (rule.method === 'bootstrap-t') {
    let byN = drawnReplicates.get(rule);
    if (!byN) drawnReplicates.set(rule, (byN = new Map()));
    let u = byN.get(idx.length);
    if (!u) byN.set(idx.length, (u = componentReplicates(rule.component, idx.length, rule.replicates, rule.seed)));
    const b = componentBootstrapT(rule.component, rule.statistic, idx, rule.level, rule.replicates, rule.seed, u);
    return { estimate: b.estimate, lower: b.lower, upper: b.upper };
  }
  const r = rule.statistic.prepare(idx).full();
  const h = rule.q * Math.sqrt(r.v);
  return { estimate: r.est, lower: r.est - h, upper: r.est + h };
}

/**
 * Bootstrap-t checks by questionnaire columns (same object ⇒ same rows) and component: a scenario in
 * the dashboard changes populations, not answers, and an operator's coverage and relative bias do
 * not depend on M (estimate and interval scale with it), so the seconds-long check runs once.
 */
const rememberedChecks = new WeakMap<object, Map<string, ReturnType<typeof simulateCoverage>>>();
function remembered(columns: object, key: string, simulate: () => ReturnType<typeof simulateCoverage>): ReturnType<typeof simulateCoverage> {
  let m = rememberedChecks.get(columns);
  if (!m) rememberedChecks.set(columns, (m = new Map()));
  let r = m.get(key);
  if (!r) m.set(key, (r = simulate()));
  return r;
}

/** The simulated coverage of component c's bootstrap-t interval (remembered: the same columns and component give it at once). */
function bootstrapTCheck(config: StudyConfig, inputs: Pick<StudyInputs, 'questionnaires'>, c: ComponentConfig, s: ComponentStatistic): ReturnType<typeof simulateCoverage> {
  const rule: ComponentIntervalRule = { component: c, statistic: s, method: 'bootstrap-t', q: 0, level: config.intervals.level, replicates: COVERAGE_BOOT_REPLICATES, seed: c.interval?.seed ?? 1 };
  const key = JSON.stringify([c.kind, c.where, c.kind === 'provider' ? c.population : 0, rule.level, rule.seed]);
  return remembered(inputs.questionnaires[c.questionnaire].numbers, key, () => simulateCoverage([s.rows], (rows) => componentIntervalOf(rule, rows), { reps: COVERAGE_BOOT_REPS, seed: COVERAGE_SEED }));
}

/**
 * prepareCoverageChecks(config, inputs): the bootstrap-t checks coverageChecks will need (the
 * seconds-long part), computed ahead from the questionnaire rows alone — before the figures exist —
 * and remembered for the same `inputs.questionnaires` columns. A component declaring bootstrap-t whose
 * figure turns out to have no interval is checked for nothing. Throws as componentStatistic does.
 */
export function prepareCoverageChecks(config: StudyConfig, inputs: Pick<StudyInputs, 'questionnaires'>): void {
  const comps = [...config.providers, ...config.operators];
  if (comps.some((c) => config.questionnaires[c.questionnaire]?.design)) return;
  for (const c of comps) {
    if (c.interval?.method !== 'bootstrap-t') continue;
    const s = componentStatistic(c, inputs);
    if (s && s.rows.length >= 3) bootstrapTCheck(config, inputs, c, s);
  }
}

/**
 * coverageChecks(config, inputs, figures) → per checked figure id its CoverageCheck: each provider
 * and operator component (`jobs.providers.<k>`, `jobs.operators.<j>`) and `jobs.direct`, when every
 * component's questionnaire uses the default design (declared designs and consumption figures are
 * not checked: the latter are read as moments). Resampling is stratified by component, as the
 * default design. The interval checked is the one the figure reports: a component's declared
 * `interval` (Wald value ± q·se with the figure's q, or bootstrap-t recomputed on each simulated
 * sample with COVERAGE_BOOT_REPLICATES replicates), and Wald for jobs.direct.
 */
export function coverageChecks(config: StudyConfig, inputs: Pick<StudyInputs, 'questionnaires'>, figures: Readonly<Record<string, Figure>>): Record<string, CoverageCheck> {
  const comps = [...config.providers, ...config.operators];
  if (comps.some((c) => config.questionnaires[c.questionnaire]?.design)) return {};
  const stats = comps.map((c) => componentStatistic(c, inputs));
  if (stats.some((p) => p === null || p.rows.length < 3)) return {};
  const ps = stats as ComponentStatistic[];
  const out: Record<string, CoverageCheck> = {};
  const record = (id: string, f: Figure, sim: ReturnType<typeof simulateCoverage>, n: number, diagnostics: SkewDiagnostics | null, replicates?: number): void => {
    out[id] = {
      method: 'stratified resampling of the sample as the population',
      interval: f.interval ?? 'wald',
      level: config.intervals.level,
      coverage: sim.coverage, mcSe: sim.mcSe, reps: sim.reps, seed: sim.seed, ...(replicates ? { replicates } : {}), missLow: sim.missLow, missHigh: sim.missHigh,
      relativeBias: sim.relativeBias, medianRatio: sim.medianRatio, n,
      ...(diagnostics ? { skewness: diagnostics.skewness, cochranMinN: diagnostics.cochranMinN, top1Share: diagnostics.top1Share } : {}),
      warning: sim.coverage < COVERAGE_WARN,
    };
  };
  comps.forEach((c, k) => {
    const s = ps[k], f = figures[s.id];
    if (!f?.ci || !f.se) return;
    const boot = f.interval === 'bootstrap-t' && c.interval?.method === 'bootstrap-t';
    const wald = (): ReturnType<typeof simulateCoverage> => {
      const rule: ComponentIntervalRule = { component: c, statistic: s, method: 'wald', q: multiplier(f), level: config.intervals.level, replicates: COVERAGE_BOOT_REPLICATES, seed: c.interval?.seed ?? 1 };
      return simulateCoverage([s.rows], (rows) => componentIntervalOf(rule, rows), { reps: COVERAGE_REPS, seed: COVERAGE_SEED });
    };
    const sim = boot ? bootstrapTCheck(config, inputs, c, s) : wald();
    record(s.id, f, sim, s.rows.length, skewDiagnostics(s.values(s.rows)), boot ? COVERAGE_BOOT_REPLICATES : undefined);
  });
  const d = figures['jobs.direct'];
  if (d?.ci && d.se) {
    const q = multiplier(d);
    // Each component sees its own rows: the resampled rows are split back by stratum (in order).
    const estimator = (rows: Int32Array): IntervalEstimate => {
      let est = 0, v = 0, at = 0;
      for (const p of ps) {
        const n = p.rows.length;
        const r = p.prepare(rows.subarray(at, at + n)).full();
        at += n;
        est += r.est; v += r.v;
      }
      const h = q * Math.sqrt(v);
      return { estimate: est, lower: est - h, upper: est + h };
    };
    const sim = simulateCoverage(ps.map((p) => p.rows), estimator, { reps: COVERAGE_REPS, seed: COVERAGE_SEED });
    record('jobs.direct', d, sim, ps.reduce((t, p) => t + p.rows.length, 0), null);
  }
  return out;
}

/** Adds each check to its figure (figures[id].coverage; computeStudy's last change to the figures). */
export function attachCoverage(figures: Record<string, Figure>, checks: Record<string, CoverageCheck>): void {
  for (const [id, c] of Object.entries(checks)) figures[id].coverage = c;
}
