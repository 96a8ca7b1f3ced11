// Benchmark of the coverage check on the default example, in-process (the coverage thread's work):
//   1. prepareCoverageChecks, before the figures exist: each bootstrap-t component's simulated coverage
//      (200 simulated samples × 119 Rao–Wu replicates × n rows, two passes over the rows per replicate),
//      then the Wald checks' and jobs.direct's simulated samples (400 each, estimate and variance);
//   2. coverageChecks once the figures exist (their interval multipliers applied to what 1 drew).
// Reference in the same script: a plain loop doing the bare arithmetic of 1's bootstrap-t part — for each
// simulated sample and replicate, Σu·s and Σu·a, then Σu·(s − R·a)², one replicate at a time over the
// same rows and the same multipliers — with no resampling, intervals, Wald samples or bookkeeping. The
// ratio 1 / reference is the figure to compare across machines and loads. CPU time (process.cpuUsage),
// median and best of --reps.
// Usage: npx tsx bench/study/coverage.ts [--reps 7]
import { loadavg } from 'node:os';
import { loadStudyInputs } from '../../src/data/loadStudyInputs.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import { computeStudy } from '../../src/study/model/computeStudy.ts';
import { coverageChecks, prepareCoverageChecks, COVERAGE_BOOT_REPLICATES, COVERAGE_BOOT_REPS } from '../../src/study/model/coverage.ts';
import { componentStatistic } from '../../src/study/model/componentStatistic.ts';
import { componentReplicates } from '../../src/study/model/componentIntervals.ts';

const i = process.argv.indexOf('--reps');
const REPS = i > 0 ? Number(process.argv[i + 1]) : 7;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const loadBefore = load();
const cpu = (f: () => void): number => {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};
const stats = (xs: number[]) => ({ median: [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)], best: Math.min(...xs) });

const prepared = await loadStudyInputs(DEFAULT_STUDY, {});
const { config } = prepared.study;
const figures = computeStudy(config, prepared.inputs, { uncertainty: false }).figures;
const boot = [...config.providers, ...config.operators].filter((c) => c.interval?.method === 'bootstrap-t');
if (boot.length === 0) throw new Error('the default study declares no bootstrap-t component');

/** The reference: the bare two passes per replicate for every bootstrap-t component (operators' ratio or providers' mean). */
const reference = boot.map((c) => {
  const s = componentStatistic(c, prepared.inputs)!, n = s.rows.length;
  const q = prepared.inputs.questionnaires[c.questionnaire].numbers;
  const num = Float64Array.from(s.rows, (r) => (c.kind === 'operator' ? q.staff[r] : q.employees[r] * q.related_share[r]));
  const den = Float64Array.from(s.rows, (r) => (c.kind === 'operator' ? q.accounts[r] : 1));
  const U = componentReplicates(c, n, COVERAGE_BOOT_REPLICATES, c.interval!.seed);
  return () => {
    let sink = 0;
    for (let r = 0; r < COVERAGE_BOOT_REPS; r++) {
      for (let b = 0; b < COVERAGE_BOOT_REPLICATES; b++) {
        const o = b * n;
        let ts = 0, ta = 0;
        for (let k = 0; k < n; k++) { ts += U[o + k] * num[k]; ta += U[o + k] * den[k]; }
        const R = ts / ta;
        let d2 = 0;
        for (let k = 0; k < n; k++) { const d = num[k] - R * den[k]; d2 += U[o + k] * d * d; }
        sink += d2;
      }
    }
    return sink;
  };
});

const t = { prepare: [] as number[], checks: [] as number[], reference: [] as number[] };
for (let r = 0; r < REPS; r++) {
  // fresh columns each time: the checks are remembered per questionnaire columns
  const inputs = { questionnaires: structuredClone(prepared.inputs.questionnaires) };
  t.prepare.push(cpu(() => prepareCoverageChecks(config, inputs)));
  t.checks.push(cpu(() => coverageChecks(config, inputs, figures)));
  t.reference.push(cpu(() => reference.forEach((f) => f())));
}
const p = stats(t.prepare), c = stats(t.checks), ref = stats(t.reference);
const ms = (v: number) => `${v.toFixed(1)} ms`;
console.log(`coverage check, default example (${boot.map((b) => b.id).join(', ')}: ${COVERAGE_BOOT_REPS} samples × ${COVERAGE_BOOT_REPLICATES} replicates), CPU over ${REPS} reps`);
console.log(`  prepareCoverageChecks   median ${ms(p.median)}  best ${ms(p.best)}`);
console.log(`  coverageChecks (after)  median ${ms(c.median)}  best ${ms(c.best)}`);
console.log(`  reference (plain loop)  median ${ms(ref.median)}  best ${ms(ref.best)}`);
console.log(`  prepare / reference: ${(p.median / ref.median).toFixed(2)}× (median), ${(p.best / ref.best).toFixed(2)}× (best)`);
console.log(`  load average before ${loadBefore}, after ${load()}`);
