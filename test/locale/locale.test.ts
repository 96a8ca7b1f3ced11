// src/locale: languages, display units and Chinese quantities — worked values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DISPLAY, displayValue, formatCell, kindOfUnit, parseLang, parseQuantity, toDisplay, unitLabel } from '../../src/locale/index.ts';

test('display values in 万, 亿元, % and persons per 亿元, by language', () => {
  assert.deepEqual(displayValue({ unit: 'persons', value: 26010000 }, 'zh'), { text: '2601.0', unit: '万人' });
  assert.deepEqual(displayValue({ unit: 'yuan', value: 920.4e9 }, 'en'), { text: '9204.0', unit: '100M yuan' });
  assert.deepEqual(displayValue({ unit: 'ratio', value: 0.099 }, 'en'), { text: '9.9', unit: '%' });
  assert.deepEqual(displayValue({ unit: 'persons/yuan', value: 3.439e-6 }, 'zh'), { text: '343.90', unit: '人/亿元' });
  assert.equal(displayValue({ unit: 'persons', value: 1 }, 'zh', 48180.78683905378).text, '4.8');
});

test('table cells carry thousands separators; growth a sign; missing a dash', () => {
  assert.equal(formatCell('persons', 26010000), '2,601.0');
  assert.equal(formatCell('growth', 0.164), '+16.4');
  assert.equal(formatCell('yuan', null), '–');
  assert.equal(formatCell('year', 2019), '2019');
  assert.equal(formatCell('coef', 1.5), '1.5');
  assert.equal(formatCell('coef', 1.35092814), '1.351', 'coefficients to four significant digits');
});

test('one table: kinds, unit words and scales agree', () => {
  assert.equal(kindOfUnit('persons/yuan'), 'perYuan');
  assert.deepEqual(unitLabel('persons'), { zh: '万人', en: '10k persons' });
  assert.equal(unitLabel('coef'), null);
  assert.equal(toDisplay('yuan', 197300000000), 1973);
  for (const kind of Object.keys(DISPLAY.zh) as (keyof typeof DISPLAY.zh)[]) assert.equal(DISPLAY.zh[kind].decimals, DISPLAY.en[kind].decimals, kind);
});

test('parseLang defaults to zh and names the option it refuses', () => {
  assert.equal(parseLang(undefined), 'zh');
  assert.equal(parseLang('en'), 'en');
  assert.throws(() => parseLang('fr'), /--lang: expected zh or en, got "fr"/);
});

test('parseQuantity reads the study file\'s Chinese units', () => {
  assert.equal(parseQuantity('1973亿元', 'x'), 197300000000);
  assert.equal(parseQuantity('2601万', 'x'), 26010000);
  assert.throws(() => parseQuantity('12 dozen', 'consumption.total'), /consumption.total: expected a number or a quantity/);
});
