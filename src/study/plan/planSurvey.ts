// Survey planning: per component, the interval half-width against sample size (predicted and
// simulated), the size each component needs for a target precision, and the Neyman allocation
// across components for the same precision on direct jobs.
import type { Label } from '../types.ts';
import { qnorm } from '../../survey/distributions.ts';
import type { PlanSample } from './planSamples.ts';
import { unitSpread, planHalfWidth } from './planHalfWidth.ts';
import { simulateHalfWidth } from './planSimulate.ts';
import { neymanAllocation, type NeymanAllocation } from './planNeyman.ts';
import type { ComponentCoverage, PlannedCoverage } from './planCoverage.ts';
import { LocalizedError } from '../../locale/errorText.ts';

export interface PlanOptions {
  /** Planned sample sizes per component. */
  sizes: number[];
  /** Simulated surveys per (component, size). */
  reps: number;
  seed: number;
  /** Interval level, e.g. 0.95. */
  level: number;
  /** Target half-width as a share of the estimate, e.g. 0.05 for ±5%. */
  target: number;
}

export interface PlanComponent {
  id: string;
  label: Label;
  kind: 'provider' | 'operator';
  n0: number;
  estimate: number;
  A: number;
  fpc: boolean;
  rows: { n: number; predicted: number; simulated: number; simulatedPercentile: number; coverage?: PlannedCoverage }[];
  /** The interval the component declares (its coverage is in rows[].coverage when simulated). */
  interval?: 'wald' | 'bootstrap-t';
  /** Sample size for ±target on this component alone. */
  required: number;
}

export interface SurveyPlan {
  level: number;
  z: number;
  target: number;
  reps: number;
  seed: number;
  components: PlanComponent[];
  /** Components as strata, ±target on their sum (direct jobs). */
  allocation: NeymanAllocation & { total: number };
  /** How the columns were computed, in both languages. */
  notes: Label[];
}

/**
 * planSurvey(samples, options) → SurveyPlan. For component k and size n the simulation uses seed
 * options.seed + 7919 k + n (deterministic). Sizes larger than a provider population are skipped.
 * Fails on an empty size list, a level outside (0, 1), target ≤ 0, or as unitSpread does.
 */
export function planSurvey(samples: PlanSample[], o: PlanOptions, coverage: readonly ComponentCoverage[] = []): SurveyPlan {
  if (o.sizes.length === 0) throw new LocalizedError({ zh: `sizes：至少给出一个样本量`, en: 'sizes: give at least one sample size' });
  if (!(o.level > 0 && o.level < 1)) throw new LocalizedError({ zh: `level：应为 (0, 1) 内的数，实为 ${o.level}`, en: `level: expected a number in (0, 1), got ${o.level}` });
  if (!(o.target > 0)) throw new LocalizedError({ zh: `target：应为 > 0 的相对半宽（如 0.05），实为 ${o.target}`, en: `target: expected a relative half-width > 0 (e.g. 0.05), got ${o.target}` });
  const z = qnorm((1 + o.level) / 2);
  const components = samples.map((s, k): PlanComponent => {
    const sp = unitSpread(s);
    const cc = coverage.find((c) => c.id === `jobs.${s.kind === 'provider' ? 'providers' : 'operators'}.${s.id}`);
    const rows = o.sizes
      .filter((n) => sp.fpcN === null || n <= sp.fpcN)
      .map((n) => {
        const sim = simulateHalfWidth(s, n, o.reps, o.seed + 7919 * k + n, o.level, z);
        const cov = cc?.rows.find((r) => r.n === n);
        return { n, predicted: planHalfWidth(sp, n, z), simulated: sim.halfWidth, simulatedPercentile: sim.percentileHalfWidth, ...(cov ? { coverage: cov } : {}) };
      });
    const required = neymanAllocation([{ id: s.id, A: sp.A, N: sp.fpcN }], o.target * sp.estimate, z).n;
    return { id: s.id, label: s.label, kind: s.kind, n0: sp.n0, estimate: sp.estimate, A: sp.A, fpc: sp.fpcN !== null, rows, required, ...(cc ? { interval: cc.interval } : {}) };
  });
  const total = components.reduce((t, c) => t + c.estimate, 0);
  const allocation = { total, ...neymanAllocation(components.map((c, k) => ({ id: c.id, A: c.A, N: unitSpread(samples[k]).fpcN })), o.target * total, z) };
  return {
    level: o.level,
    z,
    target: o.target,
    reps: o.reps,
    seed: o.seed,
    components,
    allocation,
    notes: [
      {
        zh: '预测：z × A / √n × √(1 − n/N)；服务商 A = N S_y（HT 总量），运营者 A = M S_e / ā（比率总量，线性化；运营者总数未知，不作有限总体校正）；S 取自现有有效问卷。',
        en: 'Predicted: z × A / √n × √(1 − n/N), A = N S_y for providers (HT total) and M S_e / ā for operators (ratio total, linearized; no fpc since the number of operators is unknown), S from the current valid questionnaires.',
      },
      {
        zh: `模拟：从现有有效问卷中有放回地抽取 n 份，共 ${o.reps} 次（固定随机数流），取估计值标准差的 z 倍；不作有限总体校正。`,
        en: `Simulated: ${o.reps} surveys of n questionnaires drawn with replacement from the current valid ones (a fixed random stream), z × SD of the estimates; no fpc.`,
      },
      {
        zh: 'Neyman 分配把每个组成部分当作独立调查的一层：n_h ∝ A_h，使直接带动就业达到目标精度。',
        en: 'Neyman allocation treats each component as a stratum surveyed independently: n_h ∝ A_h for ± target on direct jobs.',
      },
    ],
  };
}
