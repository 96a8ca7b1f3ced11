// calibrate: generalized regression (GREG), raking-ratio and logit calibration of weights.
import type { Columns, Design } from './types.ts';
import { factorCodes, getColumn } from './columns.ts';
import { ginv } from './linalg.ts';
import { fullRepweights } from './reweight.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { RowError } from './rowError.ts';

export interface CalibrateOptions {
  /** Model terms: '~stype + api99' or ['stype', 'api99']; category columns use treatment coding, intercept unless '-1'/'0'. */
  readonly formula: string | readonly string[];
  /** Population totals by model-matrix column name, as R names them: '(Intercept)', 'stypeH', 'api99'. */
  readonly population: Readonly<Record<string, number>>;
  /** Calibration function (R: calfun). Default 'linear' (GREG), as R. */
  readonly calfun?: 'linear' | 'raking' | 'logit';
  /** Bounds [L, U] on the g-weights (R: bounds). Default [−∞, ∞]; logit needs finite bounds. */
  readonly bounds?: readonly [number, number];
  readonly maxit?: number;
  readonly epsilon?: number;
  /** Return weights even when not converged (R: force). */
  readonly force?: boolean;
}

/**
 * Calibration (Deville & Särndal 1992), as R's `calibrate(design, formula, population, calfun,
 * bounds)`: g-weights g_i = 1 + F⁻¹(x_iᵀη) with Σ w_i g_i x_i = population totals, solved by
 * Newton iterations as R's grake (convergence: max |misfit|/(1+|total|) < epsilon, default 1e-7,
 * at most maxit = 50). Unbounded linear calibration is solved directly (R: regcalibrate).
 * Linearization variance uses residuals of the weighted regression of the influence values on x
 * (R: qr.resid with weights g√w); replicate designs calibrate every replicate.
 * Fails: unknown columns, missing values in model variables, population names that do not match
 * the model matrix, infinite bounds with logit, non-convergence (unless force).
 * Example (apiclus1, ~stype + api99, linear): svymean('api00') → 665.31 (se 3.442).
 */
export function calibrate<D extends Design>(design: D, options: CalibrateOptions): D {
  const calfun = options.calfun ?? 'linear';
  if (calfun !== 'linear' && calfun !== 'raking' && calfun !== 'logit') throw new LocalizedError({ zh: `calibrate：无效的 calfun：${String(calfun)}（可用 linear、raking 或 logit）`, en: `calibrate: invalid calfun: ${String(calfun)} (linear, raking or logit)` });
  const [lower, upper] = options.bounds ?? [-Infinity, Infinity];
  if (!(lower <= 1 && upper >= 1)) throw new LocalizedError({ zh: `calibrate：界限 [${lower}, ${upper}] 必须包含 1`, en: `calibrate: bounds [${lower}, ${upper}] must contain 1` });
  if (calfun === 'logit' && !(Number.isFinite(lower) && Number.isFinite(upper))) throw new LocalizedError({ zh: `calibrate：logit 校准需要有限的界限（bounds）`, en: 'calibrate: logit calibration needs finite bounds' });
  const maxit = options.maxit ?? 50, epsilon = options.epsilon ?? 1e-7;
  const { mm, names } = modelMatrix(design.data, options.formula, design.n);
  const missing = Object.keys(options.population).filter((k) => !names.includes(k));
  const absent = names.filter((k) => options.population[k] === undefined);
  if (missing.length || absent.length) {
    throw new LocalizedError({ zh: `calibrate：总体合计${absent.length ? `缺少 ${absent.join(', ')}` : ''}${absent.length && missing.length ? '；' : ''}${missing.length ? `含有未知的列 ${missing.join(', ')}` : ''}（模型矩阵的列：${names.join(', ')}）`, en: `calibrate: population totals ${absent.length ? `lack ${absent.join(', ')}` : ''}${absent.length && missing.length ? '; ' : ''}${missing.length ? `name unknown columns ${missing.join(', ')}` : ''} (model matrix columns: ${names.join(', ')})` });
  }
  const pop = Float64Array.from(names, (k) => options.population[k]);
  const F = calfunctions(calfun, lower, upper);
  const direct = calfun === 'linear' && lower === -Infinity && upper === Infinity;
  const ww = design.weights;
  const res = direct ? regcal(mm, ww, pop) : grake(mm, ww, pop, F, maxit, epsilon);
  if (!res.converged && !options.force) throw new LocalizedError({ zh: `calibrate：未能收敛（${res.iterations} 次迭代后偏差 ${res.misfit.toExponential(3)}）；请增大 maxit、放宽 bounds 或设置 force: true`, en: `calibrate: failed to converge (misfit ${res.misfit.toExponential(3)} after ${res.iterations} iterations); raise maxit, relax bounds or pass force: true` });
  const g = res.g;
  const weights = Float64Array.from(ww, (w, i) => w * g[i]);
  const info = { method: calfun, iterations: res.iterations, converged: res.converged, misfit: res.misfit, epsilon, maxit };
  if (design.kind === 'linearization') {
    const whalf = ww.map(Math.sqrt);
    const Z = mm.map((col) => Float64Array.from(col, (v, i) => v * whalf[i]));
    return { ...design, weights, adjustments: [...design.adjustments, { kind: 'greg', Z, w: Float64Array.from(g, (gi, i) => gi * whalf[i]) }], calibration: info };
  }
  const reps = fullRepweights(design).map((wr) => {
    const r = direct ? regcal(mm, wr, pop) : grake(mm, wr, pop, F, maxit, epsilon);
    return Float64Array.from(wr, (v, i) => v * r.g[i]);
  });
  return { ...design, weights, repweights: { mode: 'full', weights: reps }, calibration: info };
}

