// What a one-language scan allows and flags. zh: no run of two or more Latin letters once the
// allowed tokens are taken out; en: no Chinese character once they are taken out; both: never the
// internal word "seed"/"种子". Allowed everywhere: figure and parameter ids, file names, acronyms
// and units (GDP, IO, SE, CI, ...), method and author names the field uses as they are, and the
// names the user gave (every text of the study file outside a {zh, en} label, plus the label's own
// language, and the data's category values the results name).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Lang } from '../../src/locale/index.ts';

/** Acronyms, units, symbols and proper names read the same in both languages. */
export const ACRONYMS = [
  'GDP', 'IO', 'I', 'II', 'SE', 'se', 'CI', 'MPC', 'DiD', 'TWFE', 'ATT', 'CR1', 'df', 'ln', 'fpc', 'ETA', 'NBS', 'HCA', 'ID', 'id',
  'bootstrap-t', 'Horvitz–Thompson', 'Rao–Wu', 'Satterthwaite', 'Cochran', 'Leontief', 'Callaway', "Sant'Anna", 'Webb', 'Kokic–Bell',
  'Liu', 'Shen', 'Li', 'Chen', 'Management Science', 'spillover', 'results.json', 'tables.xlsx',
  // the language switch names the other language in its own script
  'English', '中文',
];

/**
 * The names a study's author gave, as a zh or en reader may see them: the study file's texts (field
 * names, file names, category values, rule reasons) and questionnaire keys, with only this language of
 * a {zh, en} label. Single lower-case words are the file's keywords (direct, ratio, seed, …), not names.
 */
export function userNames(studyFile: string, lang: Lang): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 2 && typeof o.zh === 'string' && typeof o.en === 'string') return void out.add(o[lang] as string);
      for (const k of keys) {
        if (/[^\x00-\x7f]/.test(k)) out.add(k);
        walk(o[k]);
      }
    }
  };
  const doc = parse(readFileSync(studyFile, 'utf8')) as Record<string, unknown>;
  walk(doc);
  const names = [...out].filter((s) => s.trim().length > 0 && !/^[a-z]+$/.test(s));
  return [...names, ...Object.keys((doc.questionnaires as object | undefined) ?? {})];
}

const ID = /(?<![\w.])[a-z][a-z0-9_]*(?:\.(?:[a-z0-9_<>|()]+|[\u3400-\u9fff]+))+(?![\w])/g;
const FILE = /[\w./-]+\.(?:csv|xlsx|json|yaml|yml|parquet|html|txt)\b/g;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A scanner for one language: strays(texts) → the texts (with the stray run marked ⟦…⟧) that break
 * the rule. `allowed` are the names the user gave and the data's values; ids and files are matched by shape.
 */
export function oneLanguage(lang: Lang, allowed: Iterable<string>) {
  const tokens = [...new Set([...ACRONYMS, ...allowed])].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  // Latin tokens must stand alone (not inside a longer word); CJK tokens are removed anywhere.
  const re = new RegExp(tokens.map((t) => (/^[\w'’ -]+$/.test(t) ? `(?<![A-Za-z])${escapeRe(t)}(?![A-Za-z])` : escapeRe(t))).join('|'), 'g');
  const bad = lang === 'zh' ? /[A-Za-z]{2,}/ : /[\u3400-\u9fff]+/;
  return (texts: string[]): string[] => {
    const out: string[] = [];
    for (const t of new Set(texts)) {
      if (/seed|种子/i.test(t.replace(FILE, ''))) {
        out.push(`${t}   ← "seed"/"种子"`);
        continue;
      }
      // Math notation: subscripts (a_ij, spend_ic) and function names before a bracket (diag(x)).
      const rest = t.replace(FILE, ' ').replace(ID, ' ').replace(re, ' ').replace(/_[A-Za-z]+/g, ' ').replace(/\b[a-z]{2,5}(?=\()/g, ' ');
      const m = bad.exec(rest);
      if (m) out.push(`${t}   ← ⟦${m[0]}⟧`);
    }
    return out;
  };
}
