// When the consumer questionnaire is read as sufficient statistics instead of rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseStudy } from '../../src/study/config/parseStudy.ts';
import { readAsMoments } from '../../src/study/inputs/index.ts';

const example = readFileSync(new URL('../../examples/wechat-2019/study.yaml', import.meta.url), 'utf8');
const parse = (text: string) => parseStudy(text, 'study.yaml');

test('the example reads consumers as moments, providers and operators as rows', () => {
  const c = parse(example);
  assert.equal(readAsMoments(c, 'consumers'), true);
  assert.equal(readAsMoments(c, 'providers'), false);
  assert.equal(readAsMoments(c, 'operators'), false);
});

test('an indicator or a survey-based rate on the consumer questionnaire needs its rows', () => {
  const withIndicator = example.replace(
    'indicators:                   # published',
    'indicators:\n  - {id: heavy_traffic, label: {zh: 甲, en: A}, questionnaire: consumers, proportion: {field: traffic, above: 500}}\n# published',
  );
  assert.equal(readAsMoments(parse(withIndicator), 'consumers'), false);
  const withSurveyRate = example
    .replace('      health: 医疗（元/年）', '      health: 医疗（元/年）\n      anyway: {header: 本来也会消费的比例, type: share}')
    .replace('    traffic: {deadweight: {dist: uniform, min: 0.6, max: 0.9}}', '    traffic: {deadweight: {survey: anyway}}');
  assert.notEqual(withSurveyRate, example);
  assert.equal(readAsMoments(parse(withSurveyRate), 'consumers'), false);
});
