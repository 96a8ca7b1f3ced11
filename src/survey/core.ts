// Internal machinery shared by the estimators: analysis matrices with missing-value handling,
// replicate totals, design degrees of freedom, design effects and result assembly.
import type { Design, ReplicateDesign, SvyStat } from './types.ts';
import { analysisMatrix } from './columns.ts';
import { svrVar } from './svrVar.ts';

export interface EstimatorOptions {
  /** Drop rows with a missing analysis value (R: na.rm = TRUE). Without it, missing values are an error. */
  readonly naRm?: boolean;
}

/** Same design with weight 0 outside `keep` (R's design[keep, ]); a new value, inputs untouched. */
export function withWeightsMasked<D extends Design>(design: D, keep: (i: number) => boolean): D {
  const w = Float64Array.from(design.weights);
  for (let i = 0; i < w.length; i++) if (!keep(i)) w[i] = 0;
  return { ...design, weights: w };
}

/**
 * Analysis columns for `vars`, and the design restricted to rows without missing values when
 * naRm is set (R: design[nas == 0, ], x[nas > 0, ] <- 0). Missing values in rows of weight 0 are
 * ignored (they are outside the subset).
 */
export function prepare(design: Design, vars: readonly string[], options: EstimatorOptions | undefined, where: string): { X: Float64Array[]; names: string[]; design: Design } {
  const { X, names, source } = analysisMatrix(design.data, vars, where);
  const n = design.n;
  const missing = new Uint8Array(n);
  let any = false;
  for (const x of X) for (let i = 0; i < n; i++) if (Number.isNaN(x[i]) && design.weights[i] !== 0) { missing[i] = 1; any = true; }
  if (!any) return { X: X.map((x) => zeroOutside(x, design.weights)), names, design };
  if (!options?.naRm) {
    const i = missing.indexOf(1);
    const bad = source[X.findIndex((x) => Number.isNaN(x[i]))];
    throw new Error(`${where}: column '${bad}' is missing at row ${i + 1}; pass naRm: true to drop rows with missing values`);
  }
  const d = withWeightsMasked(design, (i) => missing[i] === 0);
  return { X: X.map((x) => zeroOutside(x, d.weights)), names, design: d };
}

function zeroOutside(x: Float64Array, w: Float64Array): Float64Array {
  let need = false;
  for (let i = 0; i < x.length; i++) if (w[i] === 0 && x[i] !== 0) { need = true; break; }
  if (!need) return x;
  const y = Float64Array.from(x);
  for (let i = 0; i < y.length; i++) if (w[i] === 0) y[i] = 0;
  return y;
}

/** Rows in use: non-zero weight. */
export function nUsed(design: Design): number {
  let k = 0;
  for (let i = 0; i < design.n; i++) if (design.weights[i] !== 0) k++;
  return k;
}

/**
 * Design degrees of freedom (R: degf). Linearization: number of PSUs minus number of strata
 * among rows in use. Replicate designs: rank of the replicate weights minus 1, fixed at creation.
 */
export function degf(design: Design): number {
  if (design.kind === 'replicate') return design.df;
  const st = design.stages[0];
  const psu = new Set<number>(), strata = new Set<number>();
  for (let i = 0; i < design.n; i++) if (design.weights[i] !== 0) { psu.add(st.cluster[i]); strata.add(st.strata[i]); }
  return psu.size - strata.size;
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

/** Weighted variance s²_k = Σw(x−x̄)²/Σw · n/(n−1) of each column (R: svyvar, diagonal). */
export function svyvarDiag(design: Design, X: readonly Float64Array[]): Float64Array {
  const w = design.weights;
  const n = nUsed(design);
  let W = 0;
  for (let i = 0; i < design.n; i++) W += w[i];
  return Float64Array.from(X, (x) => {
    let m = 0;
    for (let i = 0; i < design.n; i++) m += w[i] * x[i];
    m /= W;
    let s = 0;
    for (let i = 0; i < design.n; i++) if (w[i] !== 0) s += w[i] * (x[i] - m) ** 2;
    return ((s / W) * n) / (n - 1);
  });
}

export function sumWeights(design: Design): number {
  let W = 0;
  for (let i = 0; i < design.n; i++) W += design.weights[i];
  return W;
}

/** Assemble a result: se from the diagonal of the variance. */
export function makeStat(statistic: SvyStat['statistic'], names: readonly string[], estimate: Float64Array, variance: Float64Array, design: Design, deff: Float64Array | null, label: string): SvyStat {
  const p = estimate.length;
  const se = new Float64Array(p);
  for (let k = 0; k < p; k++) se[k] = Math.sqrt(variance[k * p + k]);
  return { statistic, names, estimate, variance, se, df: degf(design), n: nUsed(design), deff, label };
}
