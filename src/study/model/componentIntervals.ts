// The interval each direct-jobs component declares (`interval:` in study.yaml): Wald (default) or
// the studentized bootstrap (bootstrap-t) for skewed business data.
import { bootstrapT, createRng, raoWuReplicates, sequence, type BootstrapTInterval } from '../../survey/index.ts';
import type { ComponentConfig, Figure, StudyConfig, StudyInputs } from '../types.ts';
import { componentStatistic, type ComponentStatistic } from './componentStatistic.ts';
import { LocalizedError, errorWords, zhPlace, type ErrorWords } from '../../locale/errorText.ts';

/** The Rao–Wu design of a component's n rows: one stratum, sampling fraction n/N for providers, 0 for operators. */
function componentDesign(c: ComponentConfig, n: number): { strata: Int32Array[]; fractions: number[] } {
  return { strata: [sequence(n)], fractions: [c.kind === 'provider' ? n / c.population : 0] };
}

/**
 * The replicate multipliers componentBootstrapT draws for n rows with `replicates` and `seed`,
 * drawn once (raoWuReplicates): they depend on n, the fraction and the seed, not on the rows' values.
 */
export function componentReplicates(c: ComponentConfig, n: number, replicates: number, seed: number): Float64Array {
  const d = componentDesign(c, n);
  return raoWuReplicates(d.strata, d.fractions, createRng(seed), n, replicates);
}

/**
 * Bootstrap-t interval of a component from the rows idx: Rao–Wu rescaling bootstrap within the
 * component (its stratum of the default design; sampling fraction n/N for providers, 0 for operators'
 * accounts), t* = (θ̂* − θ̂)/se* with the linearized se of each replicate (componentStatistic), interval
 * [θ̂ − t*₁₋α/₂·se, θ̂ − t*α/₂·se] (survey/bootstrapT.ts). Point and se are those of the Wald interval.
 * `multipliers`: componentReplicates(c, idx.length, replicates, seed), drawn beforehand (same interval).
 */
export function componentBootstrapT(c: ComponentConfig, s: ComponentStatistic, idx: Int32Array, level: number, replicates: number, seed: number, multipliers?: Float64Array): BootstrapTInterval {
  const n = idx.length, sample = s.prepare(idx);
  return bootstrapT({
    ...componentDesign(c, n), nRows: n,
    statistics: (U, count, estimate, se) => {
      sample.replicates(U, count, estimate, se);
      for (let b = 0; b < count; b++) se[b] = Math.sqrt(se[b]);
    },
    replicates, seed, level, multipliers,
  });
}

/** A component declaring `interval: bootstrap-t`, with its statistic (componentStatistic). */
export interface DeclaredBootstrapT {
  readonly component: ComponentConfig;
  readonly statistic: ComponentStatistic;
}

/**
 * The components declaring `interval: bootstrap-t`, each with its statistic. Fails, naming the
 * component, when its questionnaire has a declared design (the bootstrap here resamples the default
 * design's strata) or is read as moments.
 */
export function declaredBootstrapT(config: StudyConfig, inputs: Pick<StudyInputs, 'questionnaires'>): DeclaredBootstrapT[] {
  const out: DeclaredBootstrapT[] = [];
  for (const c of [...config.providers, ...config.operators]) {
    if (!c.interval || c.interval.method === 'wald') continue;
    const where = `${c.yamlPath}.interval`;
    if (config.questionnaires[c.questionnaire]?.design) throw new LocalizedError({ zh: `${zhPlace(where)}：bootstrap-t 只用于没有声明抽样设计的问卷；"${c.questionnaire}" 声明了设计（请去掉 interval 或设计）`, en: `${where}: bootstrap-t is available for questionnaires without a declared design; "${c.questionnaire}" declares one (remove interval or the design)` });
    const s = componentStatistic(c, inputs);
    if (!s) throw new LocalizedError({ zh: `${zhPlace(where)}：bootstrap-t 需要问卷 "${c.questionnaire}" 的各行数据，而它是按合计读取的`, en: `${where}: bootstrap-t needs the rows of questionnaire "${c.questionnaire}", which is read as sums` });
    out.push({ component: c, statistic: s });
  }
  return out;
}

/** A declared component's bootstrap-t interval [lower, upper] from all its rows (componentBootstrapT). */
function componentInterval(config: StudyConfig, { component: c, statistic: s }: DeclaredBootstrapT): [number, number] {
  const b = componentBootstrapT(c, s, s.rows, config.intervals.level, c.interval!.replicates, c.interval!.seed);
  return [b.lower, b.upper];
}

/** A component's interval computed elsewhere (the coverage thread), or the words of the error computing it raised. */
export type ComputedInterval = { ci: [number, number] } | { error: ErrorWords };

/**
 * Each declared component's interval, or its error, by figure id (in the components' order): what
 * setComponentIntervals takes, computed before the figures exist.
 */
export function componentIntervals(config: StudyConfig, declared: readonly DeclaredBootstrapT[]): Record<string, ComputedInterval> {
  const out: Record<string, ComputedInterval> = {};
  for (const d of declared) {
    try {
      out[d.statistic.id] = { ci: componentInterval(config, d) };
    } catch (e) {
      out[d.statistic.id] = { error: errorWords(e) };
    }
  }
  return out;
}

/** The figure's interval is now its bootstrap-t interval ci. */
function useBootstrapT(f: Figure, ci: [number, number]): void {
  f.ci = ci;
  f.interval = 'bootstrap-t';
}

/**
 * Sets each figure of `intervals` that has an interval to it (ci; `interval` 'bootstrap-t'; value and se
 * unchanged), as applyComponentIntervals does: the first such figure whose interval failed throws that error
 * (one without an interval is left alone, its error too).
 */
export function setComponentIntervals(figures: Record<string, Figure>, intervals: Readonly<Record<string, ComputedInterval>>): void {
  for (const [id, r] of Object.entries(intervals)) {
    const f = figures[id];
    if (!f?.ci) continue;
    if ('error' in r) throw new LocalizedError(r.error);
    useBootstrapT(f, r.ci);
  }
}

/**
 * Replaces the Wald interval of each component declaring `interval: bootstrap-t` by its bootstrap-t
 * interval (value and se unchanged; `interval` set to 'bootstrap-t'). Fails as declaredBootstrapT does,
 * or as the bootstrap-t of a figure with an interval does.
 */
export function applyComponentIntervals(config: StudyConfig, inputs: StudyInputs, figures: Record<string, Figure>): void {
  for (const d of declaredBootstrapT(config, inputs)) {
    const f = figures[d.statistic.id];
    if (f?.ci) useBootstrapT(f, componentInterval(config, d));
  }
}
