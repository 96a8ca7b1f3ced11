// Distributions of uncertain study parameters (population counts, coefficients, jobs per output,
// additionality rates). Each is sampled by inversion, x = F⁻¹(u), one uniform per draw; normal and
// lognormal quantiles use normalQuantile (relative error < 1.15e-9).
import { LocalizedError } from '../../locale/errorText.ts';
import { normalQuantile as qnorm } from './normalQuantile.ts';
import type { Random } from './random.ts';

/**
 * A parameter's distribution. Parameterizations (as in R's stats functions where one exists):
 * - point:      {value}                 — no uncertainty.
 * - uniform:    {min, max}              — R qunif(p, min, max); min < max.
 * - triangular: {min, mode, max}        — density rising linearly from min to mode, falling to max;
 *                                          min ≤ mode ≤ max, min < max.
 * - normal:     {mean, sd}              — R qnorm(p, mean, sd); sd > 0.
 * - lognormal:  {meanlog, sdlog}        — R qlnorm(p, meanlog, sdlog): log X ~ N(meanlog, sdlog²);
 *                                          the median is exp(meanlog); sdlog > 0.
 */
export type Distribution =
  | { dist: 'point'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'triangular'; min: number; mode: number; max: number }
  | { dist: 'normal'; mean: number; sd: number }
  | { dist: 'lognormal'; meanlog: number; sdlog: number };

/** The families' names as a reader sees them: DISTRIBUTION_NAME.triangular → {zh: '三角分布', en: 'triangular'}. */
export const DISTRIBUTION_NAME: Record<Exclude<Distribution['dist'], 'point'>, { zh: string; en: string }> = {
  uniform: { zh: '均匀分布', en: 'uniform' },
  triangular: { zh: '三角分布', en: 'triangular' },
  normal: { zh: '正态分布', en: 'normal' },
  lognormal: { zh: '对数正态分布', en: 'lognormal' },
};

/**
 * quantile(d, p): the inverse distribution function F⁻¹(p) for p in (0, 1) (point: its value).
 * Triangular (Kotz & van Dorp 2004, §1.1): with c = (mode − min)/(max − min),
 *   p < c: min + √(p (max − min)(mode − min));  else max − √((1 − p)(max − min)(max − mode)).
 * Fails on p outside [0, 1] or an invalid parameterization (see checkDistribution).
 * Example: quantile({dist: 'triangular', min: 0, mode: 0, max: 1}, 0.75) → 1 − √0.25 = 0.5.
 */
export function quantile(d: Distribution, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new LocalizedError({ zh: `quantile：p 应在 [0, 1] 内，实为 ${p}`, en: `quantile: p must be in [0, 1], got ${p}` });
  return inverseAt(inverseTable([d]), 0, p); // the formulas, once: inverseAt
}

/**
 * Several distributions' F⁻¹ as flat numbers, for the Monte Carlo's draws (inverseAt): no object or
 * string per draw, the same operations as quantile on the same values, so the same numbers to the bit.
 * kind 0 point (a = value), 1 uniform (a = min, w = max − min), 2 triangular (a = min, b = max,
 * w = max − min, c = (mode − min)/w, l = mode − min, u = max − mode), 3 normal (a = mean, b = sd),
 * 4 lognormal (a = meanlog, b = sdlog).
 */
export interface InverseTable {
  readonly kind: Uint8Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly w: Float64Array;
  readonly c: Float64Array;
  readonly l: Float64Array;
  readonly u: Float64Array;
}

const KIND = { point: 0, uniform: 1, triangular: 2, normal: 3, lognormal: 4 } as const;

/** inverseTable(ds): ds as an InverseTable (entry i is ds[i]). */
export function inverseTable(ds: readonly Distribution[]): InverseTable {
  const n = ds.length;
  const t = { kind: new Uint8Array(n), a: new Float64Array(n), b: new Float64Array(n), w: new Float64Array(n), c: new Float64Array(n), l: new Float64Array(n), u: new Float64Array(n) };
  ds.forEach((d, i) => {
    t.kind[i] = KIND[d.dist];
    switch (d.dist) {
      case 'point':
        t.a[i] = d.value;
        break;
      case 'uniform':
        t.a[i] = d.min;
        t.w[i] = d.max - d.min;
        break;
      case 'triangular':
        t.a[i] = d.min;
        t.b[i] = d.max;
        t.w[i] = d.max - d.min;
        t.c[i] = (d.mode - d.min) / t.w[i];
        t.l[i] = d.mode - d.min;
        t.u[i] = d.max - d.mode;
        break;
      case 'normal':
        t.a[i] = d.mean;
        t.b[i] = d.sd;
        break;
      case 'lognormal':
        t.a[i] = d.meanlog;
        t.b[i] = d.sdlog;
        break;
    }
  });
  return t;
}

