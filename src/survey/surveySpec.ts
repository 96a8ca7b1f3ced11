// surveySpec: the declarative survey specification used by `spillover survey --spec` (pure part).
import type { Label } from '../locale/lang.ts';
import type { Columns, Design, LonelyPsu, SvyStat } from './types.ts';
import { svydesign } from './svydesign.ts';
import { svrepdesign } from './svrepdesign.ts';
import { asReplicateDesign } from './asReplicateDesign.ts';
import { nonresponseAdjust } from './nonresponseAdjust.ts';
import { postStratify } from './postStratify.ts';
import { rake } from './rake.ts';
import { calibrate } from './calibrate.ts';
import { subset } from './subset.ts';
import { svytotal } from './svytotal.ts';
import { svymean } from './svymean.ts';
import { svyratio } from './svyratio.ts';
import { predictRatio } from './predictRatio.ts';
import { svyquantile } from './svyquantile.ts';
import { type CipropMethod, svyciprop } from './svyciprop.ts';
import { predictSeparateRatio, svyratioSeparate } from './svyratioSeparate.ts';
import { analysisMatrix } from './columns.ts';
import { svyby } from './svyby.ts';
import { confint } from './confint.ts';
import { unknownKeyWords } from './didYouMean.ts';
import { LocalizedError, internalError, type ErrorWords } from '../locale/errorText.ts';

type Names = string | string[];

/** A survey specification; names follow R's svydesign / as.svrepdesign / calibrate. */
export interface SurveySpec {
  /** Data file (read by the CLI, relative to the spec file). */
  data?: string;
  design?: { ids?: Names; strata?: Names; weights?: string; probs?: Names; fpc?: Names; nest?: boolean; lonelyPsu?: LonelyPsu; ultimateCluster?: boolean };
  replicates?: { type: 'JK1' | 'JKn' | 'BRR' | 'Fay' | 'bootstrap'; replicates?: number; seed?: number; rho?: number; mse?: boolean };
  repweights?: { columns: Names; type: 'JK1' | 'JKn' | 'BRR' | 'Fay' | 'bootstrap' | 'other'; scale?: number; rscales?: number[]; rho?: number; mse?: boolean; combinedWeights?: boolean };
  nonresponse?: { respond: string; classes: Names };
  calibration?: {
    method: 'postStratify' | 'rake' | 'linear' | 'raking' | 'logit';
    margins?: { variables: Names; totals: Record<string, number> }[];
    formula?: Names;
    totals?: Record<string, number>;
    bounds?: [number, number];
    maxit?: number;
    epsilon?: number;
    force?: boolean;
    partial?: boolean;
  };
  estimates: EstimateSpec[];
  /** Confidence level (default 0.95) and interval method (default 't' with design df). */
  level?: number;
  method?: 'z' | 't';
}

export interface EstimateSpec {
  id: string;
  total?: Names;
  mean?: Names;
  proportion?: Names;
  ratio?: [string, string];
  quantile?: Names;
  /** Quantile probabilities (default [0.5]). */
  probs?: number[];
  /**
   * Known auxiliary total X for a ratio: report the ratio-estimated total R̂·X. With `separate`,
   * one total per stratum label: Σ_h R̂_h X_h.
   */
  auxiliaryTotal?: number | Record<string, number>;
  /** Ratio: the separate ratio estimator (one ratio per stratum, R's separate = TRUE); needs auxiliaryTotal per stratum. */
  separate?: boolean;
  /** Interval for proportions (svyciprop): 'logit' (default, as R's svyciprop), 'likelihood', 'beta' (Korn–Graubard), 'xlogit', 'asin' or 'mean' (Wald). */
  ciMethod?: CipropMethod;
  by?: Names;
  /** Domain: column → value or list of values (rows matching every entry). */
  subset?: Record<string, string | number | (string | number)[]>;
  naRm?: boolean;
}

export interface EstimateRow {
  id: string;
  statistic: 'total' | 'mean' | 'proportion' | 'ratio' | 'quantile';
  variable: string;
  domain?: Record<string, string>;
  estimate: number;
  se: number;
  ci: [number, number];
  df: number;
  n: number;
  deff?: number;
}

