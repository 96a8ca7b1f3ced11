// The original report's measures: ratios of raw transaction sums, labelled for what they are.
import { LocalizedError } from '../locale/errorText.ts';

/**
 * Leverage ("带动消费 N 倍") = Σ spending in voucher transactions / Σ subsidy redeemed, both in fen.
 * It counts every yuan spent in a transaction that used a voucher, including the spending that
 * would have happened anyway, so it is not an effect: a buyer who would have spent 100 and uses a
 * 10-yuan voucher adds 10× to it with zero excess spending. Example: 2.3亿 / 3000万 = 7.67 (嘉兴).
 */
export function leverage(voucherSpendingFen: number, subsidyFen: number): number {
  if (!(subsidyFen > 0)) throw new LocalizedError({ zh: `leverage：核销的补贴为 ${subsidyFen}；没有使用消费券，无法得出杠杆率`, en: `leverage: subsidy redeemed is ${subsidyFen}; no voucher was used, so no leverage can be claimed` });
  return voucherSpendingFen / subsidyFen;
}

/** A window's spending and its length in days. */
export interface WindowSum {
  fen: number;
  days: number;
}

/**
 * Window-over-window growth of daily spending, (after/days_after) / (before/days_before) − 1, as the
 * report's "五一 vs March +30%" or "餐饮 +236%". Growth mixes the vouchers with the season, the
 * recovery from the outbreak and everything else that changed between the windows.
 * Example: before 3000 over 30 days, after 650 over 5 days → 130/100 − 1 = 0.30.
 */
export function windowGrowth(before: WindowSum, after: WindowSum): number {
  if (!(before.days > 0 && after.days > 0)) throw new LocalizedError({ zh: `windowGrowth：有一个时间窗没有天数`, en: 'windowGrowth: a window has no days' });
  if (!(before.fen > 0)) throw new LocalizedError({ zh: `windowGrowth：前一时间窗没有消费；增长率无定义`, en: 'windowGrowth: no spending in the earlier window; growth is undefined' });
  return after.fen / after.days / (before.fen / before.days) - 1;
}

/**
 * Shares of a total by category (e.g. voucher users by age band, benefiting merchants by size):
 * count_c / Σ counts, categories in the order given. Example: {'40+': 42, '<40': 58} → 0.42, 0.58.
 */
export function shares(counts: ReadonlyMap<string, number>): Map<string, number> {
  let total = 0;
  for (const v of counts.values()) total += v;
  if (!(total > 0)) throw new LocalizedError({ zh: `shares：没有可分配的量（合计为 0）`, en: 'shares: nothing to share out (total 0)' });
  return new Map([...counts].map(([k, v]) => [k, v / total]));
}
