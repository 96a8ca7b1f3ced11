// A scenario of the dashboard: overrides of a study's inputs, applied before computeStudy.
// Pure; the dashboard (in a Web Worker) and the tests apply the same function.
import { label as L, toDisplay } from '../../locale/index.ts';
import type { StudyConfig } from '../config/types.ts';
import type { StudyInputs, SectorCoefficient } from './types.ts';
import { sectorResponse, type IOMethod } from './ioResponse.ts';
import { categoryResponse, demandOf } from './priceBridge.ts';
import { RATES } from '../config/netImpactConfig.ts';
import type { AdditionalityConfig, Rate, RateSpec } from '../config/types.ts';
import { LocalizedError } from '../../locale/errorText.ts';

/** Overrides of a study's inputs; an absent field keeps the study's value. */
export interface Scenario {
  /** Component id → population N_k (providers) or M_j (accounts). */
  population?: Record<string, number>;
  /** Platform users U (consumption estimated from the consumer questionnaire scales with it). */
  users?: number;
  /** IO method; the per-yuan responses of every category are recomputed from inputs.model. */
  ioMethod?: IOMethod;
  /** Consumption category id → output per yuan of demand (seed: b_s), applied after ioMethod. */
  coefficients?: Record<string, number>;
  /** Jobs per yuan of induced output (replaces the study's conversion by a ratio). */
  jobsPerOutput?: number;
  /**
   * Additionality rate parameter id (e.g. additionality.components.default.displacement) → a fixed
   * rate in [0, 1]; every component or category using that parameter takes it (its distribution, if
   * any, becomes a point, as when the study file states the number).
   */
  additionality?: Record<string, number>;
}

/**
 * withRates(additionality, rates) → the additionality config with each named rate parameter fixed
 * at the given value. Fails on a parameter no component or category uses, or a rate outside [0, 1].
 */
export function withRates(add: AdditionalityConfig | undefined, rates: Record<string, number>): AdditionalityConfig | undefined {
  const ids = Object.keys(rates);
  if (ids.length === 0) return add;
  if (!add) throw new LocalizedError({ zh: `情景 additionality.${ids[0]}：研究没有声明额外性（additionality）`, en: `scenario additionality.${ids[0]}: the study declares no additionality` });
  const used = new Set<string>();
  const fix = (items: AdditionalityConfig['components']) =>
    Object.fromEntries(
      Object.entries(items).map(([id, specs]) => [
        id,
        Object.fromEntries(
          RATES.map((k) => {
            const spec = specs[k];
            if (!(spec.parameter in rates)) return [k, spec];
            used.add(spec.parameter);
            return [k, { parameter: spec.parameter, distribution: { dist: 'point' as const, value: rates[spec.parameter] } }];
          }),
        ) as Record<Rate, RateSpec>,
      ]),
    );
  for (const [id, v] of Object.entries(rates)) if (!(Number.isFinite(v) && v >= 0 && v <= 1)) throw new LocalizedError({ zh: `情景 additionality.${id}：应为 [0, 1] 内的比率，实为 ${v}`, en: `scenario additionality.${id}: expected a rate in [0, 1], got ${v}` });
  const out = { ...add, components: fix(add.components), consumption: fix(add.consumption) };
  const unknown = ids.filter((id) => !used.has(id));
  if (unknown.length) throw new LocalizedError({ zh: `情景 additionality.${unknown[0]}：没有组成部分或类别使用这个比率参数`, en: `scenario additionality.${unknown[0]}: no component or category uses this rate parameter` });
  return out;
}

/** Every additionality rate parameter of a study (shared ones once), in study order, with the items that use it. */
export function rateParameters(add: AdditionalityConfig | undefined): { parameter: string; rate: Rate; section: 'components' | 'consumption'; items: string[]; survey: boolean }[] {
  const out = new Map<string, { parameter: string; rate: Rate; section: 'components' | 'consumption'; items: string[]; survey: boolean }>();
  for (const section of ['components', 'consumption'] as const)
    for (const [id, specs] of Object.entries(add?.[section] ?? {}))
      for (const k of RATES) {
        const p = specs[k].parameter;
        if (!out.has(p)) out.set(p, { parameter: p, rate: k, section, items: [], survey: specs[k].survey !== undefined });
        out.get(p)?.items.push(id);
      }
  return [...out.values()];
}

/**
 * sectorsUnder(inputs, m) → every category's per-yuan response under IO method m, from the study's
 * Leontief model (sectorResponse: seed = column sum of B) over the category's producer-price demand
 * (price bridge, price year). Fails when the study gives coefficients
 * directly (no model) or the model cannot support m (e.g. Type II without households).
 */
export function sectorsUnder(inputs: StudyInputs, m: IOMethod): Record<string, SectorCoefficient> {
  const model = inputs.model;
  if (!model) throw new LocalizedError({ zh: `情景 ioMethod：研究直接给出了系数，没有可改方法的投入产出模型`, en: 'scenario ioMethod: the study gives coefficients directly; there is no IO model to change the method of' });
  const out: Record<string, SectorCoefficient> = {};
  for (const [id, s] of Object.entries(inputs.sectors)) {
    const r = categoryResponse(demandOf(s), (i) => sectorResponse(model, i, m), s.prices);
    out[id] = { ...s, coefficient: r.output, jobs: r.jobs, valueAdded: r.valueAdded };
  }
  return out;
}

