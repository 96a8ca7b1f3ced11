// The pieces behind R survey parity that the reference cases exercise only indirectly: the beta
// quantile and the FMM spline (against R 4.2 values, 1e-12 relative), the separate ratio
// estimator's refusals, the ultimate-cluster option, and proportion intervals inside [0, 1].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CIPROP_METHODS, predictSeparateRatio, qbeta, runSurveySpec, splineFmm, svyciprop, svydesign, svyratioSeparate, svytotal } from '../../src/survey/index.ts';
import { assertClose, loadData } from './fixtures.ts';

test('qbeta equals R qbeta to 1e-12', () => {
  // R: qbeta(c(0.025, 0.975, 1e-6), c(5, 0.3, 200), c(16, 7, 3))
  assertClose([qbeta(0.025, 5, 16), qbeta(0.975, 0.3, 7), qbeta(1e-6, 200, 3)], [0.086571469101434539, 0.248102412258881189, 0.909214234240650621], 1e-12, 'qbeta');
});

test('splineFmm equals R spline(method = "fmm") to 1e-12', () => {
  const x = [0, 0.3, 1, 1.7, 2.2, 3.1, 4], y = [0, 0.5, -0.2, 1.3, 2.2, 1.1, 0.4];
  // R: spline(x, y, 7)$y
  assertClose(splineFmm(x, y, 7).y, [0, 0.11143802751508008, 0.28631796685085364, 1.97356183228861193, 1.90669065453850894, 0.67809009542628318, 0.4], 1e-12, 'spline');
  assert.throws(() => splineFmm([0, 0], [1, 2], 3), /strictly increasing/);
});

test('separate ratio: refused without strata; stratum totals checked by label', () => {
  const data = loadData('apistrat');
  assert.throws(() => svyratioSeparate('api.stu', 'enroll', svydesign({ data, ids: '1', weights: 'pw' })), /stratified/);
  const sep = svyratioSeparate('api.stu', 'enroll', svydesign({ data, ids: '1', strata: 'stype', weights: 'pw' }));
  assert.deepEqual(sep.strata, ['E', 'H', 'M']);
  assert.throws(() => predictSeparateRatio(sep, { E: 1, H: 2 }), /no total for stratum 'M'/);
  assert.throws(() => predictSeparateRatio(sep, { E: 1, H: 2, M: 3, X: 4 }), /not in the ratio: X/);
  // One ratio when every stratum total is proportional to the combined denominator: Σ R̂_h X̂_h = Ŷ.
  const X = Object.fromEntries(sep.strata.map((h, k) => [h, sep.ratios[k].estimate[0] === 0 ? 0 : 1]));
  assert.ok(Number.isFinite(predictSeparateRatio(sep, X).estimate[0]));
});

test('separate ratio through a survey spec', () => {
  const data = loadData('apistrat');
  const { estimates } = runSurveySpec({ design: { ids: '1', strata: 'stype', weights: 'pw', fpc: 'fpc' }, estimates: [{ id: 'stu', ratio: ['api.stu', 'enroll'], separate: true, auxiliaryTotal: { E: 1, H: 1, M: 1 } }] }, data);
  const sep = svyratioSeparate('api.stu', 'enroll', svydesign({ data, ids: '1', strata: 'stype', weights: 'pw', fpc: 'fpc' }));
  assert.equal(estimates[0].estimate, sep.ratios.reduce((s, r) => s + r.estimate[0], 0));
  assert.throws(() => runSurveySpec({ design: { ids: '1', strata: 'stype', weights: 'pw' }, estimates: [{ id: 'x', ratio: ['api.stu', 'enroll'], separate: true, auxiliaryTotal: 5 }] }, data), /per stratum|\{stratum: total\}/);
});

test('ultimate cluster: changes a two-stage fpc variance only, never the estimate', () => {
  const data = loadData('apiclus2');
  const full = svytotal('api00', svydesign({ data, ids: ['dnum', 'snum'], fpc: ['fpc1', 'fpc2'] }));
  const uc = svytotal('api00', svydesign({ data, ids: ['dnum', 'snum'], fpc: ['fpc1', 'fpc2'], ultimateCluster: true }));
  assert.ok(Math.abs(uc.estimate[0] - full.estimate[0]) <= 1e-12 * full.estimate[0]);
  assert.ok(uc.se[0] < full.se[0], `${uc.se[0]} < ${full.se[0]}: the second-stage term is left out`);
  const one = loadData('apiclus1');
  const a = svytotal('enroll', svydesign({ data: one, ids: 'dnum', fpc: 'fpc' }));
  const b = svytotal('enroll', svydesign({ data: one, ids: 'dnum', fpc: 'fpc', ultimateCluster: true }));
  assert.equal(b.se[0], a.se[0]);
});

test('every svyciprop method except mean gives an interval inside [0, 1], also for rare proportions (p̂ = 0 gives NaN, as R)', () => {
  const data = loadData('apistrat');
  const d = svydesign({ data, ids: '1', strata: 'stype', weights: 'pw', fpc: 'fpc' });
  const api = data['api00'] as Float64Array;
  for (const cut of [500, 870, 890]) {
    const dd = { ...d, data: { ...data, r: Float64Array.from(api, (v) => +(v > cut)) } };
    for (const method of CIPROP_METHODS) {
      if (method === 'mean') continue;
      const q = svyciprop('r', dd, { method });
      const lo = q.interval!.lower[0], hi = q.interval!.upper[0];
      assert.ok(lo >= 0 && hi <= 1 && lo <= q.estimate[0] && q.estimate[0] <= hi, `${method} cut ${cut}: [${lo}, ${hi}] around ${q.estimate[0]}`);
    }
  }
  assert.throws(() => svyciprop('api00', d, { method: 'beta' }), /values in \[0, 1\]/);
});
