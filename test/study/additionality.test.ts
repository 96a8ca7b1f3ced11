// Gross → net: the additionality algebra on hand-worked cases (see additionalityFixture.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { netImpact, additionalityFactor } from '../../src/study/model/additionality.ts';
import { surveyDeadweight } from '../../src/study/model/surveyDeadweight.ts';
import { computeStudy } from '../../src/study/model/computeStudy.ts';
import { handStudy, parseNetImpact, inputs, netOf, modelOf } from './additionalityFixture.ts';
import { asLabel } from '../../src/locale/index.ts';

const close = (got: number, want: number, what: string, tol = 1e-9) => assert.ok(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)), `${what}: ${got} ≠ ${want}`);

test('netImpact: gross × (1 − L)(1 − D)(1 − Dp)(1 − S)', () => {
  close(netImpact(1000, { leakage: 0.1, deadweight: 0.2, displacement: 0.25, substitution: 0 }), 540, '1000 × .9 × .8 × .75');
  close(netImpact(80, { leakage: 0, deadweight: 0, displacement: 0, substitution: 0 }), 80, 'no adjustment');
  close(netImpact(80, { leakage: 0, deadweight: 1, displacement: 0, substitution: 0 }), 0, 'all deadweight');
  close(additionalityFactor({ leakage: 0.5, deadweight: 0.5, displacement: 0.5, substitution: 0.5 }), 0.0625, '0.5⁴');
  assert.throws(() => netImpact(1, { leakage: 1.2, deadweight: 0, displacement: 0, substitution: 0 }), /leakage: a rate must be in \[0, 1\], got 1.2/);
  assert.throws(() => netImpact(NaN, { leakage: 0, deadweight: 0, displacement: 0, substitution: 0 }), /gross must be a finite number/);
});

test('surveyDeadweight: spend-weighted share and its SE, by hand', () => {
  const r = surveyDeadweight(Float64Array.from([100, 300]), Float64Array.from([1, 0]), Float64Array.from([1, 1]));
  close(r.estimate, 0.25, 'D̂');
  close(r.se, 0.375, 'se');
  // A missing answer is dropped; three answers: y 100, 200, 100; a 0.5, 0.5, 1 → (50 + 100 + 100)/400.
  const s = surveyDeadweight(Float64Array.from([100, 200, 100, 50]), Float64Array.from([0.5, 0.5, 1, NaN]), Float64Array.from([1, 1, 1, 1]));
  close(s.estimate, 0.625, 'D̂ with a missing answer');
  assert.equal(s.n, 3);
  assert.throws(() => surveyDeadweight(Float64Array.from([1]), Float64Array.from([1]), Float64Array.from([1]), 'cat'), /cat: needs at least 2 answers/);
});

const additionalityYaml = `
additionality:
  source: hand-worked test rates
  illustrative: true
  components:
    default: {leakage: 0.1, deadweight: 0.2, displacement: 0.25, substitution: 0}
    prov: {deadweight: 0.5}
  consumption:
    default: {leakage: 0, deadweight: 0.5, displacement: 0, substitution: 0}
    b: {displacement: 0.2}
`;

test('net figures on the hand study: per component and category, totals, labels', () => {
  const { config, results } = handStudy();
  close(results.figures['jobs.total'].value, 3220, 'gross total (fixture check)');
  const net = parseNetImpact(additionalityYaml, config);
  const f = netOf(config, net);
  const v = (id: string) => f[id].value;
  // prov: 2500 × 0.9 × 0.5 × 0.75 = 843.75; ops: 500 × 0.9 × 0.8 × 0.75 = 270.
  close(v('net.jobs.providers.prov'), 843.75, 'net prov');
  close(v('net.jobs.operators.ops'), 270, 'net ops');
  close(v('net.jobs.direct'), 1113.75, 'net direct');
  // part-time: 1500 × 0.3375 + 300 × 0.54 = 506.25 + 162
  close(v('net.jobs.direct.parttime'), 668.25, 'net part-time');
  close(v('net.jobs.direct.fulltime'), 1113.75 - 668.25, 'net full-time');
  // consumption: a 10000 × 0.5 = 5000 (→ 10000 output); b 4000 × 0.5 × 0.8 = 1600 (→ 800 output)
  close(v('net.consumption.a'), 5000, 'net C_a');
  close(v('net.consumption.b'), 1600, 'net C_b');
  close(v('net.consumption.total'), 6600, 'net consumption');
  close(v('net.output.indirect'), 10800, 'net induced output');
  close(v('net.jobs.indirect'), 108, 'net indirect jobs');
  close(v('net.jobs.total'), 1221.75, 'net total = net direct + net indirect');
  assert.deepEqual(f['net.jobs.providers.prov'].inputs, { gross: 2500, leakage: 0.1, deadweight: 0.5, displacement: 0.25, substitution: 0, factor: 0.3375 });
  assert.match(f['net.jobs.total'].label.en, /^Net additional: Total jobs driven \(illustrative assumptions\)$/);
  assert.match(f['net.jobs.total'].notes?.en ?? '', /ILLUSTRATIVE.*hand-worked test rates/);
  assert.deepEqual(f['net.jobs.total'].from, ['net.jobs.direct', 'net.jobs.indirect']);
  // Gross figures are untouched and no figure mixes gross and net.
  for (const fig of Object.values(f).filter((x) => !asLabel(x.formula).en.startsWith('gross ×'))) for (const src of fig.from) assert.ok(src.startsWith('net.') || src === 'ratio.jobs_per_output' || (fig.id === 'net.jobs.direct.parttime' && src.endsWith('.parttime')), `${fig.id} from ${src}`);
});

