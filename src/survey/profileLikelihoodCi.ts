// profileLikelihoodCi: the design-scaled profile-likelihood interval for a proportion.
import { pnorm, qnorm, qt } from './distributions.ts';
import { splineFmm } from './splineFmm.ts';
import { LocalizedError, internalError } from '../locale/errorText.ts';

export interface ProfileInput {
  /** Analysis values in [0, 1], one per row (rows of weight 0 are ignored). */
  readonly y: Float64Array;
  /** Design weights; 0 = row not in use. */
  readonly w: Float64Array;
  /** Design-based standard error of logit p̂ (linearization). */
  readonly seLogit: number;
  /** Denominator degrees of freedom of the interval (R: ddf = degf(design)). */
  readonly df: number;
  readonly level: number;
  /** Mean design weight over the design's rows, missing values included (R normalizes the glm weights by it). */
  readonly meanWeight: number;
}

const expit = (u: number): number => 1 / (1 + Math.exp(-u));

/**
 * Interval for p from the profile of the quasi-binomial deviance of the intercept-only model,
 * rescaled by the design effect (Rao & Scott 1984; Lumley & Scott 2014), as R's
 * `svyciprop(method = "likelihood")` → `confint(svyglm(y ~ 1, family = quasibinomial), method =
 * "likelihood")` computes it:
 *   w̃ = w / mean(w); β̂ = logit p̂; D(β) = 2 Σ w̃ [y log(y/μ) + (1−y) log((1−y)/(1−μ))], μ = expit β;
 *   φ = svyvar of the Pearson residuals (y − μ̂)/√(μ̂(1−μ̂)) (svyglm's: × √(w̃/w̃'), w̃' the weights normalized over complete rows); λ = se²(β̂) · Σ w̃ μ̂(1−μ̂);
 *   α = Φ(t_{df,(1−level)/2} √λ)/2; z(β) = sign(β − β̂) √((D(β) − D(β̂))/φ), evaluated at
 *   β̂ ± k·(z_max/5)·se for k = 1, 2, … while |z| < z_max = t_{n−1, 1−α/2} (at most 9 steps);
 * then, as MASS's profile method, a cubic spline (FMM) through (β, z) on 3× as many points, and
 * linear interpolation of β at z = ±Φ⁻¹(2α). Returns [lower, upper] on the proportion scale.
 * The interval lies in (0, 1) and is not symmetric on any scale.
 */
export function profileLikelihoodCi(input: ProfileInput): [number, number] {
  const { y, w, seLogit, df, level } = input;
  let n = 0, W = 0;
  for (let i = 0; i < w.length; i++) if (w[i] !== 0) { n++; W += w[i]; }
  const meanW = input.meanWeight;
  const deviance = (mu: number): number => {
    let s = 0;
    for (let i = 0; i < w.length; i++) {
      if (w[i] === 0) continue;
      const v = y[i];
      const a = v > 0 ? v * Math.log(v / mu) : 0, b = v < 1 ? (1 - v) * Math.log((1 - v) / (1 - mu)) : 0;
      s += (w[i] / meanW) * (a + b);
    }
    return 2 * s;
  };
  // The fit as R's glm.fit finds it (IRLS to its convergence rule): β̂ and the working weights of
  // the last iteration, which give the model-based ("naive") variance 1/Σ w̃ μ(1−μ) at the
  // previous iterate — the part of λ that a closed form would get wrong in the 5th digit.
  const { beta, muPrev } = irls(y, w, meanW, deviance);
  const p = expit(beta);
  // Dispersion: design-weighted variance (R svyvar, n/(n−1)) of svyglm's Pearson residuals.
  let sr = 0, sr2 = 0;
  const denom = Math.sqrt(p * (1 - p));
  // svyglm's Pearson residuals carry √(w̃/w̃'), w̃' normalized over the complete rows only.
  const rescale = Math.sqrt(W / n / meanW);
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 0) continue;
    const r = ((y[i] - p) / denom) * rescale;
    sr += w[i] * r;
    sr2 += w[i] * r * r;
  }
  const rbar = sr / W;
  const phi = (sr2 / W - rbar * rbar) * (n / (n - 1));
  const naive = 1 / ((W / meanW) * muPrev * (1 - muPrev));
  const lambda = (seLogit * seLogit) / naive;
  const q = df === Infinity ? qnorm((1 - level) / 2) : qt((1 - level) / 2, df);
  const alpha = pnorm(q * Math.sqrt(lambda)) / 2;
  const zmax = qt(1 - alpha / 2, n - 1);
  const del = zmax / 5;
  const dev0 = deviance(p);
  const pts: [number, number][] = [[beta, 0]];
  for (const sgn of [-1, 1]) {
    let step = 0, z = 0;
    while (++step < 10 && Math.abs(z) < zmax) {
      const bi = beta + sgn * step * del * seLogit;
      let zz = (deviance(expit(bi)) - dev0) / phi;
      if (zz > -0.001) zz = Math.max(zz, 0);
      else throw internalError('profileLikelihoodCi: the profile found a better fit than p̂ (internal error)');
      z = sgn * Math.sqrt(zz);
      pts.push([bi, z]);
    }
  }
  pts.sort((a, b) => a[1] - b[1]);
  const sp = splineFmm(pts.map((t) => t[0]), pts.map((t) => t[1]), 3 * pts.length);
  const cut = qnorm(2 * alpha);
  return [expit(interpolate(sp.y, sp.x, cut)), expit(interpolate(sp.y, sp.x, -cut))];
}