/** quantile(ds[i], p) from inverseTable(ds) (p is not checked): the formulas quantile documents. */
export function inverseAt(t: InverseTable, i: number, p: number): number {
  switch (t.kind[i]) {
    case 0:
      return t.a[i];
    case 1:
      return t.a[i] + p * t.w[i];
    case 2:
      return p < t.c[i] ? t.a[i] + Math.sqrt(p * t.w[i] * t.l[i]) : t.b[i] - Math.sqrt((1 - p) * t.w[i] * t.u[i]);
    case 3:
      return t.a[i] + t.b[i] * qnorm(p);
    default:
      return Math.exp(t.a[i] + t.b[i] * qnorm(p));
  }
}

/** One draw of d from the stream (one uniform, also for point, so streams stay aligned). */
export function sample(d: Distribution, rng: Random): number {
  return quantile(d, rng.uniform());
}

/**
 * Mean of d: point value; (min+max)/2; (min+mode+max)/3; mean; exp(meanlog + sdlog²/2).
 * Example: mean({dist: 'lognormal', meanlog: 0, sdlog: 1}) → e^0.5 ≈ 1.6487.
 */
export function distributionMean(d: Distribution): number {
  switch (d.dist) {
    case 'point':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'normal':
      return d.mean;
    case 'lognormal':
      return Math.exp(d.meanlog + (d.sdlog * d.sdlog) / 2);
  }
}

/**
 * checkDistribution(d, where, bounds?) → d, or an Error naming `where` and the offending value.
 * With bounds [lo, hi] (e.g. [0, 1] for a rate, [0, ∞) for a count) the support must lie inside:
 * uniform and triangular by their ends; normal by mean ± 6 sd (probability outside < 2e-9, so no
 * truncation is needed in practice); lognormal is positive, so only lo ≤ 0 and hi = ∞ are accepted.
 */
export function checkDistribution(d: Distribution, where: string, bounds: [number, number] = [-Infinity, Infinity]): Distribution {
  const fin = (v: number, name: string) => {
    if (!Number.isFinite(v)) throw new LocalizedError({ zh: `${where}：${name} 应为有限的数，实为 ${v}`, en: `${where}: ${name} must be a finite number, got ${v}` });
  };
  const [lo, hi] = bounds;
  const inside = (a: number, b: number, what: [string, string]) => {
    if (a < lo || b > hi) throw new LocalizedError({ zh: `${where}：${what[0]} [${a}, ${b}] 超出允许范围 [${lo}, ${hi}]`, en: `${where}: ${what[1]} [${a}, ${b}] leaves the allowed range [${lo}, ${hi}]` });
  };
  switch (d.dist) {
    case 'point':
      fin(d.value, 'value');
      if (d.value < lo || d.value > hi) throw new LocalizedError({ zh: `${where}：${d.value} 超出允许范围 [${lo}, ${hi}]`, en: `${where}: ${d.value} is outside the allowed range [${lo}, ${hi}]` });
      break;
    case 'uniform':
      fin(d.min, 'min');
      fin(d.max, 'max');
      if (!(d.min < d.max)) throw new LocalizedError({ zh: `${where}：uniform 需要 min < max，实为 min ${d.min}、max ${d.max}`, en: `${where}: uniform needs min < max, got min ${d.min}, max ${d.max}` });
      inside(d.min, d.max, ['取值范围', 'support']);
      break;
    case 'triangular':
      fin(d.min, 'min');
      fin(d.mode, 'mode');
      fin(d.max, 'max');
      if (!(d.min <= d.mode && d.mode <= d.max && d.min < d.max))
        throw new LocalizedError({ zh: `${where}：triangular 需要 min ≤ mode ≤ max 且 min < max，实为 ${d.min}、${d.mode}、${d.max}`, en: `${where}: triangular needs min ≤ mode ≤ max and min < max, got ${d.min}, ${d.mode}, ${d.max}` });
      inside(d.min, d.max, ['取值范围', 'support']);
      break;
    case 'normal':
      fin(d.mean, 'mean');
      fin(d.sd, 'sd');
      if (!(d.sd > 0)) throw new LocalizedError({ zh: `${where}：normal 需要 sd > 0，实为 ${d.sd}`, en: `${where}: normal needs sd > 0, got ${d.sd}` });
      inside(d.mean - 6 * d.sd, d.mean + 6 * d.sd, ['mean ± 6 sd', 'mean ± 6 sd']);
      break;
    case 'lognormal':
      fin(d.meanlog, 'meanlog');
      fin(d.sdlog, 'sdlog');
      if (!(d.sdlog > 0)) throw new LocalizedError({ zh: `${where}：lognormal 需要 sdlog > 0，实为 ${d.sdlog}`, en: `${where}: lognormal needs sdlog > 0, got ${d.sdlog}` });
      if (lo > 0 || hi < Infinity)
        throw new LocalizedError({ zh: `${where}：lognormal 没有上界；取值限于 [${lo}, ${hi}] 时请用 uniform 或 triangular`, en: `${where}: a lognormal is unbounded above; use uniform or triangular for a value limited to [${lo}, ${hi}]` });
      break;
    default:
      throw new LocalizedError({ zh: `${where}：未知的分布 ${JSON.stringify((d as { dist: unknown }).dist)}`, en: `${where}: unknown distribution ${JSON.stringify((d as { dist: unknown }).dist)}` });
  }
  return d;
}