test('the model reproduces computeStudy at the central values', () => {
  const { config, results } = handStudy();
  const m = modelOf(config, parseNetImpact(additionalityYaml, config));
  const v = m.evaluate(m.central);
  for (const id of m.outputs.filter((o) => !o.startsWith('net.'))) close(v[id], results.figures[id].value, id);
});

test('a rate distribution enters the point estimate at its mean', () => {
  const { config, results } = handStudy();
  const net = parseNetImpact(
    `additionality:
  source: t
  components: {default: {leakage: 0, deadweight: {dist: triangular, min: 0.1, mode: 0.2, max: 0.6}, displacement: 0, substitution: 0}}`,
    config,
  );
  const f = netOf(config, net);
  close(f['net.jobs.direct'].value, 3000 * (1 - 0.3), 'mean of triangular(0.1, 0.2, 0.6) = 0.3');
  assert.equal(f['net.jobs.total'], undefined, 'no consumption rates → no net indirect or net total');
});

test('survey-based deadweight of consumption', () => {
  const { config } = handStudy();
  // A study whose category is estimated from a consumer questionnaire with an "anyway" share.
  const cfg = { ...config, users: 1000, consumption: { questionnaire: 'c', categories: [{ ...config.consumption.categories[0], total: undefined, field: 'a' }] } };
  cfg.questionnaires = { ...config.questionnaires, c: { key: 'c', yamlPath: 'questionnaires.c', file: 'c.csv', encoding: 'utf-8', id: 'id', columns: { a: { header: 'a' }, anyway: { header: 'anyway', type: 'share' } }, rules: [] } };
  const net = parseNetImpact(
    `additionality:
  source: consumer survey
  consumption:
    a: {leakage: 0, deadweight: {survey: anyway}, displacement: 0, substitution: 0}`,
    cfg,
  );
  const inp = { ...inputs, questionnaires: { ...inputs.questionnaires, c: { key: 'c', file: 'c.csv', rowsRead: 2, valid: 2, rejected: 0, reasons: {}, numbers: { a: Float64Array.from([100, 300]), anyway: Float64Array.from([1, 0]) }, categories: {} } } };
  const f = netOf(cfg, net, inp);
  close(f['net.consumption.a'].value, 200000 * 0.75, 'deadweight 0.25 from the survey');
  assert.throws(() => parseNetImpact('additionality: {source: s, consumption: {a: {leakage: 0, deadweight: {survey: a}, displacement: 0, substitution: 0}}}', cfg), /additionality.consumption.a.deadweight.survey: "a" must be declared with type: share/);
});

test('normalizer errors name the YAML path', () => {
  const { config } = handStudy();
  assert.throws(() => parseNetImpact('additionality: {source: s, components: {nope: {leakage: 0}}}', config), /additionality.components.nope: unknown component "nope"; declared: prov, ops/);
  assert.throws(() => parseNetImpact('additionality: {source: s, components: {prov: {leakage: 0, deadweight: 0, displacement: 0, substitution: 0}}}', config), /no leakage for component "ops"/);
  assert.throws(() => parseNetImpact('additionality: {source: s, components: {default: {leakage: {dist: uniform, min: 0.5, max: 1.5}, deadweight: 0, displacement: 0, substitution: 0}}}', config), /additionality.components.default.leakage: support \[0.5, 1.5\] leaves the allowed range \[0, 1\]/);
  assert.throws(() => parseNetImpact('uncertainty: {seed: 1, draws: 1000, level: 0.9, sampling: none, parameters: {jobs_per_output: {dist: uniform, min: 1, max: 2}}}', config), /jobs_per_output needs `unit`/);
  assert.throws(() => parseNetImpact('uncertainty: {seed: 1, draws: 1000, level: 0.9, sampling: none, parameters: {population.zzz: 5}}', config), /unknown component "zzz"/);
});

