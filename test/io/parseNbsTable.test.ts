// Parsing the shipped NBS 2017 table and its failure cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNbsTable } from '../../src/io/index.ts';
import { nbs, nbsText } from './nbs2017.ts';

test('dimensions, labels and accounts of the 2017 table', () => {
  assert.equal(nbs.n, 149);
  assert.equal(nbs.codes[0], '001');
  assert.equal(nbs.codes[148], '149');
  assert.deepEqual(nbs.names[122], { zh: '互联网和相关服务', en: 'Internet and related services' });
  assert.equal(nbs.Z.length, 149 * 149);
  assert.deepEqual(nbs.valueAdded.map((a) => a.code), ['VA001', 'VA002', 'VA003', 'VA004']);
  assert.equal(nbs.valueAdded[0].role, 'compensation');
  assert.deepEqual(nbs.finalDemand.map((a) => a.code), ['FU101', 'FU102', 'FU103', 'FU201', 'FU202', 'EX']);
  // Total gross output 2,257,734 亿元 = 22,577,335,292 万元 (METHOD.md §2).
  const total = nbs.x.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(total / 1e4 - 2257733.5292359) < 1e-3, String(total));
  assert.ok(nbs.imports !== null && nbs.imports.length === 149);
});

const lines = nbsText.split(/\r?\n/);
const edit = (row: number, col: number, value: string): string =>
  lines.map((l, i) => (i === row ? l.split(',').map((c, j) => (j === col ? value : c)).join(',') : l)).join('\n');

test('a non-numeric cell names the source, row and column', () => {
  assert.throws(() => parseNbsTable(edit(6, 10, 'abc'), 't.csv'), /t\.csv: row 006, column 008: not a number: "abc"/);
});

test('a negative intermediate flow is rejected', () => {
  assert.throws(() => parseNbsTable(edit(2, 4, '-1'), 't.csv'), /row 002, column 002: negative intermediate flow -1/);
});

test('a missing column is named', () => {
  const header = lines[0].split(',');
  const gone = header.indexOf('GO');
  const text = lines.map((l) => l.split(',').filter((_, j) => j !== gone).join(',')).join('\n');
  assert.throws(() => parseNbsTable(text, 't.csv'), /t\.csv: missing column GO/);
});

test('wrong dimension: a sector row missing', () => {
  const text = lines.filter((_, i) => i !== 50).join('\n');
  assert.throws(() => parseNbsTable(text, 't.csv'), /wrong dimension: 149 sector columns but 148 sector rows/);
});

test('a value-added row code twice is refused (not the last one silently winning)', () => {
  const va = lines.findIndex((l) => l.startsWith('VA001,'));
  assert.ok(va > 0);
  const text = [...lines.slice(0, va + 1), lines[va], ...lines.slice(va + 1)].join('\n');
  assert.throws(() => parseNbsTable(text, 't.csv'), new RegExp(`t\\.csv: row code VA001 appears twice \\(rows ${va + 1} and ${va + 2}\\)`));
});
