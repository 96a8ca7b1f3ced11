// Why the original report's leverage differs from the causal estimate, in one sentence per language.
// leverage = Σ spending in voucher transactions / Σ subsidy; causal = excess spending per yuan of subsidy.
// Their ratio is worded only when the causal estimate is positive (at the printed precision): at zero or
// below, "N times larger" is meaningless (it printed "-0.0 times larger"), so the sentence says that the
// vouchers added no measurable spending instead.
import type { Label } from '../../locale/index.ts';

export function leverageExplanation(leverage: number, causal: number | undefined): Label {
  const lev = leverage.toFixed(1);
  const en = `The reported leverage (${lev}×) divides all spending in voucher transactions by the subsidy, so it counts purchases people would have made anyway;`;
  const zh = `原报告口径的"带动消费"倍数（${lev} 倍）把用券交易的全部金额除以补贴，包含了没有消费券也会发生的消费；`;
  if (causal === undefined || !Number.isFinite(causal)) {
    return { en: `${en} the causal estimate counts only the extra spending the vouchers caused.`, zh: `${zh}因果估计只计算消费券额外带来的消费。` };
  }
  const c = causal.toFixed(1);
  if (Number(c) <= 0) {
    return {
      en: `${en} the causal estimate (${c} yuan per yuan of subsidy) finds no extra spending caused by the vouchers, so the leverage says nothing about their effect.`,
      zh: `${zh}因果估计（每元补贴带来 ${c} 元额外消费）没有发现消费券带来的额外消费，因此这一倍数不能说明消费券的效果。`,
    };
  }
  const ratio = (leverage / causal).toFixed(1);
  return {
    en: `${en} the causal estimate (${c} yuan per yuan of subsidy) counts only the extra spending the vouchers caused, which is why leverage is ${ratio} times larger.`,
    zh: `${zh}因果估计（每元补贴带来 ${c} 元额外消费）只计算消费券额外带来的消费，因此前者是后者的 ${ratio} 倍。`,
  };
}
