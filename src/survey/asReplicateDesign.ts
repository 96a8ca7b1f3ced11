// asReplicateDesign: replicate weights (jackknife, BRR, Fay, Rao–Wu bootstrap) from a design.
import type { ReplicateDesign, ReplicateType, SurveyDesign } from './types.ts';
import { columnRank } from './linalg.ts';
import { createRng } from './prng.ts';
import { LocalizedError } from '../locale/errorText.ts';

export interface AsReplicateOptions {
  readonly type: 'JK1' | 'JKn' | 'BRR' | 'Fay' | 'bootstrap';
  /** Number of bootstrap replicates (bootstrap only; required). */
  readonly replicates?: number;
  /** PRNG seed (bootstrap only; required). */
  readonly seed?: number;
  /** Fay's ρ in (0, 1) (Fay only; required). */
  readonly rho?: number;
  /** Centre the variance at the full-sample estimate instead of the replicate mean. Default false, as R. */
  readonly mse?: boolean;
}

/**
 * Replicate weights for a (stage-1) design, as R's `as.svrepdesign`. Weights are stored per PSU as
 * multipliers of the sampling weights, so estimation costs O(n + PSUs × replicates).
 *
 * - JK1 (unstratified): delete one PSU, others × n/(n−1); scale = f·(n−1)/n, f = 1 − n/N.
 * - JKn (stratified): delete one PSU of stratum h, others in h × n_h/(n_h−1); rscales (n_h−1)/n_h·f_h.
 *   Lonely PSUs follow design.lonelyPsu as R's jknweights; census strata (f_h = 0) give no replicates.
 * - BRR / Fay: exactly 2 PSUs per stratum; half-samples from a Sylvester Hadamard matrix of order
 *   2^k > #strata (R uses other Hadamard constructions, so replicates differ from R's for nonlinear
 *   statistics; linear ones agree exactly); factor 2/0 (BRR) or 2−ρ/ρ (Fay); scale 1/(R(1−ρ)²).
 * - bootstrap: Rao & Wu (1988) rescaled bootstrap (R: type = "subbootstrap"): in each stratum draw
 *   n_h − 1 of the n_h PSUs with replacement, factor = count · n_h/(n_h − 1); scale 1/(R − 1).
 *   fpc is ignored, as R does for this type. Seeded; same seed ⇒ same weights.
 * Fails: JK1 on a stratified design, JKn/BRR/Fay without strata, BRR/Fay with ≠ 2 PSUs in a
 * stratum, bootstrap with a single-PSU stratum or without seed/replicates, Fay without ρ.
 * Example: asReplicateDesign(apiclus1, {type: 'JK1'}) gives 15 replicates; svytotal('enroll') se 932235.
 */
