// Normalize the `additionality` and `uncertainty` keys of study.yaml (schema: ./schema/netImpact.ts)
// into typed, cross-checked configuration. Called by config.ts after the rest of the study is
// normalized; every error goes through `fail` with the YAML path, so it carries the line number.
import { asLabel, parseQuantity } from '../../locale/index.ts';
import { checkDistribution, distributionMean, type Distribution } from '../uncertainty/distributions.ts';
import type { AdditionalityConfig, NetImpactConfig, Rate, RateSpec, StudyConfig, SwitchingConfig, UncertaintyConfig } from './types.ts';

/** The four additionality rates, in the order of the formula. */
export const RATES: readonly Rate[] = ['leakage', 'deadweight', 'displacement', 'substitution'];

type Path = (string | number)[];
type Fail = (path: Path, detail: string) => never;
type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type StudyPart = Pick<StudyConfig, 'providers' | 'operators' | 'consumption' | 'questionnaires' | 'users'>;

const JPO_SCALE: Record<string, number> = { 'persons/yuan': 1, 'persons/万元': 1e-4, 'persons/亿元': 1e-8 };

/**
 * normalizeNetImpact(raw, fail, study) → {additionality?, uncertainty?} from the raw (schema-valid)
 * study object. Fails (via `fail`, naming the YAML path) on: a component or category id that the
 * study does not declare; a rate left unset with no `default`; a rate outside [0, 1]; a survey
 * deadweight field that is not a share column of the consumer questionnaire; an uncertainty
 * parameter naming an unknown input; jobs_per_output without `unit`; an invalid distribution.
 */
export function normalizeNetImpact(raw: Raw, fail: Fail, study: StudyPart): NetImpactConfig {
  const out: NetImpactConfig = {};
  if (raw.additionality !== undefined) out.additionality = additionality(raw.additionality, fail, study);
  // Like additionality rates, populations' distributions are drawn only when `uncertainty` is declared.
  if (raw.uncertainty !== undefined) out.uncertainty = uncertainty(raw.uncertainty, fail, study, populationDistributions(raw, fail));
  return out;
}

/** The populations given with an interval or a distribution, by parameter id (population.<component>, users). */
function populationDistributions(raw: Raw, fail: Fail): Record<string, { distribution: Distribution; path: Path }> {
  const out: Record<string, { distribution: Distribution; path: Path }> = {};
  for (const kind of ['providers', 'operators'] as const)
    (raw.components?.[kind] ?? []).forEach((c: Raw, i: number) => {
      const path: Path = ['components', kind, i, 'population'];
      const { distribution } = populationInput(c.population, path, fail);
      if (distribution) out[`population.${c.id}`] = { distribution, path };
    });
  if (raw.population?.users !== undefined) {
    const path: Path = ['population', 'users'];
    const { distribution } = populationInput(raw.population.users, path, fail);
    if (distribution) out.users = { distribution, path };
  }
  return out;
}

function num(v: unknown, path: Path, fail: Fail): number {
  try {
    return parseQuantity(v, path.join('.'));
  } catch (e) {
    return fail(path, (e as Error).message.replace(/^[^:]*: /, ''));
  }
}

/** A number or a distribution object → Distribution (scaled by `scale`), checked against bounds. */
function toDistribution(v: unknown, path: Path, fail: Fail, bounds: [number, number], scale = 1): Distribution {
  let d: Distribution;
  if (typeof v === 'number' || typeof v === 'string') d = { dist: 'point', value: num(v, path, fail) * scale };
  else {
    const o = v as Raw;
    const f = (k: string) => num(o[k], [...path, k], fail) * scale;
    switch (o.dist) {
      case 'point':
        d = { dist: 'point', value: f('value') };
        break;
      case 'uniform':
        d = { dist: 'uniform', min: f('min'), max: f('max') };
        break;
      case 'triangular':
        d = { dist: 'triangular', min: f('min'), mode: f('mode'), max: f('max') };
        break;
      case 'normal':
        d = { dist: 'normal', mean: f('mean'), sd: f('sd') };
        break;
      case 'lognormal': {
        if ((o.meanlog === undefined) === (o.median === undefined)) fail(path, 'lognormal needs exactly one of meanlog or median');
        const meanlog = o.meanlog !== undefined ? o.meanlog + Math.log(scale) : Math.log(f('median'));
        d = { dist: 'lognormal', meanlog, sdlog: o.sdlog };
        break;
      }
      default:
        return fail([...path, 'dist'], `unknown distribution ${JSON.stringify(o.dist)}`);
    }
  }
  try {
    return checkDistribution(d, path.join('.'), bounds);
  } catch (e) {
    return fail(path, (e as Error).message.replace(/^[^:]*: /, ''));
  }
}

