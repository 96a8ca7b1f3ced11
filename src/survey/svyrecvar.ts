// svyrecvar: the one routine for Taylor-linearization variance, fed with influence values.
import type { Stage, SurveyDesign, VarianceAdjustment } from './types.ts';
import { qrResiduals } from './linalg.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { RowError } from './rowError.ts';

/**
 * Linearization variance of estimators with influence values X (p columns, one value per row,
 * already multiplied by the weights), as R's `svyrecvar` → `multistage` → `onestage` → `onestrat`.
 *
 * Per stratum h at a stage, with PSU totals z_hj (j = 1..n_h, padded with zeros for PSUs outside a
 * subset) and f_h = (N_h − n_h)/N_h (1 without fpc):
 *   V = Σ_h f_h n_h/(n_h − 1) Σ_j (z_hj − z̄_h)(z_hj − z̄_h)ᵀ
 * and, when fpc is given, each PSU adds the next stage's variance times n_h/N_h (Lumley 2010 §2.2).
 * Before that, calibration adjustments replace X by residuals: post-stratification (centre within
 * post-strata), raking (10 sweeps of centring over the margins) and GREG (regression residuals).
 *
 * Lonely PSUs (n_h = 1): 'fail' throws; 'certainty' and 'remove' contribute 0; 'adjust' uses the
 * PSU total uncentred; 'average' drops the stratum and scales by #strata/#strata with ≥ 2 PSUs.
 * With `ultimateCluster` the later-stage terms are left out (R: survey.ultimate.cluster = TRUE).
 * Returns the p×p matrix row-major. Example: apisrs with fpc, X = w·enroll → se 169519.7.
 */
export function svyrecvar(design: SurveyDesign, X: readonly Float64Array[]): Float64Array {
  const p = X.length;
  let Y = X;
  if (design.adjustments.length > 0) {
    Y = X.map((c) => Float64Array.from(c));
    for (const adj of design.adjustments) applyAdjustment(adj, Y as Float64Array[]);
  }
  // R drops rows outside a subset of a plain design (their influence is 0 here, so only the
  // bookkeeping of which strata exist can differ), but keeps them (weight 0) in calibrated ones.
  const present = design.adjustments.length > 0 ? null : design.weights;
  const stage = design.stages[0];
  const lay = layout(stage);
  const C = stage.clusterCount, cl = stage.cluster, n = design.n;
  const z = Y.map((x) => {
    const zq = new Float64Array(C);
    if (n === 0) return zq;
    let cur = cl[0], acc = 0;
    for (let i = 0; i < n; i++) { const c = cl[i]; if (c !== cur) { zq[cur] += acc; acc = 0; cur = c; } acc += x[i]; }
    zq[cur] += acc;
    return zq;
  });
  const v = strataVariance(design, stage, lay, z, p, 0, lay.strataClusters, lay.strataStart, presentStrata(stage, lay, present, null));
  if (stage.popsize !== null && design.stages.length > 1 && design.ultimateCluster !== true) {
    const { clusterRows, clusterStart } = rowsByCluster(stage, lay);
    for (let c = 0; c < C; c++) {
      const rows = clusterRows.subarray(clusterStart[c], clusterStart[c + 1]);
      const sub = multistage(design, Y, p, rows, 1, present);
      const r = rows[0];
      const factor = stage.nPSU[r] / stage.popsize[r];
      for (let q = 0; q < p * p; q++) v[q] += sub[q] * factor;
    }
  }
  return v;
}

/**
 * True when the variance depends on the data only through stage-1 PSU totals of the influence
 * values (no calibration residuals, no later-stage fpc terms): estimators then skip row-level
 * influence columns (see clusterTotals / svyrecvarTotals).
 */
export function usesClusterTotals(design: SurveyDesign): boolean {
  return design.adjustments.length === 0 && !(design.stages.length > 1 && design.stages[0].popsize !== null && design.ultimateCluster !== true);
}

/** Stage-1 PSU totals Σ_{i∈c} w_i x_i (x omitted: Σ w_i), indexed by cluster code. */
export function clusterTotals(design: SurveyDesign, x: Float64Array | null): Float64Array {
  const stage = design.stages[0], cl = stage.cluster, w = design.weights, n = design.n;
  const z = new Float64Array(stage.clusterCount);
  if (n === 0) return z;
  // Accumulate runs of equal cluster code in a register: a scatter-add into the same slot row
  // after row would chain every addition through memory.
  let cur = cl[0], acc = 0;
  if (x === null) {
    for (let i = 0; i < n; i++) { const c = cl[i]; if (c !== cur) { z[cur] += acc; acc = 0; cur = c; } acc += w[i]; }
  } else {
    for (let i = 0; i < n; i++) { const c = cl[i]; if (c !== cur) { z[cur] += acc; acc = 0; cur = c; } acc += w[i] * x[i]; }
  }
  z[cur] += acc;
  return z;
}

