// The executive summary at the top of the report and the dashboard: the headline figures, one
// sentence each, written from the results (nothing typed in by hand), in Chinese and English.
import type { Figure, Label } from '../study/types.ts';
import { displayValue, type Lang } from '../locale/index.ts';
import { scopeRuns } from '../study/model/index.ts';
import type { ExtendedResults } from './optionalParts.ts';
import { levelPct } from './netParts.ts';
import { bi, T } from './i18n.ts';
import { voucherValue } from './vouchersSection.ts';

/** "2962.6 万人" / "2962.6 10k persons": a value in the figure's display units. */
const amount = (f: Pick<Figure, 'unit' | 'value'>, lang: Lang, v = f.value): string => {
  const d = displayValue(f, lang, v);
  return `${d.text}${d.unit === '%' ? '%' : ` ${d.unit}`}`;
};
/** "（95% 区间 2413.1–3512.1）" / " (95% interval 2413.1–3512.1)", or nothing without an interval. */
const interval = (f: Figure, level: number, lang: Lang): string => {
  if (!f.ci) return '';
  const [a, b] = [displayValue(f, lang, f.ci[0]).text, displayValue(f, lang, f.ci[1]).text];
  return lang === 'zh' ? `（${levelPct(level)}% 区间 ${a}–${b}）` : ` (${levelPct(level)}% interval ${a}–${b})`;
};
const both = (make: (lang: Lang) => string): Label => ({ zh: make('zh'), en: make('en') });

/** The voucher part of a combined study, as the summary needs it (see vouchersSection). */
export interface VoucherSummaryInput {
  figures: Record<string, Figure>;
}

/**
 * summarySentences(results, vouchers?) → the summary's sentences, in reading order: total jobs with
 * direct and indirect; the direct split (full-/part-time, providers and operators); consumption;
 * induced output and value added; growth over the declared series; net additional jobs; a coverage
 * warning; the voucher measures side by side. Each only when the results have its figures.
 */
export function summarySentences(r: ExtendedResults, vouchers?: VoucherSummaryInput): Label[] {
  const F = r.figures;
  const lvl = r.intervals.level;
  const who = r.study.platform ?? { zh: '平台', en: 'the platform' };
  const out: Label[] = [];
  const total = F['jobs.total'], direct = F['jobs.direct'], indirect = F['jobs.indirect'];
  if (total) {
    out.push(both((l) => {
      const split = direct && indirect ? (l === 'zh' ? `，其中直接就业 ${amount(direct, l)}、间接就业 ${amount(indirect, l)}` : `: ${amount(direct, l)} direct and ${amount(indirect, l)} indirect`) : '';
      return l === 'zh'
        ? `${r.study.year} 年，${who.zh}生态带动就业约 ${amount(total, l)}${interval(total, lvl, l)}${split}。`
        : `In ${r.study.year}, the ${who.en} ecosystem supported jobs estimated at ${amount(total, l)}${interval(total, lvl, l)}${split}.`;
    }));
  } else if (direct) {
    out.push(both((l) => (l === 'zh' ? `${r.study.year} 年，${who.zh}生态直接带动就业约 ${amount(direct, l)}${interval(direct, lvl, l)}。` : `In ${r.study.year}, the ${who.en} ecosystem directly supported jobs estimated at ${amount(direct, l)}${interval(direct, lvl, l)}.`)));
  }
  const ft = F['jobs.direct.fulltime'], pt = F['jobs.direct.parttime'], prov = F['jobs.providers'], ops = F['jobs.operators'];
  if (direct && ((ft && pt) || (prov && ops))) {
    out.push(both((l) => {
      const parts: string[] = [];
      if (ft && pt) parts.push(l === 'zh' ? `全职 ${amount(ft, l)}、兼职 ${amount(pt, l)}` : `${amount(ft, l)} are full-time and ${amount(pt, l)} part-time`);
      if (prov && ops) parts.push(l === 'zh' ? `服务商 ${amount(prov, l)}、运营者 ${amount(ops, l)}` : `service providers account for ${amount(prov, l)} and account operators for ${amount(ops, l)}`);
      return l === 'zh' ? `直接就业中，${parts.join('；')}。` : `Of the direct jobs, ${parts.join('; ')}.`;
    }));
  }
  const cons = F['consumption.total'];
  if (cons) {
    const info = F['consumption.information'], trad = F['consumption.traditional'];
    out.push(both((l) => {
      const split = info && trad ? (l === 'zh' ? `，其中信息消费 ${amount(info, l)}、传统消费 ${amount(trad, l)}` : `, of which information ${amount(info, l)} and traditional ${amount(trad, l)}`) : '';
      return l === 'zh' ? `带动消费 ${amount(cons, l)}${interval(cons, lvl, l)}${split}。` : `It drove ${amount(cons, l)} of consumption${interval(cons, lvl, l)}${split}.`;
    }));
  }
  const induced = F['output.indirect'], va = F['va.generated.domestic'] ?? F['va.generated.competitive'];
  if (induced) {
    out.push(both((l) => {
      const vaText = va ? (l === 'zh' ? `；按增加值计，带动 ${amount(va, l)}` : `; value added generated: ${amount(va, l)}`) : '';
      return l === 'zh' ? `这些消费诱发的产出为 ${amount(induced, l)}（中间产出，不是增加值）${vaText}。` : `This consumption induced ${amount(induced, l)} of output (intermediate output, not value added)${vaText}.`;
    }));
  }
  const runs = r.series ? scopeRuns(r.series) : [];
  const run = runs[runs.length - 1];
  if (run) {
    const scope = { direct: { zh: '直接就业', en: 'Direct jobs' }, total: { zh: '就业总量', en: 'Total jobs' }, component: { zh: '该组成部分', en: 'The component' } }[run.scope];
    out.push(both((l) => (l === 'zh' ? `${run.from}–${run.to} 年，${scope.zh}年均增长 ${(run.cagr * 100).toFixed(1)}%。` : `${scope.en} grew ${(run.cagr * 100).toFixed(1)}% a year over ${run.from}–${run.to}.`)));
  }
  const net = F['net.jobs.total'];
  if (net && total) {
    const mc = r.uncertainty?.intervals['net.jobs.total'];
    const illustrative = r.additionality?.illustrative;
    out.push(both((l) => {
      const iv = mc && r.uncertainty ? (l === 'zh' ? `（蒙特卡洛 ${levelPct(r.uncertainty.level)}% 区间 ${displayValue(net, l, mc.lo).text}–${displayValue(net, l, mc.hi).text}）` : ` (Monte Carlo ${levelPct(r.uncertainty.level)}% interval ${displayValue(net, l, mc.lo).text}–${displayValue(net, l, mc.hi).text})`) : '';
      const caveat = illustrative ? (l === 'zh' ? '，所用比率为示意性假设' : '; the rates used are illustrative assumptions') : '';
      return l === 'zh'
        ? `扣除无谓效应、挤出与替代后，净新增就业约 ${amount(net, l)}${iv}${caveat}；它与“带动”回答不同的问题，不能相加。`
        : `Net of deadweight, displacement and substitution, jobs estimated at ${amount(net, l)} are additional${iv}${caveat}; this answers a different question from "jobs supported" and is never added to it.`;
    }));
  }
  const cov = Object.values(F).filter((f) => f.coverage?.warning);
  if (cov.length) {
    const worst = cov.reduce((a, b) => ((a.coverage?.coverage ?? 1) <= (b.coverage?.coverage ?? 1) ? a : b));
    const c = worst.coverage!;
    out.push(both((l) => (l === 'zh'
      ? `抽样区间可能偏窄：${worst.label.zh}的区间在模拟中只覆盖真值 ${(c.coverage * 100).toFixed(1)}%（名义 ${Math.round(c.level * 100)}%），原因是少数大单位的重尾数据。`
      : `Some sampling intervals are likely too narrow: the interval of ${worst.label.en} covered the truth in ${(c.coverage * 100).toFixed(1)}% of simulations (nominal ${Math.round(c.level * 100)}%), because of heavy-tailed data.`)));
  }
  if (vouchers) out.push(...voucherSentences(vouchers));
  return out;
}

