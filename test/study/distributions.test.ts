// Quantile functions against R (values from R 4.x: qunif, qnorm, qlnorm; triangular by hand).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantile, distributionMean, checkDistribution, sample, inverseAt, inverseTable, type Distribution } from '../../src/study/uncertainty/distributions.ts';
import { random } from '../../src/study/uncertainty/random.ts';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);

test('quantiles', () => {
  close(quantile({ dist: 'uniform', min: 2, max: 6 }, 0.25), 3); // qunif(0.25, 2, 6)
  close(quantile({ dist: 'normal', mean: 10, sd: 2 }, 0.975), 13.919927969080108, 2e-9); // qnorm(0.975, 10, 2) = 13.919927969080106 (R 4)
  close(quantile({ dist: 'lognormal', meanlog: 1, sdlog: 0.5 }, 0.9), 5.15917035562, 2e-9); // qlnorm(0.9, 1, 0.5) = 5.15917035562 (R 4)
  close(quantile({ dist: 'triangular', min: 0, mode: 0, max: 1 }, 0.75), 0.5);
  // triangular(1, 2, 4): c = 1/3; p = 1/3 → mode; p = 0.5 → 4 − √(0.5 × 3 × 2) = 4 − √3
  close(quantile({ dist: 'triangular', min: 1, mode: 2, max: 4 }, 1 / 3), 2);
  close(quantile({ dist: 'triangular', min: 1, mode: 2, max: 4 }, 0.5), 4 - Math.sqrt(3));
  close(quantile({ dist: 'point', value: 7 }, 0.3), 7);
  close(distributionMean({ dist: 'triangular', min: 1, mode: 2, max: 4 }), 7 / 3);
  close(distributionMean({ dist: 'lognormal', meanlog: 0, sdlog: 1 }), Math.exp(0.5));
});

test('seeded stream is reproducible; sample consumes one uniform', () => {
  const a = random(5);
  const b = random(5);
  const xs = [sample({ dist: 'normal', mean: 0, sd: 1 }, a), sample({ dist: 'point', value: 1 }, a), a.uniform()];
  const ys = [sample({ dist: 'normal', mean: 0, sd: 1 }, b), b.uniform(), b.uniform()];
  assert.equal(xs[0], ys[0]);
  assert.equal(xs[2], ys[2]);
  assert.throws(() => random(1.5), /seed: expected an integer/);
});

test('checkDistribution errors', () => {
  assert.throws(() => checkDistribution({ dist: 'uniform', min: 1, max: 1 }, 'x'), /x: uniform needs min < max/);
  assert.throws(() => checkDistribution({ dist: 'normal', mean: 0.1, sd: 0.1 }, 'r', [0, 1]), /mean ± 6 sd \[-0.5\d*, 0.7\d*\] leaves the allowed range/);
  assert.throws(() => checkDistribution({ dist: 'lognormal', meanlog: 0, sdlog: 1 }, 'r', [0, 1]), /unbounded above/);
  assert.throws(() => checkDistribution({ dist: 'point', value: 1.3 }, 'rate', [0, 1]), /rate: 1.3 is outside the allowed range \[0, 1\]/);
  assert.throws(() => checkDistribution({ dist: 'triangular', min: 0, mode: 2, max: 1 }, 't'), /min ≤ mode ≤ max/);
});

test('normalQuantile: relative error below 1.15e-9 against the survey engine\'s qnorm', async () => {
  const { normalQuantile } = await import('../../src/study/uncertainty/normalQuantile.ts');
  const { qnorm } = await import('../../src/survey/distributions.ts');
  let worst = 0;
  for (let i = 1; i < 20000; i++) {
    const p = i / 20000;
    const exact = qnorm(p);
    if (Math.abs(exact) > 1e-6) worst = Math.max(worst, Math.abs(normalQuantile(p) - exact) / Math.abs(exact));
  }
  for (const p of [1e-12, 1e-8, 1e-4, 0.02, 0.98, 1 - 1e-8]) worst = Math.max(worst, Math.abs(normalQuantile(p) - qnorm(p)) / Math.abs(qnorm(p)));
  assert.ok(worst < 1.15e-9, `worst relative error ${worst}`);
  assert.equal(normalQuantile(0), -Infinity);
  assert.ok(Number.isNaN(normalQuantile(1.5)));
});

test('inverseTable/inverseAt: each entry of a table of several distributions is that distribution\'s own quantile, to the bit (the Monte Carlo\'s table)', () => {
  const ds: Distribution[] = [
    { dist: 'point', value: 3.7 },
    { dist: 'uniform', min: 0.00000296, max: 0.00000344 },
    { dist: 'triangular', min: 16000000, mode: 20000000, max: 24000000 },
    { dist: 'triangular', min: 0, mode: 0, max: 1 },
    { dist: 'triangular', min: -2, mode: 5, max: 5 },
    { dist: 'triangular', min: 0.1, mode: 0.13, max: 0.4 },
    { dist: 'normal', mean: 10, sd: 3 },
    { dist: 'lognormal', meanlog: 0.3, sdlog: 1.2 },
  ];
  const t = inverseTable(ds);
  const rng = random(11);
  const ps = [1e-12, 0.001, 0.025, 0.1, 1 / 3, 0.5, 0.75, 0.975, 1 - 1e-12, ...Array.from({ length: 2000 }, () => rng.uniform())];
  ds.forEach((d, i) => {
    for (const p of ps) assert.ok(Object.is(inverseAt(t, i, p), quantile(d, p)), `${d.dist} #${i} at p=${p}: ${inverseAt(t, i, p)} ≠ ${quantile(d, p)}`);
  });
});
