// The methodology section, generated from the actual results: each formula of METHOD.md with the
// numbers this run used (N_k, n_k, M_j, coefficients b, jobs per output), sources and assumptions.
import type { Figure, Formula, Label } from '../study/types.ts';
import { asLabel, bi, esc, T } from './i18n.ts';
import { enNumber, enNumberFormat, formatCell, formatCellLabel, kindOfUnit, unitLabel } from '../locale/index.ts';
import type { ExtendedResults } from './optionalParts.ts';
import { additionalitySource, netItems } from './netParts.ts';

const L = (zh: string, en: string): Label => ({ zh, en });
const n0 = enNumber({ maximumFractionDigits: 0 });
const nd = (v: number, d: number) => enNumberFormat(d).format(v);
/** An amount with its unit, each language in its own scale: amount('persons', 26010000) → 2,601.0万个 / 26.01 million jobs. */
const amount = (kind: 'persons' | 'yuan' | 'perYuan', v: number) => {
  const u = unitLabel(kind) as Label;
  return bi({ zh: `${formatCell(kind, v, 'zh')}${u.zh}`, en: `${formatCell(kind, v, 'en')} ${u.en}` });
};
const wan = (v: number) => amount('persons', v);
const yi = (v: number) => amount('yuan', v);
const eq = (s: string) => `<div class="eq">${s}</div>`;
/** A figure's formula as its definition writes it (symbols, and words in each language): marked as notation. */
const formula = (f: Formula) => `<span class="formula">${bi(asLabel(f))}</span>`;
const num = (f: Figure | undefined, key: string): number | undefined => (f && typeof f.inputs[key] === 'number' ? (f.inputs[key] as number) : undefined);

