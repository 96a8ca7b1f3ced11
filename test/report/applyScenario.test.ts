// Scenarios: overrides applied before computeStudy change exactly the dependent figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyScenario } from '../../src/report/applyScenario.ts';
import { computeStudy } from '../../src/study/compute.ts';
import { ioMethodInputs } from '../../src/server/studyPayload.ts';
import { exampleRun } from './example.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

test('doubling N_k doubles that component and moves only the figures built from it', async () => {
  const { prepared, results: base } = await exampleRun();
  const { config } = prepared.study;
  const { inputs } = prepared;
  const wecom = config.providers.find((c) => c.id === 'wecom');
  assert.ok(wecom);
  const s = applyScenario(config, inputs, { population: { wecom: wecom.population * 2 } });
  assert.equal(wecom.population, config.providers.find((c) => c.id === 'wecom')?.population, 'arguments not modified');
  const r = computeStudy(s.config, s.inputs);
  const d = base.figures['jobs.providers.wecom'].value;
  assert.ok(rel(r.figures['jobs.providers.wecom'].value, 2 * d) < 1e-12);
  assert.ok(rel(r.figures['jobs.total'].value, base.figures['jobs.total'].value + d) < 1e-12);
  assert.equal(r.figures['jobs.operators'].value, base.figures['jobs.operators'].value);
  assert.equal(r.figures['jobs.indirect'].value, base.figures['jobs.indirect'].value);
});

test('jobs per output, coefficients and the IO method change indirect jobs as the formula says', async () => {
  const { prepared, results: base } = await exampleRun();
  const { config } = prepared.study;
  const { inputs } = prepared;
  const jpo = 400 / 1e8;
  const r1 = computeStudy(...(Object.values(applyScenario(config, inputs, { jobsPerOutput: jpo })) as [typeof config, typeof inputs]));
  assert.ok(rel(r1.figures['jobs.indirect'].value, base.figures['output.indirect'].value * jpo) < 1e-12);
  const cat = base.consumption[0];
  const r2 = computeStudy(...(Object.values(applyScenario(config, inputs, { coefficients: { [cat.id]: cat.coefficient + 1 } })) as [typeof config, typeof inputs]));
  assert.ok(rel(r2.figures['output.indirect'].value, base.figures['output.indirect'].value + cat.amount) < 1e-12);
  const methods = ioMethodInputs(prepared);
  assert.ok(methods.domestic, 'the NBS table has imports, so the domestic method is offered');
  const r3 = computeStudy(...(Object.values(applyScenario(config, inputs, { ioMethod: 'domestic' }, methods)) as [typeof config, typeof inputs]));
  assert.ok(r3.figures['output.indirect'].value < base.figures['output.indirect'].value, 'domestic multipliers are smaller');
  const expect = base.consumption.reduce((s, c) => s + c.amount * methods.domestic.sectors[c.id].coefficient, 0);
  assert.ok(rel(r3.figures['output.indirect'].value, expect) < 1e-12);
});

test('bad overrides are refused naming the override', async () => {
  const { prepared } = await exampleRun();
  const { config } = prepared.study;
  const { inputs } = prepared;
  assert.throws(() => applyScenario(config, inputs, { population: { nope: 1 } }), /population\.nope: no such component/);
  assert.throws(() => applyScenario(config, inputs, { population: { wecom: -1 } }), /population\.wecom: expected a non-negative number, got -1/);
  assert.throws(() => applyScenario(config, inputs, { coefficients: { nope: 1 } }), /coefficients\.nope: no such consumption category/);
  assert.throws(() => applyScenario(config, inputs, { ioMethod: 'x' }), /unknown method "x"/);
  assert.throws(() => applyScenario(config, inputs, { jobsPerOutput: NaN }), /jobsPerOutput/);
});
