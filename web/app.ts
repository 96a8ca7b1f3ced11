// The dashboard page: loads a study payload from the local server, runs the study engine in a Web
// Worker (web/worker.ts) and renders the report's own views (src/report) with client-side ECharts.
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { StudyResults, Figure } from '../src/study/types.ts';
import { netSection, reportBody, uncertaintySection } from '../src/report/reportBody.ts';
import { reportTables } from '../src/report/reportTables.ts';
import { chartSpecs, type ChartSpec } from '../src/report/chartSpecs.ts';
import { asLabel, bi, esc } from '../src/report/i18n.ts';
import { displayValue, parseQuantity, compactNumber, YI, type Lang } from '../src/locale/index.ts';
import type { Label } from '../src/study/types.ts';
import { explain, inputLabel, ioMethodKey, rateParameters, type Scenario } from '../src/study/model/index.ts';
import { additionalitySource, capitalize, ciLabel, mcLabel, netItems, parameterLabel } from '../src/report/netParts.ts';
import { reviveTyped, type Payload, type VoucherPayload } from './payload.ts';
import { summaryHtml, voucherSentences } from '../src/report/executiveSummary.ts';
import { vouchersSectionHtml } from '../src/report/vouchersSection.ts';
import type { IOOption, WorkerReply, WorkerRequest } from './worker.ts';
import { LocalizedError } from '../src/locale/errorText.ts';