/** R's model.matrix for main-effect terms: intercept, numeric columns, treatment-coded categories. */
export function modelMatrix(data: Columns, formula: string | readonly string[], n: number): { mm: Float64Array[]; names: string[] } {
  let terms: string[];
  let intercept = true;
  if (typeof formula === 'string') {
    const rhs = formula.replace(/^\s*~/, '');
    terms = [];
    for (const raw of rhs.split('+')) {
      const parts = raw.split('-');
      parts.forEach((p, j) => {
        const t = p.trim();
        if (t === '') return;
        if (j > 0 || t === '0') { if (t === '1' || t === '0') intercept = false; else throw new LocalizedError({ zh: `calibrate：无法去掉公式 '${formula}' 中的项 '${t}'`, en: `calibrate: cannot remove term '${t}' in formula '${formula}'` }); return; }
        if (t === '1') return;
        if (/[:*^()|]/.test(t)) throw new LocalizedError({ zh: `calibrate：只支持主效应项，公式 '${formula}' 中有 '${t}'`, en: `calibrate: only main-effect terms are supported, got '${t}' in formula '${formula}'` });
        terms.push(t);
      });
    }
  } else terms = [...formula];
  const mm: Float64Array[] = [];
  const names: string[] = [];
  if (intercept) { mm.push(new Float64Array(n).fill(1)); names.push('(Intercept)'); }
  let firstFactor = !intercept;
  for (const t of terms) {
    const c = getColumn(data, t, 'calibrate formula');
    if (c instanceof Float64Array) {
      const bad = c.findIndex((v) => Number.isNaN(v));
      if (bad >= 0) throw new RowError(bad, (p) => ({ zh: `calibrate：列 '${t}' ${p.zh}缺失`, en: `calibrate: column '${t}' is missing at ${p.en}` }));
      mm.push(c); names.push(t);
      continue;
    }
    const { codes, levels } = factorCodes(c);
    const bad = codes.indexOf(-1);
    if (bad >= 0) throw new RowError(bad, (p) => ({ zh: `calibrate：列 '${t}' ${p.zh}缺失`, en: `calibrate: column '${t}' is missing at ${p.en}` }));
    levels.forEach((lev, j) => {
      if (j === 0 && !firstFactor) return;
      mm.push(Float64Array.from(codes, (k) => (k === j ? 1 : 0)));
      names.push(t + lev);
    });
    firstFactor = false;
  }
  return { mm, names };
}

interface CalFun { Fm1(u: number): number; dF(u: number): number }

/** R's cal.linear, cal.raking, cal.logit: g = 1 + Fm1(u) and its derivative. */
function calfunctions(name: 'linear' | 'raking' | 'logit', L: number, U: number): CalFun {
  if (name === 'linear') return { Fm1: (u) => Math.min(Math.max(u + 1, L), U) - 1, dF: (u) => (u < U - 1 && u > L - 1 ? 1 : 0) };
  if (name === 'raking') return { Fm1: (u) => Math.min(Math.max(Math.exp(u), L), U) - 1, dF: (u) => (u < U - 1 && u > L - 1 ? Math.exp(u) : 0) };
  const A = (U - L) / ((U - 1) * (1 - L));
  return {
    Fm1: (u) => { const e = Math.exp(A * u); return (L * (U - 1) + U * (1 - L) * e) / (U - 1 + (1 - L) * e) - 1; },
    dF: (u) => {
      const e = Math.exp(A * u), den = U - 1 + (1 - L) * e;
      return (U * (1 - L) * e * A) / den - ((L * (U - 1) + U * (1 - L) * e) * ((1 - L) * e * A)) / (den * den);
    },
  };
}

