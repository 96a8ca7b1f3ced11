import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lotteryDid, armMoments } from '../../src/causal/lotteryDid.ts';
import { eventStudy, panelMoments } from '../../src/causal/eventStudy.ts';
import { waldTest } from '../../src/causal/waldTest.ts';
import { fixedEffectsOls } from '../../src/causal/fixedEffectsOls.ts';
import { factor } from '../../src/causal/factor.ts';
import { readCsv, reference, asArray, close, where } from './fixtures.ts';

const TOL = 1e-8;

test('lottery DiD and MPC from arm moments equal estimatr lm_robust / iv_robust (clusters = payer, stata)', () => {
  const p = readCsv('payers.csv');
  const d = p.post.map((v, i) => v - p.pre[i]);
  const arm = (w: number) => { const m = Float64Array.from(p.won, (x) => (x === w ? 1 : 0)); const s = where({ d, s: p.subsidy }, m); return armMoments(s.d, s.s); };
  const r = lotteryDid(arm(1), arm(0));
  const did = reference.lottery_did, mpc = reference.lottery_mpc;
  close(r.did.estimate, asArray(did.coefficients)[1], TOL, 'did');
  close(r.did.se, asArray(did.se)[1], TOL, 'did se');
  close(r.did.ci[0], asArray(did.conf_low)[1], TOL, 'did ci');
  close(r.mpc.estimate, asArray(mpc.coefficients)[1], TOL, 'mpc');
  close(r.mpc.se, asArray(mpc.se)[1], TOL, 'mpc se');
  close(r.mpc.ci[1], asArray(mpc.conf_high)[1], TOL, 'mpc ci');
  assert.equal(r.mpc.df, asArray(mpc.df)[1]);
});

test('lottery DiD refuses an empty comparison group and a zero subsidy gap', () => {
  const m = armMoments([1, 2, 3], [10, 10, 10]);
  assert.throws(() => lotteryDid(m, armMoments([], [])), /0 unsuccessful applicants.*no figure/);
  assert.throws(() => lotteryDid(m, armMoments([1, 2], [10, 10])), /MPC is undefined/);
});

test('event study from arm moments equals the long-form fixed-effects fit (payer effects not counted), and estimatr after its df factor', () => {
  const w = readCsv('payer_weeks.csv');
  const weeks = [-3, -2, -1, 0, 1, 2, 3];
  const T = weeks.length;
  const arms = [1, 0].map((won) => {
    const rows: number[] = [];
    for (let i = 0; i < w.payer.length; i++) if (w.won[i] === won) rows.push(w.spend[i]);
    return panelMoments(Float64Array.from(rows), T);
  });
  const es = eventStudy(arms[0], arms[1], weeks, -1);
  assert.deepEqual(es.periods, [-3, -2, 0, 1, 2, 3]);
  const X = es.periods.map((k) => Float64Array.from(w.week, (wk, i) => (w.won[i] === 1 && wk === k ? 1 : 0)));
  const long = fixedEffectsOls({ y: w.spend, X, names: es.periods.map(String), fixedEffects: [factor(w.payer), factor(w.week)], cluster: factor(w.payer), countNestedFixedEffects: false });
  es.coefficients.forEach((e, p) => {
    close(e.estimate, long.coefficients[p], 1e-10, `coef ${p}`);
    close(e.se, long.estimates[p].se, 1e-10, `se ${p}`);
  });
  es.vcov.forEach((v, i) => close(v, long.vcov[i], 1e-10, `vcov ${i}`));
  // estimatr counts the 300 payer effects: its c differs from ours by (N−K−T)/(N−K−T−(n−1)) only.
  const n = 300, N = n * T, K = T - 1;
  const ratio = Math.sqrt((N - K - T - (n - 1)) / (N - K - T));
  es.coefficients.forEach((e, p) => {
    close(e.estimate, asArray(reference.event_study.coefficients)[p], TOL, 'estimatr coef');
    close(e.se, asArray(reference.event_study.se)[p] * ratio, TOL, 'estimatr se');
  });
  assert.ok(es.preTrend && es.preTrend.q === 2 && es.preTrend.dfDenominator === 299);
  assert.ok(es.preTrend.pValue > 0.01, `fixture has parallel pre-trends by construction (p = ${es.preTrend.pValue})`);
  assert.ok(es.coefficients[2].estimate > 0);
});

test('Wald test: one coefficient reduces to a squared t', () => {
  const r = waldTest([2], Float64Array.from([1]), 1, [0], 1e9);
  close(r.f, 4, 1e-15, 'F');
  close(r.pValue, 0.04550026389635842, 1e-6, 'p');
  const t5 = waldTest([2.015048373333023], Float64Array.from([1]), 1, [0], 5); // qt(0.95, 5)
  close(t5.pValue, 0.1, 1e-9, 'p at t_{0.95,5}');
});
