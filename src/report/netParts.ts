// The net-impact and uncertainty parts of StudyResults, read in one place for the report, the
// workbook and the dashboard. Fields read (all optional):
//   figures net.<gross id>                 net additional figures (src/study/model/figures/net.ts); the per-item
//     ones (net.jobs.providers|operators.<id>, net.consumption.<id>) carry the rates they used in
//     `inputs` {leakage, deadweight, displacement, substitution, factor}, and every net figure's
//     `notes` reads {zh: "[示意性假设，不是估计。]额外性比率来源：<source>。", en: "[ILLUSTRATIVE assumptions, not estimates. ]Additionality rates: <source>."}
//   uncertainty                            Monte Carlo intervals, tornado, switching values, parameters
//   intervals.level / uncertainty.level    the levels of the sampling and Monte Carlo intervals
import type { Figure, Label } from '../study/types.ts';
import { readingOrder } from '../study/model/index.ts';
import { DISTRIBUTION_NAME, type Distribution } from '../study/uncertainty/index.ts';
import type { ColumnKind } from '../locale/index.ts';
import type { ExtendedResults } from './optionalParts.ts';
import { asLabel } from './i18n.ts';

export type RateName = 'leakage' | 'deadweight' | 'displacement' | 'substitution';
export const RATE_NAMES: readonly RateName[] = ['leakage', 'deadweight', 'displacement', 'substitution'];

/** The four additionality rates in both languages (Chinese terms as in docs/method.md). */
export const RATE_LABEL: Record<RateName, Label> = {
  leakage: { zh: '漏出率', en: 'leakage' },
  deadweight: { zh: '无谓效应', en: 'deadweight' },
  displacement: { zh: '挤出率', en: 'displacement' },
  substitution: { zh: '替代率', en: 'substitution' },
};

/** A level as percent text without float noise: 0.95 → "95", 0.995 → "99.5". */
export const levelPct = (level: number): string => String(+(level * 100).toPrecision(6));

/** "95% 置信区间" / "95% CI" at the results' sampling level (results.intervals.level). */
export const ciLabel = (level: number): Label => ({ zh: `${levelPct(level)}% 置信区间`, en: `${levelPct(level)}% CI` });

/** "95% 区间（假设＋抽样）" / "95% interval (assumptions + sampling)" at the Monte Carlo level. */
export const mcLabel = (level: number): Label => ({ zh: `${levelPct(level)}% 区间（假设＋抽样）`, en: `${levelPct(level)}% interval (assumptions + sampling)` });

/** Level of the sampling intervals (figures' ci). */
export const samplingLevel = (r: ExtendedResults): number => r.intervals.level;

/** True when the results hold net additional figures. */
export const hasNet = (r: ExtendedResults): boolean => Object.keys(r.figures).some((k) => k.startsWith('net.'));

/**
 * Where the additionality rates come from and whether they are illustrative: `results.additionality`,
 * or, for results written before that field existed, the net figures' notes.
 */
export function additionalitySource(r: ExtendedResults): { source: Label; illustrative: boolean } | null {
  if (r.additionality) return { source: asLabel(r.additionality.source), illustrative: r.additionality.illustrative };
  const f = Object.values(r.figures).find((x) => x.id.startsWith('net.') && x.notes);
  if (!f?.notes) return null;
  const notes = asLabel(f.notes);
  const en = /Additionality rates: (.*?)\.?$/s.exec(notes.en)?.[1] ?? notes.en;
  const zh = /额外性比率来源：(.*?)。?$/s.exec(notes.zh)?.[1] ?? en;
  return { source: { zh, en }, illustrative: /^ILLUSTRATIVE/.test(notes.en) };
}

/** One component or category with the rates its net figure used. */
export interface NetItem {
  figure: string; // gross id, e.g. jobs.providers.wecom
  section: 'components' | 'consumption';
  id: string;
  label: Label;
  rates: Record<RateName, number>;
  factor: number;
  /** Parameter id of each rate (the item's own, else the section default), when results.uncertainty lists it. */
  parameters: Partial<Record<RateName, string>>;
}

