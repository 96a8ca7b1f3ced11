// Callaway & Sant'Anna (2021) group-time average treatment effects under staggered adoption.
import { tEstimate } from './estimate.ts';
import type { Estimate, Factor } from './types.ts';
import { LocalizedError, internalError } from '../locale/errorText.ts';

export interface StaggeredPanel {
  /** Outcome, units × periods row-major (balanced; every cell finite). */
  y: Float64Array;
  units: number;
  periods: number;
  /** Period index (0-based) from which each unit is treated; Infinity if never. */
  firstTreated: Float64Array;
  /** Clusters of units (e.g. the city of a city × industry unit); default: each unit its own. */
  cluster?: Factor;
}

export interface GroupTimeOptions {
  control?: 'notYetTreated' | 'neverTreated';
  level?: number;
}

export interface AttCell {
  group: number;
  period: number;
  /** Base period of the long difference (g − 1 after treatment, t − 1 before: "varying"). */
  base: number;
  estimate: Estimate;
  treated: number;
  controls: number;
}

export interface GroupTimeAtt {
  cells: AttCell[];
  /** Σ_g Σ_{t≥g} P(G=g) ATT(g,t) / Σ of the same weights. */
  simple: Estimate;
  /** θ(e) = Σ_g P(G=g) ATT(g, g+e) / Σ P(G=g) over groups observed at g+e. */
  dynamic: { e: number; estimate: Estimate; groups: number }[];
  /** Mean of θ(e) over e ≥ 0. */
  overall: Estimate;
  /** What was left out and why (groups with no pre-period, cells with no comparison group), in English. */
  notes: string[];
  /** The same as records, for callers that word them in another language. */
  leftOut: LeftOut[];
}

/** A group or cell groupTimeAtt did not estimate: no pre-period, first treated after the last period, or no comparison unit. */
export type LeftOut =
  | { kind: 'no-pre-period'; group: number; units: number }
  | { kind: 'after-last-period'; group: number }
  | { kind: 'no-comparison'; group: number; period: number; control: 'neverTreated' | 'notYetTreated' };

/**
 * ATT(g,t) = E[Y_t − Y_b | G = g] − E[Y_t − Y_b | C], b = g−1 for t ≥ g and t−1 for t < g, with C the
 * units not yet treated at max(t, b) (and not in g), or only the never-treated (Callaway & Sant'Anna
 * 2021, "Difference-in-differences with multiple time periods", J. Econometrics 225(2), eq. 2.7
 * unconditional). Each ATT(g,t) is a 2×2 DiD of means and so valid under staggered adoption with
 * effects that differ by group and time, where two-way fixed effects are not (Goodman-Bacon 2021).
 * Influence function per unit: φ_i = 1[i∈g](Δ_i − Δ̄_g)/n_g − 1[i∈C](Δ_i − Δ̄_C)/n_C; aggregations
 * add the estimation of the group shares P(G=g) (their "wif" term); Var = κ Σ_c (Σ_{i∈c} φ_i)² over
 * clusters c, κ = G/(G−1) and t_{G−1} intervals when clustered, κ = 1 and normal otherwise.
 * Groups treated from the first period (no pre-period) and cells without a comparison unit are
 * listed in notes and never estimated; with no estimable post-treatment cell it throws.
 */
