// Generic CSV and pymrio-style tables, balance checks and aggregation through a concordance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregateTable, checkBalance, ioModel, multipliers, parseConcordance, parseIOTable, parsePymrio, technicalCoefficients,
} from '../../src/io/index.ts';
import { close, nbs, read } from './nbs2017.ts';

const MB = [
  'code,name_zh,name_en,1,2,household:HH,other:F,output',
  '1,甲,Agriculture,150,500,90,260,1000',
  '2,乙,Manufacturing,200,100,50,1650,2000',
  'compensation:W,劳动者报酬,Compensation,300,500',
  'other:V,其他,Other value added,350,900',
].join('\n');

test('generic CSV: labels, accounts, roles', () => {
  const t = parseIOTable(MB, 'mb.csv', '$');
  assert.equal(t.n, 2);
  assert.deepEqual(t.names[1], { zh: '乙', en: 'Manufacturing' });
  assert.deepEqual([...t.Z], [150, 500, 200, 100]);
  assert.deepEqual(t.finalDemand.map((a) => [a.role, a.code]), [['household', 'HH'], ['other', 'F']]);
  assert.deepEqual(t.valueAdded.map((a) => [a.role, a.code]), [['compensation', 'W'], ['other', 'V']]);
  assert.equal(t.imports, null);
  assert.deepEqual([...technicalCoefficients(t)], [0.15, 0.25, 0.2, 0.05]);
  assert.ok(checkBalance(t, 0).ok);
});

test('generic CSV errors name the file, row, column and value', () => {
  assert.throws(() => parseIOTable(MB.replace('150,500', '150,abc'), 'mb.csv'), /mb\.csv: row 1, column 2: not a number: "abc"/);
  assert.throws(() => parseIOTable(MB.replace('150,500', '-150,500'), 'mb.csv'), /row 1, column 1: negative intermediate flow -150/);
  assert.throws(() => parseIOTable(MB.replace(',output', ',out'), 'mb.csv'), /missing column output/);
  assert.throws(() => parseIOTable(MB.replace('household:HH', 'families:HH'), 'mb.csv'), /unknown final-demand role families/);
  assert.throws(() => parseIOTable(MB.replace('compensation:W', 'wages:W'), 'mb.csv'), /unknown value-added role wages/);
  assert.throws(() => parseIOTable(MB.replace('\n2,乙', '\n3,乙'), 'mb.csv'), /row 3: sector row "3" where column order expects 2/);
  assert.throws(() => parseIOTable(MB.split('\n').slice(0, 2).join('\n'), 'mb.csv'), /wrong dimension: 2 sector columns but 1 rows/);
});

test('balance: NBS 2017 balances to 1e-12; a perturbed cell is reported', () => {
  const ok = checkBalance(nbs, 1e-12);
  assert.ok(ok.ok && ok.columnsChecked, `max ${ok.maxRelative}`);
  const Z = Float64Array.from(nbs.Z);
  Z[5 * 149 + 7] += 1e6;
  const bad = checkBalance({ ...nbs, Z }, 1e-6);
  assert.deepEqual(bad.imbalances.map((b) => [b.kind, b.code]).sort(), [['column', '008'], ['row', '006']]);
  assert.throws(() => checkBalance(nbs, -1), /invalid tolerance: -1/);
});

test('aggregation: sums preserve balance; NBS 149 → one sector gives the economy-wide ratio', () => {
  const conc = parseConcordance(['from,to,to_name_zh,to_name_en', ...nbs.codes.map((c) => `${c},ALL,全部,All`)].join('\n'), 'all.csv');
  const one = aggregateTable(nbs, conc, 'all.csv');
  assert.equal(one.n, 1);
  const sumZ = nbs.Z.reduce((s, v) => s + v, 0);
  const sumX = nbs.x.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(one.Z[0] - sumZ) / sumZ < 1e-14 && Math.abs(one.x[0] - sumX) / sumX < 1e-14);
  assert.ok(checkBalance(one, 1e-12).ok);
  const m = multipliers(ioModel(one), { domestic: false, households: true });
  assert.ok(Math.abs(m.output.typeI[0] - 1 / (1 - sumZ / sumX)) < 1e-12);
  const mbConc = parseConcordance('from,to\n1,X\n2,X', 'c.csv');
  const agg = aggregateTable(parseIOTable(MB, 'mb'), mbConc, 'c.csv');
  assert.deepEqual([...agg.Z, ...agg.x], [950, 3000]);
});

test('concordance errors', () => {
  assert.throws(() => parseConcordance('from,to\n1,X\n1,Y', 'c.csv'), /c\.csv: row 3: sector 1 listed twice/);
  assert.throws(() => parseConcordance('from\n1', 'c.csv'), /missing column to/);
  assert.throws(() => aggregateTable(parseIOTable(MB, 'mb'), parseConcordance('from,to\n1,X', 'c.csv'), 'c.csv'), /c\.csv: sector 2 of mb is not mapped/);
  assert.throws(() => aggregateTable(parseIOTable(MB, 'mb'), parseConcordance('from,to\n1,X\n2,X\n9,X', 'c.csv'), 'c.csv'), /sector 9 is not in mb/);
});

test('pymrio layout: x derived when x.txt is absent; bad files named', () => {
  const dir = 'test/fixtures/io/mrio-2x3/';
  const files = { Z: read(`${dir}Z.txt`), Y: read(`${dir}Y.txt`), x: read(`${dir}x.txt`), F: read(`${dir}F.txt`) };
  const full = parsePymrio(files, 'mrio');
  const derived = parsePymrio({ Z: files.Z, Y: files.Y }, 'mrio');
  close(derived.x, full.x, 1e-14, 'x');
  assert.deepEqual(full.finalDemand.map((a) => a.role), ['household', 'investment', 'household', 'investment']);
  assert.deepEqual(full.valueAdded.map((a) => a.role), ['compensation', 'surplus']);
  assert.ok(checkBalance(full, 1e-12).ok);
  const lines = files.Z.split('\n');
  const dropped = [...lines.slice(0, 4), ...lines.slice(5)].join('\n');
  assert.throws(() => parsePymrio({ ...files, Z: dropped }, 'mrio'), /mrio\/Z\.txt: wrong dimension: 5 rows but 6 columns/);
  assert.throws(() => parsePymrio({ ...files, Y: files.Y.replace('r2\tserv', 'r2\tfood') }, 'mrio'), /mrio\/Y\.txt: row 6 is r2\/food, Z has r2\/serv/);
});

test('productivity and singularity errors', () => {
  // A = [[0.9, 0.95], [0.2, 0.05]]: I − A is invertible but ρ(A) = 1.08379 (numpy eigvals).
  const t = parseIOTable(MB.replace('1,甲,Agriculture,150,500', '1,甲,Agriculture,900,1900'), 'np.csv');
  assert.throws(() => ioModel(t), /np\.csv \(competitive\): not productive: spectral radius of A is 1\.083\d* ≥ 1 \(Collatz–Wielandt bounds 1\.083\d*…1\.083\d*\)/);
  const singular = parseIOTable(['code,name_zh,name_en,1,2,output', '1,,,0,1,1', '2,,,1,0,1'].join('\n'), 'sing.csv');
  assert.throws(() => ioModel(singular), /singular matrix/);
  const zero = parseIOTable(['code,name_zh,name_en,1,2,output', '1,,,1,0,0', '2,,,0,0,1'].join('\n'), 'zero.csv');
  assert.throws(() => technicalCoefficients(zero), /zero\.csv: sector 1: gross output is 0 but input from 1 is 1/);
});