/** methodologyHtml(results) → the bilingual <section> of the report and the dashboard. */
export function methodologyHtml(r: ExtendedResults): string {
  const F = r.figures;
  const out: string[] = [`<section id="methodology"><h2>${bi(T.methodology)}</h2>`];
  const h3 = (l: Label) => out.push(`<h3>${bi(l)}</h3>`);
  const p = (l: Label) => out.push(`<p>${bi(l)}</p>`);

  h3(L('1. 直接带动就业：服务商', '1. Direct jobs: service providers'));
  p(L('每类服务商 k：就业_k = N_k / n_k × Σ_i 员工数_i × 相关业务占比_i，即简单随机抽样下的 Horvitz–Thompson 总量；兼职按 (1 − 全职占比_i) 计。', 'For each provider type k: jobs_k = N_k / n_k × Σ_i employees_i × related_share_i, the Horvitz–Thompson total under simple random sampling; part-time uses (1 − fulltime_share_i).'));
  for (const c of r.components.filter((c) => c.kind === 'provider')) {
    const f = F[`jobs.providers.${c.id}`];
    const N = num(f, 'N_k') ?? c.population, n = num(f, 'n') ?? c.n;
    const sum = n > 0 ? (c.jobs * n) / N : NaN;
    out.push(eq(`<b>${bi(c.label)}</b>: N_k = ${n0(N)}, n_k = ${n0(n)}, ${bi(L('Σ 员工数 × 相关业务占比', 'Σ employees × related_share'))} = ${nd(sum, 1)} → ${bi(L('就业_k', 'jobs_k'))} = ${n0(N)} / ${n0(n)} × ${nd(sum, 1)} = ${wan(c.jobs)}; <span class="zh">兼职</span><span class="en">part-time</span> ${wan(c.parttime)}`));
  }
  h3(L('2. 直接带动就业：运营者', '2. Direct jobs: account operators'));
  p(L('每类账号 j：就业_j = (Σ_i 开发运营人员_i / Σ_i 账号数_i) × M_j，即比率估计（每个账号的人员数 × 账号总数）。', 'For each account type j: jobs_j = (Σ_i staff_i / Σ_i accounts_i) × M_j, a ratio estimator (staff per account × accounts in the population).'));
  for (const c of r.components.filter((c) => c.kind === 'operator')) {
    const f = F[`jobs.operators.${c.id}`];
    const M = num(f, 'M_j') ?? c.population, n = num(f, 'n') ?? c.n;
    out.push(eq(`<b>${bi(c.label)}</b>: M_j = ${n0(M)}, n = ${n0(n)}, R̂ = ${bi(L('Σ 开发运营人员 / Σ 账号数', 'Σ staff / Σ accounts'))} = ${formatCell('coef', M > 0 ? c.jobs / M : NaN)} → ${bi(L('就业_j', 'jobs_j'))} = ${wan(c.jobs)}; <span class="zh">兼职</span><span class="en">part-time</span> ${wan(c.parttime)}`));
  }
  if (F['jobs.direct'])
    out.push(eq(`<span class="zh">直接就业</span><span class="en">direct</span> = ${bi(L('Σ 就业_k + Σ 就业_j', 'Σ jobs_k + Σ jobs_j'))} = ${wan(F['jobs.direct'].value)}${F['jobs.direct.fulltime'] ? `; <span class="zh">全职</span><span class="en">full-time</span> ${wan(F['jobs.direct.fulltime'].value)}, <span class="zh">兼职</span><span class="en">part-time</span> ${wan(F['jobs.direct.parttime'].value)}` : ''}`));

  h3(L('3. 带动消费', '3. Consumption driven'));
  const surveyed = r.consumption.map((c) => F[`consumption.${c.id}`]).filter((f) => f && num(f, 'U') !== undefined);
  // Results before rows carried `source`: a given total is the figure's only input.
  const given = r.consumption.filter((c) => (c.source ?? (num(F[`consumption.${c.id}`], 'total') !== undefined ? 'given' : 'survey')) === 'given');
  if (surveyed.length) {
    const f = surveyed[0];
    p(L('按类别 c：C_c = U / n × Σ_i 平台带动消费_ic（用户数乘以有效问卷的人均消费）。', 'By category c: C_c = U / n × Σ_i platform-driven spend_ic (users × mean spend over valid questionnaires).'));
    out.push(eq(`U = ${n0(num(f, 'U') as number)}, n = ${n0(num(f, 'n') as number)} (${esc(String(f.inputs.questionnaire ?? ''))})`));
  }
  if (given.length) p(L(`以下类别的消费额直接取自研究文件：${given.map((c) => c.label.zh).join('、')}。`, `Given directly in the study file: ${given.map((c) => c.label.en).join(', ')}.`));
  if (F['consumption.total']) out.push(eq(`D = Σ_c C_c = ${yi(F['consumption.total'].value)}`));

  const oi = F['output.indirect'];
  h3(oi ? { zh: `4. ${oi.label.zh}`, en: `4. ${oi.label.en}` } : L('4. 诱发产出', '4. Induced output'));
  p(L('原报告的做法：诱发产出 = Σ_c C_c × b_s(c)，b_s 为完全消耗系数矩阵 B = (I − A)⁻¹ − I 的列和（A = Z·diag(x)⁻¹）。', "The original report's method: induced output = Σ_c C_c × b_s(c), where b_s is the column sum of the total-requirement matrix B = (I − A)⁻¹ − I, A = Z·diag(x)⁻¹."));
  if (oi) out.push(eq(`${bi(L('本研究：', 'This study: '))}${formula(oi.formula)}`));
  out.push('<table class="mini"><thead><tr>' + [L('类别', 'Category'), L('部门', 'Sector'), L('C_c（亿元）', 'C_c (billion yuan)'), L('每元需求的产出 b_s', 'Output per yuan b_s'), L('C_c × b_s（亿元）', 'C_c × b_s (billion yuan)')].map((h) => `<th>${bi(h)}</th>`).join('') + '</tr></thead><tbody>');
  for (const c of r.consumption)
    out.push(`<tr><td>${bi(c.label)}</td><td>${sectorCell(c)}</td><td class="n">${bi(formatCellLabel('yuan', c.amount))}</td><td class="n" data-v="${c.coefficient}">${formatCell('coef', c.coefficient)}</td><td class="n">${bi(formatCellLabel('yuan', c.inducedOutput))}</td></tr>`);
  out.push('</tbody></table>');
  if (oi) out.push(eq(`Σ_c C_c × b_s(c) = ${yi(oi.value)}`));
  out.push(...mappingHtml(r));
  p(L(
    '为何改称“诱发产出”：B 的列和是每元最终需求诱发的中间产出，而不是增加值。在竞争型进口表中每个部门都满足 Σ_i a_ij + v_j = 1，因此增加值乘数 vᵀL 对每个部门恰好等于 1：一元最终需求（连同直接部分）总共只产生一元增加值。原报告的“间接GDP”实为诱发的总产出，本软件按其实际含义标注。',
    "Why 'induced output': a column sum of B is the intermediate output induced per yuan of final demand, not value added. In a competitive-import table every sector satisfies Σ_i a_ij + v_j = 1, so the value-added multiplier vᵀL is exactly 1 for every sector: one yuan of final demand generates one yuan of value added in total, direct included. The original report's 'indirect GDP' is induced gross output, and spillover labels it as such.",
  ));

  const va = ['va.generated.competitive', 'va.generated.domestic'].map((id) => F[id]).filter(Boolean);
  if (va.length) {
    p(L('增加值口径（即 GDP 口径）列示于旁：', 'The value-added (GDP) view, shown beside it:'));
    for (const f of va) out.push(eq(`${bi(f.label)} = ${formula(f.formula)} = ${yi(f.value)}`));
  }

  h3(L('5. 间接带动就业', '5. Indirect jobs'));
  const jpo = F['ratio.jobs_per_output'];
  if (jpo && F['output.indirect'] && F['jobs.indirect']) {
    out.push(eq(`<span class="zh">间接就业</span><span class="en">indirect jobs</span> = ${yi(F['output.indirect'].value)} × ${amount('perYuan', jpo.value)} = ${wan(F['jobs.indirect'].value)}`));
    out.push(`<p class="src">${bi(L('单位产出就业人数：', 'Jobs per output: '))}${amount('perYuan', jpo.value)}${jpo.notes ? ` — ${bi(asLabel(jpo.notes))}` : ''}</p>`);
  }
  if (F['jobs.total']) out.push(eq(`<span class="zh">带动就业总量</span><span class="en">total jobs</span> = ${wan(F['jobs.direct']?.value ?? 0)} + ${wan(F['jobs.indirect']?.value ?? 0)} = ${wan(F['jobs.total'].value)}`));

  const items = netItems(r);
  if (items.length) {
    const src = additionalitySource(r);
    h3(L('6. 净新增影响（额外性）', '6. Net additional impact (additionality)'));
    p(L('每个组成部分与消费类别：净额 = 毛额 × (1 − 漏出率) × (1 − 无谓效应) × (1 − 挤出率) × (1 − 替代率)（英国财政部《绿皮书》2022；HCA《额外性指南》2014）。净间接产出 = 净消费 × b_s，净间接就业 = 净间接产出 × 单位产出就业；不另设乘数。净额与毛额并列，不相加。', 'For each component and category: net = gross × (1 − leakage) × (1 − deadweight) × (1 − displacement) × (1 − substitution) (HM Treasury Green Book 2022; HCA Additionality Guide 2014). Net induced output = net consumption × b_s, net indirect jobs = net induced output × jobs per output; no separate multiplier. Net figures stand beside the gross ones and are never added to them.'));
    for (const it of [items.find((x) => x.section === 'components'), items.find((x) => x.section === 'consumption')]) {
      if (!it) continue;
      const g = F[it.figure], n = F[`net.${it.figure}`];
      const v = (x: number) => (g.unit === 'yuan' ? yi(x) : wan(x));
      out.push(eq(`<b>${bi(it.label)}</b>: ${v(g.value)} × (1 − ${nd(it.rates.leakage, 3)}) × (1 − ${nd(it.rates.deadweight, 3)}) × (1 − ${nd(it.rates.displacement, 3)}) × (1 − ${nd(it.rates.substitution, 3)}) = ${v(g.value)} × ${nd(it.factor, 4)} = ${v(n.value)}`));
    }
    if (F['net.jobs.total']) out.push(eq(`<span class="zh">净新增带动就业</span><span class="en">net additional jobs</span> = ${wan(F['net.jobs.direct']?.value ?? 0)} + ${wan(F['net.jobs.indirect']?.value ?? 0)} = ${wan(F['net.jobs.total'].value)}`));
    if (src) p(L(`比率来源：${src.source.zh}${src.illustrative ? '（示意性假设，不是估计）' : ''}。全部比率见上文“所用的额外性比率”表。`, `Rates: ${src.source.en}${src.illustrative ? ' (illustrative assumptions, not estimates)' : ''}. Every rate is in the table "Additionality rates used" above.`));
  }

  if (r.families?.length) {
    // Generated from the model's figure definitions (study/model/figures/): one row per family.
    h3(L('指标定义', 'Figure definitions'));
    p(L('下表由模型的指标定义逐条生成：每个指标族只有一条定义，计算、解释、不确定性分析和本报告都读取它（鼠标悬停可见编号）。', "Generated from the model's figure definitions: each family of figures has one definition, which the computation, explain, the uncertainty analysis and this report all read (hover for the ids)."));
    out.push('<table class="mini"><thead><tr>' + [L('指标', 'Figure'), L('公式', 'Formula'), L('单位', 'Unit')].map((h) => `<th>${bi(h)}</th>`).join('') + '</tr></thead><tbody>');
    for (const f of r.families) {
      const kind = kindOfUnit(f.unit);
      const u = kind ? unitLabel(kind) : null;
      out.push(`<tr><td title="${esc(f.id)}">${bi(f.label)}${f.about ? `<br><small>${bi(f.about)}</small>` : ''}</td><td class="formula"><code>${bi(asLabel(f.formula))}</code></td><td class="c-unit">${u ? bi(u) : ''}</td></tr>`);
    }
    out.push('</tbody></table>');
  }

  h3(T.sources);
  out.push('<ul>');
  for (const q of r.quality) out.push(`<li>${bi(L('问卷', 'Questionnaire'))} <code>${esc(q.questionnaire)}</code>: ${esc(q.file)} (${bi(L(`有效 ${q.valid} 份`, `${q.valid} valid`))})</li>`);
  out.push(`<li>${bi(L('研究文件', 'Study file'))}: ${esc(r.study.source)}</li>`);
  out.push('</ul>');
  h3(T.assumptions);
  // Results written before the assumptions were bilingual hold plain (English) strings.
  out.push(`<ul>${r.assumptions.map((a: Label | string) => `<li>${bi(asLabel(a))}</li>`).join('')}</ul>`);
  out.push('</section>');
  return out.join('\n');
}