/** The components and consumption categories whose net figure carries its rates, in results order. */
export function netItems(r: ExtendedResults): NetItem[] {
  const params = new Set((r.uncertainty?.parameters ?? []).map((p) => p.id));
  const item = (figure: string, section: NetItem['section'], id: string, label: Label): NetItem[] => {
    const n = r.figures[`net.${figure}`];
    if (!n || typeof n.inputs.factor !== 'number') return [];
    const rates = Object.fromEntries(RATE_NAMES.map((k) => [k, n.inputs[k] as number])) as Record<RateName, number>;
    const parameters: NetItem['parameters'] = {};
    for (const k of RATE_NAMES) {
      const own = `additionality.${section}.${id}.${k}`, dflt = `additionality.${section}.default.${k}`;
      if (params.has(own)) parameters[k] = own;
      else if (params.has(dflt)) parameters[k] = dflt;
    }
    return [{ figure, section, id, label, rates, factor: n.inputs.factor as number, parameters }];
  };
  return [
    ...r.components.flatMap((c) => item(`jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`, 'components', c.id, c.label)),
    ...r.consumption.flatMap((c) => item(`consumption.${c.id}`, 'consumption', c.id, c.label)),
  ];
}

const n3 = (v: number) => String(+v.toPrecision(3));

/** A distribution in words: triangular(0.2, 0.4, 0.6), uniform(0.6, 0.9), normal(0.5, 0.05), fixed 0.3. */
export function distributionText(d: Distribution, scale = 1, lang: 'zh' | 'en' = 'en'): string {
  const name = d.dist === 'point' ? '' : DISTRIBUTION_NAME[d.dist][lang];
  switch (d.dist) {
    case 'point':
      return n3(d.value * scale);
    case 'uniform':
      return `${name}(${n3(d.min * scale)}, ${n3(d.max * scale)})`;
    case 'triangular':
      return `${name}(${n3(d.min * scale)}, ${n3(d.mode * scale)}, ${n3(d.max * scale)})`;
    case 'normal':
      return `${name}(${n3(d.mean * scale)}, ${n3(d.sd * scale)})`;
    case 'lognormal':
      return lang === 'zh' ? `${name}(对数均值 ${n3(d.meanlog)}，对数标准差 ${n3(d.sdlog)})` : `${name}(meanlog ${n3(d.meanlog)}, sdlog ${n3(d.sdlog)})`;
  }
}

/** The label with its English text starting upper-case (for a table cell or a chart axis). */
export const capitalize = (l: Label): Label => ({ zh: l.zh, en: l.en.charAt(0).toUpperCase() + l.en.slice(1) });

const figLabel = (r: ExtendedResults, id: string): Label => r.figures[id]?.label ?? { zh: id, en: id };
const componentLabel = (r: ExtendedResults, id: string): Label => r.components.find((c) => c.id === id)?.label ?? r.consumption.find((c) => c.id === id)?.label ?? { zh: id, en: id };

/**
 * A model parameter in words: parameterLabel(r, 'additionality.components.default.displacement') →
 * {zh: '挤出率（直接就业组成部分的默认值）', en: 'displacement rate (default for direct-jobs components)'} (the
 * default applies to every item that does not set its own);
 * 'sampling.jobs.providers.pay' → 'Sampling error: <label>'; 'population.pay' → 'Population count: <label>'.
 * A `*` segment (switching values) reads "every …, moved together". Unknown ids come back as they are.
 */
