// svydesign: a stratified multistage sampling design with Taylor-linearization variance.
import type { Label } from '../locale/lang.ts';
import type { Columns, LonelyPsu, Stage, SurveyDesign } from './types.ts';
import { countCodes, factorCodes, getColumn, interactionCodes, levelLabel, numericColumn, rowCount, sequence } from './columns.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { RowError } from './rowError.ts';

export interface SvydesignOptions {
  readonly data: Columns;
  /** Sampling units by stage, outermost first; '1' (or ['1']) = each row is its own PSU. */
  readonly ids: string | readonly string[];
  /** Stratum column(s): one, or one per stage. */
  readonly strata?: string | readonly string[];
  /** Sampling weight column (1/π). Give weights, probs or fpc. */
  readonly weights?: string;
  /** Selection probability column(s), multiplied across stages. */
  readonly probs?: string | readonly string[];
  /** Finite population correction per stage: population size (all ≥ 1) or sampling fraction (all ≤ 1). */
  readonly fpc?: string | readonly string[];
  /** Cluster ids are only unique within strata (R: nest=TRUE). Default false, as in R. */
  readonly nest?: boolean;
  /** Strata with a single PSU (R: options(survey.lonely.psu)). Default 'fail', as in R. */
  readonly lonelyPsu?: LonelyPsu;
  /**
   * Ultimate-cluster variance: the with-replacement variance of stage-1 PSU totals only (stage-1
   * fpc kept, later stages ignored), as R's `options(survey.ultimate.cluster = TRUE)`. Default false.
   */
  readonly ultimateCluster?: boolean;
}

const list = (x: string | readonly string[] | undefined): string[] => (x === undefined ? [] : typeof x === 'string' ? [x] : [...x]);
const LONELY: readonly LonelyPsu[] = ['fail', 'adjust', 'average', 'certainty', 'remove'];

/**
 * Declare a survey design, as R's `svydesign(ids, strata, weights|probs, fpc, nest, data)`.
 *
 * Weights w_i = 1/π_i; when only fpc is given, π_i = Π_stages n_hs/N_hs (R does the same).
 * Later stages are nested in earlier ones (ids of stage s are made unique within stage s−1);
 * with `nest: true` stage-1 ids are made unique within strata. The variance of every estimator
 * is the with-replacement PSU approximation with fpc per stage (see svyrecvar).
 *
 * Failure cases (errors name the option, column, row and value): missing ids/strata/weights/fpc,
 * weights or probabilities ≤ 0, no weights/probs/fpc at all (R silently assumes equal weights:
 * spillover refuses), fpc mixing sizes ≥ 1 and fractions < 1, fpc smaller than the number of
 * sampled units in a stratum, clusters appearing in several strata without `nest: true`,
 * a design with a single PSU.
 *
 * Reference: Lumley T (2004) Analysis of complex survey samples, J Stat Softw 9(8); R survey 4.1.
 * Example: apisrs (n = 200, fpc = 6194): svytotal('enroll') gives 3621074 with se 169519.7.
 */
