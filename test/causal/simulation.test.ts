// Coverage of the causal estimators' 95% intervals over seeded simulations with known truth, and the
// bias of two-way fixed effects under staggered adoption with heterogeneous effects (docs/vouchers.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/survey/prng.ts';
import { lotteryDid, armMoments } from '../../src/causal/lotteryDid.ts';
import { groupTimeAtt } from '../../src/causal/groupTimeAtt.ts';
import { fixedEffectsOls } from '../../src/causal/fixedEffectsOls.ts';
import { tripleDifference } from '../../src/causal/tripleDifference.ts';
import { wildClusterBootstrap } from '../../src/causal/wildClusterBootstrap.ts';
import { factor } from '../../src/causal/factor.ts';

const SEEDS = 300;
const normalFrom = (rng: () => number) => () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const covers = (ci: [number, number], truth: number) => ci[0] <= truth && truth <= ci[1];
const inBand = (hits: number, what: string) => {
  const rate = hits / SEEDS;
  assert.ok(rate >= 0.92 && rate <= 0.98, `${what}: 95% intervals covered the truth in ${(100 * rate).toFixed(1)}% of ${SEEDS} seeds`);
  return rate;
};

test(`lottery DiD and MPC: coverage over ${SEEDS} seeds (heavy-tailed spending, true MPC 3)`, (t) => {
  const MPC = 3;
  let hitDid = 0, hitMpc = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const rng = createRng(seed), normal = normalFrom(rng);
    const dW: number[] = [], sW: number[] = [], dL: number[] = [], sL: number[] = [];
    let meanS = 0;
    for (let i = 0; i < 400; i++) {
      const won = i < 160;
      const base = Math.exp(5 + normal()); // log-normal: a few payers spend a lot
      const s = won ? 10 * (1 + Math.floor(rng() * 3)) : 0; // 10, 20 or 30 yuan redeemed; E = 20
      const pre = base * Math.exp(0.3 * normal());
      const post = base * Math.exp(0.3 * normal()) + 0.05 * base + MPC * s + 10 * normal();
      (won ? dW : dL).push(post - pre);
      (won ? sW : sL).push(s);
      meanS += s / 160;
    }
    const r = lotteryDid(armMoments(dW, sW), armMoments(dL, sL));
    if (covers(r.did.ci, MPC * 20)) hitDid++; // τ = MPC · E[s]
    if (covers(r.mpc.ci, MPC)) hitMpc++;
    void meanS;
  }
  t.diagnostic(`DiD ${(100 * inBand(hitDid, 'lottery DiD')).toFixed(1)}%, MPC ${(100 * inBand(hitMpc, 'lottery MPC')).toFixed(1)}%`);
});

