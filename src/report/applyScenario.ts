// A scenario of the dashboard: overrides of a study's inputs, applied before computeStudy.
// Pure; the dashboard (in a Web Worker) and the tests apply the same function.
import type { StudyConfig, StudyInputs, SectorCoefficient } from '../study/types.ts';

/** Coefficients b_s of one IO method for every consumption category (prepared by the server). */
export interface IOMethodInputs {
  label: { zh: string; en: string };
  ioSource: string;
  sectors: Record<string, SectorCoefficient>;
}

export interface Scenario {
  /** Component id → population N_k (providers) or M_j (accounts). */
  population?: Record<string, number>;
  /** Platform users U (consumption estimated from the consumer questionnaire scales with it). */
  users?: number;
  /** Consumption category id → coefficient b_s (applied after the IO method). */
  coefficients?: Record<string, number>;
  /** Jobs per yuan of induced output. */
  jobsPerOutput?: number;
  /** Key of `ioMethods` whose coefficients replace the study's. */
  ioMethod?: string;
}

/**
 * applyScenario(config, inputs, scenario, ioMethods) → {config, inputs} with the overrides applied
 * (new objects; the arguments are not modified). Errors name the override: an unknown component or
 * category id, an unknown IO method, a negative or non-finite value.
 * Example: applyScenario(c, i, {population: {wecom: 42000}}) doubles N_k of wecom, so
 * jobs.providers.wecom doubles after computeStudy.
 */
export function applyScenario(config: StudyConfig, inputs: StudyInputs, s: Scenario, ioMethods: Record<string, IOMethodInputs> = {}): { config: StudyConfig; inputs: StudyInputs } {
  const check = (what: string, v: number) => {
    if (!Number.isFinite(v) || v < 0) throw new Error(`scenario ${what}: expected a non-negative number, got ${v}`);
    return v;
  };
  const pop = s.population ?? {};
  const ids = new Set([...config.providers, ...config.operators].map((c) => c.id));
  for (const id of Object.keys(pop)) if (!ids.has(id)) throw new Error(`scenario population.${id}: no such component (have ${[...ids].join(', ')})`);
  const withPop = (cs: StudyConfig['providers']) => cs.map((c) => (pop[c.id] === undefined ? c : { ...c, population: check(`population.${c.id}`, pop[c.id]) }));
  const out: StudyConfig = { ...config, providers: withPop(config.providers), operators: withPop(config.operators) };
  if (s.users !== undefined) {
    if (config.users === undefined) throw new Error('scenario users: the study declares no platform users');
    out.users = check('users', s.users);
  }

  let sectors = inputs.sectors;
  let ioSource = inputs.ioSource;
  if (s.ioMethod !== undefined) {
    const m = ioMethods[s.ioMethod];
    if (!m) throw new Error(`scenario ioMethod: unknown method "${s.ioMethod}" (have ${Object.keys(ioMethods).join(', ') || 'none'})`);
    sectors = m.sectors;
    ioSource = m.ioSource;
  }
  const coef = s.coefficients ?? {};
  if (Object.keys(coef).length) {
    sectors = { ...sectors };
    for (const [id, b] of Object.entries(coef)) {
      if (!sectors[id]) throw new Error(`scenario coefficients.${id}: no such consumption category (have ${Object.keys(inputs.sectors).join(', ')})`);
      sectors[id] = { ...sectors[id], coefficient: check(`coefficients.${id}`, b) };
    }
  }
  let jobsPerOutput = inputs.jobsPerOutput;
  if (s.jobsPerOutput !== undefined) {
    const v = check('jobsPerOutput', s.jobsPerOutput);
    jobsPerOutput = { perYuan: v, formula: `scenario: ${+(v * 1e8).toPrecision(6)} persons/亿元`, inputs: { perYuan: v }, source: 'set in the dashboard scenario panel' };
  }
  return { config: out, inputs: { ...inputs, sectors, ioSource, jobsPerOutput } };
}
