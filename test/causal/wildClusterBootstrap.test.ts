import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedEffectsOls, type FixedEffectsOlsInput } from '../../src/causal/fixedEffectsOls.ts';
import { bootstrapStatistic, drawWeights, wildClusterBootstrap } from '../../src/causal/wildClusterBootstrap.ts';
import { factor, interact } from '../../src/causal/factor.ts';
import { readCsv, close } from './fixtures.ts';

/** Brute force: build y* = ŷ_r + v_g ê_r from a restricted fixedEffectsOls fit, refit, return t*. */
function bruteT(input: FixedEffectsOlsInput, j: number, beta0: number, v: Float64Array): number {
  const others = input.X.map((_, p) => p).filter((p) => p !== j);
  const z = input.y.map((y, i) => y - beta0 * input.X[j][i]);
  let yhat: Float64Array, e: Float64Array;
  if (others.length) {
    const r = fixedEffectsOls({ ...input, y: z, X: others.map((p) => input.X[p]), names: others.map(String) });
    e = r.residuals;
    yhat = input.y.map((y, i) => y - e[i]);
  } else {
    const full = fixedEffectsOls(input);
    e = full.yt.map((y, i) => y - beta0 * full.Xt[j][i]);
    yhat = input.y.map((y, i) => y - e[i]);
  }
  const ystar = yhat.map((h, i) => h + v[input.cluster.codes[i]] * e[i]);
  const f = fixedEffectsOls({ ...input, y: ystar });
  return (f.coefficients[j] - beta0) / f.estimates[j].se;
}

test('the fast bootstrap t* equals refitting on each y* (FE nested and not nested in clusters)', () => {
  const p = readCsv('panel.csv');
  const panel: FixedEffectsOlsInput = { y: p.y, X: [p.d, p.x], names: ['d', 'x'], fixedEffects: [factor(p.unit), factor(p.time)], cluster: factor(p.state) };
  const c = readCsv('cells.csv');
  const city = factor(c.city), ind = factor(c.industry), day = factor(c.day);
  const cells: FixedEffectsOlsInput = { y: c.y, X: [c.d], names: ['d'], fixedEffects: [interact(city, ind), interact(city, day), interact(ind, day)], cluster: city };
  for (const [input, j, beta0] of [[panel, 0, 0], [panel, 0, 1.3], [panel, 1, 0.4], [cells, 0, 0], [cells, 0, 2]] as const) {
    const fit = fixedEffectsOls(input);
    const G = input.cluster.levels;
    const V = drawWeights(G, 5, 'webb', false, 7);
    const { t, tStar } = bootstrapStatistic(input, fit, j)(beta0, V);
    close(t, (fit.coefficients[j] - beta0) / fit.estimates[j].se, 1e-12, 't');
    for (let b = 0; b < 5; b++) close(tStar[b], bruteT(input, j, beta0, V.subarray(b * G, b * G + G)), 1e-7, `t* draw ${b} (j=${j}, β0=${beta0})`);
  }
});

test('p-value and interval: Rademacher enumeration with 6 clusters, Webb draws reproducible by seed', () => {
  const c = readCsv('cells.csv');
  const city = factor(c.city), ind = factor(c.industry), day = factor(c.day);
  const input: FixedEffectsOlsInput = { y: c.y, X: [c.d], names: ['d'], fixedEffects: [interact(city, ind), interact(city, day), interact(ind, day)], cluster: city };
  const fit = fixedEffectsOls(input);
  const r = wildClusterBootstrap(input, fit, { coefficient: 0, weights: 'rademacher', draws: 999 });
  assert.equal(r.enumerated, true);
  assert.equal(r.draws, 64);
  assert.ok(r.pValue >= 1 / 64 && r.pValue < 0.2, `p = ${r.pValue}`);
  assert.ok(r.ci[0] < fit.coefficients[0] && r.ci[1] > fit.coefficients[0]);
  const w1 = wildClusterBootstrap(input, fit, { coefficient: 0, draws: 999, seed: 3 });
  const w2 = wildClusterBootstrap(input, fit, { coefficient: 0, draws: 999, seed: 3 });
  assert.deepEqual(w1, w2);
  assert.ok(w1.ci[0] < 1.5 && w1.ci[1] > 1.5, `the fixture's true effect 1.5 in [${w1.ci}]`);
  // at the interval's ends the bootstrap p-value crosses 1 − level
  const stat = bootstrapStatistic(input, fit, 0);
  const V = drawWeights(6, 999, 'webb', false, 3);
  const p = (b0: number) => { const { t, tStar } = stat(b0, V); return tStar.filter((x) => Math.abs(x) >= Math.abs(t) - 1e-12 * Math.abs(t)).length / 999; };
  const w = w1.ci[1] - w1.ci[0];
  assert.ok(p(w1.ci[0] + 1e-6 * w) > 0.05 && p(w1.ci[0] - 1e-6 * w) <= 0.05);
  assert.ok(p(w1.ci[1] - 1e-6 * w) > 0.05 && p(w1.ci[1] + 1e-6 * w) <= 0.05);
});
