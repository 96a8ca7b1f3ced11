// The study's figures as a fast function of its uncertain inputs: survey estimates (sampling
// error), population counts, users, given consumption totals, coefficients b_s, jobs per output
// and the additionality rates. Gross and net figures come out side by side (net.* ids), never summed
// together. Used by netFigures (at the central values), monteCarlo, tornado and switchingValue.
import type { StudyConfig } from '../config/types.ts';
import type { StudyInputs, StudyResults } from './types.ts';
import type { Distribution } from '../uncertainty/distributions.ts';
import type { NormalGroup } from '../uncertainty/monteCarlo.ts';
import { distributionMean } from '../uncertainty/distributions.ts';
import { RATES } from '../config/netImpactConfig.ts';
import type { NetImpactConfig, RateSpec } from '../config/types.ts';
import { surveyDeadweight } from './surveyDeadweight.ts';

export interface ModelParameter {
  id: string;
  /** assumption: a stated belief (uncertainty.parameters, additionality rates); sampling: survey error. */
  kind: 'assumption' | 'sampling';
  distribution: Distribution;
  /** The value the point estimates use: the study's own input, a rate's mean, a survey estimate. */
  central: number;
  /** Draws are clamped into this range before use (only survey shares can reach outside it). */
  bounds: [number, number];
}

export interface StudyModel {
  parameters: ModelParameter[];
  /** Central values, in the order of `parameters`. */
  central: Float64Array;
  /** Survey estimates drawn jointly (consumption categories from one consumer questionnaire). */
  normalGroups: NormalGroup[];
  /** Output figure ids (gross, then net.*). */
  outputs: string[];
  /** Figures at the parameter values x (same order as `parameters`), in base units. */
  evaluate(x: Float64Array): Record<string, number>;
  /** The same figures written into y in the order of `outputs` (no allocation: for Monte Carlo). */
  evaluateInto(x: Float64Array, y: Float64Array): void;
  /** Additionality factor (1 − L)(1 − D)(1 − Dp)(1 − S) of a component or category id at x. */
  factor(x: Float64Array, section: 'components' | 'consumption', id: string): number;
}

const point = (value: number): Distribution => ({ dist: 'point', value });

/**
 * studyModel(config, results, net, inputs?) → StudyModel. `results` are computeStudy's (their
 * component and category estimates, with `se` when the survey engine supplied it); `inputs` are
 * needed only for survey-based deadweight ({survey: FIELD}). Reduced form, exact at the central
 * values (tested against computeStudy):
 *   jobs_k = Ĵ_k × N_k / N̂_k,  parttime_k = jobs_k × P̂_k / Ĵ_k  (proportional in the population count:
 *   exact for the default weights N_k/n_k and for the ratio estimator × M_j; with declared weights
 *   the population count is only a label, so do not vary it)
 *   C_c = Ĉ_c × U / Û (questionnaire) or the given total,  output_c = C_c × b_c,
 *   jobs.indirect = Σ_c output_c × r (methods ratio, national) or Σ_c C_c × ĵ_c / Ĉ_c (sector
 *   employment coefficients: fixed jobs per yuan of demand),  net.X = X × Π(1 − rate) per item,
 *   net.output.indirect.c = net C_c × b_c,  net.jobs.indirect = Σ_c net output_c × r.
 * Fails when uncertainty.sampling is normal and a survey figure has no se, or when a tornado or
 * switching figure is not an output.
 */
