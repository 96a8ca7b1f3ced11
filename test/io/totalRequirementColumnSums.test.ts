// Column sums of B (完全消耗系数) against the 2020 report and numpy.
// References: test/fixtures/io/*.json from `python3 scripts/ref/io_numpy.py` (np.linalg.inv).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSector, technicalCoefficients, totalRequirementColumnSums } from '../../src/io/index.ts';
import { divisions, fixture, nbs } from './nbs2017.ts';

const b = totalRequirementColumnSums(technicalCoefficients(nbs), nbs.n);

test('the eight coefficients printed in the 2020 report, to their printed precision', () => {
  // Published values (METHOD.md §2); tolerance: half a unit in the last printed digit.
  const published: [string, string][] = [
    ['64123', '1.35092814'], ['62120', '1.65928128'], ['52106', '0.797118405'], ['80138', '1.053028016'],
    ['58116', '1.094526263'], ['83140', '0.718330715'], ['72131', '1.847971723'], ['84141', '1.633394624'],
  ];
  for (const [code, text] of published) {
    const decimals = text.split('.')[1].length;
    const got = b[resolveSector(nbs, code, divisions)];
    assert.ok(Math.abs(got - Number(text)) <= 0.5 * 10 ** -decimals, `${code}: ${got} vs published ${text}`);
  }
});

test('all 149 column sums of B agree with numpy inv(I - A) to 1e-10', () => {
  const ref = fixture('nbs2017-total-requirement.json');
  assert.deepEqual(ref.codes, nbs.codes);
  assert.equal(ref.totalRequirementColSum.length, 149);
  ref.totalRequirementColSum.forEach((v: number, j: number) => {
    assert.ok(Math.abs(b[j] - v) <= 1e-10, `${nbs.codes[j]}: ${b[j]} vs numpy ${v}`);
  });
});

test('Miller–Blair two-sector example', () => {
  const ref = fixture('miller-blair.json');
  const t = { n: 2, Z: Float64Array.from(ref.Z), x: Float64Array.from(ref.x), codes: ['1', '2'], source: 'Miller–Blair' };
  const A = technicalCoefficients(t);
  ref.A.forEach((v: number, i: number) => assert.ok(Math.abs(A[i] - v) <= 1e-15));
  const s = totalRequirementColumnSums(A, 2);
  ref.totalRequirementColSum.forEach((v: number, j: number) => assert.ok(Math.abs(s[j] - v) <= 1e-14, `${s[j]} vs ${v}`));
});

test('a non-productive system is reported, not silently inverted', () => {
  assert.throws(() => totalRequirementColumnSums(Float64Array.of(0.5, 0.5, 0.5, 0.5), 2), /singular matrix/);
});
