// Lottery difference-in-differences: winners against unsuccessful applicants, and the MPC.
import { tEstimate } from './estimate.ts';
import type { Estimate } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';

/**
 * Sufficient statistics of one arm (winners or unsuccessful applicants) over its payers i:
 * n, Σd, Σd², Σs, Σs², Σds with d_i = spend after − spend before (equal-length windows) and s_i
 * the effective subsidy (voucher discount redeemed in the after window; 0 for those who did not
 * win). The database computes these; payers never come into JavaScript.
 */
export interface ArmMoments {
  n: number;
  sumD: number;
  sumDD: number;
  sumS: number;
  sumSS: number;
  sumDS: number;
}

export interface LotteryDid {
  /** Excess spending per winner over the after window: τ = d̄_W − d̄_L. */
  did: Estimate;
  /** Excess spending per yuan of effective subsidy: τ / (s̄_W − s̄_L). */
  mpc: Estimate;
  meanSubsidyWinners: number;
  winners: number;
  losers: number;
}

/**
 * τ̂ = d̄_W − d̄_L, the DiD of mean spending of lottery winners and unsuccessful applicants
 * (after − before); the lottery makes winning independent of potential spending, so τ̂ is the
 * average effect of winning. MPC = τ̂ / (s̄_W − s̄_L): the Wald/IV estimate of excess spending per
 * yuan of subsidy redeemed, instrumenting subsidy by winning (Liu, Shen, Li & Chen 2021, "Consumption
 * voucher stimulus and consumer spending", Management Science 67(12); their 1 → 3.4–5.8 yuan).
 * Standard errors are payer-clustered CR1 ("stata") of those payer-level regressions:
 *   Var(τ̂) = c (Σ_W (d−d̄_W)²/n_W² + Σ_L (d−d̄_L)²/n_L²),  c = n/(n−2),
 *   Var(MPC) = c (Σ_W r²/n_W² + Σ_L r²/n_L²) / (s̄_W − s̄_L)²,  r = (d − d̄_arm) − MPC (s − s̄_arm),
 * equal to estimatr lm_robust(d ~ won) and iv_robust(d ~ s | won) with clusters = payer,
 * se_type = "stata"; t with n − 1 df. Refuses an empty or single-payer arm and a zero subsidy gap.
 */
export function lotteryDid(winners: ArmMoments, losers: ArmMoments, level = 0.95): LotteryDid {
  if (winners.n < 2) throw new LocalizedError({ zh: `lotteryDid：数据中中签申请者 ${winners.n} 人；无法得出任何指标`, en: `lotteryDid: ${winners.n} winning applicants in the data; no figure can be claimed` });
  if (losers.n < 2) throw new LocalizedError({ zh: `lotteryDid：数据中未中签申请者（对照组）${losers.n} 人；无法得出任何指标`, en: `lotteryDid: ${losers.n} unsuccessful applicants in the data (the comparison group); no figure can be claimed` });
  const n = winners.n + losers.n;
  const c = n / (n - 2);
  const df = n - 1;
  const mW = winners.sumD / winners.n, mL = losers.sumD / losers.n;
  const ssd = (a: ArmMoments): number => Math.max(0, a.sumDD - (a.sumD * a.sumD) / a.n);
  const tau = mW - mL;
  const varTau = c * (ssd(winners) / winners.n ** 2 + ssd(losers) / losers.n ** 2);
  const sW = winners.sumS / winners.n, sL = losers.sumS / losers.n;
  const gap = sW - sL;
  if (!(Math.abs(gap) > 0)) throw new LocalizedError({ zh: `lotteryDid：中签者核销的补贴不多于未中签申请者；边际消费倾向（MPC）无定义`, en: 'lotteryDid: winners redeemed no more subsidy than unsuccessful applicants; the MPC is undefined' });
  const mpc = tau / gap;
  const rss = (a: ArmMoments): number => {
    const sdd = a.sumDD - (a.sumD * a.sumD) / a.n;
    const sds = a.sumDS - (a.sumD * a.sumS) / a.n;
    const sss = a.sumSS - (a.sumS * a.sumS) / a.n;
    return Math.max(0, sdd - 2 * mpc * sds + mpc * mpc * sss);
  };
  const varMpc = (c * (rss(winners) / winners.n ** 2 + rss(losers) / losers.n ** 2)) / (gap * gap);
  return {
    did: tEstimate(tau, Math.sqrt(varTau), df, level),
    mpc: tEstimate(mpc, Math.sqrt(varMpc), df, level),
    meanSubsidyWinners: sW,
    winners: winners.n,
    losers: losers.n,
  };
}

/** ArmMoments from payer-level arrays (tests and small data; the pipeline gets them from SQL). */
export function armMoments(d: ArrayLike<number>, s: ArrayLike<number>): ArmMoments {
  const m: ArmMoments = { n: d.length, sumD: 0, sumDD: 0, sumS: 0, sumSS: 0, sumDS: 0 };
  for (let i = 0; i < d.length; i++) {
    m.sumD += d[i]; m.sumDD += d[i] * d[i]; m.sumS += s[i]; m.sumSS += s[i] * s[i]; m.sumDS += d[i] * s[i];
  }
  return m;
}