export function studyModel(config: StudyConfig, results: StudyResults, net: NetImpactConfig, inputs?: StudyInputs): StudyModel {
  const unc = net.uncertainty;
  const add = net.additionality;
  const parameters: ModelParameter[] = [];
  const index = new Map<string, number>();
  const addParam = (p: ModelParameter) => {
    if (!index.has(p.id)) {
      index.set(p.id, parameters.length);
      parameters.push(p);
    }
    return index.get(p.id) as number;
  };
  const assumption = (id: string, central: number) =>
    unc?.parameters[id] ? addParam({ id, kind: 'assumption', distribution: unc.parameters[id], central, bounds: [0, Infinity] }) : -1;
  const sampling = (figureId: string) => {
    const f = results.figures[figureId];
    if (!f) throw new Error(`studyModel: results have no figure ${figureId}`);
    let d = point(f.value);
    if (unc?.sampling === 'normal') {
      if (!(f.se !== undefined && f.se >= 0))
        throw new Error(`uncertainty.sampling: figure ${figureId} has no standard error${f.seNote ? ` (${f.seNote})` : '; declare the questionnaire designs or set sampling: none'}`);
      if (f.se > 0) d = { dist: 'normal', mean: f.value, sd: f.se };
    }
    return addParam({ id: `sampling.${figureId}`, kind: 'sampling', distribution: d, central: f.value, bounds: [0, Infinity] });
  };
  const rateIndex = (spec: RateSpec, section: string, owner: string): number => {
    if (spec.distribution) return addParam({ id: spec.parameter, kind: 'assumption', distribution: spec.distribution, central: distributionMean(spec.distribution), bounds: [0, 1] });
    // Survey-based deadweight: the spend-weighted "spent anyway" share and its sampling error.
    const cat = config.consumption.categories.find((c) => c.id === owner);
    const qk = config.consumption.questionnaire;
    const q = qk ? inputs?.questionnaires[qk] : undefined;
    if (!cat?.field || !q) throw new Error(`${spec.parameter}: deadweight from the survey needs the consumer questionnaire and a category estimated from it (${section}.${owner})`);
    const y = q.numbers[cat.field];
    const a = q.numbers[spec.survey as string];
    if (!y || !a) throw new Error(`${spec.parameter}: consumer questionnaire "${qk}" has no numeric field "${!y ? cat.field : spec.survey}"`);
    const dw = surveyDeadweight(y, a, new Float64Array(y.length).fill(1), spec.parameter);
    const d: Distribution = unc?.sampling === 'normal' && dw.se > 0 ? { dist: 'normal', mean: dw.estimate, sd: dw.se } : point(dw.estimate);
    return addParam({ id: spec.parameter, kind: 'sampling', distribution: d, central: dw.estimate, bounds: [0, 1] });
  };

  // --- Components ---------------------------------------------------------------------------
  const comps = [...config.providers, ...config.operators].map((c) => {
    const fid = `jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`;
    const g = results.figures[fid].value;
    const rates = add?.components[c.id];
    return {
      c,
      fid,
      sIdx: sampling(fid),
      pIdx: assumption(`population.${c.id}`, c.population),
      partShare: g > 0 ? results.figures[`${fid}.parttime`].value / g : 0,
      rateIdx: rates ? RATES.map((r) => rateIndex(rates[r], 'components', c.id)) : null,
    };
  });
  // --- Consumption categories ----------------------------------------------------------------
  const usersIdx = config.users !== undefined ? assumption('users', config.users) : -1;
  const cats = config.consumption.categories.map((cat) => {
    const fid = `consumption.${cat.id}`;
    const row = results.consumption.find((r) => r.id === cat.id);
    if (!row) throw new Error(`studyModel: results have no consumption row ${cat.id}`);
    const rates = add?.consumption[cat.id];
    return {
      cat,
      fid,
      cIdx: cat.total !== undefined ? assumption(fid, cat.total) : sampling(fid),
      fromSurvey: cat.total === undefined,
      bIdx: assumption(`coefficient.${cat.id}`, row.coefficient),
      b: row.coefficient,
      rateIdx: rates ? RATES.map((r) => rateIndex(rates[r], 'consumption', cat.id)) : null,
    };
  });
  // Indirect jobs: induced output × jobs per yuan (methods ratio, national), or fixed jobs per yuan of
  // demand by sector (sector employment coefficients) — read from the gross figure's provenance.
  const jobsViaRatio = results.figures['jobs.indirect'].from.includes('ratio.jobs_per_output');
  const jpoCentral = results.figures['ratio.jobs_per_output'].value;
  if (!jobsViaRatio && unc?.parameters.jobs_per_output)
    throw new Error('uncertainty.parameters.jobs_per_output: indirect jobs come from sector employment coefficients here; a single jobs-per-output ratio cannot vary');
  const jpoIdx = assumption('jobs_per_output', jpoCentral);
  const jobsPerDemand = cats.map((k) => {
    if (jobsViaRatio) return NaN;
    const row = results.consumption.find((r) => r.id === k.cat.id)!;
    if (!(row.amount > 0)) throw new Error(`studyModel: category ${k.cat.id} has no consumption, so its jobs per yuan of demand cannot be read from the results`);
    return row.jobs / row.amount;
  });
  const central = Float64Array.from(parameters, (p) => p.central);
  const drawnFromSurvey = cats.filter((k) => k.fromSurvey && parameters[k.cIdx].distribution.dist === 'normal');
  const normalGroups = consumptionGroup(config, results, inputs, drawnFromSurvey.map((k) => k.cat.field as string), drawnFromSurvey.map((k) => parameters[k.cIdx].id));

  const clamp = (x: Float64Array, i: number) => {
    const [lo, hi] = parameters[i].bounds;
    return Math.min(hi, Math.max(lo, x[i]));
  };
  const factorOf = (x: Float64Array, idx: number[] | null) => {
    if (!idx) return NaN;
    let f = 1;
    for (const i of idx) f *= 1 - clamp(x, i);
    return f;
  };
  const netComponents = comps.every((c) => c.rateIdx);
  const netConsumption = cats.every((c) => c.rateIdx);

  // The figures are written through set/add with string ids; a first (recording) run fixes the
  // sequence of ids, after which each call is a slot write into a Float64Array (no object per draw).
  // Ids precomputed once (the body runs once per Monte Carlo draw).
  const zero = ['jobs.providers', 'jobs.operators', 'jobs.direct', 'jobs.direct.parttime', 'consumption.information', 'consumption.traditional', 'consumption.total', 'output.indirect', 'jobs.indirect', ...Object.keys(config.groups).map((g) => `jobs.group.${g}`)].flatMap((id) =>
    (id === 'jobs.indirect' ? netConsumption : id.startsWith('jobs.') ? netComponents : netConsumption) ? [id, `net.${id}`] : [id],
  );
  const ids = {
    comp: comps.map((k) => ({ kind: k.c.kind === 'provider' ? 'jobs.providers' : 'jobs.operators', groups: k.c.groups.map((g) => `jobs.group.${g}`), net: `net.${k.fid}`, netKind: k.c.kind === 'provider' ? 'net.jobs.providers' : 'net.jobs.operators', netGroups: k.c.groups.map((g) => `net.jobs.group.${g}`) })),
    cat: cats.map((k) => ({ kind: `consumption.${k.cat.kind}`, out: `output.indirect.${k.cat.id}`, net: `net.${k.fid}`, netKind: `net.consumption.${k.cat.kind}`, netOut: `net.output.indirect.${k.cat.id}` })),
  };
  const body = (x: Float64Array, set: (id: string, v: number) => void, add: (id: string, v: number) => void) => {
    for (const id of zero) set(id, 0);
    let direct = 0, part = 0, indirect = 0, netDirect = 0, netPart = 0, netIndirect = 0;
    comps.forEach((k, ki) => {
      const id = ids.comp[ki];
      const jobs = clamp(x, k.sIdx) * (k.pIdx >= 0 ? clamp(x, k.pIdx) / k.c.population : 1);
      const pt = jobs * k.partShare;
      direct += jobs;
      part += pt;
      set(k.fid, jobs);
      add(id.kind, jobs);
      add('jobs.direct', jobs);
      add('jobs.direct.parttime', pt);
      for (const g of id.groups) add(g, jobs);
      if (netComponents) {
        const f = factorOf(x, k.rateIdx);
        netDirect += jobs * f;
        netPart += pt * f;
        set(id.net, jobs * f);
        add(id.netKind, jobs * f);
        add('net.jobs.direct', jobs * f);
        add('net.jobs.direct.parttime', pt * f);
        for (const g of id.netGroups) add(g, jobs * f);
      }
    });
    const r = jpoIdx >= 0 ? clamp(x, jpoIdx) : jpoCentral;
    set('jobs.direct.fulltime', direct - part);
    if (netComponents) set('net.jobs.direct.fulltime', netDirect - netPart);
    cats.forEach((k, ci) => {
      const C = (k.cIdx >= 0 ? clamp(x, k.cIdx) : (k.cat.total as number)) * (k.fromSurvey && usersIdx >= 0 ? clamp(x, usersIdx) / (config.users as number) : 1);
      const b = k.bIdx >= 0 ? clamp(x, k.bIdx) : k.b;
      const id = ids.cat[ci];
      set(k.fid, C);
      add(id.kind, C);
      add('consumption.total', C);
      set(id.out, C * b);
      add('output.indirect', C * b);
      const jobsPerYuan = jobsViaRatio ? b * r : jobsPerDemand[ci];
      add('jobs.indirect', C * jobsPerYuan);
      indirect += C * jobsPerYuan;
      if (netConsumption) {
        const nc = C * factorOf(x, k.rateIdx);
        set(id.net, nc);
        add(id.netKind, nc);
        add('net.consumption.total', nc);
        set(id.netOut, nc * b);
        add('net.output.indirect', nc * b);
        add('net.jobs.indirect', nc * jobsPerYuan);
        netIndirect += nc * jobsPerYuan;
      }
    });
    set('jobs.total', direct + indirect);
    if (netComponents && netConsumption) set('net.jobs.total', netDirect + netIndirect);
  };
  // Recording run: the order of ids, their sorted positions (gross first, then net.*).
  const calls: string[] = [];
  const seen = new Set<string>();
  body(central, (id) => { calls.push(id); seen.add(id); }, (id) => { calls.push(id); seen.add(id); });
  const outputs = [...seen].sort((a, b) => Number(a.startsWith('net.')) - Number(b.startsWith('net.')) || a.localeCompare(b));
  const position = new Map(outputs.map((id, i) => [id, i]));
  const seq = Int32Array.from(calls, (id) => position.get(id) as number);
  const evaluateInto = (x: Float64Array, y: Float64Array) => {
    let cursor = 0;
    body(
      x,
      (_id, v) => { y[seq[cursor++]] = v; },
      (_id, v) => { y[seq[cursor++]] += v; },
    );
  };
  const evaluate = (x: Float64Array): Record<string, number> => {
    const y = new Float64Array(outputs.length);
    evaluateInto(x, y);
    return Object.fromEntries(outputs.map((id, i) => [id, y[i]]));
  };
  for (const t of [...(unc?.tornado ? [unc.tornado.figure] : []), ...(unc?.switching ?? []).map((s) => s.figure)])
    if (!outputs.includes(t)) throw new Error(`uncertainty: figure "${t}" is not one the model computes; available: ${outputs.join(', ')}`);
  return {
    parameters,
    central,
    normalGroups,
    outputs,
    evaluate,
    evaluateInto,
    factor: (x, section, id) => {
      const list = section === 'components' ? comps.find((k) => k.c.id === id)?.rateIdx : cats.find((k) => k.cat.id === id)?.rateIdx;
      if (list === undefined) throw new Error(`studyModel: no ${section} item "${id}"`);
      return factorOf(x, list);
    },
  };
}

