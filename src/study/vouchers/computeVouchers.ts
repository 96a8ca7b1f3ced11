// The voucher figures: the original report's ratio measures and the causal estimates, side by side.
// Pure: input is the sufficient statistics of loadTransactions (src/data/transactions).
import { eventStudy, factor, groupTimeAtt, leverage, lotteryDid, shares, tEstimate, tripleDifference, wildClusterBootstrap, windowGrowth, type Estimate, type LeftOut } from '../../causal/index.ts';
import { label as L, type Label } from '../../locale/index.ts';
import type { Figure } from '../model/types.ts';
import type { TransactionsConfig } from './config.ts';
import { dataName, unusedNames } from './dataNames.ts';
import { addDays, daysBetween } from './days.ts';
import { leverageExplanation } from './leverageExplanation.ts';
import { transactionQualityNotes } from './qualityNotes.ts';
import type { VoucherAggregates, LotteryAggregate } from './types.ts';
import { LocalizedError, errorText } from '../../locale/errorText.ts';

export interface SeriesPoint { x: number; estimate: number; ci: [number, number] }

export interface VoucherResults {
  figures: Record<string, Figure>;
  quality: VoucherAggregates['quality'];
  /** The report's measures by group: leverage by programme city, growth by industry/city/merchant size. */
  reported: { by: 'programme' | 'industry' | 'city' | 'merchant_size'; key: string; name: Label; value: number; measure: 'leverage' | 'growth' }[];
  /** Effects by covered industry (triple difference, proportional) beside the reported growth. */
  byIndustry: { industry: string; name: Label; effect: number; ci: [number, number]; reportedGrowth: number | null }[];
  /** Lottery event study: week relative to the draw → excess spending per applicant-week (yuan). */
  lotteryEventStudy?: { city: string; name: Label; points: SeriesPoint[]; preTrendP: number | null };
  /** City design, weeks relative to issuance → ATT in log points (Callaway–Sant'Anna dynamic). */
  cityEventStudy: SeriesPoint[];
  /** Why the reported leverage is several times the causal multiplier, in one sentence. */
  explanation: Label;
  /** What was left out or could not be estimated, in both languages (data quality first). */
  notes: Label[];
}

const yuan = (fen: number) => fen / 100;
const exp = Math.exp;

/**
 * computeVouchers(config, aggregates) → figures with ids voucher.leverage.reported,
 * voucher.growth.reported, voucher.share.age.<band>, voucher.share.merchants.<size>,
 * voucher.did.lottery, voucher.mpc.lottery, voucher.pretrend.lottery, voucher.did.triple,
 * voucher.att.city, voucher.multiplier.city (one lottery; more get a .<city> suffix).
 * Throws, naming the study file line, when a programme's city is not in the data, has no day
 * before its first round, or its rounds start after the data end.
 */