/**
 * Intercept-only logistic fit by iteratively reweighted least squares, as glm.fit: start
 * μ = (w̃y + ½)/(w̃ + 1), stop when |D − D_old|/(|D| + 0.1) < 1e-8 (at most 25 iterations).
 */
function irls(y: Float64Array, w: Float64Array, meanW: number, deviance: (mu: number) => number): { beta: number; muPrev: number } {
  const n = w.length;
  const eta = new Float64Array(n);
  let devOld = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) continue;
    const wt = w[i] / meanW, m0 = (wt * y[i] + 0.5) / (wt + 1);
    eta[i] = Math.log(m0 / (1 - m0));
  }
  // Deviance at the per-row starting values.
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) continue;
    const mu = expit(eta[i]), v = y[i];
    devOld += 2 * (w[i] / meanW) * ((v > 0 ? v * Math.log(v / mu) : 0) + (v < 1 ? (1 - v) * Math.log((1 - v) / (1 - mu)) : 0));
  }
  let beta = 0, muPrev = NaN;
  for (let iter = 0; iter < 25; iter++) {
    // Weighted least squares of the working response on the intercept.
    let sw = 0, swz = 0, mPrev = NaN;
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      const e = eta[i], ex = Math.exp(e), mu = ex / (1 + ex);
      const mueta = ex / ((1 + ex) * (1 + ex));
      const z = e + (y[i] - mu) / mueta;
      const ww = ((w[i] / meanW) * mueta * mueta) / (mu * (1 - mu));
      sw += ww; swz += ww * z;
      mPrev = mu;
    }
    beta = swz / sw;
    // After the first iteration every row shares one η, so the working weights are w̃ μ(1−μ).
    muPrev = iter === 0 ? NaN : mPrev;
    eta.fill(beta);
    const dev = deviance(expit(beta));
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < 1e-8) break;
    devOld = dev;
  }
  if (Number.isNaN(muPrev)) throw new LocalizedError({ zh: `profileLikelihoodCi：logistic 拟合一步即收敛（数据退化）`, en: 'profileLikelihoodCi: the logistic fit converged in one step (degenerate data)' });
  return { beta, muPrev };
}

/** R's approx(x, y, xout): x sorted (ties by mean), linear interpolation, NaN outside the range. */
function interpolate(x: readonly number[], y: readonly number[], at: number): number {
  const idx = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const xs: number[] = [], ys: number[] = [];
  for (let k = 0; k < idx.length;) {
    let j = k, sum = 0;
    while (j < idx.length && x[idx[j]] === x[idx[k]]) { sum += y[idx[j]]; j++; }
    xs.push(x[idx[k]]); ys.push(sum / (j - k));
    k = j;
  }
  if (!(at >= xs[0] && at <= xs[xs.length - 1])) return NaN;
  let i = 0;
  while (i < xs.length - 2 && xs[i + 1] < at) i++;
  if (xs[i + 1] === xs[i]) return ys[i];
  return ys[i] + ((ys[i + 1] - ys[i]) * (at - xs[i])) / (xs[i + 1] - xs[i]);
}
