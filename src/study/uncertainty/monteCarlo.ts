// Monte Carlo over assumptions and survey sampling error: draw every parameter, recompute the
// figures with a supplied pure function, summarize each figure by percentile intervals.
import { inverseAt, inverseTable, type Distribution, type InverseTable } from './distributions.ts';
import { random, type Random } from './random.ts';
import { symmetricEigen } from '../../survey/linalg.ts';
import { normalQuantile } from './normalQuantile.ts';
import { quantilesType7Select } from '../../survey/selectQuantile.ts';
import { LocalizedError, internalError } from '../../locale/errorText.ts';

export interface McParameter {
  id: string;
  distribution: Distribution;
}

/**
 * Survey replicate estimates of some parameters (e.g. the consumption categories estimated from
 * one consumer survey, which are correlated): each draw picks one replicate r uniformly, jointly
 * for the whole group, and sets parameter p to  centre_p + √(R · scale) · (θ_{p,r} − centre_p),
 * so that the draws have the replicate variance scale · Σ_r (θ_{p,r} − centre_p)² (R survey's
 * svrVar with mse = TRUE when centre is the full-sample estimate). scale is the design's variance
 * multiplier: (R − 1)/R for JK1, 1/(R − 1) for a bootstrap, 1/R for BRR.
 */
export interface ReplicateGroup {
  parameters: string[];
  /** values[p][r]: replicate r's estimate of parameters[p]. */
  values: Float64Array[];
  centre: number[];
  scale: number;
}

/**
 * Jointly normal parameters (e.g. consumption categories estimated from one consumer survey, whose
 * errors are correlated): x = mean + V Λ^½ z with z ~ N(0, I) and cov = V Λ Vᵀ (eigenvalues below
 * 0 from rounding are set to 0, so a positive semi-definite cov is accepted). One uniform per
 * parameter, z_j = Φ⁻¹(u_j).
 */
export interface NormalGroup {
  parameters: string[];
  mean: number[];
  /** Covariance, k × k row-major. */
  cov: Float64Array;
}

export interface McOptions {
  parameters: McParameter[];
  evaluate: (x: Float64Array) => Record<string, number>;
  /** Optional allocation-free form of evaluate: writes the figures of `outputs`, in that order, into y. */
  evaluateInto?: (x: Float64Array, y: Float64Array) => void;
  /** Figure ids to summarize. */
  outputs: string[];
  draws: number;
  seed: number;
  /** Interval level, e.g. 0.95 → the 2.5th and 97.5th percentiles. */
  level: number;
  replicates?: ReplicateGroup[];
  normalGroups?: NormalGroup[];
  /** Draws between progress callbacks (the stream does not depend on it). */
  chunk: number;
  onProgress?: (done: number, total: number) => void;
}

export interface McInterval {
  mean: number;
  sd: number;
  median: number;
  lo: number;
  hi: number;
}

export interface McResult {
  draws: number;
  seed: number;
  level: number;
  intervals: Record<string, McInterval>;
}

