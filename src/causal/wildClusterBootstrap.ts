// Wild cluster restricted bootstrap (WCR) for inference with few clusters.
import { createRng } from '../survey/prng.ts';
import { cholesky, choleskySolve } from './cholesky.ts';
import { demean } from './demean.ts';
import { nestedIn } from './factor.ts';
import type { FixedEffectsOls, FixedEffectsOlsInput } from './fixedEffectsOls.ts';

export type BootstrapWeights = 'rademacher' | 'webb';

export interface WildBootstrapOptions {
  /** Index of the tested coefficient. */
  coefficient: number;
  /** Default 'webb' (six-point; Webb 2023, Canadian J. Economics 56(3)), better than Rademacher below ~12 clusters. */
  weights?: BootstrapWeights;
  /** Number of draws; Rademacher with 2^G ≤ draws enumerates all 2^G sign vectors. Default 9999. */
  draws?: number;
  seed?: number;
  level?: number;
}

export interface WildClusterBootstrap {
  /** Symmetric p-value of H0: β = 0, share of |t*| ≥ |t|. */
  pValue: number;
  /** Interval by test inversion: the β₀ whose bootstrap p-value is at least 1 − level. */
  ci: [number, number];
  t: number;
  draws: number;
  enumerated: boolean;
  weights: BootstrapWeights;
  clusters: number;
  level: number;
}

/**
 * Wild cluster restricted bootstrap-t (Cameron, Gelbach & Miller 2008, REStat 90(3)): impose
 * H0: β_j = β₀, fit the restricted model, and draw y* = ŷ_r + v_g ê_r with one weight v_g per cluster
 * (Rademacher ±1, or Webb's six points ±√½, ±1, ±√1.5); re-absorb the fixed effects, refit, and
 * compare |t*| = |β*_j − β₀|/se*_j (CR1, as fixedEffectsOls) with the sample |t|. Everything is
 * linear in y and in β₀, so each draw costs O(G²) after per-cluster cross-products (the algebra of
 * Roodman, MacKinnon, Nielsen & Webb 2019, Stata Journal 19(1)), and the interval inverts the test:
 * bisection for the β₀ where p(β₀) = 1 − level, with the same draws throughout.
 */
export function wildClusterBootstrap(input: FixedEffectsOlsInput, fit: FixedEffectsOls, options: WildBootstrapOptions): WildClusterBootstrap {
  const level = options.level ?? 0.95;
  const weights = options.weights ?? 'webb';
  const G = input.cluster.levels;
  const requested = options.draws ?? 9999;
  const enumerated = weights === 'rademacher' && G <= 30 && 2 ** G <= requested;
  const V = drawWeights(G, enumerated ? 2 ** G : requested, weights, enumerated, options.seed ?? 1);
  const stat = bootstrapStatistic(input, fit, options.coefficient);
  const B = V.length / G;
  const pValue = (beta0: number): number => {
    const { t, tStar } = stat(beta0, V);
    let hits = 0;
    for (let b = 0; b < B; b++) if (Math.abs(tStar[b]) >= Math.abs(t) - 1e-12 * Math.abs(t)) hits++;
    return hits / B;
  };
  const j = options.coefficient;
  const est = fit.coefficients[j], se = fit.estimates[j].se;
  const alpha = 1 - level;
  const bound = (dir: 1 | -1): number => {
    let inside = est, step = 2 * se, outside = est + dir * step;
    for (let i = 0; pValue(outside) > alpha; i++) {
      if (i > 60) return dir * Infinity;
      inside = outside; step *= 2; outside = est + dir * step;
    }
    for (let i = 0; i < 200 && Math.abs(outside - inside) > 1e-10 * (se + Math.abs(est)); i++) {
      const mid = (inside + outside) / 2;
      if (pValue(mid) > alpha) inside = mid; else outside = mid;
    }
    return (inside + outside) / 2;
  };
  return { pValue: pValue(0), ci: [bound(-1), bound(1)], t: est / se, draws: B, enumerated, weights, clusters: G, level };
}

/** B × G bootstrap weights, row per draw: all sign vectors, or seeded Rademacher/Webb draws. */
export function drawWeights(G: number, B: number, weights: BootstrapWeights, enumerate: boolean, seed: number): Float64Array {
  const V = new Float64Array(B * G);
  if (enumerate) {
    for (let b = 0; b < B; b++) for (let g = 0; g < G; g++) V[b * G + g] = (b >> g) & 1 ? -1 : 1;
    return V;
  }
  const rng = createRng(seed);
  const webb = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];
  for (let i = 0; i < V.length; i++) V[i] = weights === 'rademacher' ? (rng() < 0.5 ? -1 : 1) : webb[Math.floor(rng() * 6)];
  return V;
}

/**
 * The restricted wild bootstrap as a function of β₀ and the weights: returns the sample t and t*
 * per draw. Exposed for tests (checked against refitting fixedEffectsOls on each y*).
 */