export function computeVouchers(config: TransactionsConfig, agg: VoucherAggregates, options: { seed?: number; draws?: number } = {}): VoucherResults {
  const figures: Record<string, Figure> = {};
  const notes: Label[] = transactionQualityNotes(agg.quality);
  const add = (f: Omit<Figure, 'from'> & { from?: string[] }) => { figures[f.id] = { from: [], ...f }; };
  const ci = (e: Estimate) => e.ci;
  const where = (path: string) => config.where[path] ?? path;
  // The data's values as a reader sees them (transactions.names), e.g. city('杭州') → {zh: '杭州', en: 'Hangzhou'}.
  const cityName = (v: string) => dataName(config.names, 'city', v), industryName = (v: string) => dataName(config.names, 'industry', v);
  // ---- the panel of cells -------------------------------------------------------------------
  const days: string[] = [];
  for (let t = 0; t <= daysBetween(config.window.start, config.window.end); t++) days.push(addDays(config.window.start, t));
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const cities = [...new Set(agg.cells.map((c) => c.city))].sort();
  const industries = [...new Set(agg.cells.map((c) => c.industry))].sort();
  const covered = industries.map((j) => config.covered.includes(j));
  for (const j of config.covered) if (!industries.includes(j)) notes.push({ zh: `覆盖行业 ${industryName(j).zh}（${where('transactions.covered')}）没有交易`, en: `covered industry ${industryName(j).en} (${where('transactions.covered')}) has no transactions` });
  const ci_ = new Map(cities.map((c, i) => [c, i])), ji = new Map(industries.map((j, i) => [j, i]));
  const T = days.length, J = industries.length;
  const spend = new Float64Array(cities.length * J * T), subsidy = new Float64Array(cities.length * J * T);
  const firstData = new Array<number>(cities.length).fill(Infinity), lastData = new Array<number>(cities.length).fill(-Infinity);
  let voucherSpendFen = 0, subsidyFen = 0;
  const byCityVoucher = new Map<string, [number, number]>();
  for (const c of agg.cells) {
    const t = dayIndex.get(c.day);
    if (t === undefined) continue;
    const k = (ci_.get(c.city)! * J + ji.get(c.industry)!) * T + t;
    spend[k] += c.spendFen; subsidy[k] += c.subsidyFen;
    const cc = ci_.get(c.city)!;
    firstData[cc] = Math.min(firstData[cc], t); lastData[cc] = Math.max(lastData[cc], t);
    voucherSpendFen += c.voucherSpendFen; subsidyFen += c.subsidyFen;
    const v = byCityVoucher.get(c.city) ?? [0, 0];
    v[0] += c.voucherSpendFen; v[1] += c.subsidyFen; byCityVoucher.set(c.city, v);
  }
  const firstDay = new Float64Array(cities.length).fill(Infinity);
  for (const p of config.programmes) {
    const c = ci_.get(p.city);
    if (c === undefined) throw new LocalizedError({ zh: `${where(`${p.yamlPath}.city`)}：城市 ${p.city} 在数据中没有交易（数据中的城市：${cities.join(', ')}）`, en: `${where(`${p.yamlPath}.city`)}: city ${p.city} has no transactions in the data (cities in the data: ${cities.join(', ')})` });
    const start = daysBetween(config.window.start, p.rounds[0].start);
    if (start > lastData[c]) throw new LocalizedError({ zh: `${where(`${p.yamlPath}.rounds`)}：第一轮从 ${p.rounds[0].start} 开始，晚于 ${p.city} 的最后一笔交易（${days[lastData[c]]}）：项目日期落在数据之外`, en: `${where(`${p.yamlPath}.rounds`)}: the first round starts ${p.rounds[0].start}, after the last transaction of ${p.city} (${days[lastData[c]]}): the programme's dates fall outside the data` });
    if (start <= firstData[c]) throw new LocalizedError({ zh: `${where(`${p.yamlPath}.rounds`)}：${p.city} 从 ${p.rounds[0].start} 起发放消费券，而其数据从 ${days[firstData[c]]} 才开始：没有事前期，无法估计其效应`, en: `${where(`${p.yamlPath}.rounds`)}: ${p.city} issues vouchers from ${p.rounds[0].start} but its data start ${days[firstData[c]]}: no pre-period, so no effect can be estimated for it` });
    firstDay[c] = start;
  }
  // ---- the original report's measures ------------------------------------------------------
  const lev = leverage(voucherSpendFen, subsidyFen);
  add({
    id: 'voucher.leverage.reported', value: lev, unit: 'times',
    label: { zh: '消费券"带动消费"倍数（原报告口径）', en: 'Voucher "leverage" as the report measures it' },
    formula: L('Σ 用券交易金额 / Σ 券面优惠', 'Σ amount of transactions that used a voucher / Σ voucher discount'),
    inputs: { 'voucher transactions spending (yuan)': yuan(voucherSpendFen), 'subsidy redeemed (yuan)': yuan(subsidyFen) },
    notes: { zh: '原始金额之比，不是效应：用券交易的每一元都计入，包括没有消费券也会发生的购买。', en: 'A ratio of raw sums, not an effect: it counts every yuan spent in a voucher transaction, including purchases that would have happened without the voucher.' },
  });
  const reported: VoucherResults['reported'] = [];
  for (const p of config.programmes) {
    const v = byCityVoucher.get(p.city);
    if (v && v[1] > 0) reported.push({ by: 'programme', key: p.city, name: cityName(p.city), value: v[0] / v[1], measure: 'leverage' });
  }
  const growthOf: Map<string, number> = new Map();
  if (config.compare) {
    const { before, after } = config.compare;
    const inWin = (t: number, r: { start: string; end: string }) => days[t] >= r.start && days[t] <= r.end;
    const len = (r: { start: string; end: string }) => daysBetween(r.start, r.end) + 1;
    const sumBy = (keyOf: (c: number, j: number) => string) => {
      const m = new Map<string, [number, number]>();
      for (let c = 0; c < cities.length; c++) for (let j = 0; j < J; j++) for (let t = 0; t < T; t++) {
        const v = spend[(c * J + j) * T + t];
        const k = keyOf(c, j);
        const s = m.get(k) ?? [0, 0];
        if (inWin(t, before)) s[0] += v;
        if (inWin(t, after)) s[1] += v;
        m.set(k, s);
      }
      return m;
    };
    const g = (s: [number, number]) => windowGrowth({ fen: s[0], days: len(before) }, { fen: s[1], days: len(after) });
    const total = sumBy(() => 'all').get('all')!;
    add({
      id: 'voucher.growth.reported', value: g(total), unit: 'ratio',
      label: { zh: `线下消费日均环比增长（${after.start}…${after.end} 对 ${before.start}…${before.end}）`, en: `Growth of daily spending, ${after.start}…${after.end} over ${before.start}…${before.end}` },
      formula: L('(Σ 之后消费 / 之后天数) / (Σ 之前消费 / 之前天数) − 1', '(Σ spend after / days after) / (Σ spend before / days before) − 1'),
      inputs: { 'spend before (yuan)': yuan(total[0]), 'spend after (yuan)': yuan(total[1]), 'days before': len(before), 'days after': len(after) },
      notes: { zh: '两个时段之间的增长混合了消费券、季节、假日和疫情后的恢复，不是消费券的效应。', en: 'Growth between two windows mixes the vouchers with the season, holidays and the recovery after the outbreak; it is not the vouchers\' effect.' },
    });
    for (const [k, s] of sumBy((_c, j) => industries[j])) if (s[0] > 0) { reported.push({ by: 'industry', key: k, name: industryName(k), value: g(s), measure: 'growth' }); growthOf.set(k, g(s)); }
    for (const [k, s] of sumBy((c) => cities[c])) if (s[0] > 0) reported.push({ by: 'city', key: k, name: cityName(k), value: g(s), measure: 'growth' });
    for (const s of agg.sizes ?? []) if (s.beforeFen > 0) reported.push({ by: 'merchant_size', key: s.size, name: dataName(config.names, 'merchant_size', s.size), value: g([s.beforeFen, s.afterFen]), measure: 'growth' });
  }
  const shareFigures = (rows: { band: string; n: number }[] | undefined, kind: 'age' | 'merchants') => {
    if (!rows || rows.length === 0) return;
    const total = rows.reduce((s, r) => s + r.n, 0);
    for (const [band, sh] of shares(new Map(rows.map((r) => [r.band || '(blank)', r.n])))) {
      const name = dataName(config.names, kind === 'age' ? 'age_band' : 'merchant_size', band === '(blank)' ? '' : band);
      add({
        id: `voucher.share.${kind}.${band}`, value: sh, unit: 'ratio',
        label: kind === 'age' ? { zh: `用券用户中 ${name.zh} 的占比`, en: `Share of voucher users aged ${name.en}` } : { zh: `受益商户中${name.zh}商户的占比`, en: `Share of benefiting merchants that are ${name.en}` },
        formula: kind === 'age' ? L('该年龄段有用券交易的付款人 / 所有用券付款人', 'payers with a voucher transaction in the band / all such payers') : L('该规模有用券交易的商户 / 所有用券商户', 'merchants with a voucher transaction of the size / all such merchants'),
        inputs: { count: rows.find((r) => (r.band || '(blank)') === band)?.n ?? 0, total },
        notes: { zh: '描述谁用了消费券，而不是谁因消费券多消费了。', en: 'Describes who used vouchers, not who spent more because of them.' },
      });
    }
  };
  shareFigures(agg.ageBands, 'age');
  shareFigures(agg.merchantSizes, 'merchants');
  // ---- lottery: winners against unsuccessful applicants -----------------------------------------
  let lotteryEventStudy: VoucherResults['lotteryEventStudy'];
  let mpcForSentence: number | undefined;
  agg.lotteries.forEach((l) => {
    const suffix = agg.lotteries.length > 1 ? `.${l.city}` : '';
    const missing = (l.winners.n - l.winners.found) + (l.losers.n - l.losers.found);
    if (missing > 0) notes.push({ zh: `${l.file}：${missing} 名申请者（中签 ${l.winners.n - l.winners.found} 名，未中签 ${l.losers.n - l.losers.found} 名）在抽签前后 ${l.weeks} 周内没有交易，按消费为零计入`, en: `${l.file}: ${missing} applicants (${l.winners.n - l.winners.found} winners, ${l.losers.n - l.losers.found} unsuccessful) have no transaction in the ${l.weeks} weeks around the draw; they count with zero spending` });
    try {
      const r = lotteryDid(arm(l, 'winners'), arm(l, 'losers'));
      const place = cityName(l.city);
      const weeks = `${l.weeks} weeks`;
      add({
        id: `voucher.did.lottery${suffix}`, value: r.did.estimate, unit: 'yuan/person', se: r.did.se, ci: ci(r.did), df: r.did.df,
        label: { zh: `中签者相对未中签者的额外消费（${place.zh}，每人 ${l.weeks} 周）`, en: `Excess spending of lottery winners over unsuccessful applicants (${place.en}, per person, ${weeks})` },
        formula: L('τ = mean_W(之后 − 之前) − mean_L(之后 − 之前)，抽签前后等长窗口', 'τ = mean_W(after − before) − mean_L(after − before), equal windows around the draw'),
        inputs: { winners: l.winners.n, 'unsuccessful applicants': l.losers.n, draw: l.draw, 'weeks each side': l.weeks, applicants: l.file },
        notes: { zh: '因果估计：抽签决定谁得到消费券，因此未中签者代表中签者在没有消费券时的消费。', en: 'Causal: the lottery decides who gets vouchers, so the unsuccessful applicants show what winners would have spent without them.' },
      });
      add({
        id: `voucher.mpc.lottery${suffix}`, value: r.mpc.estimate, unit: 'times', se: r.mpc.se, ci: ci(r.mpc), df: r.mpc.df,
        label: { zh: `每元补贴带来的额外消费（抽签设计，${place.zh}）`, en: `Excess spending per yuan of subsidy (lottery, ${place.en})` },
        formula: L('MPC = τ / (中签者人均核销补贴 − 未中签者人均核销补贴)（Liu, Shen, Li & Chen 2021）', 'MPC = τ / (mean subsidy redeemed by winners − by unsuccessful applicants)  (Liu, Shen, Li & Chen 2021)'),
        inputs: { 'τ (yuan per winner)': r.did.estimate, 'mean subsidy per winner (yuan)': yuan(r.meanSubsidyWinners) },
        from: [`voucher.did.lottery${suffix}`],
        notes: { zh: '每元补贴带来的、没有消费券就不会发生的消费（元）；按付款人聚类的区间只包含抽样误差。', en: 'Yuan of spending that would not have happened without the vouchers, per yuan of subsidy; the payer-clustered interval covers sampling error only.' },
      });
      // τ and the moments are in fen: the DiD in yuan
      figures[`voucher.did.lottery${suffix}`].value = yuan(r.did.estimate);
      figures[`voucher.did.lottery${suffix}`].se = yuan(r.did.se);
      figures[`voucher.did.lottery${suffix}`].ci = [yuan(r.did.ci[0]), yuan(r.did.ci[1])];
      figures[`voucher.mpc.lottery${suffix}`].inputs['τ (yuan per winner)'] = yuan(r.did.estimate);
      mpcForSentence ??= r.mpc.estimate;
      const labels = Array.from({ length: 2 * l.weeks }, (_, k) => k - l.weeks);
      const es = eventStudy(panel(l, 'winners'), panel(l, 'losers'), labels, -1);
      if (es.preTrend) add({
        id: `voucher.pretrend.lottery${suffix}`, value: es.preTrend.pValue, unit: 'number',
        label: { zh: `平行趋势检验 p 值（抽签前各周，${place.zh}）`, en: `Parallel pre-trends test p-value (weeks before the draw, ${place.en})` },
        formula: L('F = b′V⁻¹b / q（抽签前各期系数），F(q, G−1)，按付款人聚类', 'F = b′V⁻¹b / q over the leads, F(q, G−1), payer-clustered'),
        inputs: { F: es.preTrend.f, q: es.preTrend.q, 'df denominator': es.preTrend.dfDenominator },
        notes: { zh: 'p 值很小意味着中签者与未中签者在抽签前就已出现差异。', en: 'A small p-value would mean winners and unsuccessful applicants already diverged before the draw.' },
      });
      if (!lotteryEventStudy) lotteryEventStudy = { city: l.city, name: place, preTrendP: es.preTrend?.pValue ?? null, points: es.periods.map((k, p) => ({ x: k, estimate: yuan(es.coefficients[p].estimate), ci: [yuan(es.coefficients[p].ci[0]), yuan(es.coefficients[p].ci[1])] as [number, number] })).concat([{ x: -1, estimate: 0, ci: [0, 0] }]).sort((a, b) => a.x - b.x) };
    } catch (e) {
      notes.push({ zh: `${cityName(l.city).zh} 的抽签设计未能估计（${where(l.yamlPath)}）：${errorText(e, 'zh')}`, en: `lottery in ${cityName(l.city).en} (${where(l.yamlPath)}): ${errorText(e, 'en')}` });
    }
  });
  // ---- cities issuing at different dates: triple difference and group-time ATTs -------------------
  const treatedCities = [...firstDay].filter(Number.isFinite).length;
  const cityEventStudy: SeriesPoint[] = [];
  const byIndustry: VoucherResults['byIndustry'] = [];
  let multiplierForSentence: number | undefined;
  if (treatedCities > 0 && treatedCities < cities.length && covered.some((c) => c) && covered.some((c) => !c)) {
    const n = cities.length * J * T;
    const city = new Int32Array(n), industry = new Int32Array(n), day = new Int32Array(n), y = new Float64Array(n), keep = new Uint8Array(n);
    let m = 0, nonPositive = 0;
    for (let c = 0; c < cities.length; c++) for (let j = 0; j < J; j++) for (let t = 0; t < T; t++) {
      const v = spend[(c * J + j) * T + t];
      if (!(v > 0)) { nonPositive++; continue; }
      city[m] = c; industry[m] = j; day[m] = t; y[m] = Math.log(v); keep[m] = 1; m++;
    }
    if (nonPositive > 0) notes.push({ zh: `${nonPositive} 个“城市 × 行业 × 日”单元的净消费不为正，未进入对数消费模型`, en: `${nonPositive} city × industry × day cells have no positive net spending and are left out of the log-spending models` });
    const td = tripleDifference({ city: city.subarray(0, m), industry: industry.subarray(0, m), day: day.subarray(0, m), y: y.subarray(0, m), covered, firstDay, cityNames: cities, industryNames: industries });
    const wild = wildClusterBootstrap(td.input, td.fit, { coefficient: 0, weights: 'webb', draws: options.draws ?? 9999, seed: options.seed ?? 1 });
    const pct = (b: number) => exp(b) - 1;
    add({
      id: 'voucher.did.triple', value: pct(td.pooled.estimate), unit: 'ratio', se: exp(td.pooled.estimate) * td.pooled.se, ci: [pct(wild.ci[0]), pct(wild.ci[1])], df: td.pooled.df,
      label: { zh: '覆盖行业消费的变化（三重差分，双向固定效应）', en: 'Change in covered-industry spending (triple difference, two-way fixed effects)' },
      formula: L('ln y_cjt = α_cj + γ_ct + δ_jt + β·covered_j·post_ct；效应 = e^β − 1；区间：野聚类 bootstrap（Webb 权重，按城市）', 'ln y_cjt = α_cj + γ_ct + δ_jt + β·covered_j·post_ct; effect = e^β − 1; interval: wild cluster bootstrap (Webb, by city)'),
      inputs: { β: td.pooled.estimate, 'CR1 se (by city)': td.pooled.se, 'wild bootstrap p': wild.pValue, 'bootstrap draws': wild.draws, cities: td.cities, 'issuing cities': td.treatedCities },
      notes: { zh: '用发券城市中覆盖行业与未覆盖行业之差，对比其他城市的同一差距；把不同发券日期合并估计，效应随时间变化时可能有偏（见 voucher.att.city）。', en: 'Compares covered with uncovered industries in issuing cities against the same gap in other cities; pooled over issuance dates, it can be biased when effects change over time (see voucher.att.city).' },
    });
    for (const b of td.byIndustry) byIndustry.push({ industry: b.name, name: industryName(b.name), effect: pct(b.estimate.estimate), ci: [pct(b.estimate.ci[0]), pct(b.estimate.ci[1])], reportedGrowth: growthOf.get(b.name) ?? null });
    // Callaway–Sant'Anna on city units and weeks from the window's start (a day is too noisy a base
    // period): ln(covered spend) − ln(uncovered spend) per city and week; a week in which a city starts
    // issuing counts as its first treated week.
    const W = Math.floor(T / 7);
    const Y = new Float64Array(cities.length * W);
    const firstWeek = Float64Array.from(firstDay, (f) => (Number.isFinite(f) ? Math.floor(f / 7) : Infinity));
    if (firstDay.some((f) => Number.isFinite(f) && f % 7 !== 0)) notes.push({ zh: '有发券计划从一周中间开始（周从研究时段首日起算）：其第一周算作已发券，这会稀释该周的组-时点 ATT', en: 'a programme starts within a week (weeks run from the window start): its first week counts as treated, which dilutes the group-time ATT of that week' });
    let ok = W >= 2;
    for (let c = 0; c < cities.length && ok; c++) for (let w = 0; w < W; w++) {
      let cov = 0, unc = 0;
      for (let j = 0; j < J; j++) for (let t = 7 * w; t < 7 * w + 7; t++) (covered[j] ? (cov += spend[(c * J + j) * T + t]) : (unc += spend[(c * J + j) * T + t]));
      if (!(cov > 0 && unc > 0)) { ok = false; notes.push({ zh: `${cityName(cities[c]).zh} 有一周（自 ${days[7 * w]} 起）没有覆盖行业或未覆盖行业的消费：未计算组-时点 ATT`, en: `${cityName(cities[c]).en} has a week (from ${days[7 * w]}) without covered or uncovered spending: the group-time ATTs are not computed` }); break; }
      Y[c * W + w] = Math.log(cov) - Math.log(unc);
    }
    if (ok) {
      try {
        const cs = groupTimeAtt({ y: Y, units: cities.length, periods: W, firstTreated: firstWeek, cluster: factor(cities.map((_, c) => c)) });
        for (const x of cs.leftOut) notes.push(attLeftOut(x));
        const s = cs.simple;
        add({
          id: 'voucher.att.city', value: pct(s.estimate), unit: 'ratio', se: exp(s.estimate) * s.se, ci: [pct(s.ci[0]), pct(s.ci[1])], df: s.df,
          label: { zh: '发券城市覆盖行业消费的平均提升（交错发放稳健估计）', en: 'Average lift of covered-industry spending in issuing cities (staggered-adoption robust)' },
          formula: L(
            'ATT = Σ_g Σ_{t≥g} P(G=g) ATT(g,t) / Σ P(G=g)，ATT(g,t) 以 ln(覆盖) − ln(未覆盖) 计，以尚未发券的城市为对照（Callaway & Sant\'Anna 2021）；效应 = e^ATT − 1',
            'ATT = Σ_g Σ_{t≥g} P(G=g) ATT(g,t) / Σ P(G=g), ATT(g,t) on ln(covered) − ln(uncovered) with not-yet-issuing cities as controls (Callaway & Sant\'Anna 2021); effect = e^ATT − 1',
          ),
          inputs: { 'ATT (log points)': s.estimate, 'se (log points)': s.se, cities: cities.length, 'issuing cities': treatedCities, weeks: W },
          notes: { zh: '在“覆盖行业减未覆盖行业”之差满足平行趋势时为因果估计；城市少时区间较宽，并依赖 t(G−1) 分布。', en: 'Causal under parallel trends of the covered-minus-uncovered gap; with few cities the interval is wide and rests on t(G−1).' },
        });
        for (const d of cs.dynamic) cityEventStudy.push({ x: d.e, estimate: d.estimate.estimate, ci: d.estimate.ci });
        // Excess spending per subsidy yuan in issuing cities: Σ spend·(1 − e^−ATT) over treated covered cells / Σ subsidy.
        let S = 0, sub = 0;
        for (let c = 0; c < cities.length; c++) for (let j = 0; j < J; j++) for (let t = 0; t < T; t++) {
          if (!covered[j] || !(t >= firstDay[c])) continue;
          S += spend[(c * J + j) * T + t]; sub += subsidy[(c * J + j) * T + t];
        }
        if (sub > 0) {
          const mult = (S * (1 - exp(-s.estimate))) / sub;
          const e = tEstimate(mult, (S * exp(-s.estimate) * s.se) / sub, s.df);
          multiplierForSentence = mult;
          add({
            id: 'voucher.multiplier.city', value: mult, unit: 'times', se: e.se, ci: e.ci, df: e.df,
            label: { zh: '每元补贴带来的额外消费（城市交错发放设计）', en: 'Excess spending per yuan of subsidy (cities issuing at different dates)' },
            formula: L('Σ 发券后覆盖行业消费 × (1 − e^−ATT) / Σ 其中核销的补贴；se 用 delta 方法', 'Σ covered spend after issuance × (1 − e^−ATT) / Σ subsidy redeemed there; se by the delta method'),
            inputs: { 'covered spending after issuance (yuan)': yuan(S), 'subsidy redeemed (yuan)': yuan(sub), 'ATT (log points)': s.estimate },
            from: ['voucher.att.city'],
            notes: { zh: '发券城市中每元补贴增加的消费，前提是当地所有覆盖行业消费的提升幅度相同。', en: 'The spending the vouchers added in issuing cities per yuan of subsidy, if the lift is the same on all covered spending there.' },
          });
        }
      } catch (e) {
        notes.push({ zh: `组-时点 ATT 未能估计：${errorText(e, 'zh')}`, en: `group-time ATTs: ${errorText(e, 'en')}` });
      }
    }
  } else {
    notes.push({ zh: '未估计城市设计：需要既有发券城市也有未发券城市，既有覆盖行业也有未覆盖行业', en: 'city design not estimated: it needs issuing and non-issuing cities and covered and uncovered industries' });
  }
  notes.push(...unusedNames(config.names, { city: cities, industry: industries, merchant_size: (agg.merchantSizes ?? []).map((r) => r.band), age_band: (agg.ageBands ?? []).map((r) => r.band) }, where));
  const causal = mpcForSentence ?? multiplierForSentence;
  const explanation = leverageExplanation(lev, causal);
  return { figures, quality: agg.quality, reported, byIndustry, lotteryEventStudy, cityEventStudy, explanation, notes };
}

