// A language named by the user (--lang, SPILLOVER_LANG), checked. Pure. Apart from lang.ts, which
// errorText.ts (the error it throws) itself imports.
import { LocalizedError } from './errorText.ts';
import type { Lang } from './lang.ts';

/**
 * parseLang('en') → 'en'; parseLang(undefined) → 'zh' (the default). Fails on anything else,
 * naming the option: parseLang('fr') throws `--lang: expected zh or en, got "fr"`.
 */
export function parseLang(v: string | undefined, option = '--lang'): Lang {
  if (v === undefined || v === 'zh' || v === 'en') return v ?? 'zh';
  throw new LocalizedError({ zh: `${option}：应为 zh 或 en，而不是 ${JSON.stringify(v)}`, en: `${option}: expected zh or en, got ${JSON.stringify(v)}` });
}
