// The sampling design of each questionnaire and the design-based estimates of the study's
// components and consumption categories, with their covariance (METHOD §1–2 under a design).
//
// Default design (no `design:` in the study file), the one the seed's formulas imply:
//   providers: each component a stratum, simple random sample of n_k from N_k  (w = N_k/n_k, fpc N_k)
//              → jobs_k = Σ w_i employees_i related_share_i  (Horvitz–Thompson = the seed formula)
//   operators: each component a stratum, respondents sampled with equal probability, no fpc
//              → jobs_j = M_j · Σ w s / Σ w a  (ratio estimator; invariant to the weights' scale)
//   consumers: simple random sample of n from U users (w = U/n, fpc U) → C_c = Σ w_i y_ic
// Declared design: svydesign(ids, strata, weights, fpc, nest) over all valid rows; components are
// domains of it. Variances: Taylor linearization with influence values (R survey's svyrecvar).
import type { Label } from '../../locale/index.ts';
import { svydesign, svyrecvar, degf, sequence, RowError, type SurveyDesign, type Columns } from '../../survey/index.ts';
import type { ComponentConfig, QuestionnaireConfig, QuestionnaireData } from '../types.ts';
import { LocalizedError, placedError } from '../../locale/errorText.ts';
import { take } from './select.ts';

export interface ComponentEstimate {
  component: ComponentConfig;
  n: number;
  jobs: number;
  parttime: number;
}

export interface QuestionnaireEstimates {
  names: string[]; // e.g. 'wecom.jobs', 'wecom.parttime', 'consumption.traffic'
  values: Float64Array;
  V: Float64Array;
  df: number;
  design: string; // description for the methodology section
}

function columnsOf(q: QuestionnaireData, rows: Int32Array | null): Record<string, Float64Array | (string | null)[]> {
  const out: Record<string, Float64Array | (string | null)[]> = {};
  for (const [k, v] of Object.entries(q.numbers)) out[k] = rows ? take(v, rows) : v;
  for (const [k, v] of Object.entries(q.categories)) {
    if (!rows) out[k] = v;
    else {
      const c: (string | null)[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) c[i] = v[rows[i]];
      out[k] = c;
    }
  }
  return out;
}

function declaredDesign(q: QuestionnaireData, cfg: QuestionnaireConfig): SurveyDesign {
  const d = cfg.design!;
  try {
    return svydesign({ data: columnsOf(q, null) as Columns, ids: d.ids ?? '1', strata: d.strata, weights: d.weights, fpc: d.fpc, nest: d.nest });
  } catch (e) {
    throw placedError(`${cfg.yamlPath}.design`, e);
  }
}

/**
 * designWarnings(q, cfg, fileRow) — the warnings R gives for the questionnaire's declared design (fpc
 * varying within a stratum: R's as.fpc), each prefixed with the design's place in the study file; none
 * without a declared design. svydesign numbers rows over the valid rows; `fileRow(i)` (0-based valid row
 * → sheet row) names the rows as the file has them. A fault of the design itself (svydesign's error, under
 * its YAML path) is thrown with its rows renumbered the same way.
 * Example (en): "questionnaires.providers.design: fpc varies within strata: stratum 企业微信 at stage 1 (column
 * 'pop': 21000 at row 2, 21001 at row 5); R warns the same and estimates with each row's value, as here".
 */
export function designWarnings(q: QuestionnaireData, cfg: QuestionnaireConfig, fileRow: (i: number) => number = (i) => i + 1): Label[] {
  if (!cfg.design) return [];
  const row = (r: string) => fileRow(Number(r) - 1);
  const zhRows = (t: string) => t.replace(/第 (\d+) 行/g, (_, r: string) => `第 ${row(r)} 行`);
  let design: SurveyDesign;
  try {
    design = declaredDesign(q, cfg);
  } catch (e) {
    // The design's own faults in a row (a weight of 0, a missing stratum: svydesign's RowError, kept as the cause by
    // declaredDesign's placedError) name the row as the file numbers it too.
    const fault = (e as { cause?: unknown }).cause;
    if (!(fault instanceof RowError)) throw e;
    const r = fileRow(fault.row);
    throw placedError(`${cfg.yamlPath}.design`, fault.at({ zh: `第 ${r} 行`, en: `row ${r}` }));
  }
  return (design.warnings ?? []).map((w) => ({
    zh: `${cfg.yamlPath}.design：${zhRows(w.zh)}`,
    en: `${cfg.yamlPath}.design: ${w.en.replace(/\bat row (\d+)\b/g, (_, r: string) => `at row ${row(r)}`)}`,
  }));
}

