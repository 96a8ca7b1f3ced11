// A 12-questionnaire study worked by hand (6 provider and 6 operator questionnaires, 3 consumers):
//   providers, N = 600, n = 6, w = 100:
//     e·r = 5, 5, 5, 4, 6, 0 → Σ = 25 → jobs = 2500
//     e·r·(1 − f) = 0, 2.5, 2, 3, 0, 0 → Σ = 7.5 → part-time = 750, full-time = 1750
//   operators, M = 1000: Σ accounts = 10, Σ staff = 12 → jobs = 1.2 × 1000 = 1200
//     Σ staff·(1 − f) = 1 + 0 + 0 + 1 + 1 + 1 = 4 → part-time = 0.4 × 1000 = 400
//   direct = 3700 (part 1150, full 2550)
//   consumption: a = 1000 × mean(10, 30, 20) = 20000 (b = 1.5 → 30000); b = 5000 given (b = 0.8 → 4000)
//   induced output = 34000; jobs per yuan 0.001 → indirect = 34; total = 3734
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStudy } from '../../src/study/config/parseStudy.ts';
import { computeStudy } from '../../src/study/model/computeStudy.ts';
import type { StudyInputs, QuestionnaireData } from '../../src/study/types.ts';
import { providerJobs, operatorJobs } from './seedFormulas.ts';
import { consumptionTotal } from './seedFormulas.ts';
import { inducedOutput } from '../../src/study/model/inducedOutput.ts';
import { explain } from '../../src/study/model/explain.ts';
import { displayValue } from '../../src/locale/index.ts';

const yaml = `
study: {name: {zh: 手算, en: By hand}, year: 2019}
population: {users: 1000}
questionnaires:
  p: {file: p.csv, id: id, columns: {type: t, employees: e, related_share: r, fulltime_share: f}}
  o: {file: o.csv, id: id, columns: {accounts: a, staff: s, fulltime_share: f}}
  c: {file: c.csv, id: id, columns: {a: a}}
components:
  providers:
    - {id: prov, label: {zh: 服务商, en: Providers}, questionnaire: p, where: {type: x}, population: 600, groups: [g]}
  operators:
    - {id: ops, label: {zh: 运营者, en: Operators}, questionnaire: o, population: "0.1万", groups: [g]}
groups: {g: {label: {zh: 组, en: Group}}}
consumption:
  questionnaire: c
  categories:
    - {id: a, kind: information, sector: 123, field: a, label: {zh: 甲, en: A}}
    - {id: b, kind: traditional, sector: 120, total: 5000, label: {zh: 乙, en: B}}
io: {method: published, coefficients: {"123": 1.5, "120": 0.8}}
jobs_per_output: {method: ratio, value: 0.001, unit: persons/yuan}
`;

const q = (key: string, numbers: Record<string, number[]>, categories: Record<string, string[]> = {}): QuestionnaireData => {
  const n = Object.values(numbers)[0].length;
  return {
    key,
    file: `${key}.csv`,
    rowsRead: n + 1,
    valid: n,
    rejected: 1,
    reasons: { 'share-out-of-range': 1 },
    numbers: Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, Float64Array.from(v)])),
    categories,
  };
};

const inputs: StudyInputs = {
  questionnaires: {
    // The 7th provider row has type y and must be ignored by `where: {type: x}`.
    p: q('p', { employees: [10, 20, 5, 40, 8, 17, 99], related_share: [0.5, 0.25, 1, 0.1, 0.75, 0, 1], fulltime_share: [1, 0.5, 0.6, 0.25, 1, 0.3, 0] }, { type: ['x', 'x', 'x', 'x', 'x', 'x', 'y'] }),
    o: q('o', { accounts: [1, 2, 1, 3, 1, 2], staff: [2, 3, 0, 4, 1, 2], fulltime_share: [0.5, 1, 0.3, 0.75, 0, 0.5] }),
    c: q('c', { a: [10, 30, 20] }),
  },
  sectors: {
    a: { code: '123', index: 122, name: { zh: '互联网', en: 'Internet' }, coefficient: 1.5, jobs: null, valueAdded: { competitive: null, domestic: null } },
    b: { code: '120', index: 119, name: { zh: '餐饮', en: 'Catering' }, coefficient: 0.8, jobs: null, valueAdded: { competitive: null, domestic: null } },
  },
  ioSource: { zh: 'test coefficients', en: 'test coefficients' },
  ioMethod: { method: 'published', type: 'I', domestic: false },
  model: null,
  jobsPerOutput: { method: 'ratio', perYuan: 0.001, formula: '0.001 persons/yuan', inputs: {}, source: { zh: 'test', en: 'test' } },
  version: 'test',
};