/**
 * The survey-estimated consumption categories as one jointly normal group with the design-based
 * covariance of their totals (results.sampling, the block of the consumer questionnaire). Without
 * it (results from elsewhere), cov_cd = se_c se_d ρ_cd with ρ the Pearson correlation of the
 * respondents' spend answers (unweighted, rows where both are answered). Empty when fewer than two
 * categories or neither source is available.
 */
function consumptionGroup(config: StudyConfig, results: StudyResults, inputs: StudyInputs | undefined, fields: string[], ids: string[]): NormalGroup[] {
  if (ids.length < 2) return [];
  const k = ids.length;
  const figureIds = ids.map((id) => id.slice('sampling.'.length));
  const mean = figureIds.map((id) => results.figures[id].value);
  const block = results.sampling?.find((b) => figureIds.every((id) => b.ids.includes(id)));
  if (block) {
    const at = figureIds.map((id) => block.ids.indexOf(id));
    const m = block.ids.length;
    const cov = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) cov[a * k + b] = block.V[at[a] * m + at[b]];
    return [{ parameters: ids, mean, cov }];
  }
  const qk = config.consumption.questionnaire;
  const q = qk ? inputs?.questionnaires[qk] : undefined;
  if (!q) return [];
  const cols = fields.map((f) => q.numbers[f]);
  if (cols.some((c) => !c)) return [];
  const se = figureIds.map((id) => results.figures[id].se as number);
  const cov = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = a; b < k; b++) {
      const rho = a === b ? 1 : correlation(cols[a], cols[b]);
      cov[a * k + b] = cov[b * k + a] = se[a] * se[b] * rho;
    }
  return [{ parameters: ids, mean, cov }];
}

function correlation(x: Float64Array, y: Float64Array): number {
  let n = 0, sx = 0, sy = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) { n++; sx += x[i]; sy += y[i]; }
  if (n < 3) return 0;
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++)
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) ** 2;
      syy += (y[i] - my) ** 2;
    }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
