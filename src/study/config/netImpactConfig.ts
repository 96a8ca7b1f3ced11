// Normalize the `additionality` and `uncertainty` keys of study.yaml (schema: ./schema/netImpact.ts)
// into typed, cross-checked configuration. Called by config.ts after the rest of the study is
// normalized; every error goes through `fail` with the YAML path, so it carries the line number.
import { asLabel, parseQuantity, type ErrorWords } from '../../locale/index.ts';
import { withoutPlace } from './configWords.ts';
import { checkDistribution, distributionMean, type Distribution } from '../uncertainty/distributions.ts';
import type { AdditionalityConfig, NetImpactConfig, Rate, RateSpec, StudyConfig, SwitchingConfig, UncertaintyConfig } from './types.ts';

/** The four additionality rates, in the order of the formula. */
export const RATES: readonly Rate[] = ['leakage', 'deadweight', 'displacement', 'substitution'];

type Path = (string | number)[];
type Fail = (path: Path, detail: ErrorWords) => never;
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
    return fail(path, withoutPlace(e));
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
        if ((o.meanlog === undefined) === (o.median === undefined)) fail(path, { zh: 'lognormal 需要 meanlog 与 median 恰好一个', en: 'lognormal needs exactly one of meanlog or median' });
        const meanlog = o.meanlog !== undefined ? o.meanlog + Math.log(scale) : Math.log(f('median'));
        d = { dist: 'lognormal', meanlog, sdlog: o.sdlog };
        break;
      }
      default:
        return fail([...path, 'dist'], { zh: `未知的分布 ${JSON.stringify(o.dist)}`, en: `unknown distribution ${JSON.stringify(o.dist)}` });
    }
  }
  try {
    return checkDistribution(d, path.join('.'), bounds);
  } catch (e) {
    return fail(path, withoutPlace(e));
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
  const positive = (x: number, at: Path) => (x > 0 ? x : fail(at, { zh: `总体应为正数，实为 ${x}`, en: `population must be positive, got ${x}` }));
  if (typeof v === 'number' || typeof v === 'string') return { value: positive(num(v, path, fail), path) };
  const o = v as Raw;
  if (o.interval !== undefined) {
    const value = positive(num(o.value, [...path, 'value'], fail), [...path, 'value']);
    const [low, high] = (o.interval as unknown[]).map((x, i) => num(x, [...path, 'interval', i], fail));
    if (!(low <= value && value <= high && low < high)) fail([...path, 'interval'], { zh: `应为 [low, high]，且 low ≤ value ≤ high、low < high，实为 [${low}, ${high}]，value 为 ${value}`, en: `expected [low, high] with low ≤ value ≤ high and low < high, got [${low}, ${high}] around ${value}` });
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
      if (id !== 'default' && !ids.includes(id)) fail(['additionality', key, id], {
          zh: `未知的${key === 'components' ? '组成部分' : '消费类别'} "${id}"；已声明：${ids.join(', ') || '（无）'}`,
          en: `unknown ${key === 'components' ? 'component' : 'consumption category'} "${id}"; declared: ${ids.join(', ') || '(none)'}`,
        });
    const spec = (owner: string, rate: Rate): RateSpec => {
      const path: Path = ['additionality', key, owner, rate];
      const v = given[owner][rate];
      const parameter = `additionality.${key}.${owner}.${rate}`;
      if (v !== null && typeof v === 'object' && 'survey' in v) {
        const field = v.survey as string;
        const col = cq ? study.questionnaires[cq]?.columns[field] : undefined;
        if (!cq || !col) fail([...path, 'survey'], {
            zh: `"${field}" 不是消费者问卷${cq ? ` "${cq}"` : '（未设置 consumption.questionnaire）'}中已对应的列`,
            en: `"${field}" is not a mapped column of the consumer questionnaire${cq ? ` "${cq}"` : ' (consumption.questionnaire is not set)'}`,
          });
        if (col?.type !== 'share') fail([...path, 'survey'], { zh: `"${field}" 应声明为 type: share（受访者无论如何都会花的那部分支出的比例）`, en: `"${field}" must be declared with type: share (the share of the spend the respondent would have spent anyway)` });
        return { parameter, survey: field };
      }
      if (v !== null && typeof v === 'object' && 'unit' in v) fail([...path, 'unit'], { zh: '比率没有单位', en: 'a rate has no unit' });
      return { parameter, distribution: toDistribution(v, path, fail, [0, 1]) };
    };
    const out: Record<string, Record<Rate, RateSpec>> = {};
    for (const id of ids) {
      const rates = {} as Record<Rate, RateSpec>;
      for (const rate of RATES) {
        if (given[id]?.[rate] !== undefined) rates[rate] = spec(id, rate);
        else if (given.default?.[rate] !== undefined) rates[rate] = spec('default', rate);
        else
          fail(['additionality', key, ...(given[id] ? [id] : [])], {
            zh: `${key === 'components' ? '组成部分' : '类别'} "${id}" 没有 ${rate}：请在那里或 additionality.${key}.default 下给出（没有时写 0）`,
            en: `no ${rate} for ${key === 'components' ? 'component' : 'category'} "${id}": give it there or under additionality.${key}.default (0 when there is none)`,
          });
      }
      out[id] = rates;
    }
    return out;
  };
  if (a.components === undefined && a.consumption === undefined) fail(['additionality'], { zh: '请在 `components`、`consumption` 或两者之下给出比率', en: 'give rates under `components`, `consumption` or both' });
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
    if (hasUnit && id !== 'jobs_per_output') fail([...path, 'unit'], { zh: '只有 jobs_per_output 带单位（其他参数以人或元计）', en: 'only jobs_per_output takes a unit (others are in persons or yuan)' });
    let scale = 1;
    if (head === 'population' && !comps.has(rest)) fail(path, { zh: `未知的组成部分 "${rest}"；已声明：${[...comps].join(', ')}`, en: `unknown component "${rest}"; declared: ${[...comps].join(', ')}` });
    if ((head === 'consumption' || head === 'coefficient') && !cats.has(rest)) fail(path, { zh: `未知的消费类别 "${rest}"；已声明：${[...cats.keys()].join(', ')}`, en: `unknown consumption category "${rest}"; declared: ${[...cats.keys()].join(', ')}` });
    if (head === 'consumption' && cats.get(rest)?.total === undefined) fail(path, { zh: `类别 "${rest}" 由问卷估计；其不确定性是抽样误差（uncertainty.sampling），或改变 users`, en: `category "${rest}" is estimated from the questionnaire; its uncertainty is sampling error (uncertainty.sampling), or vary users` });
    if (head === 'users' && study.users === undefined) fail(path, { zh: '研究没有可变动的 population.users', en: 'the study has no population.users to vary' });
    if (head === 'jobs_per_output') {
      if (!hasUnit) fail(path, { zh: 'jobs_per_output 需要 `unit`（persons/yuan、persons/万元 或 persons/亿元）', en: 'jobs_per_output needs `unit` (persons/yuan, persons/万元 or persons/亿元)' });
      scale = JPO_SCALE[v.unit];
    }
    parameters[id] = toDistribution(v, path, fail, [0, Infinity], scale);
  }
  for (const [id, { distribution, path }] of Object.entries(declaredPopulations)) {
    const other = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('');
    if (parameters[id]) fail(['uncertainty', 'parameters', id], { zh: `${id} 声明了两次：这里和 ${other}；请保留一处`, en: `${id} is declared twice: here and at ${other}; keep one` });
    parameters[id] = distribution;
  }
  const switching = (u.switching ?? []).map((s: Raw, i: number): SwitchingConfig => {
    const path: Path = ['uncertainty', 'switching', i];
    const range = s.range as [number, number] | undefined;
    if (range && !(range[0] < range[1])) fail([...path, 'range'], { zh: `应为 [low, high] 且 low < high，实为 [${range.join(', ')}]`, en: `expected [low, high] with low < high, got [${range.join(', ')}]` });
    if (!range && !/^additionality\./.test(s.parameter)) fail([...path, 'range'], { zh: `请给出 ${s.parameter} 的搜索范围（只有比率默认为 [0, 1]）`, en: `give the search range for ${s.parameter} (only rates default to [0, 1])` });
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
