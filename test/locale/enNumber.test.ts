// enNumber(options) formats as toLocaleString('en-US', options) does, with one formatter made once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enNumber } from '../../src/locale/index.ts';

test('the same text as toLocaleString(\'en-US\', options) for the options the report uses, on awkward values', () => {
  const values = [0, -0, 1, -1, 0.5, 1.005, 2.675, 1234.5678, -98765.4321, 1e21, 1.5e-7, 123456789.987654321, NaN, Infinity, -Infinity, 0.1 + 0.2];
  for (let k = 0; k < 200; k++) values.push((Math.sin(k) * 10 ** ((k % 13) - 4)));
  const options: (Intl.NumberFormatOptions | undefined)[] = [undefined, { maximumFractionDigits: 6 }, { minimumFractionDigits: 1, maximumFractionDigits: 2 }, { maximumFractionDigits: 0 }, { minimumFractionDigits: 3, maximumFractionDigits: 3 }, { minimumFractionDigits: 2, maximumFractionDigits: 2 }];
  for (const o of options) {
    const format = enNumber(o);
    for (const v of values) assert.equal(format(v), v.toLocaleString('en-US', o), `${v} ${JSON.stringify(o)}`);
  }
  assert.equal(enNumber({ maximumFractionDigits: 1 })(1234.56), '1,234.6');
});