export function groupTimeAtt(panel: StaggeredPanel, options: GroupTimeOptions = {}): GroupTimeAtt {
  const { y, units: n, periods: T, firstTreated: G } = panel;
  const level = options.level ?? 0.95;
  const control = options.control ?? 'notYetTreated';
  if (y.length !== n * T) throw internalError(`groupTimeAtt: ${y.length} outcomes for ${n} units × ${T} periods`);
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new LocalizedError({ zh: `groupTimeAtt：单元 ${Math.floor(i / T)} 在第 ${i % T} 期缺少结果变量；面板必须平衡`, en: `groupTimeAtt: outcome missing for unit ${Math.floor(i / T)} in period ${i % T}; the panel must be balanced` });
  const cluster = panel.cluster;
  const clustered = cluster !== undefined;
  const C = clustered ? cluster.levels : n;
  const clusterOf = (i: number): number => (clustered ? cluster.codes[i] : i);
  const kappa = clustered ? C / (C - 1) : 1;
  const df = clustered ? C - 1 : Infinity;
  const notes: string[] = [];
  const notesZh: string[] = []; // the same notes in Chinese, for the error below
  const leftOut: LeftOut[] = [];
  const groupSize = new Map<number, number>();
  for (let i = 0; i < n; i++) if (Number.isFinite(G[i])) groupSize.set(G[i], (groupSize.get(G[i]) ?? 0) + 1);
  const groups = [...groupSize.keys()].sort((a, b) => a - b);
  const variance = (phi: Float64Array): number => {
    const s = new Float64Array(C);
    for (let i = 0; i < n; i++) s[clusterOf(i)] += phi[i];
    let v = 0;
    for (let c = 0; c < C; c++) v += s[c] * s[c];
    return kappa * v;
  };
  const cells: (AttCell & { phi: Float64Array })[] = [];
  for (const g of groups) {
    if (g < 1) { leftOut.push({ kind: 'no-pre-period', group: g, units: groupSize.get(g) as number }); notes.push(`group first treated in period ${g}: no pre-period, left out (${groupSize.get(g)} units)`); notesZh.push(`第 ${g} 期首次处理的组：没有事前期，已略去（${groupSize.get(g)} 个单元）`); continue; }
    if (g >= T) { leftOut.push({ kind: 'after-last-period', group: g }); notes.push(`group first treated in period ${g}: after the last period, used as not yet treated only`); notesZh.push(`第 ${g} 期首次处理的组：晚于最后一期，只作尚未处理组使用`); continue; }
    for (let t = 1; t < T; t++) {
      const b = t >= g ? g - 1 : t - 1;
      const treated: number[] = [], controls: number[] = [];
      for (let i = 0; i < n; i++) {
        if (G[i] === g) treated.push(i);
        else if (control === 'neverTreated' ? G[i] === Infinity : G[i] > Math.max(t, b)) controls.push(i);
      }
      if (controls.length === 0) { leftOut.push({ kind: 'no-comparison', group: g, period: t, control }); notes.push(`ATT(g=${g}, t=${t}): no ${control === 'neverTreated' ? 'never' : 'not-yet'}-treated comparison unit; not estimated`); notesZh.push(`ATT(g=${g}, t=${t})：没有${control === 'neverTreated' ? '从未' : '尚未'}处理的对照单元；未估计`); continue; }
      const delta = (i: number): number => y[i * T + t] - y[i * T + b];
      let mT = 0, mC = 0;
      for (const i of treated) mT += delta(i);
      for (const i of controls) mC += delta(i);
      mT /= treated.length; mC /= controls.length;
      const phi = new Float64Array(n);
      for (const i of treated) phi[i] = (delta(i) - mT) / treated.length;
      for (const i of controls) phi[i] = -(delta(i) - mC) / controls.length;
      const att = mT - mC;
      cells.push({ group: g, period: t, base: b, estimate: tEstimate(att, Math.sqrt(variance(phi)), df, level), treated: treated.length, controls: controls.length, phi });
    }
  }
  const share = (g: number): number => (groupSize.get(g) ?? 0) / n;
  /** Weighted aggregate of cells with weights P(G=g), and its influence including the weights' own. */
  const aggregate = (sel: typeof cells): { theta: number; phi: Float64Array } => {
    let wsum = 0, theta = 0;
    for (const c of sel) { wsum += share(c.group); theta += share(c.group) * c.estimate.estimate; }
    theta /= wsum;
    const phi = new Float64Array(n);
    for (const c of sel) {
      const w = share(c.group) / wsum;
      const k = (c.estimate.estimate - theta) / wsum;
      for (let i = 0; i < n; i++) phi[i] += w * c.phi[i] + (k * ((G[i] === c.group ? 1 : 0) - share(c.group))) / n;
    }
    return { theta, phi };
  };
  const asEstimate = (a: { theta: number; phi: Float64Array }): Estimate => tEstimate(a.theta, Math.sqrt(variance(a.phi)), df, level);
  const post = cells.filter((c) => c.period >= c.group);
  if (post.length === 0) throw new LocalizedError({ zh: `groupTimeAtt：没有哪个处理后的组-时点有对照组；无法得出任何指标${notesZh.length ? `（${notesZh.join('；')}）` : ''}`, en: `groupTimeAtt: no post-treatment cell has a comparison group; no figure can be claimed${notes.length ? ` (${notes.join('; ')})` : ''}` });
  const es = [...new Set(cells.map((c) => c.period - c.group))].sort((a, b) => a - b);
  const dynamic = es.map((e) => {
    const sel = cells.filter((c) => c.period - c.group === e);
    return { e, agg: aggregate(sel), groups: sel.length };
  });
  // Overall: the mean of θ(e) over e ≥ 0; its influence function is the mean of theirs.
  const postE = dynamic.filter((d) => d.e >= 0);
  const overall = { theta: 0, phi: new Float64Array(n) };
  for (const d of postE) {
    overall.theta += d.agg.theta / postE.length;
    for (let i = 0; i < n; i++) overall.phi[i] += d.agg.phi[i] / postE.length;
  }
  return {
    cells: cells.map(({ phi: _phi, ...c }) => c),
    simple: asEstimate(aggregate(post)),
    dynamic: dynamic.map(({ e, agg, groups }) => ({ e, estimate: asEstimate(agg), groups })),
    overall: asEstimate(overall),
    notes,
    leftOut,
  };
}
