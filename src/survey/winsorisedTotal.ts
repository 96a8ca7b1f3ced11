// winsorisedTotal: one-sided winsorisation of a stratified expansion estimator with the
// Kokic–Bell cutoffs, its estimated bias and an MSE-based interval.
import { LocalizedError } from '../locale/errorText.ts';

export interface WinsorStratum {
  /** The sampled values y_i (n_h ≥ 2). */
  readonly y: ArrayLike<number>;
  /** Population size N_h (weights w_h = N_h / n_h; N_h = n_h makes a take-all stratum, not winsorised). */
  readonly N: number;
}

export interface WinsorisedTotal {
  /** Horvitz–Thompson total Σ w y, unwinsorised (unbiased). */
  readonly unwinsorised: number;
  /** Winsorised total Σ w y*. */
  readonly estimate: number;
  /** Estimated bias of the winsorised total, −L (= estimate − unwinsorised). */
  readonly bias: number;
  /** Estimated variance of the winsorised total, and MSE = variance + bias². */
  readonly variance: number;
  readonly mse: number;
  /** estimate ∓ q·√mse. */
  readonly lower: number;
  readonly upper: number;
  /** Cutoff per stratum (Infinity for take-all strata) and the number of values above it. */
  readonly cutoffs: readonly number[];
  readonly winsorised: readonly number[];
}

/**
 * Type II one-sided winsorisation (Chambers 1986; Kokic & Bell 1994): in stratum h, a value above
 * the cutoff K_h is replaced by
 *   y*_i = y_i / w_h + (1 − 1/w_h) K_h,   so  T̂_w = Σ_h w_h Σ_i y*_i = T̂ − Σ_h (w_h − 1) Σ_i (y_i − K_h)₊.
 * The cutoffs minimising the MSE of T̂_w are K_h = μ_h + L / (w_h − 1), with L = −bias (Kokic & Bell
 * 1994, Theorem 1); here μ_h is estimated by ȳ_h and L solves its sample version
 *   L = Σ_h (w_h − 1) Σ_{i∈s_h} (y_i − ȳ_h − L/(w_h − 1))₊
 * exactly (the right side is piecewise linear and decreasing in L). The bias estimate is −L, the
 * variance Σ_h N_h² (1 − n_h/N_h) s²(y*)_h / n_h, the MSE variance + bias², and the interval
 * T̂_w ± q·√MSE (q the normal or t quantile of the reported level). The cutoffs are chosen from the
 * same sample, so the MSE and interval are approximate (Kokic & Bell show little loss).
 * Worked example: N = 100, y = (1, 2, 3, 4, 40): w = 20, ȳ = 10, L = 19·(30 − L/19) ⇒ L = 285,
 * K = 25, y*₅ = 40/20 + 0.95·25 = 25.75, T̂ = 1000, T̂_w = 715, bias −285.
 * Fails on a stratum with fewer than 2 values, N_h < n_h, or a value not finite.
 */
export function winsorisedTotal(strata: readonly WinsorStratum[], q: number): WinsorisedTotal {
  const info = strata.map((s, h) => {
    const n = s.y.length;
    if (n < 2) throw new LocalizedError({ zh: `winsorisedTotal：第 ${h + 1} 层有 ${n} 个值；至少需要 2 个`, en: `winsorisedTotal: stratum ${h + 1} has ${n} value(s); at least 2 are needed` });
    if (!(s.N >= n)) throw new LocalizedError({ zh: `winsorisedTotal：第 ${h + 1} 层 N = ${s.N} < n = ${n}`, en: `winsorisedTotal: stratum ${h + 1} has N = ${s.N} < n = ${n}` });
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(s.y[i])) throw new LocalizedError({ zh: `winsorisedTotal：第 ${h + 1} 层第 ${i + 1} 个值不是有限数（${s.y[i]}）`, en: `winsorisedTotal: stratum ${h + 1} value ${i + 1} is not finite (${s.y[i]})` });
      sum += s.y[i];
    }
    return { n, w: s.N / n, mean: sum / n, sum };
  });
  // Σ (w_h − 1)(y_i − ȳ_h − L/(w_h − 1))₊ − L, and the values active at L.
  const excess = (L: number): { g: number; A: number; k: number } => {
    let g = -L, A = 0, k = 0;
    strata.forEach((s, h) => {
      const { n, w, mean } = info[h];
      if (w <= 1) return;
      const K = mean + L / (w - 1);
      for (let i = 0; i < n; i++) if (s.y[i] > K) { g += (w - 1) * (s.y[i] - K); A += (w - 1) * (s.y[i] - mean); k++; }
    });
    return { g, A, k };
  };
  let lo = 0, hi = 0;
  strata.forEach((s, h) => {
    const { n, w, mean } = info[h];
    for (let i = 0; i < n; i++) hi = Math.max(hi, (w - 1) * (s.y[i] - mean));
  });
  let L = 0;
  if (excess(0).g > 0) {
    for (let it = 0; it < 200 && hi - lo > 1e-12 * Math.max(1, hi); it++) {
      const mid = 0.5 * (lo + hi);
      if (excess(mid).g > 0) lo = mid; else hi = mid;
    }
    // The active set at the root is that just below it: solve L = A − k·L exactly on that piece.
    const { A, k } = excess(lo);
    L = A / (1 + k);
  }
  let unwinsorised = 0, estimate = 0, variance = 0;
  const cutoffs: number[] = [], winsorised: number[] = [];
  strata.forEach((s, h) => {
    const { n, w, mean, sum } = info[h];
    const K = w > 1 ? mean + L / (w - 1) : Infinity;
    let sy = 0, sy2 = 0, cut = 0;
    for (let i = 0; i < n; i++) {
      const v = s.y[i] > K ? (cut++, s.y[i] / w + (1 - 1 / w) * K) : s.y[i];
      sy += v; sy2 += v * v;
    }
    const m = sy / n, s2 = Math.max(0, (sy2 - n * m * m) / (n - 1));
    unwinsorised += w * sum;
    estimate += w * sy;
    variance += (s.N * s.N * (1 - n / s.N) * s2) / n;
    cutoffs.push(K);
    winsorised.push(cut);
  });
  const bias = estimate - unwinsorised, mse = variance + bias * bias, h = q * Math.sqrt(mse);
  return { unwinsorised, estimate, bias, variance, mse, lower: estimate - h, upper: estimate + h, cutoffs, winsorised };
}
