// Scenarios: overrides applied before computeStudy change exactly the dependent figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyScenario } from '../../src/study/model/applyScenario.ts';
import { computeStudy } from '../../src/study/model/computeStudy.ts';
import { ioMethodOptions } from '../../src/study/model/applyScenario.ts';
import { runStudy } from '../../src/cli/runStudy.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import { mkdtempSync, cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

test('jobs per output and coefficients change indirect jobs as the formula says', async () => {
  const { prepared, results: base } = await exampleRun();
  const { config } = prepared.study;
  const { inputs } = prepared;
  const jpo = 400 / 1e8;
  const a = applyScenario(config, inputs, { jobsPerOutput: jpo });
  const r1 = computeStudy(a.config, a.inputs);
  assert.ok(rel(r1.figures['jobs.indirect'].value, base.figures['output.indirect'].value * jpo) < 1e-12);
  const cat = base.consumption[0];
  const b = applyScenario(config, inputs, { coefficients: { [cat.id]: cat.coefficient + 1 } });
  const r2 = computeStudy(b.config, b.inputs);
  assert.ok(rel(r2.figures['output.indirect'].value, base.figures['output.indirect'].value + cat.amount) < 1e-12);
});

test('changing the IO method gives the figures of the study run with that method', async () => {
  const { prepared } = await exampleRun();
  const options = ioMethodOptions(prepared.inputs);
  assert.deepEqual(options.map((o) => o.key).slice(0, 3), ['published', 'I-competitive', 'I-domestic']);
  const m = { method: 'leontief' as const, type: 'I' as const, domestic: true };
  const s = applyScenario(prepared.study.config, prepared.inputs, { ioMethod: m });
  const viaScenario = computeStudy(s.config, s.inputs);
  // The same study file with io.method leontief, model domestic, prepared and run from disk.
  const dir = mkdtempSync(join(tmpdir(), 'spillover-io-'));
  try {
    cpSync(dirname(DEFAULT_STUDY), dir, { recursive: true });
    const yaml = readFileSync(join(dir, 'study.yaml'), 'utf8');
    const changed = yaml.replace(/^(\s*)method: published\b.*$/m, '$1method: leontief\n$1model: domestic');
    assert.notEqual(changed, yaml);
    writeFileSync(join(dir, 'study.yaml'), changed);
    const { results } = await runStudy(join(dir, 'study.yaml'));
    for (const id of ['output.indirect', 'jobs.indirect', 'jobs.total']) assert.ok(rel(viaScenario.figures[id].value, results.figures[id].value) < 1e-12, id);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad overrides are refused naming the override', async () => {
  const { prepared } = await exampleRun();
  const { config } = prepared.study;
  const { inputs } = prepared;
  assert.throws(() => applyScenario(config, inputs, { population: { nope: 1 } }), /population\.nope: no such component/);
  assert.throws(() => applyScenario(config, inputs, { population: { wecom: -1 } }), /population\.wecom: expected a non-negative number, got -1/);
  assert.throws(() => applyScenario(config, inputs, { coefficients: { nope: 1 } }), /coefficients\.nope: no such consumption category/);
  assert.throws(() => applyScenario(config, { ...inputs, model: null }, { ioMethod: { method: 'leontief', type: 'I', domestic: false } }), /no IO model/);
  assert.deepEqual(ioMethodOptions({ ...inputs, model: null }), [], 'coefficients given directly: no method to choose');
  assert.throws(() => applyScenario(config, inputs, { jobsPerOutput: NaN }), /jobsPerOutput/);
});

test('an additionality rate set in a scenario gives the net figures of the study file stating that rate', async () => {
  const { prepared, results: base } = await exampleRun();
  const { config } = prepared.study;
  const id = 'additionality.components.default.displacement';
  const s = applyScenario(config, prepared.inputs, { additionality: { [id]: 0.5 } });
  assert.ok(config.additionality?.components.wecom.displacement.distribution?.dist === 'triangular', 'arguments not modified');
  const viaScenario = computeStudy({ ...s.config, uncertainty: undefined }, s.inputs);
  // Gross unchanged; net direct jobs scale by (1 − 0.5) / (1 − 0.4) (triangular(0.2, 0.4, 0.6) has mean 0.4).
  assert.equal(viaScenario.figures['jobs.direct'].value, base.figures['jobs.direct'].value);
  assert.ok(rel(viaScenario.figures['net.jobs.direct'].value, (base.figures['net.jobs.direct'].value * 0.5) / 0.6) < 1e-12);
  const dir = mkdtempSync(join(tmpdir(), 'spillover-rate-'));
  try {
    cpSync(dirname(DEFAULT_STUDY), dir, { recursive: true });
    const yaml = readFileSync(join(dir, 'study.yaml'), 'utf8');
    const changed = yaml.replace(/displacement: \{dist: triangular, min: 0\.2, mode: 0\.4, max: 0\.6\}/, 'displacement: 0.5');
    assert.notEqual(changed, yaml);
    writeFileSync(join(dir, 'study.yaml'), changed);
    const { results } = await runStudy(join(dir, 'study.yaml'));
    for (const id of ['net.jobs.direct', 'net.jobs.total', 'net.jobs.providers.wecom']) assert.ok(rel(viaScenario.figures[id].value, results.figures[id].value) < 1e-12, id);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => applyScenario(config, prepared.inputs, { additionality: { 'additionality.components.nope.leakage': 0.1 } }), /additionality\.components\.nope\.leakage: no component or category uses/);
  assert.throws(() => applyScenario(config, prepared.inputs, { additionality: { [id]: 1.5 } }), /expected a rate in \[0, 1\], got 1\.5/);
});
