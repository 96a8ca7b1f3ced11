// Warnings for declared distributions not centred on the point value they stand for (issue 13 item 3):
// the point estimates use the study's value while the Monte Carlo draws from the distribution, so the
// simulated figures centre elsewhere. Shown on the console, in results.json (uncertainty.warnings) and
// in the report's uncertainty section.
import { compactNumber, type Label, type Lang } from '../../locale/index.ts';
import { DISTRIBUTION_NAME, type Distribution } from '../uncertainty/distributions.ts';
import { offCentre } from '../uncertainty/offCentre.ts';
import type { ModelParameter } from './modelInputs.ts';

/** A parameter's value in words: jobs per output in persons per 亿元 (its stored unit is persons per yuan), the rest in 万/亿 or million/billion. */
function valueText(id: string, v: number, lang: Lang): string {
  if (id === 'jobs_per_output') return `${+(v * 1e8).toPrecision(4)} ${lang === 'zh' ? '人/亿元' : 'persons per 100M yuan'}`;
  return compactNumber(v, lang);
}

/** uniform(100万, 300万), triangular(…), normal(mean, sd), lognormal(median …, sdlog …). */
export function distributionText(id: string, d: Distribution, lang: Lang): string {
  const t = (v: number) => valueText(id, v, lang);
  switch (d.dist) {
    case 'point':
      return t(d.value);
    case 'uniform':
      return `${DISTRIBUTION_NAME.uniform[lang]}(${t(d.min)}, ${t(d.max)})`;
    case 'triangular':
      return `${DISTRIBUTION_NAME.triangular[lang]}(${t(d.min)}, ${t(d.mode)}, ${t(d.max)})`;
    case 'normal':
      return `${DISTRIBUTION_NAME.normal[lang]}(${t(d.mean)}, ${lang === 'zh' ? '标准差' : 'sd'} ${t(d.sd)})`;
    case 'lognormal':
      return `${DISTRIBUTION_NAME.lognormal[lang]}(${lang === 'zh' ? '中位数' : 'median'} ${t(Math.exp(d.meanlog))}, ${lang === 'zh' ? '对数标准差' : 'sdlog'} ${+d.sdlog.toPrecision(4)})`;
  }
}

/**
 * centringWarnings(parameters) → one warning per stated assumption whose distribution's mean or
 * median is not its central value (offCentre), in both languages, naming the parameter, the point
 * value, the distribution, its mean and median. Survey sampling parameters are centred by construction.
 * Example: population.miniprogram_operators, point 230万, uniform(100万, 300万) → "… mean 200万, median 200万 …".
 */
export function centringWarnings(parameters: readonly ModelParameter[]): Label[] {
  return parameters.flatMap((p) => {
    if (p.kind !== 'assumption') return [];
    const off = offCentre(p.distribution, p.central);
    if (!off) return [];
    const t = (v: number, lang: Lang) => valueText(p.id, v, lang);
    const pct = (((off.mean - p.central) / p.central) * 100).toFixed(1);
    return [
      {
        zh: `${p.id}：点估计使用 ${t(p.central, 'zh')}，但蒙特卡洛抽取的 ${distributionText(p.id, p.distribution, 'zh')} 的均值为 ${t(off.mean, 'zh')}、中位数为 ${t(off.median, 'zh')}，不以点估计值为中心；模拟结果的中心因此偏离点估计（均值偏差 ${pct}%）。请将分布以该值为中心，或采用分布所隐含的值。`,
        en: `${p.id}: the point estimates use ${t(p.central, 'en')}, but the Monte Carlo draws ${distributionText(p.id, p.distribution, 'en')}, whose mean is ${t(off.mean, 'en')} and median ${t(off.median, 'en')}: not centred on the point value, so the simulated figures centre off the point estimates (mean ${pct}% off). Centre the distribution on the value, or use the value the distribution implies.`,
      },
    ];
  });
}