export function svydesign(options: SvydesignOptions): SurveyDesign {
  const { data } = options;
  const n = rowCount(data, 'svydesign');
  const nest = options.nest ?? false;
  const lonelyPsu = options.lonelyPsu ?? 'fail';
  if (!LONELY.includes(lonelyPsu)) throw new LocalizedError({ zh: `svydesign：无效的 lonelyPsu：${String(lonelyPsu)}（应为 ${LONELY.join('、')} 之一）`, en: `svydesign: invalid lonelyPsu: ${String(lonelyPsu)} (one of ${LONELY.join(', ')})` });
  const idNames = list(options.ids);
  if (idNames.length === 0) throw new LocalizedError({ zh: `svydesign：缺少 ids（每行一个单元时写 '1'）`, en: "svydesign: ids is required ('1' for one unit per row)" });
  const perRow = idNames.length === 1 && (idNames[0] === '1' || idNames[0] === '0');
  const ids: Int32Array[] = perRow ? [sequence(n)] : idNames.map((name) => codesNoMissing(data, name, 'ids'));
  const S = ids.length;
  const strataNames = list(options.strata);
  const hasStrata = strataNames.length > 0;
  if (strataNames.length > S) throw new LocalizedError({ zh: `svydesign：strata 有 ${strataNames.length} 列，而 ids 有 ${S} 个阶段`, en: `svydesign: strata has ${strataNames.length} columns but ids has ${S} stages` });
  const strataFactors = hasStrata ? strataNames.map((name) => factorNoMissing(data, name, 'strata')) : null;
  const strata: Int32Array[] = strataFactors ? strataFactors.map((f) => f.codes) : [new Int32Array(n)];

  if (n > 0 && ids[0].every((v) => v === ids[0][0]) && !(nest && hasStrata)) throw new LocalizedError({ zh: `svydesign：设计只有一个初级抽样单元（PSU）`, en: 'svydesign: design has only one primary sampling unit' });
  // R: later-stage ids nested in earlier stages; with nest, in strata too.
  const cl: Int32Array[] = ids.map((_, s) => (s === 0 ? ids[0] : interactionCodes(ids.slice(0, s + 1), n).codes));
  if (nest && hasStrata) {
    for (let s = 0; s < S; s++) cl[s] = interactionCodes([...strata.slice(0, Math.min(s + 1, strata.length)), cl[s]], n).codes;
  } else if (hasStrata) {
    // Stratum of each cluster's first row (codes are 0..count−1; −1 = not seen yet).
    const seen = new Int32Array(countCodes(cl[0])).fill(-1);
    for (let i = 0; i < n; i++) {
      const h = seen[cl[0][i]];
      if (h < 0) seen[cl[0][i]] = strata[0][i];
      else if (h !== strata[0][i]) {
        throw new RowError(i, (p) => ({ zh: `svydesign：群 '${levelLabel(getColumn(data, idNames[0], 'svydesign'), i)}'（ids 列 '${idNames[0]}'）出现在多个层中（${p.zh}）；群未嵌套在层内，也许需要 nest: true`, en: `svydesign: cluster '${levelLabel(getColumn(data, idNames[0], 'svydesign'), i)}' (ids column '${idNames[0]}') is in more than one stratum (${p.en}); clusters are not nested in strata, you may want nest: true` }));
      }
    }
  }
  const st: Int32Array[] = [];
  for (let s = 0; s < S; s++) st.push(s === 0 ? strata[0] : interactionCodes([strata[Math.min(s, strata.length - 1)], cl[s - 1]], n).codes);
  const nPSU = st.map((h, s) => sampsize(h, cl[s], n));

  const fpcNames = list(options.fpc);
  let popsize: Float64Array[] | null = null;
  if (fpcNames.length > 0) {
    if (fpcNames.length !== S) throw new LocalizedError({ zh: `svydesign：fpc 有 ${fpcNames.length} 列，而 ids 有 ${S} 个阶段（每个阶段给一个 fpc）`, en: `svydesign: fpc has ${fpcNames.length} columns but ids has ${S} stages (give one fpc per stage)` });
    const cols = fpcNames.map((name) => numericColumn(data, name, 'svydesign fpc'));
    let anyBig = false, allBig = true;
    cols.forEach((c, s) => {
      for (let i = 0; i < n; i++) {
        const v = c[i];
        if (!Number.isFinite(v) || v <= 0) throw new RowError(i, (p) => ({ zh: `svydesign：fpc 列 '${fpcNames[s]}' ${p.zh}为 ${v}（应为正数）`, en: `svydesign: fpc column '${fpcNames[s]}' ${p.en} is ${v} (must be a positive number)` }));
        if (v > 1) anyBig = true;
        if (v < 1) allBig = false;
      }
    });
    if (anyBig && !allBig) throw new LocalizedError({ zh: `svydesign：fpc 混用了总体规模（> 1）和抽样比（< 1）；请只用一种`, en: 'svydesign: fpc mixes population sizes (> 1) and sampling fractions (< 1); use one kind' });
    popsize = cols.map((c, s) => {
      const N = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        N[i] = anyBig ? c[i] : nPSU[s][i] / c[i];
        if (N[i] < nPSU[s][i] * (1 - 1e-12)) {
          throw new RowError(i, (p) => ({ zh: `svydesign：fpc 列 '${fpcNames[s]}' ${p.zh}：总体规模 ${N[i]} 小于第 ${s + 1} 阶段其所在层已抽取的 ${nPSU[s][i]} 个单元`, en: `svydesign: fpc column '${fpcNames[s]}' ${p.en}: population size ${N[i]} is smaller than the ${nPSU[s][i]} units sampled in its stratum at stage ${s + 1}` }));
        }
      }
      return N;
    });
  }

  const warnings: Label[] = [];
  if (popsize) popsize.forEach((N, s) => warnings.push(...fpcVariesWithinStrata(N, st[s], s, fpcNames[s], hasStrata && s === 0 ? strataFactors![0].levels : null)));
  const weights = designWeights(options, data, n, popsize, nPSU);
  const stages: Stage[] = cl.map((cluster, s) => ({ cluster, strata: st[s], nPSU: nPSU[s], popsize: popsize ? popsize[s] : null, clusterCount: countCodes(cluster), strataCount: countCodes(st[s]) }));
  const parts = [`ids=${idNames.join('+')}`];
  if (hasStrata) parts.push(`strata=${strataNames.join('+')}`);
  if (options.weights) parts.push(`weights=${options.weights}`);
  if (options.probs) parts.push(`probs=${list(options.probs).join('+')}`);
  if (fpcNames.length) parts.push(`fpc=${fpcNames.join('+')}`);
  if (nest) parts.push('nest=TRUE');
  const ultimateCluster = options.ultimateCluster ?? false;
  if (ultimateCluster) parts.push('ultimate.cluster');
  return {
    kind: 'linearization', data, n, weights, stages, hasStrata, lonelyPsu, ultimateCluster, adjustments: [], label: `svydesign(${parts.join(', ')})`,
    ...(strataFactors ? { strataLevels: strataFactors[0].levels } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
}

/**
 * R's as.fpc warning "`fpc' varies within strata: stratum h at stage s", with the column, the two values
 * and their rows (1-based), in zh and en. One warning per stage, for the first such stratum. Values are
 * compared as population sizes (fractions converted), exactly.
 */
function fpcVariesWithinStrata(N: Float64Array, strata: Int32Array, stage: number, column: string, levels: readonly string[] | null): Label[] {
  const first = new Int32Array(countCodes(strata)).fill(-1);
  for (let i = 0; i < N.length; i++) {
    const j = first[strata[i]];
    if (j < 0) first[strata[i]] = i;
    else if (N[j] !== N[i]) {
      const h = levels ? levels[strata[i]] : String(strata[i] + 1);
      return [{
        zh: `fpc 在层内不一致：第 ${stage + 1} 阶段的层 ${h}（列 '${column}'：第 ${j + 1} 行为 ${N[j]}，第 ${i + 1} 行为 ${N[i]}）；R 同样给出警告，并与此处一样按每行的值估计`,
        en: `fpc varies within strata: stratum ${h} at stage ${stage + 1} (column '${column}': ${N[j]} at row ${j + 1}, ${N[i]} at row ${i + 1}); R warns the same and estimates with each row's value, as here`,
      }];
    }
  }
  return [];
}

/** 0, 1, …, n − 1: each row its own unit (a loop: Int32Array.from({length}, f) is the slow generic path). */
function codesNoMissing(data: Columns, name: string, option: string): Int32Array {
  return factorNoMissing(data, name, option).codes;
}

function factorNoMissing(data: Columns, name: string, option: string): { codes: Int32Array; levels: string[] } {
  const f = factorCodes(getColumn(data, name, `svydesign ${option}`));
  const bad = f.codes.indexOf(-1);
  if (bad >= 0) throw new RowError(bad, (p) => ({ zh: `svydesign：${option} 列 '${name}' ${p.zh}缺失`, en: `svydesign: ${option} column '${name}' is missing at ${p.en}` }));
  return f;
}

/** Number of distinct clusters in each row's stratum (R: as.fpc sampsize). */
function sampsize(strata: Int32Array, cluster: Int32Array, n: number): Float64Array {
  // Clusters are nested in strata by now, so count each cluster once in the stratum of its first row.
  const seen = new Uint8Array(countCodes(cluster));
  const count = new Float64Array(countCodes(strata));
  for (let i = 0; i < n; i++) if (seen[cluster[i]] === 0) { seen[cluster[i]] = 1; count[strata[i]]++; }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = count[strata[i]];
  return out;
}

function designWeights(options: SvydesignOptions, data: Columns, n: number, popsize: Float64Array[] | null, nPSU: Float64Array[]): Float64Array {
  const w = new Float64Array(n);
  const probNames = list(options.probs);
  if (options.weights !== undefined && probNames.length > 0) throw new LocalizedError({ zh: `svydesign：weights 与 probs 只能给一个`, en: 'svydesign: give weights or probs, not both' });
  if (options.weights !== undefined) {
    const c = numericColumn(data, options.weights, 'svydesign weights');
    for (let i = 0; i < n; i++) {
      if (!(c[i] > 0) || !Number.isFinite(c[i])) throw new RowError(i, (p) => ({ zh: `svydesign：权重列 '${options.weights}' ${p.zh}为 ${c[i]}（权重应为有限值且 > 0）`, en: `svydesign: weights column '${options.weights}' ${p.en} is ${c[i]} (weights must be finite and > 0)` }));
      w[i] = c[i];
    }
    return w;
  }
  if (probNames.length > 0) {
    w.fill(1);
    for (const name of probNames) {
      const c = numericColumn(data, name, 'svydesign probs');
      for (let i = 0; i < n; i++) {
        if (!(c[i] > 0) || !(c[i] <= 1)) throw new RowError(i, (p) => ({ zh: `svydesign：probs 列 '${name}' ${p.zh}为 ${c[i]}（入样概率应在 (0, 1] 内）`, en: `svydesign: probs column '${name}' ${p.en} is ${c[i]} (probabilities must be in (0, 1])` }));
        w[i] /= c[i];
      }
    }
    return w;
  }
  if (popsize) {
    for (let i = 0; i < n; i++) {
      let p = 1;
      for (let s = 0; s < popsize.length; s++) p *= nPSU[s][i] / popsize[s][i];
      w[i] = 1 / p;
    }
    return w;
  }
  throw new LocalizedError({ zh: `svydesign：请给出 weights、probs 或 fpc（R 会假定等概率抽样；spillover 不做猜测）`, en: 'svydesign: give weights, probs or fpc (R would assume equal probability; spillover does not guess)' });
}
