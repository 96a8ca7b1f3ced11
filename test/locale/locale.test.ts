// src/locale: languages, display units and Chinese quantities — worked values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DISPLAY, displayValue, formatCell, formatCellLabel, kindOfUnit, parseLang, parseQuantity, studyTitle, toDisplay, unitLabel } from '../../src/locale/index.ts';

test('display values: jobs in 万个 / million or thousand jobs, money in 亿元 / billion or million yuan', () => {
  assert.deepEqual(displayValue({ unit: 'persons', value: 26010000 }, 'zh'), { text: '2601.0', unit: '万个' });
  assert.deepEqual(displayValue({ unit: 'persons', value: 29626000 }, 'en'), { text: '29.6', unit: 'million jobs' });
  assert.deepEqual(displayValue({ unit: 'persons', value: 610000 }, 'en'), { text: '610', unit: 'thousand jobs' });
  assert.deepEqual(displayValue({ unit: 'persons', value: 420 }, 'en'), { text: '420', unit: 'jobs' });
  assert.deepEqual(displayValue({ unit: 'yuan', value: 152.9e9 }, 'en'), { text: '152.9', unit: 'billion yuan' });
  assert.deepEqual(displayValue({ unit: 'yuan', value: 920.4e9 }, 'zh'), { text: '9204.0', unit: '亿元' });
  assert.deepEqual(displayValue({ unit: 'yuan', value: 35e6 }, 'en'), { text: '35.0', unit: 'million yuan' });
  assert.deepEqual(displayValue({ unit: 'ratio', value: 0.099 }, 'en'), { text: '9.9', unit: '%' });
  assert.deepEqual(displayValue({ unit: 'persons/yuan', value: 3.439e-6 }, 'zh'), { text: '343.90', unit: '个/亿元' });
  assert.deepEqual(displayValue({ unit: 'persons/yuan', value: 3.439e-6 }, 'en'), { text: '3.44', unit: 'jobs per million yuan' });
  assert.equal(displayValue({ unit: 'persons', value: 1 }, 'zh', 48180.78683905378).text, '4.8');
  // an interval bound reads in the figure's magnitude, not its own
  assert.equal(displayValue({ unit: 'persons', value: 29626000 }, 'en', 800000).text, '0.8');
});

test('table cells carry thousands separators; growth a sign; missing a dash', () => {
  assert.equal(formatCell('persons', 26010000), '2,601.0');
  assert.equal(formatCell('persons', 26010000, 'en'), '26.01');
  assert.equal(formatCell('yuan', 1529e8, 'en'), '152.9');
  assert.deepEqual(formatCellLabel('persons', 26010000), { zh: '2,601.0', en: '26.01' });
  assert.equal(formatCell('growth', 0.164), '+16.4');
  assert.equal(formatCell('yuan', null), '–');
  assert.equal(formatCell('year', 2019), '2019');
  assert.equal(formatCell('coef', 1.5), '1.5');
  assert.equal(formatCell('coef', 1.35092814), '1.351', 'coefficients to four significant digits');
});

test('one table: kinds, unit words and scales agree', () => {
  assert.equal(kindOfUnit('persons/yuan'), 'perYuan');
  assert.deepEqual(unitLabel('persons'), { zh: '万个', en: 'million jobs' });
  assert.deepEqual(unitLabel('yuan'), { zh: '亿元', en: 'billion yuan' });
  assert.equal(unitLabel('coef'), null);
  assert.equal(toDisplay('yuan', 197300000000), 1973);
  // both languages show the same quantity: a value's display × its scale is the same base value
  for (const kind of ['persons', 'yuan', 'perYuan'] as const) assert.ok(Math.abs(toDisplay(kind, 123456789, 'en') / toDisplay(kind, 123456789, 'zh') - DISPLAY.en[kind].show(1) / DISPLAY.zh[kind].show(1)) < 1e-12, kind);
  // no abbreviated English scales (10k persons, 100M yuan) and no 人 for jobs in any unit word
  for (const lang of ['zh', 'en'] as const) for (const d of Object.values(DISPLAY[lang])) assert.doesNotMatch(d.unit ?? '', /10k|100M|\bpersons\b|万人|人\/亿元/);
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

test('formatCell: the text toLocaleString(\'en-US\', options) gives, for every kind of both languages (formatters made once)', () => {
  const values = [0, -0, 1, -1, 0.5, 0.05, 0.0049999, 1e-9, 123.456, -9876.54321, 1234567.891, 26010000, 2.5e15, 1 / 3, Infinity, -Infinity];
  for (const lang of ['zh', 'en'] as const) {
    for (const [kind, unit] of Object.entries(DISPLAY[lang]) as [Parameters<typeof formatCell>[0], (typeof DISPLAY)['zh'][keyof (typeof DISPLAY)['zh']]][]) {
      if (kind === 'year') continue;
      for (const v of values) {
        const s = unit.show(v).toLocaleString('en-US', unit.significant ? { maximumSignificantDigits: unit.significant } : { minimumFractionDigits: unit.decimals, maximumFractionDigits: unit.decimals });
        assert.equal(formatCell(kind, v, lang), kind === 'growth' && v > 0 ? `+${s}` : s, `${lang} ${kind} ${v}`);
      }
    }
  }
  assert.equal(formatCell('coef', 1.35092814, 'en'), '1.351');
  assert.equal(formatCell('persons', 26010000, 'zh'), '2,601.0');
});

test('studyTitle: the year once — in brackets only when the name does not already say it', () => {
  const named = { zh: '微信生态带动就业 2019（合成数据复现）', en: 'WeChat ecosystem jobs 2019 (synthetic replication)' };
  assert.equal(studyTitle(named, 2019, 'en'), 'WeChat ecosystem jobs 2019 (synthetic replication)');
  assert.equal(studyTitle(named, 2019, 'zh'), '微信生态带动就业 2019（合成数据复现）');
  assert.equal(studyTitle(named, 2020, 'en'), 'WeChat ecosystem jobs 2019 (synthetic replication) (2020)');
  assert.equal(studyTitle({ zh: '微信生态带动就业', en: 'WeChat jobs' }, 2019, 'zh'), '微信生态带动就业（2019）');
  assert.equal(studyTitle({ zh: '微信生态带动就业', en: 'WeChat jobs' }, 2019, 'en'), 'WeChat jobs (2019)');
  // 12019 is not the year 2019
  assert.equal(studyTitle({ zh: 'x', en: 'Batch 12019' }, 2019, 'en'), 'Batch 12019 (2019)');
  assert.equal(studyTitle({ zh: 'x', en: 'WeChat jobs' }, undefined, 'en'), 'WeChat jobs');
});
