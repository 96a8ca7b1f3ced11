import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseStudy, ConfigError } from '../../src/study/config/parseStudy.ts';
import { parseQuantity } from '../../src/locale/index.ts';

const example = readFileSync(new URL('../../examples/wechat-2019/study.yaml', import.meta.url), 'utf8');

test('the bundled example parses; quantities with Chinese units become base units', () => {
  const c = parseStudy(example, 'study.yaml');
  assert.equal(c.users, 1_202_500_000);
  assert.equal(c.operators[0].population, 20_000_000);
  assert.equal(c.providers.length, 3);
  assert.equal(c.consumption.categories.length, 9);
  assert.ok(c.jobsPerOutput.method === 'ratio' && Math.abs(c.jobsPerOutput.perYuan - 319.97e-8) < 1e-20);
  assert.deepEqual(c.questionnaires.providers.columns.employees, { header: '员工总数' });
  assert.equal(c.questionnaires.providers.columns.region.type, 'category');
});

test('parseQuantity: units 万 and 亿, thousands separators, and rejects nonsense', () => {
  assert.equal(parseQuantity('1973亿元', 'x'), 197_300_000_000);
  assert.equal(parseQuantity('2601万', 'x'), 26_010_000);
  assert.equal(parseQuantity('12.025亿', 'x'), 1_202_500_000);
  assert.equal(parseQuantity('21,000', 'x'), 21000);
  assert.equal(parseQuantity(42, 'x'), 42);
  assert.throws(() => parseQuantity('lots', 'components.providers[0].population'), /components\.providers\[0\]\.population: expected a number or a quantity/);
});

/** Replace one line of the example and return the ConfigError (asserting the line it names). */
function errorFor(find: string, replace: string): ConfigError {
  const text = example.replace(find, replace);
  assert.notEqual(text, example, `fixture: "${find}" not found`);
  try {
    parseStudy(text, 'study.yaml');
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e;
  }
  assert.fail('expected a ConfigError');
}
const lineOf = (needle: string, text = example) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('malformed YAML names the file and line', () => {
  const e = errorFor('  year: 2019', '  year: [2019');
  assert.match(e.message, /^study\.yaml:\d+: .*malformed YAML/);
});

test('a wrong type names the YAML path and its line', () => {
  const e = errorFor('population: 21000       # third-party partners (report)', 'population: many');
  assert.equal(e.yamlPath, 'components.providers[0].population');
  assert.equal(e.line, lineOf('population: 21000'));
  assert.match(e.message, /expected a number or a quantity/);
});

test('unknown keys, missing keys, bad enums and dangling references are named', () => {
  let e = errorFor('  method: published ', '  method: published\n  methd: x ');
  assert.match(e.message, /io\.methd: unknown key "methd"/);
  // The old word for the original report's method names its replacement, with the line.
  e = errorFor('  method: published ', '  method: seed ');
  assert.match(e.message, /io\.method: "seed" is now called "published" \(the original report's method, the same numbers\): write `method: published`/);
  assert.equal(e.line, lineOf('  method: published '));
  e = errorFor('jobs_per_output:\n  method: ratio', 'jobs_per_output:\n  method: guess');
  assert.match(e.message, /jobs_per_output\.method: expected one of "ratio", "national"/);
  e = errorFor('questionnaire: operators\n      where: {account_type: 公众号}', 'questionnaire: operatorz\n      where: {account_type: 公众号}');
  assert.match(e.message, /components\.operators\[0\]\.questionnaire: unknown questionnaire "operatorz"/);
  assert.equal(e.line, lineOf('where: {account_type: 公众号}') - 1);
  e = errorFor('  - id: pay', '  - id: wecom');
  assert.match(e.message, /duplicate id "wecom"/);
  e = errorFor('study:\n', 'studdy:\n');
  assert.match(e.message, /unknown key "studdy"|missing required key "study"/);
  e = errorFor('field: traffic,', 'field: traffic, total: 5,');
  assert.match(e.message, /exactly one of `field`/);
});