/** Stratum code of each stage-1 cluster (−1 for codes without rows). */
export function clusterStrata(stage: Stage): Int32Array {
  const lay = layout(stage);
  if (!lay.stratumOf) {
    const first = lay.firstRow, out = new Int32Array(first.length);
    for (let c = 0; c < out.length; c++) out[c] = first[c] < 0 ? -1 : stage.strata[first[c]];
    lay.stratumOf = out;
  }
  return lay.stratumOf;
}

/** svyrecvar from stage-1 PSU totals of the influence values (valid when usesClusterTotals). */
export function svyrecvarTotals(design: SurveyDesign, z: readonly Float64Array[]): Float64Array {
  const stage = design.stages[0];
  const lay = layout(stage);
  return strataVariance(design, stage, lay, z, z.length, 0, lay.strataClusters, lay.strataStart, presentStrata(stage, lay, design.weights, null));
}

interface Layout {
  /** First row of each cluster, stratum of each cluster, clusters of each stratum (CSR). */
  readonly firstRow: Int32Array;
  readonly strataStart: Int32Array;
  readonly strataClusters: Int32Array;
  rows?: { clusterRows: Int32Array; clusterStart: Int32Array };
  stratumOf?: Int32Array;
}

const layouts = new WeakMap<Stage, Layout>();

/** Per-stage cluster/stratum structure, computed once per design stage (designs are immutable). */
function layout(stage: Stage): Layout {
  let l = layouts.get(stage);
  if (l) return l;
  const C = stage.clusterCount, H = stage.strataCount, n = stage.cluster.length;
  const firstRow = new Int32Array(C).fill(-1);
  for (let i = 0; i < n; i++) if (firstRow[stage.cluster[i]] < 0) firstRow[stage.cluster[i]] = i;
  const count = new Int32Array(H + 1);
  for (let c = 0; c < C; c++) if (firstRow[c] >= 0) count[stage.strata[firstRow[c]] + 1]++;
  for (let h = 0; h < H; h++) count[h + 1] += count[h];
  const strataStart = count.slice();
  const pos = count.slice(0, H);
  const strataClusters = new Int32Array(strataStart[H]);
  for (let c = 0; c < C; c++) if (firstRow[c] >= 0) strataClusters[pos[stage.strata[firstRow[c]]]++] = c;
  l = { firstRow, strataStart, strataClusters };
  layouts.set(stage, l);
  return l;
}

function rowsByCluster(stage: Stage, lay: Layout): { clusterRows: Int32Array; clusterStart: Int32Array } {
  if (lay.rows) return lay.rows;
  const C = stage.clusterCount, n = stage.cluster.length;
  const clusterStart = new Int32Array(C + 1);
  for (let i = 0; i < n; i++) clusterStart[stage.cluster[i] + 1]++;
  for (let c = 0; c < C; c++) clusterStart[c + 1] += clusterStart[c];
  const pos = clusterStart.slice(0, C);
  const clusterRows = new Int32Array(n);
  for (let i = 0; i < n; i++) clusterRows[pos[stage.cluster[i]]++] = i;
  lay.rows = { clusterRows, clusterStart };
  return lay.rows;
}

/** Strata with at least one row in use (R drops the others); null = all (no lonely PSU to worry about). */
function presentStrata(stage: Stage, lay: Layout, w: Float64Array | null, rows: Int32Array | null): Uint8Array | null {
  if (w === null) return null;
  let lonely = false;
  for (let h = 0; h + 1 < lay.strataStart.length && !lonely; h++) {
    if (lay.strataStart[h + 1] > lay.strataStart[h] && stage.nPSU[lay.firstRow[lay.strataClusters[lay.strataStart[h]]]] <= 1) lonely = true;
  }
  if (!lonely) return null;
  const out = new Uint8Array(stage.strataCount);
  const st = stage.strata;
  if (rows) for (let k = 0; k < rows.length; k++) out[st[rows[k]]] |= +(w[rows[k]] !== 0);
  else for (let i = 0; i < st.length; i++) out[st[i]] |= +(w[i] !== 0);
  return out;
}

