// Internal machinery shared by the estimators: analysis matrices with missing-value handling,
// replicate totals, design degrees of freedom, design effects and result assembly.
import type { Design, ReplicateDesign, Stage, SvyStat } from './types.ts';
import { analysisMatrix } from './columns.ts';
import { svrVar } from './svrVar.ts';
import { clusterStrata } from './svyrecvar.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { RowError } from './rowError.ts';

export interface EstimatorOptions {
  /** Drop rows with a missing analysis value (R: na.rm = TRUE). Without it, missing values are an error. */
  readonly naRm?: boolean;
  /** Compute the design effect (default true; R computes it only with deff = TRUE). */
  readonly deff?: boolean;
}

/**
 * Same design with weight 0 outside `keep` (R's design[keep, ]); a new value, inputs untouched.
 * `keep` is a predicate of the row or a 0/1 mask (0 = outside; one pass, no per-row call).
 */
export function withWeightsMasked<D extends Design>(design: D, keep: ((i: number) => boolean) | Uint8Array): D {
  const w = Float64Array.from(design.weights);
  if (keep instanceof Uint8Array) {
    for (let i = 0; i < w.length; i++) if (keep[i] === 0) w[i] = 0;
  } else {
    for (let i = 0; i < w.length; i++) if (!keep(i)) w[i] = 0;
  }
  return { ...design, weights: w };
}


/**
 * Analysis columns for `vars`, and the design restricted to rows without missing values when
 * naRm is set (R: design[nas == 0, ], x[nas > 0, ] <- 0). Missing values in rows of weight 0 are
 * ignored (they are outside the subset).
 */
export function prepare(design: Design, vars: readonly string[], options: EstimatorOptions | undefined, where: string): { X: Float64Array[]; names: string[]; design: Design } {
  const { X, names, source } = analysisMatrix(design.data, vars, where);
  const n = design.n, w = design.weights;
  // Rows in use without a missing value (allocated at the first missing one): 1 = kept.
  let kept: Uint8Array | null = null;
  const dirty = new Uint8Array(X.length);
  X.forEach((x, k) => {
    if (allFinite(x)) return;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (w[i] === 0) { if (v - v !== 0) dirty[k] = 1; } else if (v !== v) { (kept ??= new Uint8Array(n).fill(1))[i] = 0; }
    }
  });
  if (kept === null) return { X: X.map((x, k) => (dirty[k] ? zeroOutside(x, w) : x)), names, design };
  const keep: Uint8Array = kept;
  if (!options?.naRm) {
    const i = keep.indexOf(0);
    const bad = source[X.findIndex((x) => Number.isNaN(x[i]))];
    throw new RowError(i, (p) => ({ zh: `${where}：列 '${bad}' ${p.zh}缺失；设置 naRm: true 可去掉有缺失值的行`, en: `${where}: column '${bad}' is missing at ${p.en}; pass naRm: true to drop rows with missing values` }));
  }
  const d = withWeightsMasked(design, keep);
  return { X: X.map((x) => zeroOutside(x, d.weights)), names, design: d };
}

function zeroOutside(x: Float64Array, w: Float64Array): Float64Array {
  const n = x.length;
  const y = Float64Array.from(x);
  for (let i = 0; i < n; i++) if (w[i] === 0) y[i] = 0;
  return y;
}

const finite = new WeakMap<Float64Array, boolean>();

/** Whether a column has no NaN/±Infinity (cached: columns are immutable values). */
function allFinite(x: Float64Array): boolean {
  let f = finite.get(x);
  if (f === undefined) {
    // Branch-free: Σ 0·x is NaN iff some value is NaN or infinite.
    let acc = 0;
    const n = x.length;
    for (let i = 0; i < n; i++) acc += x[i] * 0;
    f = acc === 0;
    finite.set(x, f);
  }
  return f;
}

/** Rows in use, Σw and design df, in one pass; for linearization designs also Σw per stage-1 PSU. */
export interface Summary { readonly n: number; readonly W: number; readonly df: number; readonly clusterW?: Float64Array }