export function asReplicateDesign(design: SurveyDesign, options: AsReplicateOptions): ReplicateDesign {
  const stage = design.stages[0];
  const n = design.n;
  // PSUs in order of first appearance, and their strata.
  const psuOf = new Map<number, number>();
  const index = new Int32Array(n);
  const psuStratum: number[] = [];
  const psuFirst: number[] = [];
  for (let i = 0; i < n; i++) {
    let g = psuOf.get(stage.cluster[i]);
    if (g === undefined) { g = psuFirst.length; psuOf.set(stage.cluster[i], g); psuStratum.push(stage.strata[i]); psuFirst.push(i); }
    index[i] = g;
  }
  const G = psuFirst.length;
  const strataOrder: number[] = [];
  const members = new Map<number, number[]>();
  psuStratum.forEach((h, g) => {
    if (!members.has(h)) { members.set(h, []); strataOrder.push(h); }
    members.get(h)!.push(g);
  });
  const fOfStratum = (h: number): number => {
    if (stage.popsize === null) return 1;
    const r = psuFirst[members.get(h)![0]];
    const N = stage.popsize[r];
    return N === Infinity ? 1 : (N - stage.nPSU[r]) / N;
  };
  const factors: Float64Array[] = [];
  const rscales: number[] = [];
  let scale = 1;
  let rho: number | null = null;
  const type = options.type;
  if (type === 'JK1') {
    if (design.hasStrata) throw new LocalizedError({ zh: `asReplicateDesign：type 'JK1' 用于不分层的设计；分层设计请用 'JKn'`, en: "asReplicateDesign: type 'JK1' is for unstratified designs; use 'JKn'" });
    const f = fOfStratum(strataOrder[0]);
    for (let r = 0; r < G; r++) {
      const fr = new Float64Array(G).fill(G / (G - 1));
      fr[r] = 0;
      factors.push(fr);
      rscales.push(1);
    }
    scale = (f * (G - 1)) / G;
  } else if (type === 'JKn') {
    if (!design.hasStrata) throw new LocalizedError({ zh: `asReplicateDesign：type 'JKn' 需要分层设计；不分层请用 'JK1'`, en: "asReplicateDesign: type 'JKn' needs a stratified design; use 'JK1'" });
    const H = strataOrder.length;
    let skipped = false;
    for (const h of strataOrder) {
      const gs = members.get(h)!;
      const f = fOfStratum(h);
      if (f === 0) continue;
      if (gs.length === 1) {
        const lp = design.lonelyPsu;
        if (lp === 'fail') throw new LocalizedError({ zh: `asReplicateDesign：第 ${h + 1} 层只有一个初级抽样单元（PSU）（请在设计中设置 lonelyPsu）`, en: `asReplicateDesign: stratum ${h + 1} has only one PSU (set lonelyPsu on the design)` });
        if (lp === 'adjust') {
          const fr = new Float64Array(G);
          for (let g = 0; g < G; g++) fr[g] = psuStratum[g] === h ? 0 : H / (H - 1);
          factors.push(fr);
          rscales.push((H - 1) / H);
        } else skipped = true;
        continue;
      }
      const nh = gs.length;
      for (const del of gs) {
        const fr = new Float64Array(G).fill(1);
        for (const g of gs) fr[g] = g === del ? 0 : nh / (nh - 1);
        factors.push(fr);
        rscales.push((f * (nh - 1)) / nh);
      }
    }
    if (factors.length === 0) throw new LocalizedError({ zh: `asReplicateDesign：所有层都是全部抽取的，没有抽样方差`, en: 'asReplicateDesign: all strata were sampled exhaustively; there is no sampling variance' });
    if (skipped && design.lonelyPsu === 'average') scale = G / factors.length;
  } else if (type === 'BRR' || type === 'Fay') {
    if (!design.hasStrata) throw new LocalizedError({ zh: `asReplicateDesign：type '${type}' 需要分层设计，且每层恰有 2 个初级抽样单元（PSU）`, en: `asReplicateDesign: type '${type}' needs a stratified design with 2 PSUs per stratum` });
    if (type === 'Fay') {
      if (options.rho === undefined || !(options.rho > 0 && options.rho < 1)) throw new LocalizedError({ zh: `asReplicateDesign：type 'Fay' 需要 (0, 1) 内的 rho，实为 ${options.rho}`, en: `asReplicateDesign: type 'Fay' needs rho in (0, 1), got ${options.rho}` });
      rho = options.rho;
    } else rho = 0;
    const H = strataOrder.length;
    for (const h of strataOrder) {
      const k = members.get(h)!.length;
      if (k !== 2) throw new LocalizedError({ zh: `asReplicateDesign：type '${type}' 需要每层恰有 2 个初级抽样单元（PSU）；第 ${h + 1} 层有 ${k} 个`, en: `asReplicateDesign: type '${type}' needs exactly 2 PSUs per stratum; stratum ${h + 1} has ${k}` });
    }
    let m = 1;
    while (m <= H) m *= 2;
    const sign = (r: number, c: number): number => (popcount(r & c) % 2 === 0 ? 1 : -1);
    for (let r = 0; r < m; r++) {
      const fr = new Float64Array(G);
      strataOrder.forEach((h, j) => {
        const [a, b] = members.get(h)!;
        const s = sign(r, j + 1);
        fr[a] = s > 0 ? 2 - rho! : rho!;
        fr[b] = s > 0 ? rho! : 2 - rho!;
      });
      factors.push(fr);
      rscales.push(1);
    }
    scale = 1 / (m * (1 - rho) ** 2);
  } else if (type === 'bootstrap') {
    const R = options.replicates;
    if (R === undefined || !Number.isInteger(R) || R < 2) throw new LocalizedError({ zh: `asReplicateDesign：自助法需要 replicates（≥ 2 的整数），实为 ${R}`, en: `asReplicateDesign: bootstrap needs replicates (an integer ≥ 2), got ${R}` });
    if (options.seed === undefined) throw new LocalizedError({ zh: `asReplicateDesign：自助法需要 seed（随机种子）`, en: 'asReplicateDesign: bootstrap needs a seed' });
    const rand = createRng(options.seed);
    for (let r = 0; r < R; r++) { factors.push(new Float64Array(G)); rscales.push(1); }
    for (const h of strataOrder) {
      const gs = members.get(h)!;
      const nh = gs.length;
      if (nh < 2) throw new LocalizedError({ zh: `asReplicateDesign：自助法需要每层 ≥ 2 个初级抽样单元（PSU）；第 ${h + 1} 层只有 1 个`, en: `asReplicateDesign: bootstrap needs ≥ 2 PSUs per stratum; stratum ${h + 1} has 1` });
      const mult = nh / (nh - 1);
      for (let r = 0; r < R; r++) {
        const fr = factors[r];
        for (let k = 0; k < nh - 1; k++) fr[gs[Math.floor(rand() * nh)]] += mult;
      }
    }
    scale = 1 / (R - 1);
  } else {
    throw new LocalizedError({ zh: `asReplicateDesign：无效的 type：${String(type)}（可用 JK1、JKn、BRR、Fay 或 bootstrap）`, en: `asReplicateDesign: invalid type: ${String(type)} (JK1, JKn, BRR, Fay or bootstrap)` });
  }
  const df = compressedRank(factors, index, design.weights, G) - 1;
  const t: ReplicateType = type;
  return {
    kind: 'replicate', data: design.data, n, weights: design.weights, type: t,
    repweights: { mode: 'compressed', index, factors }, replicates: factors.length,
    scale, rscales: Float64Array.from(rscales), mse: options.mse ?? false, rho, df,
    label: `asReplicateDesign(${design.label}, type=${type}${type === 'bootstrap' ? `, replicates=${options.replicates}, seed=${options.seed}` : ''})`,
  };
}

function popcount(x: number): number {
  let c = 0;
  while (x) { c += x & 1; x >>>= 1; }
  return c;
}

/** Rank of the n×R analysis weights w_i·F_r[g(i)] computed on the PSU level (rows scaled by √Σw²). */
export function compressedRank(factors: readonly Float64Array[], index: Int32Array, w: Float64Array, G: number): number {
  const ss = new Float64Array(G);
  for (let i = 0; i < index.length; i++) ss[index[i]] += w[i] * w[i];
  const root = ss.map(Math.sqrt);
  return columnRank(factors.map((f) => f.map((v, g) => v * root[g])));
}