/**
 * Σ_h f_h n_h/(n_h−1) Σ_j (z_hj − z̄_h)(z_hj − z̄_h)ᵀ over the strata listed (CSR clusters per
 * stratum), z indexed by cluster code; lonely-PSU rules as R's onestrat.
 */
function strataVariance(design: SurveyDesign, stage: Stage, lay: Layout, z: readonly Float64Array[], p: number, s: number, clusters: Int32Array, start: Int32Array, present: Uint8Array | null): Float64Array {
  const acc = new Float64Array(p * p);
  const mean = new Float64Array(p);
  const dev = new Float64Array(p);
  let H = 0, nok = 0;
  for (let h = 0; h + 1 < start.length; h++) {
    const a = start[h], b = start[h + 1];
    if (b === a) continue;
    const r0 = lay.firstRow[clusters[a]];
    if (present && present[stage.strata[r0]] === 0) continue;
    H++;
    const nPSU = stage.nPSU[r0];
    const pop = stage.popsize, firstRow = lay.firstRow;
    let allSmall = true;
    for (let k = a; k < b; k++) if (!(fpcFactor(pop, firstRow, clusters[k], nPSU) < 1e-7)) { allSmall = false; break; }
    if (allSmall) { nok++; continue; }
    const m = b - a;
    const padded = Math.max(nPSU, m);
    const centre = design.lonelyPsu !== 'adjust' || m > 1 || nPSU > 1;
    mean.fill(0);
    if (centre) {
      addTotals(z, p, clusters, a, b, mean);
      for (let q = 0; q < p; q++) mean[q] /= padded;
    }
    if (nPSU <= 1) {
      if (design.lonelyPsu === 'fail') throw new RowError(r0, (p) => ({ zh: `svyrecvar：第 ${s + 1} 阶段有一层只有一个初级抽样单元（PSU）（${p.zh}）；请设置 lonelyPsu: 'adjust'、'average'、'certainty' 或 'remove'`, en: `svyrecvar: a stratum at stage ${s + 1} has only one PSU (${p.en}); set lonelyPsu: 'adjust', 'average', 'certainty' or 'remove'` }));
      if (design.lonelyPsu === 'average') continue;
    }
    nok++;
    const mult = nPSU > 1 ? nPSU / (nPSU - 1) : 1;
    addCrossProducts(z, p, clusters, a, b, mean, dev, acc, pop, firstRow, nPSU, mult);
    if (m < nPSU) {
      const sc = fpcFactor(pop, firstRow, clusters[a], nPSU) * mult * (nPSU - m);
      for (let q = 0; q < p; q++) for (let t = 0; t < p; t++) acc[q * p + t] += sc * mean[q] * mean[t];
    }
  }
  const factor = H === 0 ? 0 : nok === 0 ? NaN : H / nok;
  for (let q = 0; q < p * p; q++) acc[q] *= factor;
  return acc;
}

/** f_h = (N − n_h)/N of cluster c's first row: 1 without fpc or with N = ∞. */
function fpcFactor(pop: Float64Array | null, firstRow: Int32Array, c: number, nPSU: number): number {
  if (pop === null) return 1;
  const N = pop[firstRow[c]];
  return N === Infinity ? 1 : (N - nPSU) / N;
}

// The two loops over a stratum's PSUs are small functions of their own: with one PSU per row they run
// over every row, and V8 then optimizes these few lines, not all of strataVariance.

/** mean_q += Σ_j z_q[c_j] over the clusters clusters[a..b), in order. */
function addTotals(z: readonly Float64Array[], p: number, clusters: Int32Array, a: number, b: number, mean: Float64Array): void {
  for (let k = a; k < b; k++) for (let q = 0; q < p; q++) mean[q] += z[q][clusters[k]];
}

/** acc += Σ_j f_j·mult·(z_j − mean)(z_j − mean)ᵀ over the clusters clusters[a..b) (dev: scratch of length p). */
function addCrossProducts(z: readonly Float64Array[], p: number, clusters: Int32Array, a: number, b: number, mean: Float64Array, dev: Float64Array, acc: Float64Array, pop: Float64Array | null, firstRow: Int32Array, nPSU: number, mult: number): void {
  for (let k = a; k < b; k++) {
    const c = clusters[k];
    const sc = pop === null ? mult : fpcFactor(pop, firstRow, c, nPSU) * mult; // 1 · mult = mult exactly
    for (let q = 0; q < p; q++) dev[q] = z[q][c] - mean[q];
    for (let q = 0; q < p; q++) for (let t = 0; t < p; t++) acc[q * p + t] += sc * dev[q] * dev[t];
  }
}