/**
 * populationInput(v, path, fail) → {value, distribution?}: a population count as study.yaml gives it
 * (schema: uncertainCount). A count is fixed; {value, interval: [low, high]} is drawn as
 * triangular(low, value, high) (mean = value when the interval is symmetric about it); a distribution
 * is drawn as declared, and its point value is `value`, or the distribution's mean when `value` is
 * absent (so the simulation is centred on the point estimate unless the study says otherwise).
 * Fails on a value ≤ 0, an interval not around its value, or an invalid distribution.
 * Example: {value: 230万, interval: [160万, 300万]} → value 2.3e6, triangular(1.6e6, 2.3e6, 3e6).
 */
export function populationInput(v: unknown, path: Path, fail: Fail): { value: number; distribution?: Distribution } {
  const positive = (x: number, at: Path) => (x > 0 ? x : fail(at, `population must be positive, got ${x}`));
  if (typeof v === 'number' || typeof v === 'string') return { value: positive(num(v, path, fail), path) };
  const o = v as Raw;
  if (o.interval !== undefined) {
    const value = positive(num(o.value, [...path, 'value'], fail), [...path, 'value']);
    const [low, high] = (o.interval as unknown[]).map((x, i) => num(x, [...path, 'interval', i], fail));
    if (!(low <= value && value <= high && low < high)) fail([...path, 'interval'], `expected [low, high] with low ≤ value ≤ high and low < high, got [${low}, ${high}] around ${value}`);
    return { value, distribution: toDistribution({ dist: 'triangular', min: low, mode: value, max: high }, path, fail, [0, Infinity]) };
  }
  const { value: given, ...declared } = o;
  const distribution = toDistribution(declared, path, fail, [0, Infinity]);
  const value = given === undefined ? distributionMean(distribution) : num(given, [...path, 'value'], fail);
  return { value: positive(value, given === undefined ? path : [...path, 'value']), distribution };
}

function additionality(a: Raw, fail: Fail, study: StudyPart): AdditionalityConfig {
  const componentIds = [...study.providers, ...study.operators].map((c) => c.id);
  const categoryIds = study.consumption.categories.map((c) => c.id);
  const cq = study.consumption.questionnaire;
  const section = (key: 'components' | 'consumption', ids: string[]): Record<string, Record<Rate, RateSpec>> => {
    const given: Record<string, Raw> = a[key] ?? {};
    for (const id of Object.keys(given))
      if (id !== 'default' && !ids.includes(id)) fail(['additionality', key, id], `unknown ${key === 'components' ? 'component' : 'consumption category'} "${id}"; declared: ${ids.join(', ') || '(none)'}`);
    const spec = (owner: string, rate: Rate): RateSpec => {
      const path: Path = ['additionality', key, owner, rate];
      const v = given[owner][rate];
      const parameter = `additionality.${key}.${owner}.${rate}`;
      if (v !== null && typeof v === 'object' && 'survey' in v) {
        const field = v.survey as string;
        const col = cq ? study.questionnaires[cq]?.columns[field] : undefined;
        if (!cq || !col) fail([...path, 'survey'], `"${field}" is not a mapped column of the consumer questionnaire${cq ? ` "${cq}"` : ' (consumption.questionnaire is not set)'}`);
        if (col?.type !== 'share') fail([...path, 'survey'], `"${field}" must be declared with type: share (the share of the spend the respondent would have spent anyway)`);
        return { parameter, survey: field };
      }
      if (v !== null && typeof v === 'object' && 'unit' in v) fail([...path, 'unit'], 'a rate has no unit');
      return { parameter, distribution: toDistribution(v, path, fail, [0, 1]) };
    };
    const out: Record<string, Record<Rate, RateSpec>> = {};
    for (const id of ids) {
      const rates = {} as Record<Rate, RateSpec>;
      for (const rate of RATES) {
        if (given[id]?.[rate] !== undefined) rates[rate] = spec(id, rate);
        else if (given.default?.[rate] !== undefined) rates[rate] = spec('default', rate);
        else
          fail(['additionality', key, ...(given[id] ? [id] : [])], `no ${rate} for ${key === 'components' ? 'component' : 'category'} "${id}": give it there or under additionality.${key}.default (0 when there is none)`);
      }
      out[id] = rates;
    }
    return out;
  };
  if (a.components === undefined && a.consumption === undefined) fail(['additionality'], 'give rates under `components`, `consumption` or both');
  return {
    source: asLabel(a.source),
    illustrative: a.illustrative ?? false,
    components: a.components === undefined ? {} : section('components', componentIds),
    consumption: a.consumption === undefined ? {} : section('consumption', categoryIds),
  };
}

