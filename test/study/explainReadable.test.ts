// The dashboard's derivation panel rounds for reading (se = 4.818万, not 48180.78683905378):
// explain() with compactNumber writes inputs and se rounded and leaves out the raw value; without it
// (the CLI) every number is written in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactNumber, displayValue } from '../../src/locale/index.ts';
import { explain } from '../../src/study/model/explain.ts';
import { exampleRun } from '../report/example.ts';

test('explain with compactNumber: se and inputs rounded, no raw value; without it the CLI keeps full precision', async () => {
  assert.equal(compactNumber(48180.78683905378, 'zh'), '4.818万');
  assert.equal(compactNumber(48180.78683905378, 'en'), '48,180'); // English prose: digits below a million
  assert.equal(compactNumber(5000, 'en'), '5,000');
  assert.equal(compactNumber(-4999, 'en'), '-4,999');
  assert.equal(compactNumber(2300000, 'en'), '2.3 million');
  const { results } = await exampleRun();
  const f = Object.values(results.figures).find((g) => g.se !== undefined && Object.values(g.inputs).some((x) => typeof x === 'number' && !Number.isInteger(x)));
  assert.ok(f, 'a figure with an se and a fractional input');
  for (const lang of ['zh', 'en'] as const) {
    const readable = explain(results, f.id, lang, displayValue, compactNumber);
    assert.ok(readable.includes(`se = ${compactNumber(f.se as number, lang)}`), readable);
    assert.doesNotMatch(readable, /\d\.\d{7,}|\d{9,}/, 'no unrounded number');
  }
  const full = explain(results, f.id, 'zh', displayValue);
  assert.ok(full.includes(`se = ${f.se}`));
});

test('explain in zh: a label takes the full-width colon (公式：…, 说明：…), English keeps ": "', async () => {
  const { results } = await exampleRun();
  const noted = Object.values(results.figures).find((g) => g.notes !== undefined);
  for (const id of ['jobs.total', ...(noted ? [noted.id] : [])]) {
    const zh = explain(results, id, 'zh', displayValue);
    assert.match(zh, /^ {3}公式：\S/m, zh);
    assert.doesNotMatch(zh, /[\u3400-\u9fff]: /, 'no ASCII colon after Chinese words');
    const en = explain(results, id, 'en', displayValue);
    assert.match(en, /^ {3}formula: \S/m, en);
    assert.doesNotMatch(en, /：/);
  }
  if (noted) assert.match(explain(results, noted.id, 'zh', displayValue), /说明：/);
});
