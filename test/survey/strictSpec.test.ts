// A survey spec is read strictly: a typo in a key at any depth is an error with a "did you mean", a
// text cell in a number column rejects its row (never turning the column into categories), duplicate
// headers are refused, and fpc varying within a stratum warns as R does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSpecKeys, didYouMean, svydesign, svytotal } from '../../src/survey/index.ts';

const root = new URL('../../', import.meta.url).pathname;
const survey = (dir: string, ...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'survey', ...args], { cwd: dir, encoding: 'utf8' });

test('didYouMean and checkSpecKeys: typos at every depth are named with their path', () => {
  assert.deepEqual(didYouMean('weight', ['ids', 'strata', 'weights', 'probs', 'fpc']), ['weights']);
  assert.deepEqual(didYouMean('subst', ['id', 'total', 'subset', 'by']), ['subset']);
  assert.deepEqual(didYouMean('zzz', ['ids', 'fpc']), []);
  const cases: [unknown, RegExp][] = [
    [{ design: { ids: '1', weight: 'w' }, estimates: [] }, /survey spec: design\.weight: unknown key "weight"; did you mean "weights"\?/],
    [{ design: { ids: '1' }, estimates: [{ id: 'a', total: 'y', subst: { g: 1 } }] }, /estimates\[0\]\.subst: unknown key "subst"; did you mean "subset"\?/],
    [{ design: { ids: '1' }, calibration: { method: 'rake', margins: [{ variable: 'g', totals: {} }] }, estimates: [] }, /calibration\.margins\[0\]\.variable: .*did you mean "variables"\?/],
    [{ designs: {}, estimates: [] }, /survey spec: designs: unknown key "designs"; did you mean "design"\?/],
    [{ design: { ids: '1' }, replicates: { type: 'JK1', replicate: 5 }, estimates: [] }, /replicates\.replicate: .*"replicates"/],
  ];
  for (const [spec, msg] of cases) assert.throws(() => checkSpecKeys(spec), msg);
  // User-chosen names (calibration totals, subset columns) are not keys of the spec.
  checkSpecKeys({ design: { ids: '1' }, calibration: { method: 'linear', formula: ['x'], totals: { anything: 1 } }, estimates: [{ id: 'a', total: 'y', subset: { whatever: 'x' } }] });
});

test('fpc varying within a stratum warns as R does; the estimate equals R (survey 4.1-1: total 165.5, se 16.788994260611)', () => {
  const data = { id: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), st: ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'], f: Float64Array.from([10, 10, 11, 12, 20, 20, 20, 20]), y: Float64Array.from([1.5, 2, 3, 4.5, 5, 6, 7, 9]) };
  const d = svydesign({ data, ids: 'id', strata: 'st', fpc: 'f' });
  assert.deepEqual(d.warnings, [{
    zh: "fpc 在层内不一致：第 1 阶段的层 a（列 'f'：第 1 行为 10，第 3 行为 11）；R 同样给出警告，并与此处一样按每行的值估计",
    en: "fpc varies within strata: stratum a at stage 1 (column 'f': 10 at row 1, 11 at row 3); R warns the same and estimates with each row's value, as here",
  }]);
  const t = svytotal(['y'], d);
  assert.equal(t.estimate[0], 165.5);
  assert.ok(Math.abs(t.se[0] - 16.788994260611) < 1e-9, String(t.se[0]));
  assert.equal(svydesign({ data: { ...data, f: Float64Array.from([10, 10, 10, 10, 20, 20, 20, 20]) }, ids: 'id', strata: 'st', fpc: 'f' }).warnings, undefined);
});

test('survey CLI: key typos name file, line and the key meant; 5O0 rejects its row; duplicate headers refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-spec-'));
  const rows = Array.from({ length: 40 }, (_, i) => [i + 1, i < 20 ? 'A' : 'B', i < 20 ? 100 : 200, i === 6 ? '5O0' : (i % 7) + 1.5, i % 2 ? 'x' : 'y'].join(','));
  writeFileSync(join(dir, 'd.csv'), `id,st,fpc,spend,g\n${rows.join('\n')}\n`);
  const spec = (design: string, est: string) => `data: d.csv\ndesign:\n  ids: id\n  strata: st\n${design}estimates:\n  - id: t\n    total: spend\n${est}`;
  writeFileSync(join(dir, 'w.yaml'), spec('  fpc: fpc\n  weight: w\n', ''));
  let r = survey(dir, '--spec', 'w.yaml');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^spillover: w\.yaml:6: design\.weight: unknown key "weight"; did you mean "weights"\?/);
  writeFileSync(join(dir, 's.yaml'), spec('  fpc: fpc\n', '    subst: {g: x}\n'));
  r = survey(dir, '--spec', 's.yaml');
  assert.match(r.stderr, /^spillover: s\.yaml:9: estimates\[0\]\.subst: unknown key "subst"; did you mean "subset"\?/);
  writeFileSync(join(dir, 'ok.json'), JSON.stringify({ data: 'd.csv', design: { ids: 'id', strata: 'st', fpc: 'fpc' }, estimates: [{ id: 't', total: 'spend' }] }));
  r = survey(dir, '--spec', 'ok.json', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { estimates: { variable: string; n: number }[]; rejected: { row: string; column: string; value: string }[] };
  assert.deepEqual(out.estimates.map((e) => [e.variable, e.n]), [['spend', 39]], 'one total of a numeric column over 39 rows');
  assert.deepEqual(out.rejected, [{ row: 'row 8', column: 'spend', value: '5O0' }]);
  assert.match(r.stderr, /d\.csv: row 8, column "spend": "5O0" is not a number/);
  writeFileSync(join(dir, 'd.csv'), `id,st,fpc,spend,st\n1,A,100,2,x\n`);
  r = survey(dir, '--spec', 'ok.json');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /d\.csv: row 1: the header "st" appears twice \(columns 2 and 5\)/);
  rmSync(dir, { recursive: true, force: true });
});