/** The voucher measures in two sentences: the original report's leverage and the causal estimates. */
export function voucherSentences(v: VoucherSummaryInput): Label[] {
  const F = v.figures;
  const lev = F['voucher.leverage.reported'], mpc = F['voucher.mpc.lottery'], mult = F['voucher.multiplier.city'];
  const out: Label[] = [];
  if (lev) out.push(both((l) => (l === 'zh' ? `按原报告口径，用券交易的消费额是补贴额的 ${voucherValue(lev)}（其中包含没有消费券也会发生的消费）。` : `As the original report measures it, spending in voucher transactions came to ${voucherValue(lev)} the subsidy redeemed (a ratio that includes spending that would have happened anyway).`)));
  const causal = mpc ?? mult;
  if (causal) {
    out.push(both((l) => {
      const ci = causal.ci ? (l === 'zh' ? `（95% 区间 ${voucherValue(causal, causal.ci[0])}–${voucherValue(causal, causal.ci[1])}）` : ` (95% interval ${voucherValue(causal, causal.ci[0], l)}–${voucherValue(causal, causal.ci[1], l)})`) : '';
      const what = causal === mpc ? (l === 'zh' ? '抽签比较，中签者对未中签者' : 'the lottery comparison (winners against unsuccessful applicants)') : (l === 'zh' ? '各城市交错发券的比较' : 'the comparison of cities issuing at different dates');
      return l === 'zh' ? `因果估计（${what}）为 ${voucherValue(causal)}${ci}：每 1 元补贴带来约 ${causal.value.toFixed(2)} 元额外消费。` : `The causal estimate from ${what} is ${voucherValue(causal)}${ci}: each yuan of subsidy brought about ${causal.value.toFixed(2)} yuan of additional spending.`;
    }));
  }
  return out;
}

/** The summary section: its sentences as a list (bilingual HTML). Empty when there is nothing to say. */
export function summarySection(r: ExtendedResults, vouchers?: VoucherSummaryInput): string {
  return summaryHtml(summarySentences(r, vouchers));
}

/** Sentences as the summary section (bilingual HTML); empty without sentences. */
export function summaryHtml(s: Label[]): string {
  return s.length ? `<section id="summary"><h2>${bi(T.summary)}</h2><ul class="summary">${s.map((x) => `<li>${bi(x)}</li>`).join('')}</ul></section>` : '';
}
