import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupTimeAtt } from '../../src/causal/groupTimeAtt.ts';
import { factor } from '../../src/causal/factor.ts';
import { readCsv, close } from './fixtures.ts';

/** The staggered fixture as a panel: periods 1..10 → 0..9, cohort c → first treated c − 1, 0 → never. */
function fixturePanel() {
  const p = readCsv('panel.csv');
  const units = 40, periods = 10;
  const y = new Float64Array(units * periods), firstTreated = new Float64Array(units), state = new Array<number>(units);
  for (let r = 0; r < p.unit.length; r++) {
    const u = p.unit[r], t = p.time[r] - 1;
    y[u * periods + t] = p.y[r];
    firstTreated[u] = p.cohort[r] === 0 ? Infinity : p.cohort[r] - 1;
    state[u] = p.state[r];
  }
  return { p, y, units, periods, firstTreated, state };
}

/** Mean over rows of the fixture CSV of y(time = a) − y(time = b) for units whose cohort passes. */
function meanChange(p: Record<string, Float64Array>, keep: (cohort: number) => boolean, a: number, b: number): number {
  const at = new Map<number, number>(), bt = new Map<number, number>();
  for (let r = 0; r < p.unit.length; r++) {
    if (!keep(p.cohort[r])) continue;
    if (p.time[r] === a) at.set(p.unit[r], p.y[r]);
    if (p.time[r] === b) bt.set(p.unit[r], p.y[r]);
  }
  let s = 0;
  for (const [u, v] of at) s += v - bt.get(u)!;
  return s / at.size;
}

test('ATT(g,t) equal hand-computed 2×2 DiD means, not-yet-treated and never-treated controls', () => {
  const { p, y, units, periods, firstTreated } = fixturePanel();
  const nyt = groupTimeAtt({ y, units, periods, firstTreated });
  const never = groupTimeAtt({ y, units, periods, firstTreated }, { control: 'neverTreated' });
  const cell = (r: typeof nyt, g: number, t: number) => r.cells.find((c) => c.group === g && c.period === t)!;
  // cohort 6 (index 5) at time 6 (index 5): base time 5; not-yet-treated controls: cohorts 8 and never.
  close(cell(nyt, 5, 5).estimate.estimate, meanChange(p, (c) => c === 6, 6, 5) - meanChange(p, (c) => c === 8 || c === 0, 6, 5), 1e-12, 'ATT(6,6)');
  // cohort 6 at time 9: base 5; controls are never-treated only (cohort 8 treated by then).
  close(cell(nyt, 5, 8).estimate.estimate, meanChange(p, (c) => c === 6, 9, 5) - meanChange(p, (c) => c === 0, 9, 5), 1e-12, 'ATT(6,9)');
  // cohort 8 before treatment, time 4 vs 3 (varying base): controls cohorts 6 and never (and cohort 4? treated at 4: no).
  close(cell(nyt, 7, 3).estimate.estimate, meanChange(p, (c) => c === 8, 4, 3) - meanChange(p, (c) => c === 6 || c === 0, 4, 3), 1e-12, 'ATT(8,4)');
  close(cell(never, 3, 6).estimate.estimate, meanChange(p, (c) => c === 4, 7, 3) - meanChange(p, (c) => c === 0, 7, 3), 1e-12, 'ATT(4,7) never');
  assert.equal(cell(nyt, 5, 5).treated, 10);
  assert.equal(cell(nyt, 5, 5).controls, 20);
  // one cell's standard error is that of a difference of two independent means (divisor n).
  const dT: number[] = [], dC: number[] = [];
  for (let u = 0; u < units; u++) {
    const d = y[u * periods + 5] - y[u * periods + 4];
    if (firstTreated[u] === 5) dT.push(d); else if (firstTreated[u] > 5) dC.push(d);
  }
  const v = (a: number[]) => { const m = a.reduce((s, x) => s + x, 0) / a.length; return a.reduce((s, x) => s + (x - m) ** 2, 0) / a.length ** 2; };
  close(cell(nyt, 5, 5).estimate.se, Math.sqrt(v(dT) + v(dC)), 1e-12, 'cell se');
});

test('a worked 3-unit example: aggregation weights and the dynamic effects', () => {
  // unit 0 treated from period 1, unit 1 from period 2, unit 2 never; effects 1 then 3. ATT(2,1) is a
  // pre-period placebo with base 0 and unit 2 alone as control (unit 0 is treated by then): 0.
  const y = Float64Array.from([0, 1, 3, /**/ 0, 0, 1, /**/ 0, 0, 0]);
  const r = groupTimeAtt({ y, units: 3, periods: 3, firstTreated: Float64Array.from([1, 2, Infinity]) });
  const att = Object.fromEntries(r.cells.map((c) => [`${c.group},${c.period}`, c.estimate.estimate]));
  assert.deepEqual(att, { '1,1': 1, '1,2': 3, '2,1': 0, '2,2': 1 });
  close(r.simple.estimate, (1 + 3 + 1) / 3, 1e-15, 'simple');
  assert.deepEqual(r.dynamic.map((d) => [d.e, d.estimate.estimate]), [[-1, 0], [0, 1], [1, 3]]);
  close(r.overall.estimate, 2, 1e-15, 'overall');
});

test('no pre-period and no comparison group are noted; nothing estimable → error', () => {
  const y = Float64Array.from([1, 2, 3, 4, 5, 6]);
  const r = groupTimeAtt({ y, units: 3, periods: 2, firstTreated: Float64Array.from([0, 1, Infinity]) });
  assert.match(r.notes[0], /no pre-period/);
  assert.deepEqual(r.leftOut[0], { kind: 'no-pre-period', group: 0, units: 1 });
  assert.equal(r.leftOut.length, r.notes.length);
  assert.throws(() => groupTimeAtt({ y: Float64Array.from([1, 2, 3, 4]), units: 2, periods: 2, firstTreated: Float64Array.from([1, 1]) }), /no figure can be claimed/);
  assert.throws(() => groupTimeAtt({ y: Float64Array.from([1, NaN, 3, 4]), units: 2, periods: 2, firstTreated: Float64Array.from([1, Infinity]) }), /unit 0 in period 1/);
});

test('clustered variance uses cluster sums of the influence function and t(G−1)', () => {
  const { y, units, periods, firstTreated, state } = fixturePanel();
  const r = groupTimeAtt({ y, units, periods, firstTreated, cluster: factor(state) });
  assert.equal(r.simple.df, 7);
  const u = groupTimeAtt({ y, units, periods, firstTreated });
  assert.equal(r.simple.estimate, u.simple.estimate);
  assert.ok(r.simple.se > 0 && u.simple.se > 0);
});