const summaries = new WeakMap<Float64Array, { stage: Stage | null; s: Summary }>();

/**
 * Rows in use, Σw, per-PSU Σw and design df. Computed once per weights array (designs and their
 * weights are immutable values), so repeated estimates on one design do not repeat this pass.
 */
export function summary(design: Design): Summary {
  const w = design.weights, N = w.length;
  const stage = design.kind === 'linearization' ? design.stages[0] : null;
  const hit = summaries.get(w);
  if (hit && hit.stage === stage) return design.kind === 'replicate' ? { ...hit.s, df: design.df } : hit.s;
  let s: Summary;
  if (stage === null) {
    let n = 0, W = 0;
    for (let i = 0; i < N; i++) { const v = w[i]; n += +(v !== 0); W += v; }
    s = { n, W, df: (design as ReplicateDesign).df };
  } else {
    // Non-zero weights and Σw per PSU, accumulated over runs of equal cluster code (rows are
    // usually grouped by PSU; a scatter row by row would chain through memory).
    const cluster = stage.cluster;
    const cnt = new Float64Array(stage.clusterCount), clusterW = new Float64Array(stage.clusterCount);
    if (N > 0) {
      let cur = cluster[0], k = 0, acc = 0;
      for (let i = 0; i < N; i++) {
        const c = cluster[i], v = w[i];
        if (c !== cur) { cnt[cur] += k; clusterW[cur] += acc; k = 0; acc = 0; cur = c; }
        k += +(v !== 0);
        acc += v;
      }
      cnt[cur] += k;
      clusterW[cur] += acc;
    }
    s = finishSummary(stage, cnt, clusterW);
  }
  summaries.set(w, { stage, s });
  return s;
}

function finishSummary(stage: Stage, cnt: Float64Array, clusterW: Float64Array): Summary {
  const stratumOf = clusterStrata(stage);
  const seenStratum = new Uint8Array(stage.strataCount);
  let n = 0, W = 0, psus = 0, strat = 0;
  for (let c = 0; c < cnt.length; c++) {
    W += clusterW[c];
    if (cnt[c] === 0) continue;
    n += cnt[c];
    psus++;
    const h = stratumOf[c];
    if (seenStratum[h] === 0) { seenStratum[h] = 1; strat++; }
  }
  return { n, W, df: psus - strat, clusterW };
}

/** Same design with weight 0 where codes[i] !== code (domains), its summary computed in the same pass. */
export function withWeightsWhere<D extends Design>(design: D, codes: Int32Array, code: number): D {
  const src = design.weights, n = src.length;
  const w = new Float64Array(n);
  if (design.kind === 'linearization' && n > 0) {
    const stage = design.stages[0], cluster = stage.cluster;
    const cnt = new Float64Array(stage.clusterCount), clusterW = new Float64Array(stage.clusterCount);
    let cur = cluster[0], k = 0, acc = 0;
    for (let i = 0; i < n; i++) {
      const c = cluster[i];
      if (c !== cur) { cnt[cur] += k; clusterW[cur] += acc; k = 0; acc = 0; cur = c; }
      const v = src[i] * +(codes[i] === code);
      w[i] = v;
      k += +(v !== 0);
      acc += v;
    }
    cnt[cur] += k;
    clusterW[cur] += acc;
    summaries.set(w, { stage, s: finishSummary(stage, cnt, clusterW) });
  } else {
    for (let i = 0; i < n; i++) w[i] = src[i] * +(codes[i] === code);
  }
  return { ...design, weights: w };
}

/**
 * Weighted variance s² = Σw(x−x̄)²/Σw · n/(n−1) over rows of non-zero weight (R: svyvar), in one
 * branch-free pass centred at `centre` (the mean, or close to it) with a correction term.
 */
