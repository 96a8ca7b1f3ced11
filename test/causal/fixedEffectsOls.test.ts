import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedEffectsOls } from '../../src/causal/fixedEffectsOls.ts';
import { factor, interact } from '../../src/causal/factor.ts';
import { demean } from '../../src/causal/demean.ts';
import { readCsv, reference, asArray, where, close } from './fixtures.ts';

const TOL = 1e-8;
function check(fit: ReturnType<typeof fixedEffectsOls>, name: string): void {
  const ref = reference[name];
  const coef = asArray(ref.coefficients), se = asArray(ref.se), lo = asArray(ref.conf_low), hi = asArray(ref.conf_high);
  fit.estimates.forEach((e, p) => {
    close(e.estimate, coef[p], TOL, `${name} coefficient ${p}`);
    close(e.se, se[p], TOL, `${name} se ${p}`);
    close(e.ci[0], lo[p], TOL, `${name} ci low ${p}`);
    close(e.ci[1], hi[p], TOL, `${name} ci high ${p}`);
    assert.equal(e.df, asArray(ref.df)[p]);
  });
  assert.equal(fit.n, ref.nobs);
}

test('TWFE DiD with a covariate equals estimatr lm_robust(stata) on the balanced panel', () => {
  const p = readCsv('panel.csv');
  const fit = fixedEffectsOls({ y: p.y, X: [p.d, p.x], names: ['d', 'x'], fixedEffects: [factor(p.unit), factor(p.time)], cluster: factor(p.state) });
  check(fit, 'twfe_balanced');
});

test('unbalanced panel (alternating projections iterate): estimatr and the exact dummy fit, to 1e-8', () => {
  const p = where(readCsv('panel.csv'), readCsv('panel.csv').keep);
  const fit = fixedEffectsOls({ y: p.y, X: [p.d, p.x], names: ['d', 'x'], fixedEffects: [factor(p.unit), factor(p.time)], cluster: factor(p.state) });
  check(fit, 'twfe_unbalanced');
  const dummies = reference.twfe_unbalanced_dummies;
  fit.estimates.forEach((e, i) => {
    close(e.estimate, asArray(dummies.coefficients)[i], TOL, 'dummy coefficient');
    close(e.se, asArray(dummies.se)[i], TOL, 'dummy se');
  });
});

test('clusters = units (nested fixed effects counted, as estimatr)', () => {
  const p = readCsv('panel.csv');
  check(fixedEffectsOls({ y: p.y, X: [p.d], names: ['d'], fixedEffects: [factor(p.unit), factor(p.time)], cluster: factor(p.unit) }), 'twfe_unit_clusters');
});

test('triple difference with city×industry, city×day, industry×day effects equals estimatr', () => {
  const c = readCsv('cells.csv');
  const city = factor(c.city), ind = factor(c.industry), day = factor(c.day);
  const fit = fixedEffectsOls({ y: c.y, X: [c.d], names: ['d'], fixedEffects: [interact(city, ind), interact(city, day), interact(ind, day)], cluster: city });
  check(fit, 'triple');
});

test('event study in long form (payer and week effects) equals estimatr, vcov included', () => {
  const w = readCsv('payer_weeks.csv');
  const weeks = [-3, -2, 0, 1, 2, 3];
  const X = weeks.map((k) => Float64Array.from(w.week, (wk, i) => (w.won[i] === 1 && wk === k ? 1 : 0)));
  const fit = fixedEffectsOls({ y: w.spend, X, names: weeks.map(String), fixedEffects: [factor(w.payer), factor(w.week)], cluster: factor(w.payer) });
  check(fit, 'event_study');
  const V = asArray(reference.event_study.vcov);
  V.forEach((v, i) => close(fit.vcov[i], v, TOL, `vcov ${i}`));
});

test('demean: one factor is group-mean removal; errors are named', () => {
  assert.deepEqual([...demean(Float64Array.from([1, 2, 3, 4]), [factor([0, 0, 1, 1])])], [-0.5, 0.5, -0.5, 0.5]);
  const one = factor([0, 0, 0, 0]);
  assert.throws(() => fixedEffectsOls({ y: Float64Array.from([1, 2, 3, 4]), X: [Float64Array.from([1, 1, 2, 2])], names: ['x'], fixedEffects: [factor([0, 0, 1, 1])], cluster: one }), /at least 2/);
  assert.throws(() => fixedEffectsOls({ y: Float64Array.from([1, 2, 3, 4]), X: [Float64Array.from([1, 1, 2, 2])], names: ['x'], fixedEffects: [factor([0, 0, 1, 1])], cluster: factor([0, 1, 0, 1]) }), /collinear/);
});