test(`Callaway–Sant'Anna under staggered heterogeneous effects: coverage over ${SEEDS} seeds; TWFE biased`, (t) => {
  // 60 units, 8 periods; each unit first treated at 2, 4, 6 or never with probability 1/4 (the
  // estimand weights cohorts by their population shares, so the shares are sampled too); the effect
  // grows with exposure and is larger for early cohorts: ATT(g,t) = θ_g (t − g + 1), θ = 3, 2, 1.
  const units = 60, T = 8, cohorts = [2, 4, 6, Infinity], theta = [3, 2, 1];
  const att = (c: number, tt: number) => (tt >= cohorts[c] ? theta[c] * (tt - cohorts[c] + 1) : 0);
  let num = 0, den = 0;
  for (let c = 0; c < 3; c++) for (let tt = 0; tt < T; tt++) if (tt >= cohorts[c]) { num += att(c, tt); den += 1; }
  const truthSimple = num / den; // equal population shares
  let dynNum = 0, dynE = 0;
  for (let e = 0; e < T - 2; e++) {
    const gs = [0, 1, 2].filter((c) => cohorts[c] + e < T);
    dynNum += gs.reduce((s, c) => s + att(c, cohorts[c] + e), 0) / gs.length;
    dynE++;
  }
  const truthOverall = dynNum / dynE;
  let hitSimple = 0, hitOverall = 0, sumCs = 0, sumCs2 = 0, sumTwfe = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const rng = createRng(1000 + seed), normal = normalFrom(rng);
    const y = new Float64Array(units * T), first = new Float64Array(units);
    const yl = new Float64Array(units * T), d = new Float64Array(units * T), u = new Int32Array(units * T), tm = new Int32Array(units * T);
    const timeEffect = Array.from({ length: T }, (_, tt) => 0.5 * tt + normal());
    for (let i = 0; i < units; i++) {
      const c = Math.floor(rng() * 4);
      first[i] = cohorts[c];
      const a = 2 * normal();
      for (let tt = 0; tt < T; tt++) {
        const v = a + timeEffect[tt] + att(c, tt) + normal();
        y[i * T + tt] = v;
        yl[i * T + tt] = v; d[i * T + tt] = tt >= cohorts[c] ? 1 : 0; u[i * T + tt] = i; tm[i * T + tt] = tt;
      }
    }
    const cs = groupTimeAtt({ y, units, periods: T, firstTreated: first });
    if (covers(cs.simple.ci, truthSimple)) hitSimple++;
    if (covers(cs.overall.ci, truthOverall)) hitOverall++;
    sumCs += cs.simple.estimate;
    sumCs2 += cs.simple.estimate ** 2;
    sumTwfe += fixedEffectsOls({ y: yl, X: [d], names: ['d'], fixedEffects: [factor(u), factor(tm)], cluster: factor(u) }).coefficients[0];
  }
  const meanCs = sumCs / SEEDS, meanTwfe = sumTwfe / SEEDS;
  t.diagnostic(`truth ${truthSimple.toFixed(3)}; mean CS ${meanCs.toFixed(3)}; mean TWFE ${meanTwfe.toFixed(3)}; coverage simple ${(100 * inBand(hitSimple, 'CS simple')).toFixed(1)}%, dynamic ${(100 * inBand(hitOverall, 'CS dynamic')).toFixed(1)}%`);
  const mcError = Math.sqrt((sumCs2 / SEEDS - meanCs ** 2) / SEEDS);
  assert.ok(Math.abs(meanCs - truthSimple) < 3 * mcError, `CS unbiased: ${meanCs} vs ${truthSimple} (Monte Carlo error ${mcError})`);
  assert.ok(truthSimple - meanTwfe > 1.5, `TWFE well below the truth under heterogeneous staggered effects: ${meanTwfe} vs ${truthSimple}`);
});

test(`triple difference with 8 cities: wild cluster bootstrap (Rademacher, all 2⁸ sign vectors) coverage over ${SEEDS} seeds`, (t) => {
  // 8 cities (3 issue on day 6, 3 on day 10, 2 never), 4 industries (2 covered), 16 days;
  // true effect 2 in covered industries after issuance; city-day shocks; errors correlated within city.
  const cities = 8, inds = 4, days = 16, beta = 2;
  const first = Float64Array.from([6, 6, 6, 10, 10, 10, Infinity, Infinity]);
  let hitWild = 0, hitCr1 = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const rng = createRng(5000 + seed), normal = normalFrom(rng);
    const n = cities * inds * days;
    const city = new Int32Array(n), industry = new Int32Array(n), day = new Int32Array(n), y = new Float64Array(n);
    let r = 0;
    for (let c = 0; c < cities; c++) {
      const cityScale = 0.5 + 2 * rng();
      const cityTrend = normal() * 0.3;
      for (let j = 0; j < inds; j++) {
        const level = 10 + 3 * normal();
        const indCity = normal() * 0.3; // covered-vs-uncovered trend difference varying by city
        for (let tt = 0; tt < days; tt++, r++) {
          city[r] = c; industry[r] = j; day[r] = tt;
          const treated = j < 2 && tt >= first[c] ? 1 : 0;
          y[r] = level + cityTrend * tt + (j < 2 ? indCity * tt / days : 0) + beta * treated + cityScale * normal();
        }
      }
    }
    const td = tripleDifference({ city, industry, day, y, covered: [true, true, false, false], firstDay: first });
    if (covers(td.pooled.ci, beta)) hitCr1++;
    const w = wildClusterBootstrap(td.input, td.fit, { coefficient: 0, weights: 'rademacher', draws: 999 });
    if (covers(w.ci, beta)) hitWild++;
  }
  t.diagnostic(`wild bootstrap ${(100 * inBand(hitWild, 'wild cluster bootstrap')).toFixed(1)}%; CR1 t(G−1) ${(100 * hitCr1 / SEEDS).toFixed(1)}%`);
});
