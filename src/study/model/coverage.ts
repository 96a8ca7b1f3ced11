// Coverage you can see: for the direct-jobs figures of default-design questionnaires, skewness
// diagnostics and the simulated coverage of the interval the study reports.
import { simulateCoverage, skewDiagnostics, type IntervalEstimate } from '../../survey/index.ts';
import type { ComponentConfig, CoverageCheck, Figure, StudyConfig, StudyInputs } from '../types.ts';
import { selectRows } from './select.ts';

/** Replications and seed of the check in a normal run (about 10 ms for the example's 3,000 rows). */
export const COVERAGE_REPS = 400;
export const COVERAGE_SEED = 20190;
/** Simulated coverage of a 95% interval below this is reported as a warning beside the figure. */
export const COVERAGE_WARN = 0.9;

interface Part { readonly id: string; readonly rows: Int32Array; readonly stat: (rows: Int32Array) => { est: number; v: number } }

/**
 * One component as a function of resampled rows: providers Ŷ = N/n Σ y (y = employees ×
 * related_share) with v = N²(1 − n/N)s²/n; operators M·R̂, R̂ = Σs/Σa, v = M²·n/(n−1)·Σ(s − R̂a)²/(Σa)²
 * — the seed formulas and the linearized variances of the default design (sampling.ts).
 */
function partOf(c: ComponentConfig, inputs: StudyInputs): Part | null {
  const q = inputs.questionnaires[c.questionnaire];
  if (!q || q.moments) return null;
  const rows = selectRows(q, c.where, `${c.yamlPath} (${c.id})`);
  const id = `jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`;
  if (c.kind === 'provider') {
    const e = q.numbers.employees, r = q.numbers.related_share, N = c.population;
    return { id, rows, stat: (idx) => {
      const n = idx.length;
      let s = 0, ss = 0;
      for (let i = 0; i < n; i++) { const y = e[idx[i]] * r[idx[i]]; s += y; ss += y * y; }
      const mean = s / n, s2 = (ss - n * mean * mean) / (n - 1);
      return { est: N * mean, v: (N * N * (1 - n / N) * Math.max(0, s2)) / n };
    } };
  }
  const st = q.numbers.staff, ac = q.numbers.accounts, M = c.population;
  return { id, rows, stat: (idx) => {
    const n = idx.length;
    let ts = 0, ta = 0;
    for (let i = 0; i < n; i++) { ts += st[idx[i]]; ta += ac[idx[i]]; }
    const R = ts / ta;
    let d2 = 0;
    for (let i = 0; i < n; i++) { const d = st[idx[i]] - R * ac[idx[i]]; d2 += d * d; }
    return { est: M * R, v: (M * M * (n / (n - 1)) * d2) / (ta * ta) };
  } };
}

/** The half-width multiplier q of a figure's reported interval (value ± q·se). */
const multiplier = (f: Figure): number => (f.ci![1] - f.value) / f.se!;

/**
 * coverageChecks(config, inputs, figures) → per checked figure id its CoverageCheck: each provider
 * and operator component (`jobs.providers.<k>`, `jobs.operators.<j>`) and `jobs.direct`, when every
 * component's questionnaire uses the default design (declared designs and consumption figures are
 * not checked: the latter are read as moments). Resampling is stratified by component, as the
 * default design; the interval is the figure's own (value ± q·se with the figure's q).
 */
export function coverageChecks(config: StudyConfig, inputs: StudyInputs, figures: Record<string, Figure>): Record<string, CoverageCheck> {
  const comps = [...config.providers, ...config.operators];
  if (comps.some((c) => config.questionnaires[c.questionnaire]?.design)) return {};
  const parts = comps.map((c) => partOf(c, inputs));
  if (parts.some((p) => p === null || p.rows.length < 3)) return {};
  const ps = parts as Part[];
  const out: Record<string, CoverageCheck> = {};
  const check = (id: string, members: Part[], diagnostics: ReturnType<typeof skewDiagnostics> | null) => {
    const f = figures[id];
    if (!f?.ci || !f.se) return;
    const q = multiplier(f);
    // Each part sees its own rows: the resampled rows are split back by stratum (in order).
    const estimator = (rows: Int32Array): IntervalEstimate => {
      let est = 0, v = 0, at = 0;
      for (const p of members) {
        const n = p.rows.length;
        const r = p.stat(rows.subarray(at, at + n));
        at += n;
        est += r.est; v += r.v;
      }
      const h = q * Math.sqrt(v);
      return { estimate: est, lower: est - h, upper: est + h };
    };
    const sim = simulateCoverage(members.map((p) => p.rows), estimator, { reps: COVERAGE_REPS, seed: COVERAGE_SEED });
    out[id] = {
      method: 'stratified resampling of the sample as the population',
      interval: f.interval ?? 'wald',
      level: config.intervals.level,
      coverage: sim.coverage, mcSe: sim.mcSe, reps: sim.reps, seed: sim.seed, missLow: sim.missLow, missHigh: sim.missHigh,
      relativeBias: sim.relativeBias, medianRatio: sim.medianRatio, n: members.reduce((s, p) => s + p.rows.length, 0),
      ...(diagnostics ? { skewness: diagnostics.skewness, cochranMinN: diagnostics.cochranMinN, top1Share: diagnostics.top1Share } : {}),
      warning: sim.coverage < COVERAGE_WARN,
    };
  };
  comps.forEach((c, k) => {
    const q = inputs.questionnaires[c.questionnaire];
    const rows = ps[k].rows;
    const y = c.kind === 'provider'
      ? Array.from(rows, (i) => q.numbers.employees[i] * q.numbers.related_share[i])
      : Array.from(rows, (i) => q.numbers.staff[i]);
    check(ps[k].id, [ps[k]], skewDiagnostics(y));
  });
  check('jobs.direct', ps, null);
  return out;
}
