// Near misses for names the user typed: unknown keys of a spec or study file, unknown values.
import type { Label } from '../locale/lang.ts';

/** Levenshtein distance (insert, delete, substitute: 1 each). Example: editDistance('weight', 'weights') === 1. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[n];
}

/**
 * didYouMean(word, known) → the closest known names (distance ≤ a third of the longer name, at least 1,
 * or one name containing the other), best first, at most 3.
 * Examples: didYouMean('weight', ['ids', 'weights', 'fpc']) → ['weights']; didYouMean('subst', ['subset', 'by']) → ['subset'].
 */
export function didYouMean(word: string, known: readonly string[]): string[] {
  const w = word.toLowerCase();
  return known
    .map((k) => ({ k, d: editDistance(w, k.toLowerCase()) }))
    .filter(({ k, d }) => d <= Math.max(1, Math.floor(Math.max(w.length, k.length) / 3)) || (w.length >= 3 && k.toLowerCase().includes(w)) || (k.length >= 3 && w.includes(k.toLowerCase())))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map(({ k }) => k);
}

/**
 * In both languages: {en: 'unknown key "weight"; did you mean "weights"? (known: ids, weights, …)',
 * zh: '未知的键 "weight"；是否要写 "weights"？（可用的键：ids, weights, …）'}.
 */
export function unknownKeyWords(key: string, known: readonly string[]): Label {
  const near = didYouMean(key, known).map((k) => `"${k}"`);
  return {
    zh: `未知的键 "${key}"${near.length ? `；是否要写 ${near.join(' 或 ')}？` : ''}（可用的键：${known.join(', ')}）`,
    en: `unknown key "${key}"${near.length ? `; did you mean ${near.join(' or ')}?` : ''} (known: ${known.join(', ')})`,
  };
}

/** `unknown key "weight"; did you mean "weights"? (known: ids, weights, …)` */
export const unknownKeyMessage = (key: string, known: readonly string[]): string => unknownKeyWords(key, known).en;
