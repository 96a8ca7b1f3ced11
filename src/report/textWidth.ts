// Width of a line of chart text without a canvas: a per-character estimate for a sans-serif face (Noto
// Sans / Noto Sans CJK, the report's fonts), so that a server-drawn chart leaves room for its labels.

/** East Asian wide and full-width characters (CJK ideographs, kana, hangul, full-width forms): one em each. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\ud840-\ud87f][\udc00-\udfff]/;

/** Advance of one character in em (Noto Sans' metrics rounded: digits 0.57, lower case about 0.53). */
function advance(ch: string): number {
  if (WIDE.test(ch)) return 1;
  if (/[0-9]/.test(ch)) return 0.57;
  if (/[MW]/.test(ch)) return 0.86;
  if (/[A-Z]/.test(ch)) return 0.64;
  if (/[mw]/.test(ch)) return 0.8;
  if (/[iljI.,:;'|!·]/.test(ch)) return 0.27;
  if (/[frt ()[\]/\-]/.test(ch)) return 0.35;
  if (/[a-z]/.test(ch)) return 0.55;
  if (/[–—…%&@]/.test(ch)) return 0.85;
  return 0.6;
}

/** textWidth('WeChat', 12) ≈ 40 px; textWidth('微信', 12) === 24 (a CJK character is one em). */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += advance(ch);
  return w * size;
}

/**
 * wrapText(text, maxWidth, size, overflow) → the lines to draw: 'break' wraps at spaces (or between any
 * two CJK characters, or anywhere in a word longer than a line); 'truncate' keeps one line, ending in '…'
 * when it is too wide. Example: wrapText('Population count: Official Accounts', 120, 12, 'break')
 * → ['Population count:', 'Official Accounts'].
 */
export function wrapText(text: string, maxWidth: number, size: number, overflow: 'break' | 'truncate'): string[] {
  if (textWidth(text, size) <= maxWidth) return [text];
  if (overflow === 'truncate') {
    const chars = [...text];
    while (chars.length > 0 && textWidth(`${chars.join('')}…`, size) > maxWidth) chars.pop();
    return [`${chars.join('').trimEnd()}…`];
  }
  // Break opportunities: after a space, and around wide characters.
  const tokens = text.match(/[^\s\u2e80-\u9fff\uac00-\ud7a3\uff00-\uff60]+\s*|[\u2e80-\u9fff\uac00-\ud7a3\uff00-\uff60]\s*|\s+/g) ?? [text];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    if (line && textWidth((line + tok).trimEnd(), size) > maxWidth) {
      lines.push(line.trimEnd());
      line = '';
    }
    let t = line ? tok : tok.trimStart();
    // A token wider than a line on its own is cut where it fills the line.
    while (textWidth(t.trimEnd(), size) > maxWidth && [...t].length > 1) {
      const chars = [...t];
      let k = chars.length - 1;
      while (k > 1 && textWidth(chars.slice(0, k).join(''), size) > maxWidth) k--;
      lines.push(chars.slice(0, k).join(''));
      t = chars.slice(k).join('');
    }
    line += t;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}