/** The sector column of the coefficient table: the one sector, or how many (listed in the mapping table). */
function sectorCell(c: ExtendedResults['consumption'][number]): string {
  const codes = new Set((c.mapping ?? []).map((d) => d.code));
  if (codes.size <= 1) return `${esc(c.sector.code)} ${bi(c.sector.name)}`;
  const margins = c.mapping!.some((d) => d.part !== 'producer');
  return bi(L(`${codes.size} 个部门${margins ? '（含贸易和运输加价）' : ''}，见下方部门映射表`, `${codes.size} sectors${margins ? ' (with trade and transport margins)' : ''}, see the sector mapping below`));
}

const PART: Record<'producer' | 'trade' | 'transport', Label> = {
  producer: L('生产者价值', 'producer value'),
  trade: L('贸易加价', 'trade margin'),
  transport: L('运输加价', 'transport margin'),
};

/**
 * The sector mapping actually used (categories with several sectors, the price bridge or a price
 * year): b_c = P_out / P_c × Σ_k d_ck b_k, each row d_ck with its part; then the margins and price indices.
 */
function mappingHtml(r: ExtendedResults): string[] {
  const rows = r.consumption.filter((c) => c.mapping);
  if (!rows.length) return [];
  const out: string[] = [];
  const pb = r.priceBasis;
  out.push(`<h4>${bi(L('部门映射与价格桥接', 'Sector mapping and price bridge'))}</h4>`);
  out.push(`<p>${bi(L(
    '每元消费支出（购买者价格）对应的生产者价格最终需求 d_ck；类别系数 b_c = (P_out / P_c) × Σ_k d_ck × b_k（P_c：该类别从表年份到研究年份的价格指数，P_out：诱发产出换回研究年份价格的指数；未声明价格年份时均为 1）。',
    'Producer-price final demand d_ck per yuan of spending at purchaser prices; the category coefficient is b_c = (P_out / P_c) × Σ_k d_ck × b_k (P_c: the category\'s price index from the table year to the study year; P_out: the index restating induced output in study-year prices; both 1 without a price year).',
  ))}</p>`);
  out.push('<table class="mini"><thead><tr>' + [L('类别', 'Category'), L('部门', 'Sector'), L('部分', 'Part'), L('每元份额 d_ck', 'Share per yuan d_ck')].map((h) => `<th>${bi(h)}</th>`).join('') + '</tr></thead><tbody>');
  for (const c of rows) {
    const m = c.mapping!;
    m.forEach((d, k) => {
      const first = k === 0 ? `<td rowspan="${m.length}">${bi(c.label)}${c.price ? `<br><small>P_c = ${nd(c.price.ratio, 4)} (${esc(c.price.series)})</small>` : ''}</td>` : '';
      out.push(`<tr>${first}<td>${esc(d.code)} ${bi(d.name)}</td><td>${bi(PART[d.part])}</td><td class="n" data-v="${d.share}">${nd(d.share, 4)}</td></tr>`);
    });
  }
  out.push('</tbody></table>');
  const notes = r.assumptions.filter((a) => /^(Price bridge|Price year):/.test(a.en));
  if (pb && notes.length) for (const a of notes) out.push(`<p class="src">${bi(a)}</p>`);
  return out;
}
