// The two languages of everything a reader sees, and the bilingual label every figure, table and
// chart carries. Outputs that show one language pick `label[lang]`; the report's HTML carries both.

/** A language of the outputs: Chinese (the default of the seed's readers) or English. */
export type Lang = 'zh' | 'en';

/** Every language, in the order the outputs list them. */
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** A text in both languages, e.g. {zh: '直接就业', en: 'Direct jobs'}. */
export type Label = Record<Lang, string>;

/** label('直接就业', 'Direct jobs') → {zh: '直接就业', en: 'Direct jobs'}. */
export const label = (zh: string, en: string): Label => ({ zh, en });

/** A text the study file gives in one language or in both: asLabel('WeCom') → {zh: 'WeCom', en: 'WeCom'}; a label is itself. */
export const asLabel = (x: Label | string): Label => (typeof x === 'string' ? { zh: x, en: x } : x);

/**
 * A study's title in one language: its name, and its year in brackets unless the name already
 * says it. studyTitle({zh: '微信生态带动就业 2019', en: 'WeChat jobs 2019'}, 2019, 'en') →
 * 'WeChat jobs 2019'; studyTitle({…, en: 'WeChat jobs'}, 2019, 'en') → 'WeChat jobs (2019)',
 * zh with full-width brackets: '微信生态带动就业（2019）'.
 */
export function studyTitle(name: Label, year: number | undefined, lang: Lang): string {
  const text = name[lang];
  if (year === undefined || new RegExp(`(^|\\D)${year}(\\D|$)`).test(text)) return text;
  return lang === 'zh' ? `${text}（${year}）` : `${text} (${year})`;
}
