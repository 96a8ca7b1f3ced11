// Errors a user reads, in the language of the command. An error's words may be given in both
// languages (a Label); `.message` stays the English text (logs, stack traces, tests) and the Label
// is kept on the error as `.texts`. errorText picks the words for a language. Pure.
import type { Label, Lang } from './lang.ts';

/** The text of an error: a Label in both languages, or one string (the same words in either). */
export type ErrorWords = string | Label;

/** The English text of `words`: the `.message` of an error built from them. */
export const englishText = (words: ErrorWords): string => (typeof words === 'string' ? words : words.en);

/** `words` as a Label, or undefined for a plain string (which errorText shows in every language). */
export const wordsLabel = (words: ErrorWords): Label | undefined => (typeof words === 'string' ? undefined : words);

/**
 * An error whose text is in both languages. new LocalizedError({zh: '找不到文件', en: 'no such file'})
 * .message === 'no such file'; errorText(it, 'zh') === '找不到文件'. The base of DataError,
 * ConfigError and the CLI's own errors.
 */
export class LocalizedError extends Error {
  readonly texts?: Label;
  constructor(words: ErrorWords, options?: { cause?: unknown }) {
    super(englishText(words), options);
    // A plain error whose words exist in both languages: named as any Error (String(e) === 'Error: …').
    this.name = 'Error';
    const texts = wordsLabel(words);
    if (texts) this.texts = texts;
  }
}

/**
 * An internal invariant that no input can reach (a caller inside spillover broke a contract): the
 * English detail is kept in both languages, since it names code, not the user's data.
 * internalError('lu: matrix not square').message === 'lu: matrix not square';
 * errorText(it, 'zh') === '内部错误（请报告）：lu: matrix not square'. Never for a fault a user's
 * input, study file or data can cause — those get their own {zh, en} words.
 */
export const internalError = (en: string): LocalizedError =>
  new LocalizedError({ zh: `内部错误（请报告）：${en}`, en });

/** The words of a caught error, to carry into another error: its Label, else its message. */
export const errorWords = (e: unknown): ErrorWords => {
  const texts = (e as { texts?: unknown } | null)?.texts;
  return isLabel(texts) ? texts : e instanceof Error ? e.message : String(e);
};

/**
 * A caught error with its place put before its words, in both languages when it has both:
 * placedError('consumption.design', e) → 'consumption.design: <en>', zh 'consumption.design：<zh>'.
 * For an engine error re-thrown with the study-file path or estimate it arose in ('path (id)' as zhPlace writes it).
 */
export const placedError = (place: string, e: unknown): LocalizedError => {
  const w = errorWords(e);
  return new LocalizedError(typeof w === 'string' ? `${place}: ${w}` : { zh: `${zhPlace(place)}：${w.zh}`, en: `${place}: ${w.en}` }, { cause: e });
};

/**
 * A place named as 'YAML path (id)' written in a Chinese sentence, with full-width brackets:
 * zhPlace('indicators[0] (young_majority)') → 'indicators[0]（young_majority）'; any other place as it is.
 */
export const zhPlace = (place: string): string => place.replace(/ \(([^()]*)\)$/, '（$1）');

const isLabel = (x: unknown): x is Label =>
  typeof x === 'object' && x !== null && typeof (x as Label).zh === 'string' && typeof (x as Label).en === 'string';

/**
 * The words of an error in `lang`: its `.texts[lang]` when it has both languages, else its
 * `.message`, else String(e). errorText(new LocalizedError({zh: '甲', en: 'A'}), 'zh') → '甲';
 * errorText(new Error('disk full'), 'zh') → 'disk full'; errorText('x', 'en') → 'x'.
 */
export function errorText(e: unknown, lang: Lang): string {
  if (typeof e === 'object' && e !== null) {
    const texts = (e as { texts?: unknown }).texts;
    if (isLabel(texts)) return texts[lang];
    if (typeof (e as { message?: unknown }).message === 'string') return (e as Error).message;
  }
  return String(e);
}

/**
 * An error as an edge shows it to the user (the command's last line, the dashboard's refusal):
 * errorText, and in zh an error with no words of ours (an engine's, a library's or the system's own
 * message, quoted as it came) inside a Chinese sentence.
 * errorSentence(new Error('Out of Memory Error'), 'zh') → '出错（原始信息）：Out of Memory Error';
 * in en, or for an error with Chinese words, the same as errorText.
 */
export function errorSentence(e: unknown, lang: Lang): string {
  const text = errorText(e, lang);
  return lang === 'zh' && !/\p{Script=Han}/u.test(text) ? `出错（原始信息）：${text}` : text;
}