// The keys a spec may hold at each place (names the user chooses — totals, subset columns — are not checked).
const KEYS: Record<string, string[]> = {
  '': ['data', 'design', 'replicates', 'repweights', 'nonresponse', 'calibration', 'estimates', 'level', 'method'],
  design: ['ids', 'strata', 'weights', 'probs', 'fpc', 'nest', 'lonelyPsu', 'ultimateCluster'],
  replicates: ['type', 'replicates', 'seed', 'rho', 'mse'],
  repweights: ['columns', 'type', 'scale', 'rscales', 'rho', 'mse', 'combinedWeights'],
  nonresponse: ['respond', 'classes'],
  calibration: ['method', 'margins', 'formula', 'totals', 'bounds', 'maxit', 'epsilon', 'force', 'partial'],
  'calibration.margins': ['variables', 'totals'],
  estimates: ['id', 'total', 'mean', 'proportion', 'ratio', 'quantile', 'probs', 'auxiliaryTotal', 'separate', 'ciMethod', 'by', 'subset', 'naRm'],
};

/** A fault of the spec itself, with the path of the offending key (e.g. ['estimates', 0, 'subst']). */
export class SpecError extends LocalizedError {
  constructor(
    public readonly path: (string | number)[],
    /** The fault without its place, in both languages when given so. */
    public readonly detail: ErrorWords,
  ) {
    const at = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    super(typeof detail === 'string' ? `survey spec: ${at}: ${detail}` : { zh: `调查说明：${at}：${detail.zh}`, en: `survey spec: ${at}: ${detail.en}` });
    this.name = 'SpecError';
  }
}

/**
 * checkSpecKeys(spec) — every key at every depth is one the spec knows; a typo (`weight:`, `subst:`) would
 * otherwise silently change the estimate. Throws SpecError naming the path and the nearest known key.
 */
export function checkSpecKeys(spec: unknown): void {
  const check = (v: unknown, where: string, path: (string | number)[]) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
    for (const k of Object.keys(v)) if (!KEYS[where].includes(k)) throw new SpecError([...path, k], unknownKeyWords(k, KEYS[where]));
  };
  const s = spec as Record<string, unknown>;
  check(s, '', []);
  for (const k of ['design', 'replicates', 'repweights', 'nonresponse', 'calibration']) check(s[k], k, [k]);
  const margins = (s.calibration as { margins?: unknown } | undefined)?.margins;
  if (Array.isArray(margins)) margins.forEach((m, i) => check(m, 'calibration.margins', ['calibration', 'margins', i]));
  if (Array.isArray(s.estimates)) s.estimates.forEach((e, i) => check(e, 'estimates', ['estimates', i]));
}