export function parameterLabel(r: ExtendedResults, id: string): Label {
  const add = /^additionality\.(components|consumption)\.([^.]+)\.(leakage|deadweight|displacement|substitution)$/.exec(id);
  if (add) {
    const [, section, owner, rate] = add;
    const rl = RATE_LABEL[rate as RateName];
    const comp = section === 'components';
    const whose: Label =
      owner === 'default'
        ? comp ? { zh: '直接就业组成部分的默认值', en: 'default for direct-jobs components' } : { zh: '消费类别的默认值', en: 'default for consumption categories' }
        : owner === '*'
          ? comp ? { zh: '每个直接就业组成部分，同时变动', en: 'every direct-jobs component, moved together' } : { zh: '每个消费类别，同时变动', en: 'every consumption category, moved together' }
          : componentLabel(r, owner);
    return { zh: `${rl.zh}（${whose.zh}）`, en: `${rl.en} rate (${whose.en})` };
  }
  const samp = /^sampling\.(.+)$/.exec(id);
  if (samp) {
    const l = figLabel(r, samp[1]);
    return { zh: `抽样误差：${l.zh}`, en: `Sampling error: ${l.en}` };
  }
  const pop = /^population\.(.+)$/.exec(id);
  if (pop) {
    const l = componentLabel(r, pop[1]);
    return { zh: `总体数量：${l.zh}`, en: `Population count: ${l.en}` };
  }
  const cons = /^consumption\.(.+)$/.exec(id);
  if (cons) {
    const l = componentLabel(r, cons[1]);
    return { zh: `消费额：${l.zh}`, en: `Consumption: ${l.en}` };
  }
  const coef = /^coefficient\.(.+)$/.exec(id);
  if (coef) {
    const l = componentLabel(r, coef[1]);
    return { zh: `每元需求产出 b：${l.zh}`, en: `Output per yuan b: ${l.en}` };
  }
  if (id === 'users') return { zh: '平台用户数 U', en: 'Platform users U' };
  if (id === 'jobs_per_output') return { zh: '单位产出就业', en: 'Jobs per output' };
  return { zh: id, en: id };
}

/** The column kind of a parameter's values (rates and shares as %, counts, persons, yuan, persons per yuan). */
export function parameterKind(r: ExtendedResults, id: string): ColumnKind {
  if (id.startsWith('additionality.')) return 'ratio';
  if (id.startsWith('population.') || id === 'users') return 'count';
  if (id.startsWith('coefficient.')) return 'coef';
  if (id === 'jobs_per_output') return 'perYuan';
  if (id.startsWith('consumption.')) return 'yuan';
  const s = /^sampling\.(.+)$/.exec(id);
  if (s) return r.figures[s[1]]?.unit === 'yuan' ? 'yuan' : 'persons';
  return 'coef';
}

/** The gross figures shown beside their net counterparts, in reading order (those the results have). */
export function netPairIds(r: ExtendedResults): string[] {
  const F = r.figures;
  const ids = readingOrder(r);
  return ids.filter((id) => F[id] && F[`net.${id}`]);
}

/**
 * A switching value in words, e.g. {en: 'Net additional: Direct jobs (illustrative assumptions) falls to
 * 800.0 (万个) when the displacement rate (every direct-jobs component, moved together) is 0.512
 * (central value 0.400).'}. `fmt` formats a value of the figure with its unit.
 */
export function switchingText(r: ExtendedResults, s: NonNullable<ExtendedResults['uncertainty']>['switching'][number], fmt: (f: Figure, v: number, lang: 'zh' | 'en') => string): Label {
  const f = r.figures[s.figure];
  const p = parameterLabel(r, s.parameter);
  const central = r.uncertainty?.parameters.find((x) => x.id === s.matched[0])?.central;
  const now = f?.value;
  const falls = now === undefined || s.target <= now;
  const target = (lang: 'zh' | 'en') => (f ? fmt(f, s.target, lang) : String(s.target));
  const v = n3(s.value), c = central === undefined ? '' : n3(central);
  const fl = f?.label ?? { zh: s.figure, en: s.figure };
  return {
    zh: `当${p.zh}为 ${v}${c ? `（中心值 ${c}）` : ''}时，${fl.zh}${falls ? '降至' : '升至'} ${target('zh')}。`,
    en: `${fl.en} ${falls ? 'falls' : 'rises'} to ${target('en')} when the ${p.en} is ${v}${c ? ` (central value ${c})` : ''}.`,
  };
}