/** Stages ≥ 2 within one PSU: same computation on the rows of that PSU, recursing while fpc is given. */
function multistage(design: SurveyDesign, X: readonly Float64Array[], p: number, rows: Int32Array, s: number, w: Float64Array | null): Float64Array {
  const stage = design.stages[s];
  const lay = layout(stage);
  // Local CSR of this PSU's clusters by stratum.
  const cl = stage.cluster, st = stage.strata;
  const localC = new Map<number, number>(), localH = new Map<number, number>();
  const cOf: number[] = [], hOfC: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const c = cl[rows[k]];
    if (!localC.has(c)) {
      localC.set(c, cOf.length); cOf.push(c);
      const h = st[rows[k]];
      if (!localH.has(h)) localH.set(h, localH.size);
      hOfC.push(localH.get(h)!);
    }
  }
  const start = new Int32Array(localH.size + 1);
  for (const h of hOfC) start[h + 1]++;
  for (let h = 0; h < localH.size; h++) start[h + 1] += start[h];
  const pos = start.slice(0, localH.size);
  const clusters = new Int32Array(cOf.length);
  cOf.forEach((c, j) => { clusters[pos[hOfC[j]]++] = c; });
  const z = X.map(() => new Float64Array(stage.clusterCount));
  for (let q = 0; q < p; q++) { const x = X[q], zq = z[q]; for (let k = 0; k < rows.length; k++) zq[cl[rows[k]]] += x[rows[k]]; }
  const v = strataVariance(design, stage, lay, z, p, s, clusters, start, presentStrata(stage, lay, w, rows));
  if (stage.popsize !== null && s + 1 < design.stages.length) {
    const groups = new Map<number, number[]>();
    for (let k = 0; k < rows.length; k++) { const c = cl[rows[k]]; let g = groups.get(c); if (!g) groups.set(c, (g = [])); g.push(rows[k]); }
    for (const g of groups.values()) {
      const sub = multistage(design, X, p, Int32Array.from(g), s + 1, w);
      const factor = stage.nPSU[g[0]] / stage.popsize[g[0]];
      for (let q = 0; q < p * p; q++) v[q] += sub[q] * factor;
    }
  }
  return v;
}

function maxCode(a: Int32Array): number {
  let m = -1;
  const n = a.length;
  for (let i = 0; i < n; i++) if (a[i] > m) m = a[i];
  return m;
}

function applyAdjustment(adj: VarianceAdjustment, X: Float64Array[]): void {
  const n = X[0]?.length ?? 0;
  if (adj.kind === 'postStratify') {
    const psw = Float64Array.from(adj.weights);
    for (let i = 0; i < n; i++) if (psw[i] === 0 && adj.oldweights[i] === 0) psw[i] = 1;
    const G = maxCode(adj.index) + 1;
    const denom = new Float64Array(G);
    for (let i = 0; i < n; i++) if (adj.index[i] >= 0) denom[adj.index[i]] += adj.oldweights[i];
    for (const x of X) {
      const num = new Float64Array(G);
      for (let i = 0; i < n; i++) if (adj.index[i] >= 0) num[adj.index[i]] += (x[i] * adj.oldweights[i]) / psw[i];
      for (let i = 0; i < n; i++) if (adj.index[i] >= 0) x[i] -= (num[adj.index[i]] / denom[adj.index[i]]) * psw[i];
    }
  } else if (adj.kind === 'raking') {
    for (let it = 0; it < 10; it++) {
      for (const margin of adj.margins) {
        const G = maxCode(margin.index) + 1;
        const cnt = new Float64Array(G);
        for (let i = 0; i < n; i++) cnt[margin.index[i]]++;
        for (const x of X) {
          const sum = new Float64Array(G);
          for (let i = 0; i < n; i++) sum[margin.index[i]] += x[i] / margin.weights[i];
          for (let i = 0; i < n; i++) x[i] -= margin.weights[i] * (sum[margin.index[i]] / cnt[margin.index[i]]);
        }
      }
    }
  } else {
    // GREG: x ← resid(Z, x/w)·w, residuals of the least-squares fit on Z = mm·√w (R: qr.resid).
    const { Z, w } = adj;
    const R = qrResiduals(Z, X.map((x) => Float64Array.from(x, (v, i) => v / w[i])));
    X.forEach((x, k) => { for (let i = 0; i < n; i++) x[i] = R[k][i] * w[i]; });
  }
}
