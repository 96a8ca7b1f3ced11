// svyquantile: quantiles with Woodruff confidence intervals.
import type { Design, SvyStat } from './types.ts';
import { type EstimatorOptions, degf, nUsed, prepare } from './core.ts';
import { svymean } from './svymean.ts';
import { qnorm, qt } from './distributions.ts';
import { LocalizedError } from '../locale/errorText.ts';

export interface SvyquantileOptions extends EstimatorOptions {
  /** Confidence level of the interval (R: 1 − alpha). Default 0.95. */
  readonly level?: number;
  /** Quantile rule (R: qrule). 'math' (default, as R): smallest x with F̂(x) ≥ p; 'school': midpoint at exact ties of F̂. */
  readonly qrule?: 'math' | 'school';
  /** Degrees of freedom for the interval; default the design df (R: df = NULL → degf(design)); Infinity for normal. */
  readonly df?: number;
}

/**
 * Quantiles of the weighted distribution F̂(x) = Σ w_i 1[x_i ≤ x] / Σ w_i, with the Woodruff
 * (1952) interval as R's `svyquantile(~x, design, quantiles)` (survey ≥ 4.1, interval.type =
 * "mean"): p̂ ± t_df·se(F̂(q̂)) from svymean of 1[x ≤ q̂], mapped back through the quantile rule.
 * se = (upper − lower)/(2 t_df), as R reports it. Works for linearization and replicate designs.
 * Variance matrix is diagonal (se²); covariances between quantiles are not estimated.
 * Fails on p outside [0, 1], on missing values without naRm. Example (apistrat):
 * svyquantile('api00', d, [0.5]) → 668, interval [642, 694] (R survey 4.1).
 */
export function svyquantile(x: string | readonly string[], design: Design, quantiles: readonly number[], options?: SvyquantileOptions): SvyStat {
  const vars = typeof x === 'string' ? [x] : x;
  for (const p of quantiles) if (!(p >= 0 && p <= 1)) throw new LocalizedError({ zh: `svyquantile：无效的分位点：${p}（应在 [0, 1] 内）`, en: `svyquantile: invalid quantile: ${p} (must be in [0, 1])` });
  const level = options?.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new LocalizedError({ zh: `svyquantile：无效的置信水平：${level}`, en: `svyquantile: invalid level: ${level}` });
  const rule = options?.qrule ?? 'math';
  if (rule !== 'math' && rule !== 'school') throw new LocalizedError({ zh: `svyquantile：无效的 qrule：${String(rule)}（math 或 school）`, en: `svyquantile: invalid qrule: ${String(rule)} (math or school)` });
  const { X, names, design: d } = prepare(design, vars, options, 'svyquantile');
  const df = options?.df ?? degf(d);
  const alpha = 1 - level;
  const qcrit = (p: number): number => (df === Infinity ? qnorm(p) : qt(p, df));
  const est: number[] = [], lo: number[] = [], hi: number[] = [], se: number[] = [], labels: string[] = [];
  X.forEach((xi, k) => {
    const sorted = sortedRows(xi, d.weights);
    for (const p of quantiles) {
      const q = quantileRule(sorted, p, rule);
      const ind = new Float64Array(d.n);
      for (let i = 0; i < d.n; i++) ind[i] = xi[i] <= q ? 1 : 0;
      const tmp = '\u0000le';
      const m = svymean(tmp, { ...d, data: { ...d.data, [tmp]: ind } });
      const half = qcrit(1 - alpha / 2) * m.se[0];
      const pl = m.estimate[0] - half, pu = m.estimate[0] + half;
      const l = Number.isNaN(pl) || pl < 0 ? NaN : quantileRule(sorted, pl, rule);
      const u = Number.isNaN(pu) || pu > 1 ? NaN : quantileRule(sorted, pu, rule);
      est.push(q); lo.push(l); hi.push(u);
      se.push((u - l) / (2 * qcrit(1 - alpha / 2)));
      labels.push(`${names[k]}:${p}`);
    }
  });
  const P = est.length;
  const variance = new Float64Array(P * P);
  se.forEach((s, j) => { variance[j * P + j] = s * s; });
  return {
    statistic: 'quantile', names: labels, estimate: Float64Array.from(est), variance, se: Float64Array.from(se), df, n: nUsed(d), deff: null,
    label: `svyquantile(${vars.join('+')}, ${quantiles.join(',')})`,
    interval: { level, lower: Float64Array.from(lo), upper: Float64Array.from(hi) },
  };
}

interface Sorted { readonly x: Float64Array; readonly cumw: Float64Array; readonly total: number }

/** Rows of non-zero weight sorted by x (stable), with compensated cumulative weights. */
function sortedRows(x: Float64Array, w: Float64Array): Sorted {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (w[i] !== 0) idx.push(i);
  idx.sort((a, b) => x[a] - x[b] || a - b);
  const xs = new Float64Array(idx.length), cumw = new Float64Array(idx.length);
  // Neumaier summation, so cumulative sums round as R's long-double cumsum does.
  let s = 0, c = 0;
  idx.forEach((i, k) => {
    xs[k] = x[i];
    const t = s + w[i];
    c += Math.abs(s) >= Math.abs(w[i]) ? s - t + w[i] : w[i] - t + s;
    s = t;
    cumw[k] = s + c;
  });
  return { x: xs, cumw, total: idx.length ? cumw[idx.length - 1] : NaN };
}

/** R's qs + qrule_math / qrule_school. */
function quantileRule(s: Sorted, p: number, rule: 'math' | 'school'): number {
  const n = s.x.length;
  if (n === 0) return NaN;
  const target = p * s.total;
  let pos = 0;
  for (let k = 0; k < n; k++) if (s.cumw[k] <= target) pos = k;
  const posnext = pos === n - 1 ? pos : pos + 1;
  const wlow = p - s.cumw[pos] / s.total;
  if (wlow === 0) return rule === 'math' ? s.x[pos] : (s.x[pos] + s.x[posnext]) / 2;
  return s.x[posnext];
}