interface CalResult { g: Float64Array; iterations: number; converged: boolean; misfit: number }

function totals(mm: readonly Float64Array[], w: Float64Array, f?: Float64Array): Float64Array {
  return Float64Array.from(mm, (col) => { let s = 0; for (let i = 0; i < w.length; i++) s += col[i] * w[i] * (f ? f[i] : 1); return s; });
}

function crossprod(mm: readonly Float64Array[], w: Float64Array): Float64Array {
  const k = mm.length, T = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) {
    let s = 0;
    const x = mm[a], y = mm[b];
    for (let i = 0; i < w.length; i++) s += x[i] * w[i] * y[i];
    T[a * k + b] = T[b * k + a] = s;
  }
  return T;
}

function linearPredictor(mm: readonly Float64Array[], eta: Float64Array, n: number): Float64Array {
  const u = new Float64Array(n);
  mm.forEach((col, a) => { for (let i = 0; i < n; i++) u[i] += col[i] * eta[a]; });
  return u;
}

function solveSym(T: Float64Array, k: number, b: Float64Array, tol?: number): Float64Array {
  const G = ginv(T, k, tol);
  return Float64Array.from({ length: k }, (_, a) => { let s = 0; for (let c = 0; c < k; c++) s += G[a * k + c] * b[c]; return s; });
}

/** Unbounded linear calibration in one step: g = 1 + x_iᵀ T⁻¹ (X − X̂), T = Σ w x xᵀ (R: regcalibrate). */
function regcal(mm: readonly Float64Array[], w: Float64Array, pop: Float64Array): CalResult {
  const k = mm.length, st = totals(mm, w);
  const tT = solveSym(crossprod(mm, w), k, pop.map((p, a) => p - st[a]), 1e-13);
  const u = linearPredictor(mm, tT, w.length);
  const g = u.map((v) => 1 + v);
  const fit = totals(mm, w, g);
  let misfit = 0;
  pop.forEach((p, a) => { misfit = Math.max(misfit, Math.abs(p - fit[a]) / (1 + Math.abs(p))); });
  return { g, iterations: 1, converged: true, misfit };
}

/** Newton iterations for the g-weights, as R's grake (with its rescaling when totals ≫ sample totals). */
function grake(mm: readonly Float64Array[], w0: Float64Array, pop: Float64Array, F: CalFun, maxit: number, epsilon: number): CalResult {
  const k = mm.length, n = w0.length;
  let ww = w0;
  let st = totals(mm, ww);
  let scale: number | null = null;
  const scales = pop.map((p, a) => p / st[a]);
  if (Math.min(...scales) > 20) {
    scale = scales.reduce((s, v) => s + v, 0) / k;
    const sc = scale;
    ww = ww.map((v) => v * sc);
    st = st.map((v) => v * sc);
  }
  let eta: Float64Array = new Float64Array(k);
  let u: Float64Array = new Float64Array(n);
  const state = (uu: Float64Array): { g: Float64Array; d: Float64Array } => ({ g: uu.map((v) => 1 + F.Fm1(v)), d: uu.map((v) => F.dF(v)) });
  let g: Float64Array, d: Float64Array;
  ({ g, d } = state(u));
  const misfitOf = (uu: Float64Array): Float64Array => {
    const fm = uu.map((v) => F.Fm1(v));
    const t = totals(mm, ww, fm);
    return pop.map((p, a) => p - st[a] - t[a]);
  };
  let iter = 1, converged = false, achieved = NaN;
  for (;;) {
    const T = crossprod(mm, Float64Array.from(ww, (v, i) => v * d[i]));
    const deta = solveSym(T, k, misfitOf(u));
    eta = eta.map((e, a) => e + deta[a]);
    u = linearPredictor(mm, eta, n);
    ({ g, d } = state(u));
    while (iter < maxit && (g.some((v) => !Number.isFinite(v)) || d.some((v) => !Number.isFinite(v)))) {
      iter++;
      for (let a = 0; a < k; a++) { deta[a] /= 2; eta[a] -= deta[a]; }
      u = linearPredictor(mm, eta, n);
      ({ g, d } = state(u));
    }
    const mf = misfitOf(u);
    achieved = 0;
    mf.forEach((m, a) => { achieved = Math.max(achieved, Math.abs(m) / (1 + Math.abs(pop[a]))); });
    if (achieved < epsilon) { converged = true; break; }
    iter++;
    if (iter > maxit) break;
  }
  if (scale !== null) { const sc = scale; g = g.map((v) => v * sc); }
  return { g, iterations: iter, converged, misfit: achieved };
}
