// The report's section on consumption vouchers: the original report's measure beside the causal
// estimates, the event studies with their intervals, and effects by industry. Pure HTML (inline SVG).
import type { VoucherResults, SeriesPoint } from '../study/vouchers/computeVouchers.ts';
import { faultName } from '../study/vouchers/qualityNotes.ts';
import type { Figure } from '../study/types.ts';
import { asLabel, esc } from './i18n.ts';
import { enNumber, enNumberFormat } from '../locale/index.ts';

type Lang = 'zh' | 'en';
const T = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const n2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const int = enNumber();
/** Yuan with two decimals, thousands separated and a true minus sign: −245,474.84. */
const money = (v: number) => enNumberFormat(2).format(v).replace('-', '−');

/** A figure's value for people: × for multiples, % for proportional effects, yuan for per-person sums (元 in Chinese). */
export function voucherValue(f: Pick<Figure, 'id' | 'value' | 'unit'>, v = f.value, lang: Lang = 'zh'): string {
  if (f.unit === 'times') return `${n2(v)}×`;
  if (f.unit === 'yuan/person') return lang === 'zh' ? `${n2(v)} 元` : `${n2(v)} yuan`;
  if (f.unit === 'number') return n2(v);
  return pct(v);
}

/** Round tick values inside [lo, hi], 0 among them when in range: steps of 1, 2 or 5 × 10^k, about 5 ticks. */
export function niceTicks(lo: number, hi: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / 5, p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) as number;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) out.push(Math.abs(k * step) < step * 1e-9 ? 0 : k * step);
  return out;
}
/** A tick label: as few decimals as the value needs (0.05, 20, −0.1), a true minus sign. */
const tickText = (v: number) => String(Number(v.toPrecision(6))).replace('-', '−');

/** An event-study chart: points with 95% whiskers, a zero line and the reference period. */
export function eventChart(points: SeriesPoint[], xLabel: string, yLabel: string): string {
  if (points.length === 0) return '';
  const W = 560, H = 240, L = 56, R = 12, Tp = 12, B = 36;
  const xs = points.map((p) => p.x), lo = Math.min(0, ...points.map((p) => p.ci[0])), hi = Math.max(0, ...points.map((p) => p.ci[1]));
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  const sx = (x: number) => L + ((x - x0) / Math.max(1, x1 - x0)) * (W - L - R);
  const sy = (y: number) => Tp + (1 - (y - lo) / Math.max(1e-12, hi - lo)) * (H - Tp - B);
  const marks = points.map((p) => `<line x1="${sx(p.x)}" x2="${sx(p.x)}" y1="${sy(p.ci[0])}" y2="${sy(p.ci[1])}" stroke="#4a6fa5"/><circle cx="${sx(p.x)}" cy="${sy(p.estimate)}" r="3" fill="${p.x < 0 ? '#999' : '#c0392b'}"/>`).join('');
  const ticks = niceTicks(lo, hi).map((v) => `<line x1="${L - 3}" x2="${L}" y1="${sy(v)}" y2="${sy(v)}" stroke="#888"/><text x="${L - 6}" y="${sy(v) + 4}" text-anchor="end" font-size="10">${tickText(v)}</text>`).join('');
  const xt = [...new Set(xs)].filter((_, i, a) => a.length <= 16 || i % Math.ceil(a.length / 16) === 0).map((x) => `<text x="${sx(x)}" y="${H - B + 14}" text-anchor="middle" font-size="10">${x}</text>`).join('');
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(yLabel)}"><line x1="${L}" x2="${W - R}" y1="${sy(0)}" y2="${sy(0)}" stroke="#888" stroke-dasharray="3 3"/><line x1="${sx(-0.5)}" x2="${sx(-0.5)}" y1="${Tp}" y2="${H - B}" stroke="#ccc"/>${marks}${ticks}${xt}<text x="${(L + W) / 2}" y="${H - 4}" text-anchor="middle" font-size="11">${esc(xLabel)}</text><text x="12" y="${Tp + (H - B) / 2}" transform="rotate(-90 12 ${Tp + (H - B) / 2})" text-anchor="middle" font-size="11">${esc(yLabel)}</text></svg>`;
}

/**
 * The section in both languages (the page's zh/en switch shows one): report.html of a voucher study
 * and the voucher part of a combined report and dashboard.
 */
export function vouchersSectionHtml(r: VoucherResults): string {
  const [zh, en] = (['zh', 'en'] as const).map((lang) => vouchersSection(r, lang).replace(/^<section id="vouchers">|<\/section>$/g, ''));
  return `<section id="vouchers"><div class="zh">${zh}</div><div class="en">${en}</div></section>`;
}