export interface QuestionnaireDesign {
  design: SurveyDesign;
  /** Questionnaire row of each design row. */
  qrows: Int32Array;
  data: Readonly<Record<string, Float64Array | (string | null)[]>>;
  /** Design rows of component k. */
  rowsOf: (k: number) => Int32Array;
}

/**
 * The design of one questionnaire over the rows the study uses: the declared design over all valid
 * rows, or (default) one stratum per component with the weights of the seed's formulas. members[k]
 * are the rows of component k (from its `where`). Fails naming the component when it has fewer than
 * 2 valid questionnaires (no variance can be estimated), when default strata would overlap, and when
 * a provider component has more questionnaires than its population.
 */
export function questionnaireDesign(q: QuestionnaireData, cfg: QuestionnaireConfig, comps: ComponentConfig[], members: Int32Array[]): QuestionnaireDesign {
  comps.forEach((c, k) => {
    if (members[k].length < 2) throw new LocalizedError({ zh: `${c.yamlPath}（${c.id}）：${q.file} 中${Object.keys(c.where).length ? `满足 ${JSON.stringify(c.where)} 的` : ''}有效问卷只有 ${members[k].length} 份；估计抽样方差至少需要 2 份`, en: `${c.yamlPath} (${c.id}): ${members[k].length} valid questionnaire(s) in ${q.file}${Object.keys(c.where).length ? ` where ${JSON.stringify(c.where)}` : ''}; at least 2 are needed to estimate a sampling variance` });
  });
  if (cfg.design) return { design: declaredDesign(q, cfg), qrows: sequence(q.valid), data: columnsOf(q, null), rowsOf: (k) => members[k] };
  const kinds = new Set(comps.map((c) => c.kind));
  if (kinds.size > 1) throw new LocalizedError({ zh: `${cfg.yamlPath}：同时被服务商和运营者组成部分使用；请声明其抽样设计（design:）`, en: `${cfg.yamlPath}: used by both provider and operator components; declare its sampling design (design:)` });
  const seen = new Uint8Array(q.valid);
  members.forEach((m, k) =>
    m.forEach((i) => {
      if (seen[i]) throw new LocalizedError({ zh: `${comps[k].yamlPath}（${comps[k].id}）：它的行与另一组成部分的行重叠；组成部分重叠时请声明抽样设计（${cfg.yamlPath}.design）`, en: `${comps[k].yamlPath} (${comps[k].id}): its rows overlap another component's; with overlapping components declare the sampling design (${cfg.yamlPath}.design)` });
      seen[i] = 1;
    }),
  );
  const all = Int32Array.from(members.flatMap((m) => Array.from(m)));
  const data = columnsOf(q, all);
  const stratum: string[] = [];
  const w = new Float64Array(all.length);
  const fpc = new Float64Array(all.length);
  const starts: number[] = [];
  let at = 0;
  members.forEach((m, k) => {
    starts.push(at);
    const c = comps[k];
    if (c.kind === 'provider' && m.length > c.population) throw new LocalizedError({ zh: `${c.yamlPath}（${c.id}）：有效问卷 ${m.length} 份，而总体只有 ${c.population}`, en: `${c.yamlPath} (${c.id}): ${m.length} valid questionnaires but a population of only ${c.population}` });
    for (let j = 0; j < m.length; j++, at++) {
      stratum.push(c.id);
      w[at] = c.kind === 'provider' ? c.population / m.length : 1;
      fpc[at] = c.population;
    }
  });
  data.__stratum = stratum;
  data.__w = w;
  const providers = kinds.has('provider');
  if (providers) data.__fpc = fpc;
  const design = svydesign({ data: data as Columns, ids: '1', strata: '__stratum', weights: '__w', fpc: providers ? '__fpc' : undefined });
  return { design, qrows: all, data, rowsOf: (k) => sequence(members[k].length, starts[k]) };
}

const componentDesigns = new WeakMap<QuestionnaireData, { key: string; design: QuestionnaireDesign }>();