test('sector employment coefficients: indirect jobs scale with demand, jobs_per_output cannot vary', () => {
  const { config, results } = handStudy();
  // Pretend jobs come from sector coefficients: 0.03 jobs per yuan of demand for a, 0.001 for b.
  // Jobs from sector coefficients: 0.03 jobs per yuan of demand for a, 0.001 for b.
  const inp = { ...inputs, jobsPerOutput: { method: 'sector' as const, perYuan: NaN, formula: 'sector employment coefficients', inputs: {}, source: { zh: 'test', en: 'test' } }, sectors: { a: { ...inputs.sectors.a, jobs: 0.03 }, b: { ...inputs.sectors.b, jobs: 0.001 } } };
  const f = netOf(config, parseNetImpact(additionalityYaml, config), inp);
  // net C: a 5000, b 1600 → 150 + 1.6
  close(f['net.jobs.indirect'].value, 151.6, 'net indirect jobs by sector intensities');
  assert.deepEqual(f['net.jobs.indirect'].from, ['net.consumption.a', 'net.consumption.b']);
  const m = modelOf(config, parseNetImpact(additionalityYaml, config), inp);
  close(m.evaluate(m.central)['jobs.total'], 3304, 'gross total reproduced');
  assert.equal(results.figures['jobs.total'].value, 3220, 'the ratio study (fixture check)');
  const withJpo = parseNetImpact('uncertainty: {seed: 1, draws: 100, level: 0.9, sampling: none, parameters: {jobs_per_output: {dist: uniform, min: 1, max: 2, unit: persons/万元}}}', config);
  assert.throws(() => modelOf(config, withJpo, inp), /sector employment coefficients here; a single jobs-per-output ratio cannot vary/);
});

test('schema fragments are part of studySchema; the example (with its additionality block) and job_units validate', async () => {
  const { studySchema } = await import('../../src/study/config/schema.ts');
  const { netImpactSchema } = await import('../../src/study/config/schema/netImpact.ts');
  const { jobUnitsSchema } = await import('../../src/study/config/schema/jobUnits.ts');
  const Ajv = (await import('ajv')).default;
  const { parse } = await import('yaml');
  const { readFileSync } = await import('node:fs');
  const own = studySchema.properties as Record<string, unknown>;
  for (const [k, v] of Object.entries({ ...netImpactSchema, ...jobUnitsSchema })) assert.equal(own[k], v, `studySchema.properties.${k} is the fragment`);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(studySchema);
  const md = readFileSync(new URL('../../docs/net-impact.md', import.meta.url), 'utf8');
  const block = /<!-- example-block -->\s*```yaml\n([\s\S]*?)```/.exec(md)![1];
  const study = readFileSync(new URL('../../examples/wechat-2019/study.yaml', import.meta.url), 'utf8');
  assert.ok(study.includes(block.trim()), 'the example carries the documented additionality block');
  const doc = parse(`${study}\njob_units: {fte_basis: {hours_per_week: 40}}\n`) as Record<string, Record<string, unknown>>;
  const bad = { ...doc, uncertainty: { ...doc.uncertainty, sampling: 'bootstrap' } };
  assert.equal(validate(doc), true, JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal(validate(bad), false);
});

test('consumption rates only: net indirect jobs, no net direct or net total', () => {
  const { config, results } = handStudy();
  const f = netOf(config, parseNetImpact('additionality: {source: s, consumption: {default: {leakage: 0, deadweight: 0.5, displacement: 0, substitution: 0}}}', config));
  close(f['net.jobs.indirect'].value, 110, '(10000 × 2 + 4000 × 0.5) × 0.5 × 0.01');
  assert.equal(f['net.jobs.direct'], undefined);
  assert.equal(f['net.jobs.total'], undefined);
});

test('results.additionality names the rates\' source and whether they are illustrative; absent without additionality', () => {
  const { config, results } = handStudy();
  assert.equal(results.additionality, undefined);
  const net = { ...config, ...parseNetImpact(additionalityYaml, config) };
  assert.ok(net.additionality);
  assert.deepEqual(computeStudy(net, inputs).additionality, { source: net.additionality.source, illustrative: net.additionality.illustrative });
});

test('computeStudy with uncertainty: false leaves out the Monte Carlo and changes no figure', () => {
  const { config } = handStudy();
  const net = { ...config, ...parseNetImpact(`${additionalityYaml.replace('displacement: 0.25', 'displacement: {dist: uniform, min: 0.2, max: 0.3}')}uncertainty: {seed: 1, draws: 200, level: 0.9, sampling: none}\n`, config) };
  const full = computeStudy(net, inputs);
  const lean = computeStudy(net, inputs, { uncertainty: false });
  assert.ok(full.uncertainty);
  assert.equal(lean.uncertainty, undefined);
  assert.deepEqual(lean.figures, full.figures);
});
