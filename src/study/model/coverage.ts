// Coverage you can see: for the direct-jobs figures of default-design questionnaires, skewness
// diagnostics and the simulated coverage of the interval the study reports.
import { coverageOf, drawCoverage, simulateCoverage, skewDiagnostics, type CoverageDraws, type IntervalEstimate, type SkewDiagnostics } from '../../survey/index.ts';
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
  return waldInterval(rule.statistic.full(idx), rule.q);
}

/** The Wald interval est ± q·√v. */
function waldInterval(r: { est: number; v: number }, q: number): IntervalEstimate {
  const h = q * Math.sqrt(r.v);
  return { estimate: r.est, lower: r.est - h, upper: r.est + h };
}

/**
 * What the checks compute from the questionnaire rows alone, remembered by questionnaire columns (same
 * object ⇒ same rows) and a key naming what else it depends on: a scenario in the dashboard changes
 * populations, not answers, and the coverage thread computes it ahead (prepareCoverageChecks) for
 * the check that follows. Bootstrap-t checks: an operator's coverage and relative bias do not depend
 * on M (estimate and interval scale with it), so the seconds-long check runs once.
 */
const rememberedByColumns = new WeakMap<object, Map<string, unknown>>();
function remembered<T>(columns: object, key: string, compute: () => T): T {
  let m = rememberedByColumns.get(columns);
  if (!m) rememberedByColumns.set(columns, (m = new Map()));
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as T;
}

/** componentStatistic(c, inputs), remembered (its rows selected once for the same columns). */
function statisticOf(c: ComponentConfig, inputs: Pick<StudyInputs, 'questionnaires'>): ComponentStatistic | null {
  const q = inputs.questionnaires[c.questionnaire];
  if (!q) return componentStatistic(c, inputs);
  return remembered(q.numbers, JSON.stringify(['statistic', c.id, c.kind, c.where, c.population, c.yamlPath]), () => componentStatistic(c, inputs));
}

/** The simulated coverage of component c's bootstrap-t interval (remembered). */
function bootstrapTCheck(config: StudyConfig, inputs: Pick<StudyInputs, 'questionnaires'>, c: ComponentConfig, s: ComponentStatistic): ReturnType<typeof simulateCoverage> {
  const rule: ComponentIntervalRule = { component: c, statistic: s, method: 'bootstrap-t', q: 0, level: config.intervals.level, replicates: COVERAGE_BOOT_REPLICATES, seed: c.interval?.seed ?? 1 };
  const key = JSON.stringify(['bootstrap-t', c.kind, c.where, c.kind === 'provider' ? c.population : 0, rule.level, rule.seed]);
  return remembered(inputs.questionnaires[c.questionnaire].numbers, key, () => simulateCoverage([s.rows], (rows) => componentIntervalOf(rule, rows), { reps: COVERAGE_BOOT_REPS, seed: COVERAGE_SEED }));
}

/** The Wald check's simulated samples of component c, estimate and variance of each (remembered): the interval's q is applied when the figure exists. */
function waldDraws(inputs: Pick<StudyInputs, 'questionnaires'>, c: ComponentConfig, s: ComponentStatistic): CoverageDraws<{ est: number; v: number }> {
  const key = JSON.stringify(['wald', c.kind, c.where, c.population]);
  return remembered(inputs.questionnaires[c.questionnaire].numbers, key, () => drawCoverage([s.rows], (rows) => s.full(rows), (r) => r.est, { reps: COVERAGE_REPS, seed: COVERAGE_SEED }));
}

/** jobs.direct's simulated samples, stratified by component: Σ of the components' estimates and variances (remembered). */
function directDraws(inputs: Pick<StudyInputs, 'questionnaires'>, comps: readonly ComponentConfig[], ps: readonly ComponentStatistic[]): CoverageDraws<{ est: number; v: number }> {
  const key = JSON.stringify(['jobs.direct', comps.map((c) => [c.questionnaire, c.kind, c.where, c.population])]);
  // Each component sees its own rows: the resampled rows are split back by stratum (in order).
  const record = (rows: Int32Array): { est: number; v: number } => {
    let est = 0, v = 0, at = 0;
    for (const p of ps) {
      const n = p.rows.length;
      const r = p.full(rows.subarray(at, at + n));
      at += n;
      est += r.est; v += r.v;
    }
    return { est, v };
  };
  return remembered(inputs.questionnaires, key, () => drawCoverage(ps.map((p) => p.rows), record, (r) => r.est, { reps: COVERAGE_REPS, seed: COVERAGE_SEED }));
}

/** The components and their statistics when every one can be checked (default design, rows read, ≥ 3 of them); else null. */
function checkable(config: StudyConfig, inputs: Pick<StudyInputs, 'questionnaires'>): { comps: ComponentConfig[]; ps: ComponentStatistic[] } | null {
  const comps = [...config.providers, ...config.operators];
  if (comps.some((c) => config.questionnaires[c.questionnaire]?.design)) return null;
  const stats = comps.map((c) => statisticOf(c, inputs));
  if (stats.some((p) => p === null || p.rows.length < 3)) return null;
  return { comps, ps: stats as ComponentStatistic[] };
}

/**
 * prepareCoverageChecks(config, inputs): what coverageChecks will need from the questionnaire rows
 * alone, computed ahead — before the figures exist — and remembered for the same
 * `inputs.questionnaires` columns: the bootstrap-t checks (the seconds-long part) and the simulated
 * samples of the Wald checks and of jobs.direct (whose interval multipliers come with the figures).
 * A component whose figure turns out to have no interval is checked for nothing. Throws as
 * componentStatistic does.
 */
export function prepareCoverageChecks(config: StudyConfig, inputs: Pick<StudyInputs, 'questionnaires'>): void {
  const all = checkable(config, inputs);
  if (!all) return; // coverageChecks checks nothing then
  all.comps.forEach((c, k) => (c.interval?.method === 'bootstrap-t' ? bootstrapTCheck(config, inputs, c, all.ps[k]) : waldDraws(inputs, c, all.ps[k])));
  directDraws(inputs, all.comps, all.ps);
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
  const all = checkable(config, inputs);
  if (!all) return {};
  const { comps, ps } = all;
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
    const q = multiplier(f);
    const sim = boot ? bootstrapTCheck(config, inputs, c, s) : coverageOf(waldDraws(inputs, c, s), (r) => waldInterval(r, q));
    record(s.id, f, sim, s.rows.length, skewDiagnostics(s.values(s.rows)), boot ? COVERAGE_BOOT_REPLICATES : undefined);
  });
  const d = figures['jobs.direct'];
  if (d?.ci && d.se) {
    const q = multiplier(d);
    record('jobs.direct', d, coverageOf(directDraws(inputs, comps, ps), (r) => waldInterval(r, q)), ps.reduce((t, p) => t + p.rows.length, 0), null);
  }
  return out;
}

/** Adds each check to its figure (figures[id].coverage; computeStudy's last change to the figures). */
export function attachCoverage(figures: Record<string, Figure>, checks: Record<string, CoverageCheck>): void {
  for (const [id, c] of Object.entries(checks)) figures[id].coverage = c;
}