/**
 * questionnaireDesign(q, cfg, comps, members), remembered for the questionnaire data with the design
 * settings it was built for (the declared design, or each component's kind, id, rows and population):
 * the survey estimates and the indicators of a run use the same design, a value nothing changes (the
 * indicators attach their columns with update). One design per questionnaire data is kept — the last —
 * so a dashboard changing populations again and again does not pile designs up.
 * members[k] must be selectRows(q, comps[k].where) as questionnaireDesign takes them.
 */
export function componentsDesign(q: QuestionnaireData, cfg: QuestionnaireConfig, comps: ComponentConfig[], members: Int32Array[]): QuestionnaireDesign {
  const key = JSON.stringify([cfg.design ?? null, comps.map((c) => [c.kind, c.id, c.where, c.population])]);
  const last = componentDesigns.get(q);
  if (last?.key === key) return last.design;
  const design = questionnaireDesign(q, cfg, comps, members);
  componentDesigns.set(q, { key, design });
  return design;
}

/** Estimates of the components that use one questionnaire, under its design, with covariance. */
export function componentEstimates(q: QuestionnaireData, cfg: QuestionnaireConfig, comps: ComponentConfig[], members: Int32Array[]): { estimates: ComponentEstimate[]; block: QuestionnaireEstimates } {
  const { design, data, rowsOf: rowOf } = componentsDesign(q, cfg, comps, members);
  const n = design.n;
  const w = design.weights;
  const num = (f: string) => data[f] as Float64Array;
  const names: string[] = [];
  const values: number[] = [];
  const X: Float64Array[] = [];
  const estimates: ComponentEstimate[] = [];
  comps.forEach((c, k) => {
    const rows = rowOf(k);
    if (c.kind === 'provider') {
      const e = num('employees'), r = num('related_share'), f = num('fulltime_share');
      const zj = new Float64Array(n), zp = new Float64Array(n);
      let tj = 0, tp = 0;
      for (const i of rows) {
        const related = e[i] * r[i];
        zj[i] = w[i] * related;
        zp[i] = w[i] * related * (1 - f[i]);
        tj += zj[i];
        tp += zp[i];
      }
      names.push(`${c.id}.jobs`, `${c.id}.parttime`);
      values.push(tj, tp);
      X.push(zj, zp);
      estimates.push({ component: c, n: rows.length, jobs: tj, parttime: tp });
    } else {
      const a = num('accounts'), s = num('staff'), f = num('fulltime_share');
      let ta = 0, ts = 0, tp = 0;
      for (const i of rows) {
        ta += w[i] * a[i];
        ts += w[i] * s[i];
        tp += w[i] * s[i] * (1 - f[i]);
      }
      if (!(ta > 0)) throw new LocalizedError({ zh: `${c.yamlPath}（${c.id}）：调查到的账号数合计为 0；每账号员工数比率无定义`, en: `${c.yamlPath} (${c.id}): the surveyed accounts sum to 0; the staff-per-account ratio is undefined` });
      const R = ts / ta, Rp = tp / ta, M = c.population;
      const zj = new Float64Array(n), zp = new Float64Array(n);
      for (const i of rows) {
        zj[i] = (M * w[i] * (s[i] - R * a[i])) / ta;
        zp[i] = (M * w[i] * (s[i] * (1 - f[i]) - Rp * a[i])) / ta;
      }
      names.push(`${c.id}.jobs`, `${c.id}.parttime`);
      values.push(M * R, M * Rp);
      X.push(zj, zp);
      estimates.push({ component: c, n: rows.length, jobs: M * R, parttime: M * Rp });
    }
  });
  let V: Float64Array;
  try {
    V = svyrecvar(design, X);
  } catch (e) {
    throw placedError(cfg.yamlPath, e);
  }
  return { estimates, block: { names, values: Float64Array.from(values), V, df: degf(design), design: design.label } };
}

/**
 * Category totals from the consumer questionnaire: C_c = Σ w_i y_ic, default SRS of n from U users
 * (w = U/n, fpc U), with covariance across categories.
 */
/**
 * A questionnaire used by no component: its declared design, or a simple random sample of n —
 * from `population` (weights N/n, fpc) when known (consumers: the platform users), else with equal
 * weights and no fpc.
 */