/** A cell or group the group-time ATTs left out, in words (units are cities, periods weeks from the window's start). */
function attLeftOut(x: LeftOut): Label {
  switch (x.kind) {
    case 'no-pre-period':
      return { zh: `组-时点 ATT：第 ${x.group} 周开始发券的组没有发券前的周，未计入（${x.units} 个城市）`, en: `group-time ATTs: the group issuing from week ${x.group} has no week before, left out (${x.units} ${x.units === 1 ? 'city' : 'cities'})` };
    case 'after-last-period':
      return { zh: `组-时点 ATT：第 ${x.group} 周开始发券的组晚于最后一周，只作为尚未发券的对照`, en: `group-time ATTs: the group issuing from week ${x.group} starts after the last week and serves only as not yet issuing` };
    case 'no-comparison':
      return { zh: `组-时点 ATT(g=${x.group}, t=${x.period})：没有${x.control === 'neverTreated' ? '从未发券' : '尚未发券'}的对照城市，未估计`, en: `group-time ATT(g=${x.group}, t=${x.period}): no ${x.control === 'neverTreated' ? 'never' : 'not yet'} issuing comparison city; not estimated` };
  }
}

function arm(l: LotteryAggregate, which: 'winners' | 'losers') {
  const a = l[which];
  return { n: a.n, sumD: a.sumD, sumDD: a.sumDD, sumS: a.sumS, sumSS: a.sumSS, sumDS: a.sumDS };
}
function panel(l: LotteryAggregate, which: 'winners' | 'losers') {
  const a = l[which];
  return { n: a.n, sums: a.sums, cross: a.cross };
}
