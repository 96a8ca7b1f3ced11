// The language an HTTP request asks for (Accept-Language, RFC 9110 §12.5.4), for the server's
// plain-text answers that no page shows in its own language.
import type { Label, Lang } from '../locale/lang.ts';

/**
 * requestLang(header) → 'zh' or 'en', whichever of the two the Accept-Language header ranks higher
 * (by q, then by order), or undefined when it names neither (or is absent, or gives both q=0).
 * A range matches by its primary tag: zh, zh-CN, zh-Hant-TW → zh; en, en-GB → en; `*` matches either
 * (zh first, as the dashboard's default). requestLang('en-US,en;q=0.9,zh;q=0.5') → 'en';
 * requestLang('fr, zh-CN;q=0.8') → 'zh'; requestLang('fr') → undefined.
 */
export function requestLang(header: string | undefined): Lang | undefined {
  let best: { lang: Lang; q: number } | undefined;
  for (const part of (header ?? '').split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q > 0)) continue;
    const primary = range.trim().split('-')[0];
    const lang: Lang | undefined = primary === 'zh' || primary === '*' ? 'zh' : primary === 'en' ? 'en' : undefined;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang;
}

/**
 * A plain-text answer's words for a request: in the language it asks for, else both (zh line, then en).
 * plainWords({zh: '不允许该方法', en: 'method not allowed'}, 'fr') → '不允许该方法\nmethod not allowed'.
 */
export const plainWords = (words: Label, acceptLanguage: string | undefined): string => {
  const lang = requestLang(acceptLanguage);
  return lang ? words[lang] : `${words.zh}\n${words.en}`;
};