export function simpleDesign(q: QuestionnaireData, cfg: QuestionnaireConfig, population: number | undefined): SurveyDesign {
  if (cfg.design) return declaredDesign(q, cfg);
  if (q.valid < 2) throw new LocalizedError({ zh: `${cfg.yamlPath}：${q.file} 中有效问卷只有 ${q.valid} 份；至少需要 2 份`, en: `${cfg.yamlPath}: ${q.valid} valid questionnaire(s) in ${q.file}; at least 2 are needed` });
  if (population !== undefined && q.valid > population) throw new LocalizedError({ zh: `${cfg.yamlPath}：有效问卷 ${q.valid} 份，而总体只有 ${population}`, en: `${cfg.yamlPath}: ${q.valid} valid questionnaires but a population of only ${population}` });
  const data = columnsOf(q, null);
  data.__w = new Float64Array(q.valid).fill(population === undefined ? 1 : population / q.valid);
  if (population !== undefined) data.__fpc = new Float64Array(q.valid).fill(population);
  return svydesign({ data: data as Columns, ids: '1', weights: '__w', fpc: population === undefined ? undefined : '__fpc' });
}

export function consumptionEstimates(q: QuestionnaireData, cfg: QuestionnaireConfig, fields: string[], users: number): QuestionnaireEstimates {
  if (q.moments) return momentEstimates(q, cfg, fields, users);
  const design = simpleDesign(q, cfg, users);
  const w = design.weights;
  const X = fields.map((f) => {
    const y = q.numbers[f];
    return Float64Array.from(y, (v, i) => w[i] * v);
  });
  const values = Float64Array.from(X, (z) => z.reduce((s, v) => s + v, 0));
  let V: Float64Array;
  try {
    V = svyrecvar(design, X);
  } catch (e) {
    throw placedError(cfg.yamlPath, e);
  }
  return { names: fields.map((f) => `consumption.${f}`), values, V, df: degf(design), design: design.label };
}

/**
 * The same estimates as consumptionEstimates under the default design (SRS of n from U, w = U/n),
 * from sufficient statistics instead of rows (Cochran 1977, §2.4; what svyrecvar gives for this design):
 *   C_c = w Σ y_c,   V_cd = (1 − n/U) · n/(n − 1) · w² · (Σ y_c y_d − Σ y_c Σ y_d / n),   df = n − 1.
 * Example: U = 100, y = [1, 3] (n = 2) → C = 200, V = (0.98)·2·2500·(10 − 8) = 9800.
 */
export function momentEstimates(q: QuestionnaireData, cfg: QuestionnaireConfig, fields: string[], U: number): QuestionnaireEstimates {
  const m = q.moments!;
  if (cfg.design) throw new LocalizedError({ zh: `${cfg.yamlPath}：声明了抽样设计时需要各行数据，而不是充分统计量`, en: `${cfg.yamlPath}: a declared design needs the rows, not sufficient statistics` });
  const n = q.valid;
  if (n < 2) throw new LocalizedError({ zh: `${cfg.yamlPath}：${q.file} 中有效问卷只有 ${n} 份；至少需要 2 份`, en: `${cfg.yamlPath}: ${n} valid questionnaire(s) in ${q.file}; at least 2 are needed` });
  if (n > U) throw new LocalizedError({ zh: `${cfg.yamlPath}：有效问卷 ${n} 份，而总体只有 ${U}`, en: `${cfg.yamlPath}: ${n} valid questionnaires but a population of only ${U}` });
  const p = m.fields.length;
  const at = fields.map((f) => {
    const k = m.fields.indexOf(f);
    if (k < 0) throw new LocalizedError({ zh: `${cfg.yamlPath}：没有字段 "${f}" 的统计量`, en: `${cfg.yamlPath}: no statistics for field "${f}"` });
    return k;
  });
  const w = U / n;
  const values = Float64Array.from(at, (k) => w * m.sum[k]);
  const V = new Float64Array(fields.length * fields.length);
  const c = ((1 - n / U) * n) / (n - 1) * w * w;
  at.forEach((a, r) => at.forEach((b, s) => (V[r * fields.length + s] = c * (m.cross[a * p + b] - (m.sum[a] * m.sum[b]) / n))));
  return { names: fields.map((f) => `consumption.${f}`), values, V, df: n - 1, design: `simple random sample of ${n} from ${U} (sufficient statistics)` };
}