/** Build the design a spec declares (design → replicates → nonresponse → calibration). */
export function designFromSpec(spec: SurveySpec, data: Columns): Design {
  checkSpecKeys(spec);
  let d: Design;
  let warnings: readonly Label[] | undefined;
  if (spec.repweights) {
    if (spec.replicates) throw new LocalizedError({ zh: `调查说明：replicates 与 repweights 只能给一个`, en: 'survey spec: give replicates or repweights, not both' });
    const rw = spec.repweights;
    if (!spec.design?.weights) throw new LocalizedError({ zh: `调查说明：repweights 需要 design.weights（全样本权重）`, en: 'survey spec: repweights needs design.weights (the full-sample weights)' });
    const columns = Array.isArray(rw.columns) ? rw.columns : Object.keys(data).filter((k) => new RegExp(rw.columns as string).test(k));
    if (columns.length === 0) throw new LocalizedError({ zh: `调查说明：repweights.columns '${String(rw.columns)}' 没有匹配任何列`, en: `survey spec: repweights.columns '${String(rw.columns)}' matches no column` });
    d = svrepdesign({ data, weights: spec.design.weights, repweights: columns, type: rw.type, scale: rw.scale, rscales: rw.rscales, rho: rw.rho, mse: rw.mse, combinedWeights: rw.combinedWeights });
  } else {
    if (!spec.design) throw new LocalizedError({ zh: `调查说明：缺少 design`, en: 'survey spec: design is required' });
    const s = spec.design;
    if (s.ids === undefined) throw new LocalizedError({ zh: `调查说明：缺少 design.ids（每行一个单元时写 '1'）`, en: "survey spec: design.ids is required ('1' for one unit per row)" });
    d = svydesign({ data, ids: s.ids, strata: s.strata, weights: s.weights, probs: s.probs, fpc: s.fpc, nest: s.nest, lonelyPsu: s.lonelyPsu, ultimateCluster: s.ultimateCluster });
    warnings = d.warnings;
    if (spec.replicates) {
      if (d.kind !== 'linearization') throw new LocalizedError({ zh: `调查说明：replicates 需要 svydesign 设计`, en: 'survey spec: replicates need a svydesign' });
      d = asReplicateDesign(d, spec.replicates);
    }
  }
  if (spec.nonresponse) d = nonresponseAdjust(d, spec.nonresponse);
  const c = spec.calibration;
  if (c) {
    if (c.method === 'postStratify' || c.method === 'rake') {
      if (!c.margins || c.margins.length === 0) throw new LocalizedError({ zh: `调查说明：校准方法 '${c.method}' 需要 margins: [{variables, totals}]`, en: `survey spec: calibration method '${c.method}' needs margins: [{variables, totals}]` });
      if (c.method === 'postStratify') {
        if (c.margins.length !== 1) throw new LocalizedError({ zh: `调查说明：postStratify 只接受一个边际（交叉分类请用 variables: [a, b]）`, en: 'survey spec: postStratify takes one margin (use variables: [a, b] for a cross-classification)' });
        d = postStratify(d, c.margins[0].variables, c.margins[0].totals, { partial: c.partial });
      } else d = rake(d, c.margins.map((m) => ({ strata: m.variables, population: m.totals })), { maxit: c.maxit, epsilon: c.epsilon, force: c.force });
    } else if (c.method === 'linear' || c.method === 'raking' || c.method === 'logit') {
      if (!c.formula || !c.totals) throw new LocalizedError({ zh: `调查说明：校准方法 '${c.method}' 需要 formula 和 totals`, en: `survey spec: calibration method '${c.method}' needs formula and totals` });
      d = calibrate(d, { formula: c.formula, population: c.totals, calfun: c.method, bounds: c.bounds, maxit: c.maxit, epsilon: c.epsilon, force: c.force });
    } else throw new LocalizedError({ zh: `调查说明：无效的校准方法：${String(c.method)}（可用 postStratify、rake、linear、raking、logit）`, en: `survey spec: invalid calibration method: ${String(c.method)} (postStratify, rake, linear, raking, logit)` });
  }
  // The declared design's warnings (fpc varying within strata) stay with the design built on it.
  return warnings && !d.warnings ? { ...d, warnings } : d;
}

