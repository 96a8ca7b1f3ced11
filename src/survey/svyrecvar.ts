// svyrecvar: the one routine for Taylor-linearization variance, fed with influence values.
import type { Stage, SurveyDesign, VarianceAdjustment } from './types.ts';
import { qrResiduals } from './linalg.ts';

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
 * Returns the p×p matrix row-major. Example: apisrs with fpc, X = w·enroll → se 169362.0.
 */
export function svyrecvar(design: SurveyDesign, X: readonly Float64Array[]): Float64Array {
  const p = X.length;
  let Y = X;
  if (design.adjustments.length > 0) {
    Y = X.map((c) => Float64Array.from(c));
    for (const adj of design.adjustments) applyAdjustment(adj, Y as Float64Array[]);
  }
  // R drops rows outside a subset of a plain design, but keeps them (weight 0) in calibrated ones.
  const keepAll = design.adjustments.length > 0;
  let count = 0;
  for (let i = 0; i < design.n; i++) if (keepAll || design.weights[i] !== 0) count++;
  const rows = new Int32Array(count);
  for (let i = 0, k = 0; i < design.n; i++) if (keepAll || design.weights[i] !== 0) rows[k++] = i;
  const scratch = design.stages.map((s) => new Int32Array(maxCode(s.cluster) + 1).fill(-1));
  const scratchStrata = design.stages.map((s) => new Int32Array(maxCode(s.strata) + 1).fill(-1));
  return multistage(design, Y, p, rows, 0, scratch, scratchStrata);
}

function maxCode(a: Int32Array): number {
  let m = -1;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
}

function multistage(design: SurveyDesign, X: readonly Float64Array[], p: number, rows: Int32Array, s: number, scratch: Int32Array[], scratchStrata: Int32Array[]): Float64Array {
  const stage = design.stages[s];
  const v = onestage(design, stage, X, p, rows, s, scratch[s], scratchStrata[s]);
  if (stage.popsize !== null && s + 1 < design.stages.length && rows.length > 0) {
    // Group rows by this stage's cluster, keep order of first appearance.
    const local = scratch[s];
    const firstRow: number[] = [];
    const counts: number[] = [];
    const id = new Int32Array(rows.length);
    for (let k = 0; k < rows.length; k++) {
      const c = stage.cluster[rows[k]];
      let j = local[c];
      if (j < 0) { j = local[c] = firstRow.length; firstRow.push(rows[k]); counts.push(0); }
      counts[j]++;
      id[k] = j;
    }
    for (let k = 0; k < rows.length; k++) local[stage.cluster[rows[k]]] = -1;
    const start = new Int32Array(counts.length + 1);
    for (let j = 0; j < counts.length; j++) start[j + 1] = start[j] + counts[j];
    const pos = start.slice(0, counts.length);
    const sorted = new Int32Array(rows.length);
    for (let k = 0; k < rows.length; k++) sorted[pos[id[k]]++] = rows[k];
    for (let j = 0; j < counts.length; j++) {
      const sub = multistage(design, X, p, sorted.subarray(start[j], start[j + 1]), s + 1, scratch, scratchStrata);
      const r = firstRow[j];
      const factor = stage.nPSU[r] / stage.popsize[r];
      for (let q = 0; q < p * p; q++) v[q] += sub[q] * factor;
    }
  }
  return v;
}

function onestage(design: SurveyDesign, stage: Stage, X: readonly Float64Array[], p: number, rows: Int32Array, s: number, localCluster: Int32Array, localStratum: Int32Array): Float64Array {
  const out = new Float64Array(p * p);
  if (rows.length === 0) return out;
  // Local numbering of clusters and strata (first appearance), PSU totals z.
  const clusterStratum: number[] = [];
  const clusterFirst: number[] = [];
  const strataFirst: number[] = [];
  const z: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const c = stage.cluster[i];
    let j = localCluster[c];
    if (j < 0) {
      j = localCluster[c] = clusterFirst.length;
      clusterFirst.push(i);
      const h = stage.strata[i];
      let hh = localStratum[h];
      if (hh < 0) { hh = localStratum[h] = strataFirst.length; strataFirst.push(i); }
      clusterStratum.push(hh);
      for (let q = 0; q < p; q++) z.push(0);
    }
    const o = j * p;
    for (let q = 0; q < p; q++) z[o + q] += X[q][i];
  }
  for (const i of clusterFirst) localCluster[stage.cluster[i]] = -1;
  for (const i of strataFirst) localStratum[stage.strata[i]] = -1;
  const H = strataFirst.length;
  const members: number[][] = Array.from({ length: H }, () => []);
  clusterStratum.forEach((h, j) => members[h].push(j));
  let nok = 0;
  const acc = new Float64Array(p * p);
  const mean = new Float64Array(p);
  for (let h = 0; h < H; h++) {
    const js = members[h];
    const r0 = strataFirst[h];
    const nPSU = stage.nPSU[r0];
    const fOf = (i: number): number => {
      if (stage.popsize === null) return 1;
      const N = stage.popsize[i];
      return N === Infinity ? 1 : (N - nPSU) / N;
    };
    let allSmall = true;
    for (const j of js) if (!(fOf(clusterFirst[j]) < 1e-7)) { allSmall = false; break; }
    if (allSmall) { nok++; continue; }
    const m = js.length;
    const padded = Math.max(nPSU, m);
    const centre = design.lonelyPsu !== 'adjust' || m > 1 || nPSU > 1;
    mean.fill(0);
    if (centre) {
      for (const j of js) for (let q = 0; q < p; q++) mean[q] += z[j * p + q];
      for (let q = 0; q < p; q++) mean[q] /= padded;
    }
    if (nPSU <= 1) {
      if (design.lonelyPsu === 'fail') throw new Error(`svyrecvar: stratum ${h + 1} at stage ${s + 1} has only one PSU (set lonelyPsu: 'adjust', 'average', 'certainty' or 'remove')`);
      if (design.lonelyPsu === 'average') continue;
    }
    nok++;
    const mult = nPSU > 1 ? nPSU / (nPSU - 1) : 1;
    for (const j of js) {
      const sc = fOf(clusterFirst[j]) * mult;
      for (let a = 0; a < p; a++) {
        const da = z[j * p + a] - mean[a];
        for (let b = 0; b < p; b++) acc[a * p + b] += sc * da * (z[j * p + b] - mean[b]);
      }
    }
    if (m < nPSU) {
      // PSUs of this stratum outside the subset: zero totals, scale of the first PSU.
      const sc = fOf(clusterFirst[js[0]]) * mult * (nPSU - m);
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) acc[a * p + b] += sc * mean[a] * mean[b];
    }
  }
  const factor = nok === 0 ? NaN : H / nok;
  for (let q = 0; q < p * p; q++) out[q] = acc[q] * factor;
  return out;
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