echarts.use([BarChart, CustomChart, ScatterChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector(sel) as T;
const html = document.documentElement;
const lang = (): Lang => (html.getAttribute('data-lang') === 'en' ? 'en' : 'zh');

let payload: Payload;
let ioOptions: IOOption[] = [];
let baseline: StudyResults;
let results: StudyResults;
let worker: Worker | undefined;
/** The Monte Carlo worker (only when the study declares `uncertainty`). */
let mcWorker: Worker | undefined;
/** The latest Monte Carlo result, and the recompute it belongs to. */
let mc: { id: number; uncertainty: StudyResults['uncertainty'] } = { id: 0, uncertainty: undefined };
let charts: { spec: ChartSpec; chart: echarts.ECharts; key: string; el: HTMLElement }[] = [];
let seq = 0;
let computeCount = 0;
let drawerId: string | null = null;

function setStatus(state: 'loading' | 'ready' | 'computing' | 'error', text: string, bar = false) {
  const s = $('#status');
  s.dataset.state = state;
  s.innerHTML = `${text}${bar ? '<span class="bar"><i></i></span>' : ''}`;
  document.body.dataset.state = state;
}

// ---- Rendering -------------------------------------------------------------------------------

/** A chart's identity for reuse: language, size and option (data included; formatters derive from the same data). */
const chartKey = (spec: ChartSpec) => `${lang()}|${spec.height}|${JSON.stringify(spec.option(lang()))}`;

/**
 * Draw every chart placeholder (or only those of `only`, e.g. 'tornado') with client-side ECharts.
 * A chart whose option did not change keeps its drawn element (moved into the new placeholder), so a
 * scenario edit redraws only the charts it moves.
 */
function drawCharts(only?: string) {
  const specs = new Map(chartSpecs(results).map((s) => [s.id, s]));
  const old = new Map(charts.filter((c) => !only || c.spec.id === only).map((c) => [c.spec.id, c]));
  const drawn: typeof charts = [];
  document.querySelectorAll<HTMLElement>(only ? `div.chart[data-chart="${only}"]` : 'div.chart[data-chart]').forEach((el) => {
    const spec = specs.get(el.dataset.chart as string);
    if (!spec) return;
    const key = chartKey(spec);
    const prev = old.get(spec.id);
    if (prev && prev.key === key && prev.el !== el) {
      el.replaceWith(prev.el);
      old.delete(spec.id);
      drawn.push({ ...prev, spec });
      return;
    }
    const chart = echarts.init(el, null, { renderer: 'svg', height: spec.height });
    chart.setOption(spec.option(lang()));
    drawn.push({ spec, chart, key, el });
  });
  for (const c of old.values()) c.chart.dispose();
  charts = only ? [...charts.filter((c) => c.spec.id !== only), ...drawn] : drawn;
}

function markChanges() {
  document.querySelectorAll<HTMLElement>('.card[data-fig]').forEach((card) => {
    const id = card.dataset.fig as string;
    if (card.querySelector('.was')) return; // marked already (a partial redraw)
    const now = results.figures[id], was = baseline.figures[id];
    if (!now || !was || Math.abs(now.value - was.value) <= 1e-9 * Math.max(1, Math.abs(was.value))) return;
    card.classList.add('changed');
    const zh = displayValue(was, 'zh'), en = displayValue(was, 'en');
    card.insertAdjacentHTML('beforeend', `<div class="was">${bi({ zh: `基准：${zh.text} ${zh.unit}`, en: `baseline: ${en.text} ${en.unit}` })}</div>`);
  });
}

const chartSlot = (c: ChartSpec) => `<div class="chart" data-chart="${esc(c.id)}" style="height:${c.height}px"></div>`;

/** After a Monte Carlo reply: redraw only what depends on it (the net and uncertainty sections, the tornado). */
function renderUncertainty() {
  const byId = new Map(reportTables(results).map((t) => [t.id, t]));
  const net = document.querySelector('#net'), unc = document.querySelector('#uncertainty');
  if (net) net.outerHTML = netSection(results, byId);
  if (unc) unc.outerHTML = uncertaintySection(results, byId, chartSpecs(results).find((c) => c.id === 'tornado'), chartSlot);
  drawCharts('tornado');
  markChanges();
  markMonteCarlo();
  if (drawerId) openDrawer(drawerId);
}

function render() {
  const body = reportBody(results, { chartSlot, vouchers: payload.vouchers });
  $('#report').innerHTML = `<p class="note">${bi({ zh: '点击任一指标卡片或表格行查看推导（公式、输入与来源）。情景面板的修改在浏览器内用同一计算引擎即时重算。', en: 'Click any card or table row to see how it was derived (formula, inputs, provenance). Scenario changes are recomputed in the browser with the same engine.' })}</p>${body}`;
  drawCharts();
  markChanges();
  markMonteCarlo();
  if (drawerId) openDrawer(drawerId);
}

/** While the Monte Carlo of the current scenario runs, its intervals on the page are from the previous one: say so. */
function markMonteCarlo() {
  const stale = !!mcWorker && mc.id !== seq;
  document.body.classList.toggle('mc-stale', stale);
  const sec = document.querySelector('#uncertainty');
  sec?.querySelector('.mc-note')?.remove();
  if (stale) sec?.querySelector('h2')?.insertAdjacentHTML('afterend', `<p class="mc-note">${bi({ zh: '蒙特卡洛正在按新情景重算；以下区间、龙卷风图与临界值仍是上一情景的结果。', en: 'The Monte Carlo is being rerun for the new scenario; the intervals, tornado and switching values below are still those of the previous one.' })}</p>`);
}

// ---- Explain drawer ----------------------------------------------------------------------------

function openDrawer(id: string) {
  const f: Figure | undefined = results.figures[id];
  const d = $('#drawer');
  if (!f) return;
  drawerId = id;
  const v = displayValue(f, lang());
  // Rounded for reading (4.818万); the exact values are in results.json and tables.xlsx.
  // Each input by its name in the page's language (the id, as results.json keys it, on hover).
  const inputs = Object.entries(f.inputs).map(([k, x]) => `<tr><td title="${esc(k)}">${bi(inputLabel(k))}</td><td class="n"${typeof x === 'number' ? ` data-v="${x}"` : ''}>${typeof x === 'number' ? esc(compactNumber(x, lang())) : bi(asLabel(x))}</td></tr>`).join('');
  const from = f.from.map((x) => `<li><a href="#" data-open="${esc(x)}">${esc(x)}</a> ${results.figures[x] ? bi(results.figures[x].label) : ''}</li>`).join('');
  const ci = f.ci ? `<p>${bi(ciLabel(results.intervals.level))}: ${esc(displayValue(f, lang(), f.ci[0]).text)} – ${esc(displayValue(f, lang(), f.ci[1]).text)} ${esc(v.unit)}${f.se !== undefined ? ` (se ${esc(displayValue(f, lang(), f.se).text)})` : ''}</p>` : '';
  const iv = results.uncertainty?.intervals[id];
  const mcLine = iv && results.uncertainty ? `<p>${bi(mcLabel(results.uncertainty.level))}: ${esc(displayValue(f, lang(), iv.lo).text)} – ${esc(displayValue(f, lang(), iv.hi).text)} ${esc(v.unit)}</p>` : '';
  d.innerHTML = `<button type="button" class="close" data-close>✕</button><h2>${bi(f.label)}</h2>
<p><code>${esc(f.id)}</code> = <b data-drawer-value>${esc(v.text)}</b> ${esc(v.unit)}</p>${ci}${mcLine}
<h3>${bi({ zh: '公式', en: 'Formula' })}</h3><div class="eq formula">${bi(asLabel(f.formula))}</div>
${inputs ? `<h3>${bi({ zh: '输入', en: 'Inputs' })}</h3><table>${inputs}</table>` : ''}
${from ? `<h3>${bi({ zh: '由以下指标计算', en: 'Computed from' })}</h3><ul>${from}</ul>` : ''}
${f.notes ? `<p class="note">${bi(asLabel(f.notes))}</p>` : ''}
<h3>${bi({ zh: '完整推导', en: 'Full derivation' })}</h3><pre class="formula">${esc(explain(results, id, lang(), displayValue, compactNumber))}</pre>`;
  d.hidden = false;
}

function closeDrawer() {
  drawerId = null;
  $('#drawer').hidden = true;
}

// ---- Scenario panel ------------------------------------------------------------------------------

// Inputs show 6 decimals; an input left at its shown baseline is not an override, so the exact value is used.
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function scenarioPanel(): string {
  const c = payload.config;
  const row = (key: string, label: string, value: number | string, step: string, hint = '') =>
    `<label data-key="${esc(key)}"><span>${label}${hint ? ` <span class="hint">${hint}</span>` : ''}</span><input type="text" inputmode="decimal" data-step="${step}" data-scn="${esc(key)}" value="${value}" data-base="${value}"></label>`;
  const comps = [...c.providers, ...c.operators].map((k) => row(`population.${k.id}`, bi(k.label), k.population, '1', k.kind === 'provider' ? 'N_k' : 'M_j')).join('');
  const base = ioMethodKey(payload.inputs.ioMethod);
  const methods = ioOptions.length
    ? ioOptions.map((o) => `<option value="${esc(o.key)}"${o.key === base ? ' selected' : ''}>${esc(o.label[lang()])}</option>`).join('')
    : `<option value="${esc(base)}">${esc(lang() === 'zh' ? '研究文件给定系数' : 'coefficients given in the study file')}</option>`;
  const perYi = payload.inputs.jobsPerOutput.method === 'sector' ? '' : String(+(payload.inputs.jobsPerOutput.perYuan * YI).toPrecision(10));
  const coefs = c.consumption.categories.map((k) => row(`coef.${k.id}`, bi(k.label), round6(payload.inputs.sectors[k.id].coefficient), '0.01', `b ${sectorNote(payload.inputs.sectors[k.id])}`)).join('');
  return `<h2>${bi({ zh: '情景分析', en: 'Scenario' })}</h2>
<p class="hint">${bi({ zh: '修改后所有指标在浏览器内即时重算。', en: 'Every figure is recomputed in the browser as you edit.' })}</p>
<h3>${bi({ zh: '总体数量', en: 'Population counts' })}</h3>${comps}
${c.users !== undefined ? row('users', bi({ zh: '平台用户数 U', en: 'Platform users U' }), c.users, '1') : ''}
<h3>${bi({ zh: '投入产出', en: 'Input–output' })}</h3>
<label data-key="ioMethod" class="wide"><span>${bi({ zh: '方法', en: 'Method' })}</span><select data-scn="ioMethod" data-base="${esc(base)}"${ioOptions.length ? '' : ' disabled'}>${methods}</select></label>
${coefs}
<h3>${bi({ zh: '就业转换', en: 'Jobs per output' })}</h3>
${row('jpo', bi({ zh: '单位产出就业', en: 'Jobs per output' }), perYi, '1', bi({ zh: '个/亿元', en: 'jobs per 100 million yuan' }))}
${perYi ? '' : `<p class="hint">${bi({ zh: '本研究按部门就业系数计算间接就业；填入数值则改用统一比率。', en: 'This study converts output to jobs with sector employment coefficients; a value here replaces them by one ratio.' })}</p>`}
${ratesPanel()}
<button type="button" data-reset>${bi({ zh: '恢复基准', en: 'Reset to baseline' })}</button>`;
}

/** The value each additionality rate parameter took in the baseline (from the net figures' inputs). */
function baselineRates(): Map<string, number> {
  const out = new Map<string, number>();
  for (const it of netItems(baseline)) for (const [k, p] of Object.entries(it.parameters)) if (p && !out.has(p)) out.set(p, it.rates[k as keyof typeof it.rates]);
  // Parameters the Monte Carlo does not list (no uncertainty section): the rate of the first item using it.
  for (const rp of rateParameters(payload.config.additionality)) {
    if (out.has(rp.parameter)) continue;
    const it = netItems(baseline).find((x) => x.section === rp.section && x.id === rp.items[0]);
    if (it) out.set(rp.parameter, it.rates[rp.rate]);
  }
  return out;
}

/** Sliders (and exact inputs) for every additionality rate parameter; a shared default moves every item using it. */
function ratesPanel(): string {
  const rps = rateParameters(payload.config.additionality);
  if (rps.length === 0) return '';
  const base = baselineRates();
  const rows = rps.map((rp) => {
    const key = `rate.${rp.parameter}`;
    const v = round6(base.get(rp.parameter) ?? NaN);
    const l = capitalize(parameterLabel(baseline, rp.parameter));
    const n = rp.items.length;
    const hint = [rp.survey ? bi({ zh: '问卷估计', en: 'survey estimate' }) : '', rp.parameter.includes('.default.') ? bi({ zh: `用于 ${n} 项`, en: `used by ${n}` }) : ''].filter(Boolean).join(' · ');
    // The slider is named by the label's text in the page's language (the other language's span is hidden).
    const labelId = `rate-label-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    return `<label data-key="${esc(key)}" class="rate"><span><span id="${esc(labelId)}">${bi(l)}</span>${hint ? ` <span class="hint">${hint}</span>` : ''}</span><input type="text" inputmode="decimal" data-scn="${esc(key)}" value="${v}" data-base="${v}"><input type="range" min="0" max="1" step="0.01" value="${v}" data-slide="${esc(key)}" aria-labelledby="${esc(labelId)}"></label>`;
  });
  const src = additionalitySource(baseline);
  return `<h3>${bi({ zh: '额外性比率（净新增）', en: 'Additionality rates (net figures)' })}</h3>
<p class="hint">${bi({ zh: '0–1；修改后净新增指标即时重算，蒙特卡洛随后在后台重算。固定某一比率即取消其分布。', en: '0–1. Net figures update at once; the Monte Carlo reruns in the background. Fixing a rate replaces its distribution by that number.' })}${src ? ` ${bi({ zh: `来源：${src.source.zh}${src.illustrative ? '（示意性假设）' : ''}。`, en: `Source: ${src.source.en}${src.illustrative ? ' (illustrative assumptions)' : ''}.` })}` : ''}</p>${rows.join('')}`;
}

/**
 * A scenario input's value in base units, as the study file reads it (parseQuantity: "2000万", "1.2亿",
 * "230"), or why it is refused. Rates are shares in [0, 1]; counts and coefficients are not negative.
 */
function parseField(key: string, text: string): { value: number } | { error: Label } {
  let v: number;
  try {
    v = parseQuantity(text, key);
  } catch {
    return { error: { zh: `“${text}”不是数值：请输入如 230、2000万 或 1.2亿`, en: `"${text}" is not a number: enter e.g. 230 or 20000000` } };
  }
  if (v < 0) return { error: { zh: '不能为负数', en: 'must not be negative' } };
  if (key.startsWith('rate.') && v > 1) return { error: { zh: '比率须在 0 到 1 之间', en: 'a rate must be between 0 and 1' } };
  return { value: v };
}

/** Mark a field invalid (aria-invalid, red border) with the reason beside it, or clear the mark. */
function markField(el: HTMLInputElement, error: Label | undefined) {
  const label = el.closest('label');
  const id = `err-${(el.dataset.scn as string).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  label?.querySelector('.field-error')?.remove();
  label?.classList.toggle('invalid', !!error);
  if (!error) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
    return;
  }
  el.setAttribute('aria-invalid', 'true');
  el.setAttribute('aria-describedby', id);
  label?.insertAdjacentHTML('beforeend', `<span class="field-error" id="${esc(id)}" role="alert">${bi(error)}</span>`);
}

/** The scenario the panel states, or undefined (fields marked) when a field holds an invalid value. */
function readScenario(): Scenario | undefined {
  const s: Scenario = {};
  let valid = true;
  const sel = $<HTMLSelectElement>('select[data-scn=ioMethod]');
  const option = ioOptions.find((o) => o.key === sel.value);
  if (option && sel.value !== sel.dataset.base) s.ioMethod = option.method;
  sel.closest('label')?.classList.toggle('changed', !!option && sel.value !== sel.dataset.base);
  document.querySelectorAll<HTMLInputElement>('input[data-scn]').forEach((el) => {
    const key = el.dataset.scn as string;
    const text = el.value.trim();
    const base = el.dataset.base as string;
    // An empty field or the shown baseline is not an override (the exact baseline value is used).
    const parsed = text === '' || text === base ? undefined : parseField(key, text);
    markField(el, parsed && 'error' in parsed ? parsed.error : undefined);
    if (parsed && 'error' in parsed) valid = false;
    const v = parsed && 'value' in parsed ? parsed.value : undefined;
    const changed = v !== undefined && (base === '' || v !== Number(base));
    el.closest('label')?.classList.toggle('changed', changed);
    if (!changed) return;
    if (key.startsWith('population.')) (s.population ??= {})[key.slice(11)] = v;
    else if (key.startsWith('coef.')) (s.coefficients ??= {})[key.slice(5)] = v;
    else if (key.startsWith('rate.')) (s.additionality ??= {})[key.slice(5)] = v;
    else if (key === 'users') s.users = v;
    else if (key === 'jpo') s.jobsPerOutput = v / YI;
  });
  return valid ? s : undefined;
}

/**
 * Coefficient inputs show the selected IO method's values (their new baseline); a coefficient the user
 * edited keeps the edited value, with a note beside it giving the method's own value.
 */
function syncCoefficients() {
  const o = ioOptions.find((x) => x.key === $<HTMLSelectElement>('select[data-scn=ioMethod]').value);
  if (!o) return;
  document.querySelectorAll<HTMLInputElement>('input[data-scn^="coef."]').forEach((el) => {
    const b = String(round6(o.coefficients[(el.dataset.scn as string).slice(5)]));
    const label = el.closest('label');
    label?.querySelector('.field-note')?.remove();
    const edited = el.value.trim() !== '' && el.value.trim() !== el.dataset.base;
    el.dataset.base = b;
    if (!edited || el.value.trim() === b) {
      el.value = b;
      return;
    }
    label?.insertAdjacentHTML('beforeend', `<span class="field-note" role="status">${bi({ zh: `已保留您修改的系数；该方法的系数为 ${b}`, en: `your edited coefficient is kept; this method's value is ${b}` })}</span>`);
  });
}

let timer: ReturnType<typeof setTimeout> | undefined;
function recompute() {
  const scenario = readScenario();
  // A bad value is never computed: the figures stay those of the last valid scenario.
  if (!scenario) return setStatus('error', bi({ zh: '有输入无效（见标红字段），图表仍为上次有效情景的结果', en: 'An input is invalid (see the marked field); the figures are still those of the last valid scenario' }));
  const id = ++seq;
  document.body.dataset.seq = String(id);
  setStatus('computing', bi({ zh: '计算中…', en: 'Recomputing…' }));
  // A visible progress bar only when a recompute takes long enough to notice.
  timer = setTimeout(() => id === seq && setStatus('computing', bi({ zh: '计算中…', en: 'Recomputing…' }), true), 120);
  worker?.postMessage({ type: 'compute', id, scenario, uncertainty: false } satisfies WorkerRequest);
  mcWorker?.postMessage({ type: 'compute', id, scenario, uncertainty: true } satisfies WorkerRequest);
}

/** "Monte Carlo 3,000 / 10,000" with a bar filled to the share done. */
function mcProgress(done: number, total: number) {
  const pct = total > 0 ? Math.round((100 * done) / total) : 0;
  setStatus('computing', bi({ zh: `蒙特卡洛 ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`, en: `Monte Carlo ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}` }));
  const s = $('#status');
  s.insertAdjacentHTML('beforeend', `<span class="bar determinate"><i style="width:${pct}%"></i></span>`);
  s.dataset.progress = String(pct);
}

/** Status after a figures or Monte Carlo reply: ready once both belong to the newest recompute. */
function settle(ms: number) {
  if (mcWorker && mc.id !== seq) return;
  setStatus('ready', bi({ zh: `已重算（${ms.toFixed(0)} 毫秒）`, en: `Recomputed in ${ms.toFixed(0)} ms` }));
}

// ---- Loading ---------------------------------------------------------------------------------------

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  const body = await r.json();
  // the server's refusal in both languages when it gives them
  if (!r.ok) throw new LocalizedError(body.texts ?? body.error ?? `${url}: HTTP ${r.status}`);
  return body as T;
}

/** A study with transactions only: its summary and voucher section as computed by the server; nothing to rerun. */
function showVoucherStudy(p: VoucherPayload) {
  worker?.terminate();
  mcWorker?.terminate();
  worker = mcWorker = undefined;
  const v = p.voucherStudy;
  $('#title').innerHTML = bi(v.study.name);
  $('#meta').innerHTML = bi({ zh: `${v.study.year === undefined ? '' : `研究年份 ${v.study.year} · `}${p.path}`, en: `${v.study.year === undefined ? '' : `Study year ${v.study.year} · `}${p.path}` });
  document.title = `${v.study.name[lang()]} – spillover`;
  $('#scenario').innerHTML = `<p class="note">${bi({ zh: '该研究只有交易数据：消费券指标由服务器从交易中汇总计算，没有可在浏览器中调整的情景参数。', en: 'This study has transactions only: the voucher figures are reduced from the transactions by the server; there are no scenario inputs to change in the browser.' })}</p>`;
  $('#report').innerHTML = `${summaryHtml(voucherSentences(v.vouchers))}${vouchersSectionHtml(v.vouchers)}`;
  history.replaceState(null, '', `?study=${encodeURIComponent(p.path)}${location.hash}`);
  setStatus('ready', bi({ zh: '就绪', en: 'Ready' }));
}

async function loadStudy(path: string) {
  setStatus('loading', bi({ zh: '读取研究数据…', en: 'Reading the study data…' }), true);
  closeDrawer();
  let json: string;
  try {
    const r = await fetch(`/api/study?path=${encodeURIComponent(path)}`);
    json = await r.text();
    if (!r.ok) {
      const body = JSON.parse(json) as { error?: string; texts?: Label };
      throw new LocalizedError(body.texts ?? body.error ?? `HTTP ${r.status}`);
    }
    const parsed = JSON.parse(json, reviveTyped) as Payload | VoucherPayload;
    if ('voucherStudy' in parsed) return showVoucherStudy(parsed);
    payload = parsed;
  } catch (e) {
    $('#report').innerHTML = errorBox({ zh: '无法读取该研究', en: 'Could not read this study' }, (e as { texts?: Label }).texts ?? (e as Error).message);
    return setStatus('error', bi({ zh: '无法读取该研究', en: 'Could not read this study' }));
  }
  baseline = payload.results;
  results = baseline;
  $('#title').innerHTML = bi(baseline.study.name);
  $('#meta').innerHTML = bi({ zh: `研究年份 ${baseline.study.year} · ${path}`, en: `Study year ${baseline.study.year} · ${path}` });
  document.title = `${baseline.study.name[lang()]} – spillover`;
  ioOptions = [];
  $('#scenario').innerHTML = scenarioPanel();
  render();
  worker?.terminate();
  mcWorker?.terminate();
  mcWorker = undefined;
  mc = { id: 0, uncertainty: baseline.uncertainty };
  seq = 0;
  let figuresMs = 0;
  worker = new Worker('/worker.js', { type: 'module' });
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const m = e.data;
    if (m.type === 'loaded') {
      ioOptions = m.ioMethods;
      $('#scenario').innerHTML = scenarioPanel();
      return setStatus('ready', bi({ zh: `就绪（引擎载入 ${m.ms.toFixed(0)} 毫秒）`, en: `Ready (engine loaded in ${m.ms.toFixed(0)} ms)` }));
    }
    if (m.type === 'progress' || m.type === 'uncertainty') return;
    if (m.id !== seq) return; // a newer recompute is under way
    clearTimeout(timer);
    if (m.type === 'error') return setStatus('error', failed(m.message));
    // Figures now; the Monte Carlo part stays that of the last run until its worker replies.
    results = { ...m.results, ...(mc.uncertainty ? { uncertainty: mc.uncertainty } : {}) };
    figuresMs = m.ms;
    document.body.dataset.figuresMs = m.ms.toFixed(0);
    computeCount++;
    document.body.dataset.computeCount = String(computeCount);
    document.body.dataset.computed = String(m.id);
    render();
    if (mcWorker && mc.id !== seq) return setStatus('computing', bi({ zh: '蒙特卡洛重算中…', en: 'Rerunning the Monte Carlo…' }), true);
    settle(m.ms);
  };
  worker.onerror = (e) => setStatus('error', failed(e.message));
  if (payload.config.uncertainty) {
    mcWorker = new Worker('/worker.js', { type: 'module' });
    mcWorker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const m = e.data;
      if (m.type === 'loaded' || m.id !== seq) return;
      if (m.type === 'progress') return document.body.dataset.computed === String(seq) && mcProgress(m.done, m.total);
      if (m.type === 'error') return setStatus('error', failed(m.message, true));
      if (m.type !== 'uncertainty') return;
      mc = { id: m.id, uncertainty: m.uncertainty };
      document.body.dataset.mcComputed = String(m.id);
      document.body.dataset.mcMs = m.ms.toFixed(0);
      if (document.body.dataset.computed === String(m.id)) {
        results = { ...results, uncertainty: m.uncertainty };
        renderUncertainty();
      }
      settle(Math.max(figuresMs, m.ms));
    };
    mcWorker.onerror = (e) => setStatus('error', failed(e.message, true));
  }
  setStatus('loading', bi({ zh: '启动计算引擎…', en: 'Starting the engine…' }), true);
  worker.postMessage({ type: 'load', json } satisfies WorkerRequest);
  mcWorker?.postMessage({ type: 'load', json } satisfies WorkerRequest);
  history.replaceState(null, '', `?study=${encodeURIComponent(path)}${location.hash}`);
}

async function main() {
  const list = await getJson<{ default: string; studies: string[] }>('/api/studies');
  const want = new URLSearchParams(location.search).get('study') ?? list.default;
  const studies = list.studies.includes(list.default) ? list.studies : [list.default, ...list.studies];
  const picker = $<HTMLSelectElement>('#study-picker');
  picker.innerHTML = studies.map((s) => `<option value="${esc(s)}"${s === want ? ' selected' : ''}>${esc(s)}</option>`).join('');
  picker.addEventListener('change', () => loadStudy(picker.value));
  document.addEventListener('click', (e) => {
    const t = e.target as HTMLElement;
    const langBtn = t.closest<HTMLElement>('[data-set-lang]');
    if (langBtn) {
      const l = langBtn.dataset.setLang as Lang;
      html.setAttribute('data-lang', l);
      html.setAttribute('lang', l === 'zh' ? 'zh-CN' : 'en');
      if (baseline) document.title = `${baseline.study.name[l]} – spillover`;
      history.replaceState(null, '', `${location.search}#${l}`);
      for (const c of charts) {
        c.chart.setOption(c.spec.option(l), true);
        c.key = chartKey(c.spec);
      }
      document.querySelectorAll<HTMLOptionElement>('select[data-scn=ioMethod] option').forEach((o) => {
        const opt = ioOptions.find((x) => x.key === o.value);
        if (opt) o.textContent = opt.label[l];
      });
      if (drawerId) openDrawer(drawerId);
      return;
    }
    if (t.closest('[data-close]')) return closeDrawer();
    const open = t.closest<HTMLElement>('[data-open]');
    if (open) {
      e.preventDefault();
      return openDrawer(open.dataset.open as string);
    }
    if (t.closest('[data-reset]')) {
      const sel = $<HTMLSelectElement>('select[data-scn=ioMethod]');
      document.querySelectorAll<HTMLInputElement>('input[data-scn]').forEach((el) => (el.value = el.dataset.base as string));
      sel.value = sel.dataset.base as string;
      syncCoefficients();
      document.querySelectorAll<HTMLInputElement>('input[data-slide]').forEach((el) => (el.value = $<HTMLInputElement>(`input[data-scn="${el.dataset.slide}"]`).value));
      return recompute();
    }
    const fig = t.closest<HTMLElement>('[data-fig]');
    if (fig && fig.closest('#report')) openDrawer(fig.dataset.fig as string);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeDrawer();
    if (e.key === 'Enter' && (e.target as HTMLElement).matches?.('.card[data-fig]')) openDrawer((e.target as HTMLElement).dataset.fig as string);
  });
  $('#scenario').addEventListener('input', (e) => {
    const t = e.target as HTMLInputElement;
    if (t.matches('select[data-scn=ioMethod]')) syncCoefficients();
    // A slider and its exact input show the same rate.
    if (t.dataset.slide) $<HTMLInputElement>(`input[data-scn="${t.dataset.slide}"]`).value = t.value;
    else if (t.dataset.scn?.startsWith('rate.')) {
      const slide = document.querySelector<HTMLInputElement>(`input[data-slide="${t.dataset.scn}"]`);
      const p = t.value.trim() === '' ? undefined : parseField(t.dataset.scn, t.value.trim());
      if (slide && p && 'value' in p) slide.value = String(p.value);
    }
    recompute();
  });
  window.addEventListener('resize', () => charts.forEach((c) => c.chart.resize()));
  if (location.hash === '#en' || location.hash === '#zh') html.setAttribute('data-lang', location.hash.slice(1));
  await loadStudy(want);
}

main().catch((e) => {
  $('#report').innerHTML = errorBox({ zh: '仪表盘无法启动', en: 'The dashboard could not start' }, (e as { texts?: Label }).texts ?? (e as Error).message);
  setStatus('error', bi({ zh: '出错', en: 'Error' }));
});

/**
 * A failed recompute in the page's words: what failed (figures or the Monte Carlo) and that the page
 * still shows the last result; the engine's own message (a program error, in English) is in the console.
 */
function failed(message: string, monteCarlo = false): string {
  console.warn(message);
  return bi(monteCarlo
    ? { zh: '蒙特卡洛重算失败，区间仍为上次的结果', en: 'The Monte Carlo rerun failed; the intervals are those of the last run' }
    : { zh: '重算失败，页面仍为上次有效情景的结果', en: 'The recompute failed; the page shows the last valid scenario' });
}

/**
 * A box saying what failed, in the page's language, with the server's message beneath it (the study
 * file's path, line and reason, worded as the command line words them).
 */
function errorBox(what: Label, detail: string | Label): string {
  const shown = typeof detail === 'string' ? esc(detail) : bi({ zh: esc(detail.zh), en: esc(detail.en) });
  return `<div class="error-box" role="alert"><b>${bi(what)}</b>${bi({ zh: '：', en: ': ' })}<code>${shown}</code></div>`;
}

/** The sector beside a coefficient input: its code, or how many sectors a mapped category spreads over (price bridge). */
function sectorNote(s: { code: string; demand?: { code: string }[] }): string {
  const n = new Set((s.demand ?? []).map((d) => d.code)).size;
  return n > 1 ? bi({ zh: `${n} 个部门`, en: `${n} sectors` }) : esc(s.code);
}
