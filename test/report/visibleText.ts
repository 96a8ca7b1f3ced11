// The text a reader sees in one language of a bilingual page (report.html, the dashboard's markup):
// text nodes and tooltips (title, aria-label, alt, placeholder) outside <script>/<style> and outside
// elements of the other language (class "zh"/"en", hidden by the page's CSS). A small tokenizer for
// the markup spillover itself writes, not a general HTML parser.
import type { Lang } from '../../src/locale/index.ts';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };
const decode = (s: string) => s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => ENTITIES[e] ?? (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : m));
const SHOWN_ATTRIBUTES = ['title', 'aria-label', 'alt', 'placeholder'];

/**
 * visibleText(html, 'zh') → the page's text pieces (one per text node or tooltip) a zh reader sees;
 * elements with a class in `skip` (e.g. 'formula') are left out with everything inside them.
 */
export function visibleText(html: string, lang: Lang, skip: string[] = []): string[] {
  const other = lang === 'zh' ? 'en' : 'zh';
  const out: string[] = [];
  // One entry per open element: whether it (or an ancestor) is hidden in `lang`.
  const stack: { tag: string; hidden: boolean }[] = [];
  const hidden = () => stack.length > 0 && stack[stack.length - 1].hidden;
  const re = /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=>\/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|([^<]+)|</g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const [, close, rawTag, attrs, selfClose, text] = m;
    if (text !== undefined) {
      const t = decode(text).trim();
      if (t && !hidden()) out.push(t);
      continue;
    }
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (close) {
      const i = stack.map((s) => s.tag).lastIndexOf(tag);
      if (i >= 0) stack.length = i;
      continue;
    }
    // <title> holds the language the page opens in; the page's script sets document.title from data-title-zh/en.
    if (tag === 'script' || tag === 'style' || tag === 'title') {
      const end = html.indexOf(`</${tag}`, re.lastIndex);
      re.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs ?? '');
    const a = attr('class');
    const classes = (a ? a[2] ?? a[3] ?? a[4] : '').split(/\s+/);
    const isHidden = hidden() || classes.includes(other) || classes.some((c) => skip.includes(c)) || /\shidden(\s|=|$)/.test(attrs ?? '');
    if (!isHidden) for (const n of SHOWN_ATTRIBUTES) {
      const v = attr(n);
      const s = v ? decode(v[2] ?? v[3] ?? v[4]).trim() : '';
      if (s) out.push(s);
    }
    if (!selfClose && !VOID.has(tag)) stack.push({ tag, hidden: isHidden });
  }
  return out;
}
