// Employment by division → IO sectors (split by output share), against an independent numpy/csv implementation.
// Reference: `python3 scripts/ref/io_numpy.py` → nbs2017-multipliers.json (persons2017, jobsPerOutput).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { employmentCoefficients, nationalJobsPerOutput, parseEmploymentByDivision, resolveSector } from '../../src/io/index.ts';
import { close, divisions, fixture, nbs, read } from './nbs2017.ts';

const text = read('data/china-io-2017/china-employment-by-division-1990-2018.csv');
const employment = parseEmploymentByDivision(text, 'employment');

test('division codes follow GB/T 4754-2017 numbering', () => {
  assert.equal(employment.divisions.get('64')!.code, 'I02');
  assert.equal(employment.divisions.get('13')!.code, 'C01');
  assert.equal(employment.divisions.get('43')!.code, 'C31');
  assert.equal(employment.divisions.get('70')!.code, 'K');
  assert.equal(employment.divisions.get('83')!.code, 'P');
  assert.equal(employment.divisions.get('96')!.code, 'S06');
  assert.equal(employment.divisions.size, 97);
});

test('2017 persons by sector match the reference; all employment allocated', () => {
  const ref = fixture('nbs2017-multipliers.json');
  const e = employmentCoefficients(nbs, employment, divisions, 2017);
  close(e.persons, ref.persons2017, 1e-12, 'persons');
  close(e.coefficients, ref.employmentCoefficients, 1e-12, 'coefficients');
  assert.equal(e.unallocated, 0);
  // Internet (division 64 alone): 159 万.
  assert.ok(Math.abs(e.persons[resolveSector(nbs, '64123', divisions)] - 1.59e6) < 1e-6);
  // Divisions sum to 77,642.68 万 against the published total 77,640 (rounding in the source).
  const sum = e.persons.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(sum - 776426800) < 1e-3, String(sum));
});

test('national jobs per output 2017: 77,640 万 / 2,257,734 亿元 ≈ 344 per 亿元', () => {
  const r = nationalJobsPerOutput(employment, 2017, nbs);
  assert.ok(Math.abs(r.perUnit - fixture('nbs2017-multipliers.json').jobsPerOutput) < 1e-15);
  assert.equal(Math.round(r.perUnit * 1e4), 344);
  assert.equal(r.unit, 'persons per 万元');
});

test('errors: missing year, bad codes and cells', () => {
  assert.throws(() => employmentCoefficients(nbs, employment, divisions, 2019), /no year 2019 \(have 1990–2018\)/);
  assert.throws(() => nationalJobsPerOutput(employment, 1980, nbs), /no year 1980/);
  const lines = text.split(/\r?\n/);
  assert.throws(() => parseEmploymentByDivision([lines[0], 'X01,a,b' + ',1'.repeat(29)].join('\n'), 'e.csv'), /e\.csv: row "X01": unknown code/);
  assert.throws(() => parseEmploymentByDivision([lines[0], 'I04,a,b' + ',1'.repeat(29)].join('\n'), 'e.csv'), /row I04: section I has divisions 01–03/);
  assert.throws(() => parseEmploymentByDivision([lines[0], 'I01,a,b' + ',1'.repeat(28) + ',x'].join('\n'), 'e.csv'), /row I01, column 2018: not a number: "x"/);
  assert.throws(() => parseEmploymentByDivision([lines[0], 'I01,a,b' + ',1'.repeat(29)].join('\n'), 'e.csv'), /missing row TOT/);
});