export function weightedVariance(x: Float64Array, w: Float64Array, s: Summary, centre: number): number {
  const N = w.length;
  let a = 0, b = 0;
  for (let i = 0; i < N; i++) {
    const v = w[i], d = x[i] - centre;
    a += v * d;
    b += v * d * d;
  }
  return ((b - (a * a) / s.W) / s.W) * (s.n / (s.n - 1));
}

/** Rows in use: non-zero weight. */
export function nUsed(design: Design): number {
  const w = design.weights, n = w.length;
  let k = 0;
  for (let i = 0; i < n; i++) if (w[i] !== 0) k++;
  return k;
}

/**
 * Design degrees of freedom (R: degf). Linearization: number of PSUs minus number of strata
 * among rows in use. Replicate designs: rank of the replicate weights minus 1, fixed at creation.
 */
export function degf(design: Design): number {
  if (design.kind === 'replicate') return design.df;
  const { cluster, strata } = design.stages[0];
  const w = design.weights, n = w.length;
  const seenPsu = new Uint8Array(design.stages[0].clusterCount), seenStratum = new Uint8Array(design.stages[0].strataCount);
  let psus = 0, strat = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) continue;
    const c = cluster[i], h = strata[i];
    if (seenPsu[c] === 0) { seenPsu[c] = 1; psus++; }
    if (seenStratum[h] === 0) { seenStratum[h] = 1; strat++; }
  }
  return psus - strat;
}

/** Weighted totals Σ_i w_ri z_i for the full sample and every replicate r (rows of weight 0 excluded). */
export function replicateTotals(design: ReplicateDesign, Z: readonly Float64Array[]): { full: Float64Array; reps: Float64Array[] } {
  const p = Z.length, n = design.n, w = design.weights;
  const full = new Float64Array(p);
  for (let k = 0; k < p; k++) { let s = 0; const z = Z[k]; for (let i = 0; i < n; i++) s += w[i] * z[i]; full[k] = s; }
  const rw = design.repweights;
  const reps: Float64Array[] = [];
  if (rw.mode === 'compressed') {
    const G = rw.factors[0]?.length ?? 0;
    const g = new Float64Array(G * p);
    const idx = rw.index;
    for (let k = 0; k < p; k++) { const z = Z[k]; for (let i = 0; i < n; i++) g[idx[i] * p + k] += w[i] * z[i]; }
    for (const f of rw.factors) {
      const t = new Float64Array(p);
      for (let j = 0; j < G; j++) { const fj = f[j]; if (fj === 0) continue; for (let k = 0; k < p; k++) t[k] += fj * g[j * p + k]; }
      reps.push(t);
    }
  } else {
    for (const wr of rw.weights) {
      const t = new Float64Array(p);
      for (let k = 0; k < p; k++) { let s = 0; const z = Z[k]; for (let i = 0; i < n; i++) if (w[i] !== 0) s += wr[i] * z[i]; t[k] = s; }
      reps.push(t);
    }
  }
  return { full, reps };
}

/** Replicate variance of statistics computed from replicate totals by `stat`. */
export function replicateVariance(design: ReplicateDesign, Z: readonly Float64Array[], stat: (t: Float64Array) => Float64Array): { estimate: Float64Array; variance: Float64Array } {
  const { full, reps } = replicateTotals(design, Z);
  const estimate = stat(full);
  const thetas = reps.map(stat);
  return { estimate, variance: svrVar(thetas, estimate, design.scale, design.rscales, design.mse) };
}

export function sumWeights(design: Design): number {
  const w = design.weights, n = w.length;
  let W = 0;
  for (let i = 0; i < n; i++) W += w[i];
  return W;
}

/** Assemble a result: se from the diagonal of the variance. */
export function makeStat(statistic: SvyStat['statistic'], names: readonly string[], estimate: Float64Array, variance: Float64Array, s: Summary, deff: Float64Array | null, label: string): SvyStat {
  const p = estimate.length;
  const se = new Float64Array(p);
  for (let k = 0; k < p; k++) se[k] = Math.sqrt(variance[k * p + k]);
  return { statistic, names, estimate, variance, se, df: s.df, n: s.n, deff, label };
}
