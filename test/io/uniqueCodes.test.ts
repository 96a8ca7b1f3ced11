// A sector code given twice in an IO table is refused (one of the two sectors would be unreachable).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIOTable } from '../../src/io/parseIOTable.ts';

const table = (codes: string[]) =>
  [
    ['code', 'name_zh', 'name_en', ...codes, 'household:HH', 'output'].join(','),
    ...codes.map((c, i) => [c, `部门${i}`, `S${i}`, ...codes.map(() => '10'), '50', '200'].join(',')),
    ['compensation:W', '劳动者报酬', 'Compensation', ...codes.map(() => '80')].join(','),
  ].join('\n');

test('duplicate sector codes in an IO table are an error naming the code and both positions', () => {
  assert.equal(parseIOTable(table(['001', '002', '003']), 't.csv').n, 3);
  assert.throws(() => parseIOTable(table(['001', '002', '002']), 't.csv'), /t\.csv: sector code 002 appears twice \(sectors 2 and 3\)/);
});
