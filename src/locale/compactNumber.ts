// A plain count or amount in the reader's own magnitudes, for sentences (warnings, notes) rather than
// table columns: Chinese in 万 and 亿, English in million and billion (below a million, digits with thousands
// separators, as English prose writes them); 4 significant digits.
import { ENGLISH_MAGNITUDES, WAN, YI } from './displayUnits.ts';
import type { Lang } from './lang.ts';

const sig = (v: number) => String(+v.toPrecision(4));

/**
 * compactNumber(v, lang): compactNumber(2300000, 'zh') → "230万"; (1202500000, 'zh') → "12.03亿";
 * (2300000, 'en') → "2.3 million"; (1202500000, 'en') → "1.203 billion"; (48180.79, 'en') → "48,180";
 * (5000, 'en') → "5,000"; below 10⁴ (zh) or 10³ (en) the number itself to 4 significant digits: (0.35, 'en') → "0.35".
 */
export function compactNumber(v: number, lang: Lang): string {
  const a = Math.abs(v);
  if (lang === 'zh') return a >= YI ? `${sig(v / YI)}亿` : a >= WAN ? `${sig(v / WAN)}万` : sig(v);
  const m = ENGLISH_MAGNITUDES;
  return a >= m.billion ? `${sig(v / m.billion)} billion` : a >= m.million ? `${sig(v / m.million)} million` : a >= m.thousand ? (+v.toPrecision(4)).toLocaleString('en-US') : sig(v);
}
