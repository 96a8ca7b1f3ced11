// Errors in the command's language: an error's text in both languages, .message English, and
// errorText(e, lang) picking the words (any other error shows its message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalizedError, errorSentence, errorText, internalError, parseLang, placedError, zhPlace } from '../../src/locale/index.ts';
import { ConfigError } from '../../src/study/config/index.ts';
import { DataError } from '../../src/data/DataError.ts';

test('errorText picks the language of a bilingual error; .message stays English', () => {
  const e = new LocalizedError({ zh: '找不到文件', en: 'no such file' });
  assert.equal(e.message, 'no such file');
  assert.deepEqual(e.texts, { zh: '找不到文件', en: 'no such file' });
  assert.equal(errorText(e, 'zh'), '找不到文件');
  assert.equal(errorText(e, 'en'), 'no such file');
  assert.ok(e instanceof Error);
});

test('internalError: the English detail in both languages, marked internal in zh', () => {
  const e = internalError('lu: matrix not square');
  assert.equal(e.message, 'lu: matrix not square');
  assert.equal(errorText(e, 'zh'), '内部错误（请报告）：lu: matrix not square');
  assert.equal(errorText(e, 'en'), 'lu: matrix not square');
});

test('placedError puts the place before a caught error in each language; zhPlace writes "path (id)" with full-width brackets', () => {
  const inner = new LocalizedError({ zh: '列 \'x\' 不是数值列', en: "column 'x' is not numeric" });
  const e = placedError('indicators[0] (young)', inner);
  assert.equal(e.message, "indicators[0] (young): column 'x' is not numeric");
  assert.equal(errorText(e, 'zh'), "indicators[0]（young）：列 'x' 不是数值列");
  assert.equal(e.cause, inner);
  assert.equal(errorText(placedError('a.b', new Error('disk full')), 'zh'), 'a.b: disk full');
  assert.equal(zhPlace('components.providers[0] (wecom)'), 'components.providers[0]（wecom）');
  assert.equal(zhPlace('consumption.design'), 'consumption.design');
});

test('errorText falls back to .message, then to the value as text', () => {
  assert.equal(errorText(new Error('disk full'), 'zh'), 'disk full');
  assert.equal(errorText(new LocalizedError('one text'), 'zh'), 'one text');
  assert.equal(new LocalizedError('one text').texts, undefined);
  assert.equal(errorText('thrown string', 'en'), 'thrown string');
  assert.equal(errorText(undefined, 'en'), 'undefined');
  // a half-filled texts property is not a Label
  assert.equal(errorText(Object.assign(new Error('m'), { texts: { zh: '甲' } }), 'zh'), 'm');
});

test('DataError and ConfigError take a text in both languages; file, line and YAML path stay as they are', () => {
  const d = new DataError({ zh: 'p.csv：找不到文件', en: 'p.csv: no such file' }, { file: 'p.csv', row: 3 });
  assert.equal(d.message, 'p.csv: no such file');
  assert.equal(errorText(d, 'zh'), 'p.csv：找不到文件');
  assert.equal(d.row, 3);
  // Every data error is worded in both languages: a plain string does not type-check (tsc fails on every
  // `new DataError('…')` in src/data), so no site can be English-only.
  // @ts-expect-error DataError takes a {zh, en} Label, not a string
  assert.equal(new DataError('plain', { file: 'f' }).message, 'plain');
  const c = new ConfigError('s/study.yaml', 'io.method', 4, { zh: '应为 published 或 derived', en: 'expected published or derived' });
  assert.equal(c.message, 's/study.yaml:4: io.method: expected published or derived');
  assert.equal(errorText(c, 'zh'), 's/study.yaml:4：io.method：应为 published 或 derived');
  assert.equal(errorText(new ConfigError('s.yaml', '', null, { zh: '空文件', en: 'empty file' }), 'zh'), 's.yaml：（顶层）：空文件');
  assert.equal(new ConfigError('s.yaml', '', null, 'x').message, 's.yaml: (top level): x');
  assert.equal(errorText(new ConfigError('s.yaml', 'a', 2, 'x'), 'zh'), 's.yaml:2: a: x');
});

test('parseLang names the option in either language', () => {
  try {
    parseLang('fr', 'SPILLOVER_LANG');
    assert.fail('no error');
  } catch (e) {
    assert.equal((e as Error).message, 'SPILLOVER_LANG: expected zh or en, got "fr"');
    assert.equal(errorText(e, 'zh'), 'SPILLOVER_LANG：应为 zh 或 en，而不是 "fr"');
  }
});

test('errorSentence: in zh an error without words of ours (an engine\'s own message) is quoted inside a Chinese sentence', () => {
  assert.equal(errorSentence(new Error('Out of Memory Error: could not allocate'), 'zh'), '出错（原始信息）：Out of Memory Error: could not allocate');
  assert.equal(errorSentence(new Error('Out of Memory Error: could not allocate'), 'en'), 'Out of Memory Error: could not allocate');
  assert.equal(errorSentence(new LocalizedError({ zh: '找不到文件', en: 'no such file' }), 'zh'), '找不到文件');
  assert.equal(errorSentence(new LocalizedError({ zh: '找不到文件', en: 'no such file' }), 'en'), 'no such file');
  assert.equal(errorSentence(new Error('p.csv：文件是空的'), 'zh'), 'p.csv：文件是空的');
  assert.equal(errorSentence('disk full', 'zh'), '出错（原始信息）：disk full');
});
