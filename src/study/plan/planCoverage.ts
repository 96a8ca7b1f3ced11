// Bias and coverage of each component's interval at planned sample sizes, simulated from the pilot
// (the current valid questionnaires) as the coverage check of a run does at the observed n.
import { qt, simulateCoverage } from '../../survey/index.ts';
import type { StudyConfig, StudyInputs } from '../types.ts';
import { componentStatistic } from '../model/componentStatistic.ts';
import { componentIntervalOf, COVERAGE_BOOT_REPLICATES, COVERAGE_BOOT_REPS, COVERAGE_REPS, COVERAGE_SEED, type ComponentIntervalRule } from '../model/coverage.ts';

export interface PlannedCoverage {
  n: number;
  /** Simulated coverage of the component's declared interval, its Monte Carlo se, misses below/above. */
  coverage: number;
  mcSe: number;
  missLow: number;
  missHigh: number;
  /** Mean estimate / truth − 1 and median estimate / truth over the simulated surveys. */
  relativeBias: number;
  medianRatio: number;
  reps: number;
}

export interface ComponentCoverage {
  id: string;
  interval: 'wald' | 'bootstrap-t';
  rows: PlannedCoverage[];
}

/**
 * planCoverage(config, inputs, sizes, level) → for each component, at each planned n, the bias of its
 * estimator and the coverage of the interval it declares, when n questionnaires are drawn with
 * replacement from the current valid ones (the sample as the population: coverage.ts). The Wald
 * interval uses q = t_{(1+level)/2, n−1} (one stratum); bootstrap-t is recomputed on every simulated
 * survey (COVERAGE_BOOT_REPS surveys × COVERAGE_BOOT_REPLICATES replicates). Sizes above a provider
 * population are skipped, as planSurvey does. Deterministic (random stream COVERAGE_SEED, as the run's check: at the observed n the same number).
 * Components of questionnaires with a declared design or read as sums are left out.
 */
export function planCoverage(config: StudyConfig, inputs: StudyInputs, sizes: readonly number[], level: number): ComponentCoverage[] {
  const out: ComponentCoverage[] = [];
  for (const c of [...config.providers, ...config.operators]) {
    if (config.questionnaires[c.questionnaire]?.design) continue;
    const s = componentStatistic(c, inputs);
    if (!s || s.rows.length < 3) continue;
    const method = c.interval?.method ?? 'wald';
    const rows = sizes
      .filter((n) => n >= 3 && (c.kind !== 'provider' || n <= c.population))
      .map((n): PlannedCoverage => {
        const rule: ComponentIntervalRule = { component: c, statistic: s, method, q: qt((1 + level) / 2, n - 1), level, replicates: COVERAGE_BOOT_REPLICATES, seed: c.interval?.seed ?? 1 };
        const sim = simulateCoverage([s.rows], (idx) => componentIntervalOf(rule, idx), { reps: method === 'bootstrap-t' ? COVERAGE_BOOT_REPS : COVERAGE_REPS, seed: COVERAGE_SEED, sizes: [n] });
        return { n, coverage: sim.coverage, mcSe: sim.mcSe, missLow: sim.missLow, missHigh: sim.missHigh, relativeBias: sim.relativeBias, medianRatio: sim.medianRatio, reps: sim.reps };
      });
    out.push({ id: s.id, interval: method, rows });
  }
  return out;
}