/**
 * applyScenario(config, inputs, scenario) → {config, inputs} with the overrides applied (new
 * objects; the arguments are not modified). Errors name the override: an unknown component or
 * category id, a negative or non-finite value, an IO method the study's model cannot use, an
 * additionality parameter the study does not use or a rate outside [0, 1].
 * Example: applyScenario(c, i, {population: {wecom: 42000}}) doubles N_k of wecom (21000 in the
 * example), so jobs.providers.wecom doubles after computeStudy.
 */
export function applyScenario(config: StudyConfig, inputs: StudyInputs, s: Scenario): { config: StudyConfig; inputs: StudyInputs } {
  const check = (what: string, v: number) => {
    if (!Number.isFinite(v) || v < 0) throw new LocalizedError({ zh: `情景 ${what}：应为非负数，实为 ${v}`, en: `scenario ${what}: expected a non-negative number, got ${v}` });
    return v;
  };
  const pop = s.population ?? {};
  const ids = new Set([...config.providers, ...config.operators].map((c) => c.id));
  for (const id of Object.keys(pop)) if (!ids.has(id)) throw new LocalizedError({ zh: `情景 population.${id}：没有这个组成部分（已有 ${[...ids].join(', ')}）`, en: `scenario population.${id}: no such component (have ${[...ids].join(', ')})` });
  const withPop = (cs: StudyConfig['providers']) => cs.map((c) => (pop[c.id] === undefined ? c : { ...c, population: check(`population.${c.id}`, pop[c.id]) }));
  const out: StudyConfig = { ...config, providers: withPop(config.providers), operators: withPop(config.operators) };
  if (s.users !== undefined) {
    if (config.users === undefined) throw new LocalizedError({ zh: `情景 users：研究没有声明平台用户数`, en: 'scenario users: the study declares no platform users' });
    out.users = check('users', s.users);
  }

  let sectors = inputs.sectors;
  let ioMethod = inputs.ioMethod;
  if (s.ioMethod !== undefined) {
    sectors = sectorsUnder(inputs, s.ioMethod);
    ioMethod = s.ioMethod;
    out.io = { ...config.io, method: s.ioMethod.method, type: s.ioMethod.type, model: s.ioMethod.domestic ? 'domestic' : 'competitive' };
  }
  const coef = s.coefficients ?? {};
  if (Object.keys(coef).length) {
    sectors = { ...sectors };
    for (const [id, b] of Object.entries(coef)) {
      if (!sectors[id]) throw new LocalizedError({ zh: `情景 coefficients.${id}：没有这个消费类别（已有 ${Object.keys(inputs.sectors).join(', ')}）`, en: `scenario coefficients.${id}: no such consumption category (have ${Object.keys(inputs.sectors).join(', ')})` });
      sectors[id] = { ...sectors[id], coefficient: check(`coefficients.${id}`, b) };
    }
  }
  let jobsPerOutput = inputs.jobsPerOutput;
  if (s.jobsPerOutput !== undefined) {
    const v = check('jobsPerOutput', s.jobsPerOutput);
    jobsPerOutput = { method: 'ratio', perYuan: v, formula: L(`情景：每亿元 ${+toDisplay('perYuan', v).toPrecision(6)} 个`, `scenario: ${+toDisplay('perYuan', v).toPrecision(6)} jobs per 10⁸ yuan`), inputs: { perYuan: v }, source: { zh: '在仪表盘情景面板中设定', en: 'set in the dashboard scenario panel' } };
  }
  if (s.additionality && Object.keys(s.additionality).length) out.additionality = withRates(config.additionality, s.additionality);
  return { config: out, inputs: { ...inputs, sectors, ioMethod, jobsPerOutput } };
}

/** The IO methods a scenario may choose, with labels; those the model cannot support are left out. */
export function ioMethodOptions(inputs: StudyInputs): { key: string; label: { zh: string; en: string }; method: IOMethod }[] {
  if (!inputs.model) return [];
  const all: { key: string; label: { zh: string; en: string }; method: IOMethod }[] = [
    { key: 'published', label: { zh: '原报告方法：B 列和（I 型，竞争进口）', en: 'Method of the original report: column sums of B (Type I, competitive-import)' }, method: { method: 'published', type: 'I', domestic: false } },
    { key: 'I-competitive', label: { zh: '里昂惕夫 I 型，竞争进口模型', en: 'Leontief Type I, competitive-import model' }, method: { method: 'leontief', type: 'I', domestic: false } },
    { key: 'I-domestic', label: { zh: '里昂惕夫 I 型，国内模型（扣除进口）', en: 'Leontief Type I, domestic model (imports removed)' }, method: { method: 'leontief', type: 'I', domestic: true } },
    { key: 'II-competitive', label: { zh: '里昂惕夫 II 型（含居民消费），竞争进口', en: 'Leontief Type II (households), competitive-import' }, method: { method: 'leontief', type: 'II', domestic: false } },
    { key: 'II-domestic', label: { zh: '里昂惕夫 II 型（含居民消费），国内模型', en: 'Leontief Type II (households), domestic model' }, method: { method: 'leontief', type: 'II', domestic: true } },
  ];
  return all.filter((o) => {
    try {
      const first = Object.values(inputs.sectors)[0];
      if (first) sectorResponse(inputs.model as NonNullable<StudyInputs['model']>, first.index, o.method);
      return true;
    } catch {
      return false;
    }
  });
}

/** The key of the option equal to an IO method (seed ignores type and model). */
export function ioMethodKey(m: IOMethod): string {
  return m.method === 'published' ? 'published' : `${m.type}-${m.domestic ? 'domestic' : 'competitive'}`;
}