/** Compute every estimate of a spec: one row per coefficient and domain. */
export function runSurveySpec(spec: SurveySpec, data: Columns): { estimates: EstimateRow[]; design: Design } {
  if (!Array.isArray(spec.estimates) || spec.estimates.length === 0) throw new LocalizedError({ zh: `调查说明：estimates 应为非空列表`, en: 'survey spec: estimates must be a non-empty list' });
  const design = designFromSpec(spec, data);
  const level = spec.level ?? 0.95;
  const method = spec.method ?? 't';
  const rows: EstimateRow[] = [];
  const seen = new Set<string>();
  for (const e of spec.estimates) {
    if (!e.id) throw new LocalizedError({ zh: `调查说明：每个估计都需要 id`, en: 'survey spec: every estimate needs an id' });
    if (seen.has(e.id)) throw new LocalizedError({ zh: `调查说明：估计 id '${e.id}' 重复`, en: `survey spec: duplicate estimate id '${e.id}'` });
    seen.add(e.id);
    const kinds = (['total', 'mean', 'proportion', 'ratio', 'quantile'] as const).filter((k) => e[k] !== undefined);
    if (kinds.length !== 1) throw new LocalizedError({ zh: `调查说明：估计 '${e.id}' 需要 total、mean、proportion、ratio、quantile 中恰好一个`, en: `survey spec: estimate '${e.id}' needs exactly one of total, mean, proportion, ratio, quantile` });
    const kind = kinds[0];
    let d = design;
    if (e.subset) d = subset(d, domainMask(d, e.subset, e.id));
    const opts = { naRm: e.naRm };
    const FUN = (x: readonly string[], dd: Design): SvyStat => {
      switch (kind) {
        case 'total': return svytotal(x, dd, opts);
        case 'mean': return svymean(x, dd, opts);
        case 'proportion': {
          // Point estimates and covariance from svymean; each interval from svyciprop on the 0/1 indicator.
          const m = svymean(x, dd, opts);
          const { X, names } = analysisMatrix(dd.data, x, 'survey spec proportion');
          const lower = new Float64Array(X.length), upper = new Float64Array(X.length);
          X.forEach((col, k) => {
            // A numeric column is used under its own name (an error names it); a factor level's 0/1 column under a hidden one.
            const key = dd.data[names[k]] === col ? names[k] : `\u0000prop${k}`;
            const ci = svyciprop(key, key === names[k] ? dd : { ...dd, data: { ...dd.data, [key]: col } }, { method: e.ciMethod ?? 'logit', level, naRm: e.naRm });
            lower[k] = ci.interval!.lower[0];
            upper[k] = ci.interval!.upper[0];
            if (names[k] !== m.names[k]) throw internalError('survey spec: internal: proportion names differ');
          });
          return { ...m, interval: { level, lower, upper } };
        }
        case 'ratio': {
          const X = e.auxiliaryTotal;
          if (e.separate) {
            if (X === undefined || typeof X === 'number') throw new LocalizedError({ zh: `调查说明：估计 '${e.id}'：分层比率估计（separate）需要 auxiliaryTotal 写成 {层: 合计}`, en: `survey spec: estimate '${e.id}': a separate ratio needs auxiliaryTotal as {stratum: total}` });
            return predictSeparateRatio(svyratioSeparate(x[0], x[1], dd, opts), X);
          }
          if (X !== undefined && typeof X !== 'number') throw new LocalizedError({ zh: `调查说明：估计 '${e.id}'：按层给出的 auxiliaryTotal 需要 separate: true`, en: `survey spec: estimate '${e.id}': auxiliaryTotal per stratum needs separate: true` });
          const r = svyratio(x[0], x[1], dd, opts);
          return X !== undefined ? predictRatio(r, X) : r;
        }
        case 'quantile': return svyquantile(x, dd, e.probs ?? [0.5], { ...opts, level });
      }
    };
    const raw = e[kind]!;
    const x = typeof raw === 'string' ? [raw] : [...raw];
    if (kind === 'ratio' && x.length !== 2) throw new LocalizedError({ zh: `调查说明：估计 '${e.id}'：ratio 应为 [分子, 分母]`, en: `survey spec: estimate '${e.id}': ratio needs [numerator, denominator]` });
    const statistic = kind === 'ratio' && e.auxiliaryTotal !== undefined ? 'total' : kind;
    const emit = (st: SvyStat, domain?: Record<string, string>): void => {
      const ci = confint(st, { level, method });
      st.names.forEach((nm, k) => {
        const row: EstimateRow = { id: e.id, statistic, variable: nm, estimate: st.estimate[k], se: st.se[k], ci: [ci.lower[k], ci.upper[k]], df: st.df, n: st.n };
        if (domain) row.domain = domain;
        if (st.deff) row.deff = st.deff[k];
        rows.push(row);
      });
    };
    if (e.by) {
      const b = svyby(x, e.by, d, FUN);
      for (const g of b.groups) emit(g.result, Object.fromEntries(b.by.map((name, j) => [name, g.levels[j]])));
    } else emit(FUN(x, d));
  }
  return { estimates: rows, design };
}

function domainMask(d: Design, sub: Record<string, string | number | (string | number)[]>, id: string): boolean[] {
  const mask = new Array<boolean>(d.n).fill(true);
  for (const [col, want] of Object.entries(sub)) {
    const c = d.data[col];
    if (c === undefined) throw new LocalizedError({ zh: `调查说明：估计 '${id}'：subset 的列 '${col}' 不在数据中`, en: `survey spec: estimate '${id}': subset column '${col}' is not in the data` });
    const values = (Array.isArray(want) ? want : [want]).map(String);
    for (let i = 0; i < d.n; i++) {
      const v = c instanceof Float64Array ? (Number.isNaN(c[i]) ? null : String(c[i])) : c[i];
      if (v === null || !values.includes(v)) mask[i] = false;
    }
  }
  return mask;
}