export function bootstrapStatistic(input: FixedEffectsOlsInput, fit: FixedEffectsOls, j: number): (beta0: number, V: Float64Array) => { t: number; tStar: Float64Array } {
  const { Xt, yt } = fit;
  const K = Xt.length, n = yt.length, G = input.cluster.levels;
  const cl = input.cluster.codes;
  const others = [...Array(K).keys()].filter((p) => p !== j);
  // Restricted fit at β₀: ŷ_r = X_O γ(β₀) + β₀ x_j = ŷ₀ + β₀ m, ê_r = ê₀ − β₀ m, where ŷ₀ is the fit
  // of y on X_O and m = x_j − X_O Γ the part of x_j the other regressors do not explain.
  const project = (v: Float64Array): Float64Array => {
    if (others.length === 0) return new Float64Array(n);
    const k = others.length, A = new Float64Array(k * k), b = new Float64Array(k);
    others.forEach((p, a) => {
      for (let i = 0; i < n; i++) b[a] += Xt[p][i] * v[i];
      others.forEach((q, c) => { let s = 0; for (let i = 0; i < n; i++) s += Xt[p][i] * Xt[q][i]; A[a * k + c] = s; });
    });
    const g = choleskySolve(cholesky(A, k, 'wildClusterBootstrap'), k, b);
    const f = new Float64Array(n);
    others.forEach((p, a) => { for (let i = 0; i < n; i++) f[i] += g[a] * Xt[p][i]; });
    return f;
  };
  const yhat0 = project(yt);
  const e0 = yt.map((v, i) => v - yhat0[i]);
  const px = project(Xt[j]);
  const m = Xt[j].map((v, i) => v - px[i]);
  const Bm = new Float64Array(K * K);
  for (let p = 0; p < K; p++) for (let q = 0; q < K; q++) { let s = 0; for (let i = 0; i < n; i++) s += Xt[p][i] * Xt[q][i]; Bm[p * K + q] = s; }
  const L = cholesky(Bm, K, 'wildClusterBootstrap');
  const ej = new Float64Array(K); ej[j] = 1;
  const r = choleskySolve(L, K, ej);
  // per cluster: q_g = A_g r with A_g = X_gᵀX_g
  const q = new Float64Array(G * K);
  for (let i = 0; i < n; i++) {
    let xr = 0;
    for (let p = 0; p < K; p++) xr += Xt[p][i] * r[p];
    for (let p = 0; p < K; p++) q[cl[i] * K + p] += Xt[p][i] * xr;
  }
  const nested = input.fixedEffects.every((f) => nestedIn(f, input.cluster));
  /** Linear pieces for a (fit, residual) pair: α_g, D_gh = R_gh − Q_gh, c_h,j, β_a,j. */
  const pieces = (yhat: Float64Array, e: Float64Array) => {
    const a = new Float64Array(G * K);
    for (let i = 0; i < n; i++) for (let p = 0; p < K; p++) a[cl[i] * K + p] += Xt[p][i] * yhat[i];
    const sumA = new Float64Array(K);
    for (let g = 0; g < G; g++) for (let p = 0; p < K; p++) sumA[p] += a[g * K + p];
    const betaA = choleskySolve(L, K, sumA);
    const alpha = new Float64Array(G);
    for (let g = 0; g < G; g++) for (let p = 0; p < K; p++) alpha[g] += r[p] * a[g * K + p] - q[g * K + p] * betaA[p];
    // P_gh = X_gᵀ [M(1_h ∘ e)]_g; with every effect nested in the clusters M(1_h ∘ e) = 1_h ∘ e.
    const P = new Float64Array(G * G * K);
    if (nested) {
      for (let i = 0; i < n; i++) for (let p = 0; p < K; p++) P[(cl[i] * G + cl[i]) * K + p] += Xt[p][i] * e[i];
    } else {
      const zh = new Float64Array(n);
      for (let h = 0; h < G; h++) {
        for (let i = 0; i < n; i++) zh[i] = cl[i] === h ? e[i] : 0;
        const z = demean(zh, input.fixedEffects, input.demean);
        for (let i = 0; i < n; i++) for (let p = 0; p < K; p++) P[(cl[i] * G + h) * K + p] += Xt[p][i] * z[i];
      }
    }
    const cj = new Float64Array(G), D = new Float64Array(G * G);
    const ch = new Float64Array(G * K);
    for (let h = 0; h < G; h++) {
      const s = new Float64Array(K);
      for (let g = 0; g < G; g++) for (let p = 0; p < K; p++) s[p] += P[(g * G + h) * K + p];
      const c = choleskySolve(L, K, s);
      ch.set(c, h * K);
      cj[h] = c[j];
    }
    for (let g = 0; g < G; g++) for (let h = 0; h < G; h++) {
      let R = 0, Q = 0;
      for (let p = 0; p < K; p++) { R += r[p] * P[(g * G + h) * K + p]; Q += q[g * K + p] * ch[h * K + p]; }
      D[g * G + h] = R - Q;
    }
    return { alpha, D, cj, betaAj: betaA[j] };
  };
  const base = pieces(yhat0, e0);
  const slope = pieces(m, m.map((v) => -v));
  const c = fit.smallSample;
  return (beta0, V) => {
    const B = V.length / G;
    const alpha = base.alpha.map((v, g) => v + beta0 * slope.alpha[g]);
    const D = base.D.map((v, i) => v + beta0 * slope.D[i]);
    const cj = base.cj.map((v, h) => v + beta0 * slope.cj[h]);
    const betaAj = base.betaAj + beta0 * slope.betaAj;
    const tStar = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      const v = V.subarray(b * G, b * G + G);
      let bj = betaAj, ss = 0;
      for (let h = 0; h < G; h++) bj += v[h] * cj[h];
      for (let g = 0; g < G; g++) {
        let u = alpha[g];
        for (let h = 0; h < G; h++) u += D[g * G + h] * v[h];
        ss += u * u;
      }
      tStar[b] = (bj - beta0) / Math.sqrt(c * ss);
    }
    return { t: (fit.coefficients[j] - beta0) / fit.estimates[j].se, tStar };
  };
}