test('hand-worked 12-questionnaire study: every figure', () => {
  const config = parseStudy(yaml, 'hand.yaml');
  const r = computeStudy(config, inputs);
  const v = (id: string) => r.figures[id].value;
  const close = (id: string, want: number) => assert.ok(Math.abs(v(id) - want) < 1e-9 * Math.max(1, want), `${id}: ${v(id)} ≠ ${want}`);
  close('jobs.providers.prov', 2500);
  close('jobs.providers.prov.parttime', 750);
  close('jobs.providers.prov.fulltime', 1750);
  close('jobs.operators.ops', 1200);
  close('jobs.operators.ops.parttime', 400);
  close('jobs.providers', 2500);
  close('jobs.operators', 1200);
  close('jobs.direct', 3700);
  close('jobs.direct.parttime', 1150);
  close('jobs.direct.fulltime', 2550);
  close('jobs.group.g', 3700);
  close('consumption.a', 20000);
  close('consumption.b', 5000);
  close('consumption.information', 20000);
  close('consumption.traditional', 5000);
  close('consumption.total', 25000);
  close('output.indirect.a', 30000);
  close('output.indirect', 34000);
  close('jobs.indirect', 34);
  close('jobs.total', 3734);
  close('share.providers', 2500 / 3734);
  assert.equal(r.components[0].n, 6);
  assert.equal(r.quality.length, 3);
  for (const f of Object.values(r.figures)) {
    assert.ok(f.label.zh && f.label.en && f.formula, `${f.id} has labels and a formula`);
    for (const dep of f.from) assert.ok(r.figures[dep], `${f.id} depends on existing ${dep}`);
  }
  assert.match(r.figures['output.indirect'].label.en, /Induced output \(the original report's 'indirect GDP'\)/);
});

test('explain walks the derivation with numbers', () => {
  const r = computeStudy(parseStudy(yaml, 'hand.yaml'), inputs);
  const text = explain(r, 'jobs.total', 'en', displayValue);
  assert.match(text, /jobs\.total {2}Total jobs driven = [0-9.]+ thousand jobs/);
  assert.match(text, /output\.indirect/);
  assert.match(text, /b = 1\.5/);
  assert.throws(() => explain(r, 'jobs.nope', 'en', displayValue), /unknown figure id "jobs.nope"/);
});

test('formula functions on their documented examples and failure cases', () => {
  const f = (xs: number[]) => Float64Array.from(xs);
  assert.deepEqual(providerJobs(100, { employees: f([10, 20]), relatedShare: f([0.5, 0.25]), fulltimeShare: f([1, 0.4]) }), { n: 2, jobs: 500, parttime: 150, fulltime: 350 });
  assert.deepEqual(operatorJobs(1000, { accounts: f([2, 3]), staff: f([4, 6]), fulltimeShare: f([0.5, 1]) }), { n: 2, jobs: 2000, parttime: 400, fulltime: 1600 });
  assert.equal(consumptionTotal(1000, f([10, 30])), 20000);
  assert.equal(inducedOutput(100, 1.5), 150);
  assert.throws(() => providerJobs(10, { employees: f([]), relatedShare: f([]), fulltimeShare: f([]) }, 'wecom'), /wecom: no valid provider questionnaire/);
  assert.throws(() => operatorJobs(10, { accounts: f([0]), staff: f([1]), fulltimeShare: f([1]) }, 'oa'), /oa: the surveyed accounts sum to 0/);
  assert.throws(() => inducedOutput(-1, 1, 'x'), /x: consumption must be/);
  assert.throws(() => inducedOutput(1, Infinity, 'x'), /x: coefficient must be finite/);
});

test('a component whose where-field is not a category field fails naming it', () => {
  const bad = yaml.replace('where: {type: x}', 'where: {kind: x}');
  assert.throws(() => computeStudy(parseStudy(bad, 'hand.yaml'), inputs), /components\.providers\[0\] \(prov\): where: "kind" is not a mapped category field of questionnaire "p"/);
});
