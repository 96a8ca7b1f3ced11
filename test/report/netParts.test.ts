// Words and numbers of the net-impact and uncertainty parts, on the bundled example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { additionalitySource, ciLabel, distributionText, levelPct, mcLabel, netItems, netPairIds, parameterKind, parameterLabel } from '../../src/report/netParts.ts';
import { rateParameters, withRates } from '../../src/study/model/applyScenario.ts';
import { exampleRun } from './example.ts';

test('levels as percent text without float noise', () => {
  assert.equal(levelPct(0.95), '95');
  assert.equal(levelPct(0.995), '99.5');
  assert.equal(levelPct((1 - 0.95) / 2), '2.5');
  assert.deepEqual(ciLabel(0.9), { zh: '90% 置信区间', en: '90% CI' });
  assert.deepEqual(mcLabel(0.8), { zh: '80% 区间（假设＋抽样）', en: '80% interval (assumptions + sampling)' });
});

test('distributions and parameters in words, with the kind of their values', async () => {
  const { results } = await exampleRun();
  assert.equal(distributionText({ dist: 'triangular', min: 0.2, mode: 0.4, max: 0.6 }), 'triangular(0.2, 0.4, 0.6)');
  assert.equal(distributionText({ dist: 'uniform', min: 0.6, max: 0.9 }), 'uniform(0.6, 0.9)');
  assert.deepEqual(parameterLabel(results, 'additionality.components.default.displacement'), { zh: '挤出率（直接就业组成部分的默认值）', en: 'displacement rate (default for direct-jobs components)' });
  assert.deepEqual(parameterLabel(results, 'additionality.consumption.traffic.deadweight'), { zh: '无谓效应（流量消费）', en: 'deadweight rate (Mobile data traffic)' });
  assert.equal(parameterLabel(results, 'sampling.jobs.providers.pay').en, `Sampling error: ${results.figures['jobs.providers.pay'].label.en}`);
  assert.equal(parameterLabel(results, 'population.pay').en, 'Population count: WeChat Pay service providers');
  assert.equal(parameterLabel(results, 'no.such.thing').en, 'no.such.thing');
  assert.equal(parameterKind(results, 'additionality.components.default.displacement'), 'ratio');
  assert.equal(parameterKind(results, 'sampling.consumption.traffic'), 'yuan');
  assert.equal(parameterKind(results, 'sampling.jobs.providers.pay'), 'persons');
  assert.equal(parameterKind(results, 'jobs_per_output'), 'perYuan');
});

test('net items carry the rates their net figure used; pairs only where both figures exist', async () => {
  const { results, prepared } = await exampleRun();
  const items = netItems(results);
  assert.equal(items.length, results.components.length + results.consumption.length);
  const wecom = items.find((i) => i.id === 'wecom');
  assert.ok(wecom);
  assert.deepEqual(wecom.rates, { leakage: 0, deadweight: 0.3, displacement: results.figures['net.jobs.providers.wecom'].inputs.displacement as number, substitution: 0.1 });
  assert.equal(wecom.parameters.displacement, 'additionality.components.default.displacement');
  assert.equal(items.find((i) => i.id === 'traffic')?.parameters.deadweight, 'additionality.consumption.traffic.deadweight');
  for (const id of netPairIds(results)) assert.ok(results.figures[`net.${id}`]);
  assert.deepEqual(additionalitySource(results), { source: prepared.study.config.additionality?.source, illustrative: true });
  assert.deepEqual(results.additionality, { source: prepared.study.config.additionality?.source, illustrative: true });
  // The field wins over the notes; results written before the field existed fall back to the notes.
  assert.deepEqual(additionalitySource({ ...results, additionality: { source: 'survey of 2020', illustrative: false } }), { source: { zh: 'survey of 2020', en: 'survey of 2020' }, illustrative: false });
  const { additionality: _, ...legacy } = results;
  assert.deepEqual(additionalitySource(legacy), { source: prepared.study.config.additionality?.source, illustrative: true });
  // Shared parameters listed once, with the items using them.
  const rps = rateParameters(prepared.study.config.additionality);
  const disp = rps.find((p) => p.parameter === 'additionality.components.default.displacement');
  assert.deepEqual(disp?.items, results.components.map((c) => c.id));
  assert.equal(withRates(prepared.study.config.additionality, {}), prepared.study.config.additionality, 'no override: same object');
});