function uncertainty(u: Raw, fail: Fail, study: StudyPart, declaredPopulations: Record<string, { distribution: Distribution; path: Path }>): UncertaintyConfig {
  const comps = new Set([...study.providers, ...study.operators].map((c) => c.id));
  const cats = new Map(study.consumption.categories.map((c) => [c.id, c]));
  const parameters: Record<string, Distribution> = {};
  for (const [id, v] of Object.entries<Raw>(u.parameters ?? {})) {
    const path: Path = ['uncertainty', 'parameters', id];
    const [head, rest] = [id.split('.')[0], id.split('.').slice(1).join('.')];
    const hasUnit = v !== null && typeof v === 'object' && v.unit !== undefined;
    if (hasUnit && id !== 'jobs_per_output') fail([...path, 'unit'], 'only jobs_per_output takes a unit (others are in persons or yuan)');
    let scale = 1;
    if (head === 'population' && !comps.has(rest)) fail(path, `unknown component "${rest}"; declared: ${[...comps].join(', ')}`);
    if ((head === 'consumption' || head === 'coefficient') && !cats.has(rest)) fail(path, `unknown consumption category "${rest}"; declared: ${[...cats.keys()].join(', ')}`);
    if (head === 'consumption' && cats.get(rest)?.total === undefined) fail(path, `category "${rest}" is estimated from the questionnaire; its uncertainty is sampling error (uncertainty.sampling), or vary users`);
    if (head === 'users' && study.users === undefined) fail(path, 'the study has no population.users to vary');
    if (head === 'jobs_per_output') {
      if (!hasUnit) fail(path, 'jobs_per_output needs `unit` (persons/yuan, persons/万元 or persons/亿元)');
      scale = JPO_SCALE[v.unit];
    }
    parameters[id] = toDistribution(v, path, fail, [0, Infinity], scale);
  }
  for (const [id, { distribution, path }] of Object.entries(declaredPopulations)) {
    if (parameters[id]) fail(['uncertainty', 'parameters', id], `${id} is declared twice: here and at ${path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('')}; keep one`);
    parameters[id] = distribution;
  }
  const switching = (u.switching ?? []).map((s: Raw, i: number): SwitchingConfig => {
    const path: Path = ['uncertainty', 'switching', i];
    const range = s.range as [number, number] | undefined;
    if (range && !(range[0] < range[1])) fail([...path, 'range'], `expected [low, high] with low < high, got [${range.join(', ')}]`);
    if (!range && !/^additionality\./.test(s.parameter)) fail([...path, 'range'], `give the search range for ${s.parameter} (only rates default to [0, 1])`);
    return { parameter: s.parameter, figure: s.figure, target: num(s.target, [...path, 'target'], fail), ...(range ? { range } : {}) };
  });
  return {
    seed: u.seed,
    draws: u.draws,
    level: u.level,
    sampling: u.sampling,
    parameters,
    ...(u.tornado ? { tornado: { figure: u.tornado.figure, low: u.tornado.low ?? 0.05 } } : {}),
    switching,
  };
}