/** The section's HTML in one language. */
export function vouchersSection(r: VoucherResults, lang: Lang): string {
  const f = r.figures;
  const row = (id: string, kind: string) => {
    const g = f[id];
    if (!g) return '';
    const ci = g.ci ? `${voucherValue(g, g.ci[0], lang)} … ${voucherValue(g, g.ci[1], lang)}` : T(lang, '（描述性，无抽样区间）', '(descriptive; no sampling interval)');
    return `<tr title="${esc(id)}"><td>${esc(kind)}</td><td>${esc(g.label[lang])}</td><td class="n">${esc(voucherValue(g, g.value, lang))}</td><td class="n">${esc(ci)}</td><td>${esc(g.notes ? asLabel(g.notes)[lang] : '')}</td></tr>`;
  };
  const reported = T(lang, '原报告口径', 'as the report measures');
  const causal = T(lang, '因果估计', 'causal');
  const headline = Object.keys(f).filter((id) => /^voucher\.(leverage|growth)\./.test(id)).map((id) => row(id, reported)).join('')
    + Object.keys(f).filter((id) => /^voucher\.(mpc|did|att|multiplier|pretrend)\./.test(id)).map((id) => row(id, causal)).join('');
  const shares = Object.keys(f).filter((id) => id.startsWith('voucher.share.')).map((id) => `<tr><td>${esc(f[id].label[lang])}</td><td class="n">${pct(f[id].value)}</td></tr>`).join('');
  const industries = r.byIndustry.map((b) => `<tr><td>${esc(b.name[lang])}</td><td class="n">${b.reportedGrowth === null ? '—' : pct(b.reportedGrowth)}</td><td class="n">${pct(b.effect)}</td><td class="n">${pct(b.ci[0])} … ${pct(b.ci[1])}</td></tr>`).join('');
  const q = r.quality;
  const excluded = Object.entries(q.excluded).filter(([, n]) => n > 0).map(([k, n]) => `${faultName(k, lang)} ${n}`).join(T(lang, '，', ', ')) || T(lang, '无', 'none');
  const lot = r.lotteryEventStudy;
  return `<section id="vouchers"><h2>${T(lang, '电子消费券：原报告口径与因果估计', 'Consumption vouchers: the report\'s measure and the causal estimates')}</h2>
<p class="lead">${esc(r.explanation[lang])}</p>
<table><thead><tr><th>${T(lang, '口径', 'measure')}</th><th>${T(lang, '指标', 'figure')}</th><th>${T(lang, '数值', 'value')}</th><th>${T(lang, '95% 区间', '95% interval')}</th><th>${T(lang, '含义', 'what it means')}</th></tr></thead><tbody>${headline}</tbody></table>
${lot ? `<h3>${T(lang, `抽签事件研究（${esc(lot.name.zh)}）：中签者相对未中签者的每周额外消费`, `Lottery event study (${esc(lot.name.en)}): excess weekly spending of winners over unsuccessful applicants`)}</h3>
${eventChart(lot.points, T(lang, '相对抽签的周数（−1 为基期）', 'weeks from the draw (−1 = reference)'), T(lang, '元/人/周', 'yuan per person-week'))}
<p>${T(lang, '抽签前各周系数检验平行趋势：', 'Weeks before the draw test parallel trends: ')}p = ${lot.preTrendP === null ? '—' : n2(lot.preTrendP)}</p>` : ''}
${r.cityEventStudy.length ? `<h3>${T(lang, '城市交错发券：相对发券的周数与覆盖行业消费变化（对数点）', 'Cities issuing at different dates: covered-industry spending by week from issuance (log points)')}</h3>
${eventChart(r.cityEventStudy.map((p) => ({ ...p })), T(lang, '相对发券的周数', 'weeks from issuance'), T(lang, '对数点', 'log points'))}` : ''}
${industries ? `<h3>${T(lang, '分行业：原报告口径的增长与因果效应', 'By industry: the reported growth and the causal effect')}</h3>
<table><thead><tr><th>${T(lang, '行业', 'industry')}</th><th>${T(lang, '窗口增长（原报告口径）', 'window growth (as reported)')}</th><th>${T(lang, '三重差分效应', 'triple-difference effect')}</th><th>${T(lang, '95% 区间', '95% interval')}</th></tr></thead><tbody>${industries}</tbody></table>` : ''}
${shares ? `<h3>${T(lang, '用券人群与受益商户（描述）', 'Who used vouchers (descriptive)')}</h3><table><tbody>${shares}</tbody></table>` : ''}
<h3>${T(lang, '数据质量', 'Data quality')}</h3>
<p>${esc(q.file)}${T(lang, `：读入 ${int(q.rowsRead)} 行，使用 ${int(q.used)} 行；剔除：${esc(excluded)}；退款 ${int(q.refunds)} 笔（${money(q.refundFen / 100)} 元）。`, `: ${int(q.rowsRead)} rows read, ${int(q.used)} used; left out: ${esc(excluded)}; ${int(q.refunds)} refunds (${money(q.refundFen / 100)} yuan).`)}</p>
${r.notes.length ? `<ul>${r.notes.map((n) => `<li>${esc(asLabel(n)[lang])}</li>`).join('')}</ul>` : ''}
</section>`;
}
