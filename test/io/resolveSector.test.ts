// Sector codes: 3-digit sequence, number, or 5-digit division + sequence checked against GB/T divisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSectorDivisions, resolveSector } from '../../src/io/index.ts';
import { divisions, nbs } from './nbs2017.ts';

test('3-digit, numeric and 5-digit codes', () => {
  assert.equal(resolveSector(nbs, '123'), 122);
  assert.equal(resolveSector(nbs, 123), 122);
  assert.equal(resolveSector(nbs, 1), 0);
  assert.equal(resolveSector(nbs, '64123', divisions), 122);
  // Sectors covering several divisions accept each of them.
  assert.equal(resolveSector(nbs, '66126', divisions), 125);
  assert.equal(resolveSector(nbs, '69126', divisions), 125);
});

test('the report codes of METHOD.md all resolve to their sequence', () => {
  for (const code of ['64123', '62120', '52106', '80138', '58116', '83140', '72131', '84141']) {
    assert.equal(nbs.codes[resolveSector(nbs, code, divisions)], code.slice(2));
  }
});

test('the concordance covers all 149 sectors and every GB/T 4754-2017 division 01–97', () => {
  const seen = new Set<string>();
  for (const divs of divisions.values()) for (const d of divs) seen.add(d);
  assert.deepEqual([...seen].sort(), Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
  assert.deepEqual([...divisions.keys()], nbs.codes);
});

test('unknown codes and wrong divisions are errors naming the code', () => {
  assert.throws(() => resolveSector(nbs, '150'), /unknown sector code "150"/);
  assert.throws(() => resolveSector(nbs, 'retail'), /unknown sector code "retail"/);
  assert.throws(() => resolveSector(nbs, '63123', divisions), /code 63123: division 63 is not a division of sector 123 \(互联网和相关服务\): 64/);
  assert.throws(() => resolveSector(nbs, '64123'), /64123 has a division prefix; pass the sector-divisions table/);
  assert.throws(() => resolveSector(nbs, '64999', divisions), /unknown sector code 64999: no sector 999/);
});

test('parseSectorDivisions errors', () => {
  assert.throws(() => parseSectorDivisions('sequence,divisions\n12,64', 'd.csv'), /d\.csv: row 2, column sequence: not a 3-digit code: "12"/);
  assert.throws(() => parseSectorDivisions('sequence,divisions\n123,6', 'd.csv'), /row 2, column divisions: not a 2-digit division: "6"/);
  assert.throws(() => parseSectorDivisions('sequence\n123', 'd.csv'), /missing column divisions/);
});

test('numbers match a generic table\'s own codes first', () => {
  const t = { codes: ['1', '2', '10'], names: [], source: 'g' };
  assert.equal(resolveSector(t, 10), 2);
  assert.equal(resolveSector(t, '2'), 1);
  assert.throws(() => resolveSector(t, 3), /g: unknown sector code 3/);
});
