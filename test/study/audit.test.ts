// spillover audit: the seed's published figures (examples/wechat-2019/published.yaml) and hand cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parsePublished } from '../../src/study/audit/auditConfig.ts';
import { audit } from '../../src/study/audit/audit.ts';

const published = new URL('../../examples/wechat-2019/published.yaml', import.meta.url);
const run = (text: string) => audit(parsePublished(text, 't.yaml'));

test('published.yaml: exactly the inconsistencies METHOD.md notes fail; 2736 + 503 vs 3238 is within rounding', () => {
  const r = audit(parsePublished(readFileSync(published, 'utf8'), 'published.yaml'));
  const by = (s: string) => r.results.filter((x) => x.status === s).map((x) => x.id).sort();
  assert.deepEqual(by('fail'), ['cagr-direct', 'cagr-total', 'transport-share']);
  assert.deepEqual(by('rounding'), ['information-split']);
  assert.equal(by('ok').length, 10);
  const get = (id: string) => r.results.find((x) => x.id === id)!;
  // 1973 / 5966 = 0.33071 → 33.07 %, stated 24.8 %
  assert.ok(Math.abs(get('transport-share').derived - 33.0707) < 1e-3);
  // (2963/1008)^(1/5) − 1 = 24.07 %; (2601/1008)^(1/5) − 1 = 20.87 %; stated 22 % (21.5 … 22.5)
  assert.ok(Math.abs(get('cagr-total').derived - 100 * ((2963 / 1008) ** 0.2 - 1)) < 1e-9);
  assert.ok(Math.abs(get('cagr-direct').derived - 100 * ((2601 / 1008) ** 0.2 - 1)) < 1e-9);
  assert.match(get('cagr-total').message, /22% a year for 5 years from 1008 gives 2724.3/);
  // 2736 + 503 = 3239; with each part in ±0.5 the sum spans [3238, 3240], which meets 3238 ± 0.5.
  assert.deepEqual(get('information-split').range, [3238, 3240]);
  assert.ok(Math.abs(get('jobs-per-output').derived - 3616000 / 11301) < 1e-9);
});

test('hand cases: exact, within rounding, fail; percent and CAGR algebra', () => {
  const r = run(`
figures:
  a: {value: 10.4, unit: 万人}
  b: {value: 20.4, unit: 万人}
  t: {value: 31, unit: 万人}
  t2: {value: 30.7, unit: 万人}
  t3: {value: 32, unit: 万人}
  s: {value: 50, unit: "%"}
  g: {value: 96.2, unit: "%"}
  c: {value: 40.1, unit: "%"}
checks:
  - {id: exact, sum: [a, b], equals: t}
  - {id: rounding, sum: [a, b], equals: t2, tolerance: 0}
  - {id: fail, sum: [a, b], equals: t3}
  - {id: share, share: [a, b], equals: s}
  - {id: growth, growth: [a, b], equals: g}
  - {id: cagr, cagr: [a, b], span: 2, equals: c}
`);
  const st = Object.fromEntries(r.results.map((x) => [x.id, x.status]));
  // 10.4 + 20.4 = 30.8 → rounds to 31 ✓; vs 30.7 ± 0.05: range [30.7, 30.9] meets [30.65, 30.75] → rounding;
  // vs 32 ± 0.5 → fail. share 10.4/20.4 = 50.98 % vs 50 ± 0.5 → range [50.6 … 51.4] → fail.
  // growth 20.4/10.4 − 1 = 96.154 % → 96.2 ✓; cagr over 2 years √(20.4/10.4) − 1 = 40.055 % → 40.1 ✓.
  assert.deepEqual(st, { exact: 'ok', rounding: 'rounding', fail: 'fail', share: 'fail', growth: 'ok', cagr: 'ok' });
  const cagr = r.results.find((x) => x.id === 'cagr')!;
  assert.ok(Math.abs(cagr.derived - 100 * (Math.sqrt(20.4 / 10.4) - 1)) < 1e-9);
});

test('cagr between two points of one series takes its span from their years', () => {
  const r = run('series:\n  s: {unit: x, values: {2010: 100, 2013: 133.1}}\nfigures:\n  g: {value: 10.0, unit: "%"}\nchecks:\n  - {id: c, cagr: [s.2010, s.2013], equals: g}\n');
  assert.equal(r.results[0].status, 'ok');
  assert.ok(Math.abs(r.results[0].derived - 10) < 1e-9);
});

test('a relative tolerance widens the stated interval', () => {
  const text = (tol: number) => `figures:\n  a: {value: 100, unit: x}\n  b: {value: 103, unit: x}\nchecks:\n  - {id: e, equal: [a, b], tolerance: ${tol}}\n`;
  assert.equal(run(text(0)).results[0].status, 'fail');
  assert.equal(run(text(0.03)).results[0].status, 'ok');
});

test('errors name file, line and path', () => {
  assert.throws(() => run('figures:\n  a: {value: 1, unit: x}\nchecks:\n  - {id: k, sum: [a, zz], equals: a}\n'), /t.yaml:4: checks\.0\.sum\.1: unknown figure "zz"/);
  assert.throws(() => run('figures:\n  a: {value: "many", unit: x}\n'), /t.yaml:2: figures.a.value: expected a number as printed/);
  assert.throws(() => run('figures:\n  a: {value: 1}\n'), /figures.a: give `unit`/);
  assert.throws(() => run('figures:\n  a: {value: 1, unit: x}\n  b: {value: 1, unit: x}\nchecks:\n  - {id: k, cagr: [a, b], equals: a}\n'), /checks.0.span: cagr needs span: the number of years \(only two points of one series/);
  assert.throws(() => run('figures:\n  a: {value: 1, unit: 万人}\n  b: {value: 1, unit: 亿元}\nchecks:\n  - {id: k, sum: [a, b], equals: a}\n'), /check k: a sum of unlike units 万人, 亿元/);
  assert.throws(() => run('figures: {a: {value: 1, unit: x}}\nchecks:\n  - {id: k, sum: [a], share: [a, a], equals: a}\n'), /give exactly one of sum, share/);
});

test('CLI: table by default, --json, non-zero exit only with --strict', () => {
  const bin = new URL('../../bin/spillover.js', import.meta.url).pathname;
  const plain = spawnSync(process.execPath, [bin, 'audit'], { encoding: 'utf8' });
  assert.equal(plain.status, 0, plain.stderr);
  assert.match(plain.stdout, /14 checks: 10 ok, 1 ok only within rounding, 3 failed/);
  const strict = spawnSync(process.execPath, [bin, 'audit', '--json', '--strict'], { encoding: 'utf8' });
  assert.equal(strict.status, 1);
  assert.deepEqual(JSON.parse(strict.stdout).counts, { ok: 10, rounding: 1, fail: 3 });
});
