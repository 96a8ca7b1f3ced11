// The study file's faults in zh and en: the same place (file, line, YAML path), the words in the
// command's language. Schema errors (ajv), the YAML parser's syntax errors, cross-checks, quantities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStudy } from '../../src/study/config/index.ts';
import { errorText, parseQuantity } from '../../src/locale/index.ts';
import { parseTransactions } from '../../src/study/vouchers/config.ts';
import { readFileSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;
const example = readFileSync(`${root}examples/wechat-2019/study.yaml`, 'utf8');

function both(text: string): { zh: string; en: string } {
  try {
    parseStudy(text, 's.yaml');
  } catch (e) {
    return { zh: errorText(e, 'zh'), en: errorText(e, 'en') };
  }
  throw new Error('no error');
}

const LATIN_WORD = /(?<![\w./:"`-])[A-Za-z]{3,}(?![\w./:"`-])/g;
/** Latin words of a zh message outside quotes, backticks, paths and ids (which are names). */
const latinWords = (zh: string) => zh.replace(/"[^"]*"|`[^`]*`|\S+[.:/]\S*|\[[^\]]*\]|\w+(, \w+)+/g, ' ').match(LATIN_WORD) ?? [];

test('study-file errors: zh and en words at the same place', () => {
  const cases: [string, RegExp, RegExp][] = [
    [example.replace(/^study:/m, 'studdy:'), /^s\.yaml:\d+：studdy：未知的键 "studdy"；是否要写 "study"？/, /^s\.yaml:\d+: studdy: unknown key "studdy"; did you mean "study"\?/],
    [example.replace(/method: published/, 'method: seed'), /io\.method："seed" 已改名为 "published"/, /io\.method: "seed" is now called "published"/],
    [example.replace(/method: published/, 'method: leontif'), /io\.method：应为以下之一："published", "leontief"/, /io\.method: expected one of "published", "leontief"/],
    [example.replace(/^( *)year: 2019/m, '$1year: "last"'), /study\.year：应为整数/, /study\.year: must be integer/],
    [example.replace(/users: .*/, 'users: 很多'), /population\.users：应为数字，或 "1973亿元"/, /population\.users: expected a number or a quantity/],
    ['study:\n  name: x\n   year: 2019\n', /^s\.yaml:2：（顶层）：YAML 格式错误：/, /^s\.yaml:2: \(top level\): malformed YAML: a key nested/],
    ['a: 1\na: 2\n', /YAML 格式错误：同一个键写了两次/, /malformed YAML: the same key is given twice/],
    ['- 1\n', /^s\.yaml:1：（顶层）：顶层应为映射/, /expected a mapping \(key: value\) at the top level/],
  ];
  for (const [text, zh, en] of cases) {
    const m = both(text);
    assert.match(m.zh, zh);
    assert.match(m.en, en);
    assert.deepEqual(latinWords(m.zh), [], m.zh);
    assert.doesNotMatch(m.en.replace(/"[^"]*"/g, ''), /\p{Script=Han}/u, m.en); // quoted: the study file's own syntax ("1973亿元")
  }
});

test('a quantity the study file cannot read, and a cross-check, in both languages', () => {
  const m = both(example.replace(/jobs\.total: 2963万/, 'jobs.total: 2963万美元'));
  assert.match(m.zh, /^s\.yaml:125：series\[5\]\.figures\.jobs\.total：应为数字，或 "1973亿元" \/ "2601万" 这样的数量/);
  assert.match(m.en, /^s\.yaml:125: series\[5\]\.figures\.jobs\.total: expected a number or a quantity like "1973亿元"/);
  try {
    parseQuantity('2963万美元', 'consumption.categories[0].total');
    assert.fail('no error');
  } catch (e) {
    assert.equal(errorText(e, 'zh'), 'consumption.categories[0].total：应为数字或 "1973亿元" 这样的数量，实为 "2963万美元"');
    assert.equal(errorText(e, 'en'), 'consumption.categories[0].total: expected a number or a quantity like "1973亿元", got "2963万美元"');
  }
  const q = both(example.replace(/questionnaire: providers/, 'questionnaire: provider'));
  assert.match(q.zh, /questionnaire：未知的问卷 "provider"；已定义：/);
  assert.match(q.en, /questionnaire: unknown questionnaire "provider"; defined: /);
});

test('the voucher section: zh and en', () => {
  const text = readFileSync(`${root}examples/vouchers-2020/study.yaml`, 'utf8').replace(/rule: 满50减10/, "rule: 满10减40");
  try {
    parseTransactions(text, 'v.yaml');
    assert.fail('no error');
  } catch (e) {
    assert.match(errorText(e, 'zh'), /rule：应为 满40减10 这样的规则（满 40 元减 10 元），实为 "满10减40"/);
    assert.match(errorText(e, 'en'), /rule: expected a rule like 满40减10/);
  }
});
