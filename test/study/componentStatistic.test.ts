// componentStatistic's batch form (all replicates of a sample at once, four lanes at a time) gives,
// bit for bit, what one replicate alone gives with the formula written plainly, for providers and
// operators, any number of replicates (lanes past the last repeat it), and u ≡ 1 (full()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { componentStatistic } from '../../src/study/model/componentStatistic.ts';
import { componentBootstrapT, componentReplicates } from '../../src/study/model/componentIntervals.ts';
import { bootstrapT, createRng, raoWuReplicates } from '../../src/survey/index.ts';
import type { ComponentConfig, StudyInputs } from '../../src/study/types.ts';

const rng = createRng(31);
const R = 61; // questionnaire rows
/** Heavy-tailed positive values with a few zeros and repeats. */
const heavy = (scale: number) => Float64Array.from({ length: R }, (_, i) => (i % 17 === 0 ? 0 : i % 13 === 0 ? scale : Math.round(scale * Math.exp(4 * rng()) * rng()) / 7));
const inputs = {
  questionnaires: {
    q: {
      key: 'q', valid: R,
      numbers: { employees: heavy(40), related_share: Float64Array.from({ length: R }, () => rng()), staff: heavy(9), accounts: Float64Array.from({ length: R }, () => 1 + Math.floor(30 * rng())) },
      categories: { kind: Array.from({ length: R }, (_, i) => (i % 5 === 1 ? 'other' : 'a')) },
    },
  },
} as unknown as Pick<StudyInputs, 'questionnaires'>;
const base = { questionnaire: 'q', where: { kind: ['a'] }, yamlPath: 'test', id: 'x' };
const provider = { ...base, kind: 'provider', population: 5000 } as unknown as ComponentConfig;
const operator = { ...base, kind: 'operator', population: 2e7 } as unknown as ComponentConfig;
const num = inputs.questionnaires.q.numbers;

/** The formulas of componentStatistic's doc comment for one replicate u (null: u ≡ 1, no products), written plainly. */
function plainProvider(idx: Int32Array, u: Float64Array | null): { est: number; v: number } {
  const n = idx.length, N = 5000, y = Float64Array.from(idx, (i) => num.employees[i] * num.related_share[i]);
  let s = 0;
  for (let i = 0; i < n; i++) s += u ? u[i] * y[i] : y[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) { const d = y[i] - mean; ss += u ? u[i] * d * d : d * d; }
  return { est: N * mean, v: (N * N * (1 - n / N) * (ss / (n - 1))) / n };
}
function plainOperator(idx: Int32Array, u: Float64Array | null): { est: number; v: number } {
  const n = idx.length, M = 2e7;
  let ts = 0, ta = 0;
  for (let i = 0; i < n; i++) { const w = u ? u[i] : 1; ts += u ? w * num.staff[idx[i]] : num.staff[idx[i]]; ta += u ? w * num.accounts[idx[i]] : num.accounts[idx[i]]; }
  const R = ts / ta;
  let d2 = 0;
  for (let i = 0; i < n; i++) { const d = num.staff[idx[i]] - R * num.accounts[idx[i]]; d2 += u ? u[i] * d * d : d * d; }
  return { est: M * R, v: (M * M * (n / (n - 1)) * d2) / (ta * ta) };
}

for (const [c, plain] of [[provider, plainProvider], [operator, plainOperator]] as const) {
  test(`componentStatistic (${c.kind}): replicates() bit for bit the one-replicate formula, for 1 … 9 and 119 replicates; full() that of u ≡ 1`, () => {
    const s = componentStatistic(c, inputs)!;
    assert.equal(s.rows.length, R - 12);
    // a resampled set of rows, as the coverage check gives (repeats included)
    const idx = Int32Array.from({ length: s.rows.length }, () => s.rows[Math.floor(rng() * s.rows.length)]);
    const sample = s.prepare(idx), n = idx.length;
    const full = s.full(idx), one = plain(idx, null);
    assert.ok(Object.is(full.est, one.est) && Object.is(full.v, one.v), `full(): ${full.est}, ${full.v} vs ${one.est}, ${one.v}`);
    for (const B of [1, 2, 3, 4, 5, 6, 7, 8, 9, 119]) {
      const U = componentReplicates(c, n, B, B + 3);
      const est = new Float64Array(B), v = new Float64Array(B);
      sample.replicates(U, B, est, v);
      for (let b = 0; b < B; b++) {
        const one = plain(idx, U.subarray(b * n, (b + 1) * n));
        assert.ok(Object.is(est[b], one.est) && Object.is(v[b], one.v), `B = ${B}, replicate ${b}: ${est[b]}, ${v[b]} vs ${one.est}, ${one.v}`);
      }
    }
  });

  test(`componentBootstrapT (${c.kind}): the same interval as bootstrapT with the one-replicate statistic, drawn by rng or given`, () => {
    const s = componentStatistic(c, inputs)!, idx = s.rows, n = idx.length;
    const statistic = (u: Float64Array) => { const r = plain(idx, u); return { estimate: r.est, se: Math.sqrt(r.v) }; };
    const strata = [Int32Array.from({ length: n }, (_, i) => i)], fractions = [c.kind === 'provider' ? n / 5000 : 0];
    for (const B of [10, 13, 999]) {
      const one = bootstrapT({ strata, fractions, nRows: n, statistic, replicates: B, seed: 7, level: 0.9 });
      assert.deepEqual(componentBootstrapT(c, s, idx, 0.9, B, 7), one, `B = ${B}, drawn in turn`);
      assert.deepEqual(componentBootstrapT(c, s, idx, 0.9, B, 7, componentReplicates(c, n, B, 7)), one, `B = ${B}, drawn beforehand`);
    }
  });
}

test('bootstrapT: one of statistic and statistics (its batch form), not both or neither', () => {
  const strata = [Int32Array.from([0, 1, 2])], statistic = (u: Float64Array) => ({ estimate: u[0], se: 1 });
  assert.throws(() => bootstrapT({ strata, nRows: 3, replicates: 10 }), /give statistic or statistics/);
  assert.throws(() => bootstrapT({ strata, nRows: 3, replicates: 10, statistic, statistics: () => {} }), /give statistic or statistics/);
});

test('bootstrapT: replicates drawn in turn a chunk at a time (3000 rows: chunks of 40) give the interval of the same multipliers drawn beforehand', () => {
  const n = 3000, rng2 = createRng(4);
  const y = Float64Array.from({ length: n }, () => Math.exp(3 * rng2()));
  const strata = [Int32Array.from({ length: n / 2 }, (_, i) => 2 * i), Int32Array.from({ length: n / 2 }, (_, i) => 2 * i + 1)], fractions = [0.1, 0];
  const statistic = (u: Float64Array) => {
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { s += u[i] * y[i]; s2 += u[i] * y[i] * y[i]; }
    return { estimate: s / n, se: Math.sqrt(Math.max(s2 / n - (s / n) ** 2, 0) / (n - 1)) };
  };
  const drawn = bootstrapT({ strata, fractions, nRows: n, statistic, replicates: 99, seed: 12 });
  assert.deepEqual(bootstrapT({ strata, fractions, nRows: n, statistic, replicates: 99, seed: 12, multipliers: raoWuReplicates(strata, fractions, createRng(12), n, 99) }), drawn);
  assert.equal(drawn.replicates + drawn.dropped, 99);
});
