// A small study worked by hand for the net-impact tests (not a test file itself).
//   provider "prov", N = 200, n = 2, w = 100: e·r = 10, 15 → jobs 2500; e·r·(1 − f) = 0, 15 → part-time 1500
//   operator "ops", M = 500: Σ staff / Σ accounts = 5/5 → jobs 500; Σ staff·(1 − f) = 3 → part-time 300
//   consumption a = 10000 (b 2.0 → 20000), b = 4000 (b 0.5 → 2000); output 22000; 0.01 jobs/yuan → 220
//   direct 3000, total 3220.
import Ajv from 'ajv';
import { parse } from 'yaml';
import { parseStudy, formatPath } from '../../src/study/config/parseStudy.ts';
import { computeStudy } from '../../src/study/model/computeStudy.ts';
import { studyFigureModel } from '../../src/study/model/studyFigureModel.ts';
import { studyUncertainty, type StudyUncertaintyOptions } from '../../src/study/model/studyUncertainty.ts';
import { netImpactSchema } from '../../src/study/config/schema/netImpact.ts';
import { normalizeNetImpact } from '../../src/study/config/netImpactConfig.ts';
import { englishText, type ErrorWords } from '../../src/locale/index.ts';
import type { NetImpactConfig } from '../../src/study/types.ts';
import type { StudyConfig, StudyInputs, StudyResults } from '../../src/study/types.ts';

export const studyYaml = `
study: {name: {zh: 净效应手算, en: Net impact by hand}, year: 2019}
population: {users: 1000}
questionnaires:
  p: {file: p.csv, id: id, columns: {employees: e, related_share: r, fulltime_share: f, kind: k}}
  o: {file: o.csv, id: id, columns: {accounts: a, staff: s, fulltime_share: f}}
components:
  providers:
    - {id: prov, label: {zh: 服务商, en: Providers}, questionnaire: p, where: {kind: x}, population: 200}
  operators:
    - {id: ops, label: {zh: 运营者, en: Operators}, questionnaire: o, population: 500}
consumption:
  categories:
    - {id: a, kind: information, sector: 123, total: 10000, label: {zh: 甲, en: A}}
    - {id: b, kind: traditional, sector: 120, total: 4000, label: {zh: 乙, en: B}}
io: {method: published, coefficients: {"123": 2.0, "120": 0.5}}
jobs_per_output: {method: ratio, value: 0.01, unit: persons/yuan}
`;

const f64 = (v: number[]) => Float64Array.from(v);
export const inputs: StudyInputs = {
  questionnaires: {
    p: { key: 'p', file: 'p.csv', rowsRead: 2, valid: 2, rejected: 0, reasons: {}, numbers: { employees: f64([10, 30]), related_share: f64([1, 0.5]), fulltime_share: f64([1, 0]) }, categories: { kind: ['x', 'x'] } },
    o: { key: 'o', file: 'o.csv', rowsRead: 2, valid: 2, rejected: 0, reasons: {}, numbers: { accounts: f64([1, 4]), staff: f64([2, 3]), fulltime_share: f64([1, 0]) }, categories: {} },
  },
  sectors: {
    a: { code: '123', index: 122, name: { zh: '甲', en: 'A' }, coefficient: 2.0, jobs: null, valueAdded: { competitive: null, domestic: null } },
    b: { code: '120', index: 119, name: { zh: '乙', en: 'B' }, coefficient: 0.5, jobs: null, valueAdded: { competitive: null, domestic: null } },
  },
  ioSource: { zh: 'test coefficients', en: 'test coefficients' },
  ioMethod: { method: 'published', type: 'I', domestic: false },
  model: null,
  jobsPerOutput: { method: 'ratio', perYuan: 0.01, formula: '0.01 persons/yuan', inputs: {}, source: { zh: 'test', en: 'test' } },
  version: 'test',
};

const validate = new Ajv({ allErrors: true, strict: false }).compile({ type: 'object', properties: netImpactSchema });

/** Parse the additionality/uncertainty YAML as config.ts will once hooked: schema, then normalizer. */
export function parseNetImpact(text: string, config: StudyConfig): NetImpactConfig {
  const raw = parse(text) as Record<string, unknown>;
  const fail = (path: (string | number)[], detail: ErrorWords): never => {
    throw new Error(`${formatPath(path)}: ${englishText(detail)}`);
  };
  if (!validate(raw)) {
    const e = validate.errors?.[0];
    throw new Error(`schema: ${e?.instancePath} ${e?.message}`);
  }
  return normalizeNetImpact(raw, fail, config);
}

export function handStudy(): { config: StudyConfig; results: StudyResults } {
  const config = parseStudy(studyYaml, 'net.yaml');
  return { config, results: computeStudy(config, inputs) };
}

/** The study with these additionality / uncertainty sections in place of its own. */
export const withNet = (config: StudyConfig, net: NetImpactConfig): StudyConfig => ({ ...config, ...net });

/** The net.* figures of the study under `net` (computeStudy without the Monte Carlo). */
export function netOf(config: StudyConfig, net: NetImpactConfig, inp: StudyInputs = inputs): StudyResults['figures'] {
  const f = computeStudy(withNet(config, net), inp, { uncertainty: false }).figures;
  return Object.fromEntries(Object.entries(f).filter(([id]) => id.startsWith('net.')));
}

/** The run's one model of the study under `net`. */
export const modelOf = (config: StudyConfig, net: NetImpactConfig, inp: StudyInputs = inputs) => studyFigureModel(withNet(config, net), inp).model;

/** The uncertainty analysis of the study under `net`. */
export function uncertaintyOf(config: StudyConfig, net: NetImpactConfig, inp: StudyInputs = inputs, options: StudyUncertaintyOptions = {}) {
  const c = withNet(config, net);
  return studyUncertainty(c, studyFigureModel(c, inp), options);
}