/** What monteCarloSteps' draws read and write (drawRange). */
interface DrawState {
  readonly rng: Random;
  /** Parameters drawn from their own distribution, in parameter order, and those distributions (entry f for free[f]). */
  readonly free: Int32Array;
  readonly inverse: InverseTable;
  readonly normals: { idx: number[]; F: Float64Array; mean: number[]; z: Float64Array }[];
  readonly groups: { idx: number[]; R: number; mult: number; g: ReplicateGroup }[];
  /** One draw's parameters and figures; Y[k][d]: figure k of draw d. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly Y: Float64Array[];
  readonly o: McOptions;
}

/**
 * Draws d = from … to − 1 into s.Y (monteCarloSteps' stream). A function of its own, apart from the
 * generator's set-up and summaries, so that V8 optimizes this loop alone, early and small (it runs
 * 10,000 times; the rest once).
 */
function drawRange(s: DrawState, from: number, to: number): void {
  const { rng, free, inverse, normals, groups, x, y, Y, o } = s;
  const uniform = rng.uniform;
  for (let d = from; d < to; d++) {
    for (let f = 0; f < free.length; f++) x[free[f]] = inverseAt(inverse, f, uniform());
    for (let k = 0; k < normals.length; k++) {
      const { idx, F, mean, z } = normals[k];
      const m = idx.length;
      for (let j = 0; j < m; j++) z[j] = normalQuantile(uniform());
      for (let r = 0; r < m; r++) {
        let v = mean[r];
        for (let c = 0; c < m; c++) v += F[r * m + c] * z[c];
        x[idx[r]] = v;
      }
    }
    for (let k = 0; k < groups.length; k++) {
      const { idx, R, mult, g } = groups[k];
      const r = rng.int(R);
      for (let p = 0; p < idx.length; p++) x[idx[p]] = g.centre[p] + mult * (g.values[p][r] - g.centre[p]);
    }
    if (o.evaluateInto) o.evaluateInto(x, y);
    else evaluateOutputs(o, x, y, d);
    for (let k = 0; k < Y.length; k++) {
      const v = y[k];
      if (!Number.isFinite(v)) throw notFinite(o.outputs[k], v, d);
      Y[k][d] = v;
    }
  }
}

/** Mean, sd, median and the a and 1 − a percentiles (type 7) of one figure's draws y (reordered). */
function summary(y: Float64Array, a: number): McInterval {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  const mean = s / y.length;
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += (y[i] - mean) ** 2;
  // percentiles by selection (y is reordered; its mean and sd are taken above)
  const [median, lo, hi] = quantilesType7Select(y, [0.5, a, 1 - a]);
  return { mean, sd: Math.sqrt(ss / (y.length - 1)), median, lo, hi };
}

/** evaluate(x)'s outputs into y, in the order of o.outputs (without evaluateInto). */
function evaluateOutputs(o: McOptions, x: Float64Array, y: Float64Array, d: number): void {
  const f = o.evaluate(x);
  for (let k = 0; k < y.length; k++) {
    const v = f[o.outputs[k]];
    if (v === undefined) throw internalError(`draw ${d}: figure ${o.outputs[k]} is not computed`);
    y[k] = v;
  }
}

/** The error of a figure drawn as NaN or ±∞. */
function notFinite(id: string, v: number, d: number): LocalizedError {
  return new LocalizedError({ zh: `蒙特卡罗第 ${d} 次抽取：指标 ${id} 为 ${v}${Number.isNaN(v) ? '（不是数：出现了 0/0 之类无定义的运算）' : '（数值溢出：输入或其假定范围超出了双精度范围；请检查它们的单位）'}`, en: `Monte Carlo draw ${d}: figure ${id} is ${v}${Number.isNaN(v) ? ' (not a number: an undefined operation such as 0/0)' : ' (a numeric overflow: the inputs or their assumed ranges are beyond double precision; check their units)'}` });
}

/**
 * monteCarloSteps(options): a generator that runs `chunk` draws per step and yields the number
 * done, returning the McResult (lets a browser or CLI show progress between steps).
 * Draw d uses uniforms u_{d,1..P} in parameter order, x_p = F_p⁻¹(u), then one per parameter of each
 * normal group and one per replicate group (group members skip their own distribution): the same
 * seed gives the same result for any chunk.
 * Percentiles are R's quantile type 7 (linear interpolation between order statistics).
 * Fails on draws < 2, level outside (0, 1), a figure missing from evaluate's output, a non-finite
 * figure value (naming the draw), or a replicate group naming an unknown parameter.
 */
export function* monteCarloSteps(o: McOptions): Generator<number, McResult, void> {
  if (!(Number.isInteger(o.draws) && o.draws >= 2)) throw new LocalizedError({ zh: `draws：应为 ≥ 2 的整数，实为 ${o.draws}`, en: `draws: expected an integer ≥ 2, got ${o.draws}` });
  if (!(o.level > 0 && o.level < 1)) throw new LocalizedError({ zh: `level：应为 (0, 1) 内的数，实为 ${o.level}`, en: `level: expected a number in (0, 1), got ${o.level}` });
  if (!(Number.isInteger(o.chunk) && o.chunk >= 1)) throw new LocalizedError({ zh: `chunk：应为 ≥ 1 的整数，实为 ${o.chunk}`, en: `chunk: expected an integer ≥ 1, got ${o.chunk}` });
  const P = o.parameters.length;
  const pos = new Map(o.parameters.map((p, i) => [p.id, i]));
  const inGroup = new Uint8Array(P);
  const groups = (o.replicates ?? []).map((g, k) => {
    const idx = g.parameters.map((id) => {
      const i = pos.get(id);
      if (i === undefined) throw new LocalizedError({ zh: `replicates[${k}]：未知参数 ${id}`, en: `replicates[${k}]: unknown parameter ${id}` });
      inGroup[i] = 1;
      return i;
    });
    const R = g.values[0]?.length ?? 0;
    if (R < 2 || g.values.some((v) => v.length !== R)) throw new LocalizedError({ zh: `replicates[${k}]：每个参数需要相同个数（≥ 2）的重复估计`, en: `replicates[${k}]: every parameter needs the same number (≥ 2) of replicate estimates` });
    return { idx, R, mult: Math.sqrt(R * g.scale), g };
  });
  const normals = (o.normalGroups ?? []).map((g, k) => {
    const m = g.parameters.length;
    if (g.mean.length !== m || g.cov.length !== m * m) throw new LocalizedError({ zh: `normalGroups[${k}]：mean 和 cov 应与 ${m} 个参数相符`, en: `normalGroups[${k}]: mean and cov must match ${m} parameters` });
    const idx = g.parameters.map((id) => {
      const i = pos.get(id);
      if (i === undefined) throw new LocalizedError({ zh: `normalGroups[${k}]：未知参数 ${id}`, en: `normalGroups[${k}]: unknown parameter ${id}` });
      if (inGroup[i]) throw new LocalizedError({ zh: `normalGroups[${k}]：参数 ${id} 已由另一组抽取`, en: `normalGroups[${k}]: parameter ${id} is already drawn by another group` });
      inGroup[i] = 1;
      return i;
    });
    const { values, V } = symmetricEigen(g.cov, m);
    const scale = Math.max(...Array.from(values, Math.abs), 0);
    if (values.some((v) => v < -1e-9 * scale)) throw new LocalizedError({ zh: `normalGroups[${k}]：cov 不是半正定矩阵`, en: `normalGroups[${k}]: cov is not positive semi-definite` });
    const F = new Float64Array(m * m); // F = V Λ^½
    for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) F[r * m + c] = V[r * m + c] * Math.sqrt(Math.max(0, values[c]));
    return { idx, F, mean: g.mean, z: new Float64Array(m) };
  });
  // the parameters each drawn from its own distribution, in parameter order
  const free = Int32Array.from(o.parameters.flatMap((_, j) => (inGroup[j] ? [] : [j])));
  const s: DrawState = {
    rng: random(o.seed), free, inverse: inverseTable(Array.from(free, (j) => o.parameters[j].distribution)), normals, groups,
    x: new Float64Array(P), y: new Float64Array(o.outputs.length).fill(NaN), Y: o.outputs.map(() => new Float64Array(o.draws)), o,
  };
  for (let d = 0; d < o.draws; ) {
    const end = Math.min(o.draws, d + o.chunk);
    drawRange(s, d, end);
    d = end;
    yield d;
  }
  const a = (1 - o.level) / 2;
  const intervals: Record<string, McInterval> = {};
  o.outputs.forEach((id, k) => (intervals[id] = summary(s.Y[k], a)));
  return { draws: o.draws, seed: o.seed, level: o.level, intervals };
}

/**
 * monteCarlo(options) → McResult, running monteCarloSteps to the end and calling onProgress after
 * each chunk. Example: X₁ ~ N(10, 3²), X₂ ~ N(5, 4²), figure X₁ + X₂, 200 000 draws, level 0.95 →
 * interval ≈ 15 ± 1.96·5 = [5.2, 24.8] (tested to 4 Monte Carlo standard errors).
 */
export function monteCarlo(o: McOptions): McResult {
  const it = monteCarloSteps(o);
  for (;;) {
    const s = it.next();
    if (s.done) return s.value;
    o.onProgress?.(s.value, o.draws);
  }
}
