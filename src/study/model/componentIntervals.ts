// The interval each direct-jobs component declares (`interval:` in study.yaml): Wald (default) or
// the studentized bootstrap (bootstrap-t) for skewed business data.
import { bootstrapT, type BootstrapTInterval } from '../../survey/index.ts';
import type { ComponentConfig, Figure, StudyConfig, StudyInputs } from '../types.ts';
import { componentStatistic, type ComponentStatistic } from './componentStatistic.ts';

/**
 * Bootstrap-t interval of a component from the rows idx: Rao–Wu rescaling bootstrap within the
 * component (its stratum of the default design; sampling fraction n/N for providers, 0 for operators'
 * accounts), t* = (θ̂* − θ̂)/se* with the linearized se of each replicate (componentStatistic), interval
 * [θ̂ − t*₁₋α/₂·se, θ̂ − t*α/₂·se] (survey/bootstrapT.ts). Point and se are those of the Wald interval.
 */
export function componentBootstrapT(c: ComponentConfig, s: ComponentStatistic, idx: Int32Array, level: number, replicates: number, seed: number): BootstrapTInterval {
  const n = idx.length, stat = s.prepare(idx);
  return bootstrapT({
    strata: [Int32Array.from({ length: n }, (_, i) => i)], nRows: n, fractions: [c.kind === 'provider' ? n / c.population : 0],
    statistic: (u) => { const x = stat(u); return { estimate: x.est, se: Math.sqrt(x.v) }; },
    replicates, seed, level,
  });
}

/**
 * Replaces the Wald interval of each component declaring `interval: bootstrap-t` by its bootstrap-t
 * interval (value and se unchanged; `interval` set to 'bootstrap-t'). Fails, naming the component,
 * when its questionnaire has a declared design (the bootstrap here resamples the default design's
 * strata) or is read as moments.
 */
export function applyComponentIntervals(config: StudyConfig, inputs: StudyInputs, figures: Record<string, Figure>): void {
  for (const c of [...config.providers, ...config.operators]) {
    if (!c.interval || c.interval.method === 'wald') continue;
    const where = `${c.yamlPath}.interval`;
    if (config.questionnaires[c.questionnaire]?.design) throw new Error(`${where}: bootstrap-t is available for questionnaires without a declared design; "${c.questionnaire}" declares one (remove interval or the design)`);
    const s = componentStatistic(c, inputs);
    if (!s) throw new Error(`${where}: bootstrap-t needs the rows of questionnaire "${c.questionnaire}", which is read as sums`);
    const f = figures[s.id];
    if (!f?.ci) continue;
    const b = componentBootstrapT(c, s, s.rows, config.intervals.level, c.interval.replicates, c.interval.seed);
    f.ci = [b.lower, b.upper];
    f.interval = 'bootstrap-t';
  }
}
