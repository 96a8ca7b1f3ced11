// A small streaming XML scanner for spreadsheet parts: start and end tags (local names, namespace prefix
// dropped), attributes on demand, text with entities decoded. It checks well-formedness as it goes
// (matching tags, attribute syntax, known entities, one root, nothing after it) and reports the first
// fault with its line and column, like a SAX parser. No DTDs: a DOCTYPE is skipped and never expanded.
import { LocalizedError } from '../locale/errorText.ts';
import type { Label } from '../locale/lang.ts';

/**
 * A fault in the XML, at 1-based line and column, its reason in both languages: `.reason` the English
 * words, `.reasonText` both (errorText(e, 'zh') → '第 2 行第 8 列：属性名中有不允许的字符').
 */
export class XmlError extends LocalizedError {
  readonly reason: string;
  constructor(readonly line: number, readonly column: number, readonly reasonText: Label) {
    super({ zh: `第 ${line} 行第 ${column} 列：${reasonText.zh}`, en: `line ${line}, column ${column}: ${reasonText.en}` });
    this.reason = reasonText.en;
  }
}

export interface XmlHandlers {
  open?(name: string, attrs: string, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
  /**
   * Whole elements taken at once, the caller's fast path for a frequent simple element (a worksheet's cells):
   * at a start tag inside the root where `pattern` (sticky) matches, `take(match)` is called instead of open, text
   * and close; it returns false to decline (the element is then scanned as usual). The pattern must match only
   * well-formed, balanced markup without entities, CDATA, '>' in text or line ends, so that taking it skips no check.
   */
  element?: { pattern: RegExp; take(match: RegExpExecArray): boolean };
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&([^;&<\s]*);?/g;
const NAME = /[A-Za-z_][\w.\-:]*/y;
const START = /<([A-Za-z_][\w.\-:]*)((?:\s+[A-Za-z_][\w.\-:]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const END = /<\/([A-Za-z_][\w.\-:]*)\s*>/y;
const ATTR = /([A-Za-z_][\w.\-:]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

const local = (name: string) => {
  const k = name.indexOf(':');
  return k < 0 ? name : name.slice(k + 1);
};

/**
 * decodeEntities('a &amp; b &#x41;') === 'a & b A'; an unknown or unterminated reference throws (with
 * `at` = its offset in the string) "undefined entity" / "malformed entity".
 */
export function decodeEntities(s: string, fault: (at: number, reason: Label) => never = (at, r) => { throw new XmlError(1, at + 1, r); }): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, name: string, at: number) => {
    if (!m.endsWith(';')) fault(at, { zh: '实体引用格式有误', en: 'malformed entity' });
    if (name in NAMED) return NAMED[name];
    const code = /^#x[0-9A-Fa-f]+$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? parseInt(name.slice(1), 10) : NaN;
    if (Number.isNaN(code)) return fault(at, name.startsWith('#') ? { zh: '字符实体格式有误', en: 'malformed character entity' } : { zh: '未定义的实体', en: 'undefined entity' });
    if (code > 0x10ffff || code === 0) fault(at, { zh: '字符实体超出范围', en: 'character entity out of range' });
    return String.fromCodePoint(code);
  });
}

/** attributes(' r="A1" t="s"') → {r: 'A1', t: 's'} (local names, entities decoded). */
export function attributes(attrs: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of attrs.matchAll(ATTR)) out[local(m[1])] = decodeEntities(m[2] ?? m[3]);
  return out;
}

/**
 * scanXml(chunks, handlers) — feed the document's text through handlers in order; resolves when the root
 * element has closed and only whitespace, comments or processing instructions follow. Throws XmlError
 * for a fault (a document cut short ends with open elements: "unclosed tag").
 */
export async function scanXml(chunks: AsyncIterable<string> | Iterable<string>, h: XmlHandlers): Promise<void> {
  const stack: string[] = [];
  const fast = h.element;
  const qstack: string[] = []; // the same elements' names as written (with any prefix)
  let rootClosed = false, rootSeen = false;
  let carry = '';
  // position of carry[0] in the document: line and the column of carry[0]
  let line = 1, col = 1;
  const advance = (s: string, upto: number) => {
    for (let i = s.indexOf('\n'); i >= 0 && i < upto; i = s.indexOf('\n', i + 1)) {
      line++;
      col = 1 - (i + 1);
    }
    col += upto;
  };
  const where = (s: string, at: number): [number, number] => {
    let l = line, c = col;
    for (let i = s.indexOf('\n'); i >= 0 && i < at; i = s.indexOf('\n', i + 1)) {
      l++;
      c = 1 - (i + 1);
    }
    return [l, c + at];
  };
  const fail = (s: string, at: number, reason: Label): never => {
    const [l, c] = where(s, at);
    throw new XmlError(l, c, reason);
  };
  const textOut = (s: string, from: number, to: number) => {
    if (to <= from) return;
    const raw = s.slice(from, to);
    if (stack.length === 0) {
      if (raw.trim() !== '') fail(s, from + raw.search(/\S/), { zh: '根元素之外有文本', en: 'text data outside of root node' });
      return;
    }
    if (raw.indexOf(']]>') >= 0) fail(s, from + raw.indexOf(']]>'), { zh: '字符数据中不允许出现 "]]>"', en: 'the string "]]>" is disallowed in char data' });
    const t = decodeEntities(raw, (at, r) => fail(s, from + at, r));
    h.text?.(t.indexOf('\r') >= 0 ? t.replace(/\r\n?/g, '\n') : t); // XML 1.0 §2.11 line ends
  };
  /** Scan s as far as its last complete markup (all of it when final); returns where scanning stopped. */
  const scan = (s: string, final: boolean): number => {
    let p = 0;
    for (;;) {
      const lt = s.indexOf('<', p);
      if (lt < 0) {
        if (final) textOut(s, p, s.length);
        return final ? s.length : p;
      }
      const next = s.charCodeAt(lt + 1);
      let end: number;
      if (next === 0x3f /* ? */) {
        end = s.indexOf('?>', lt + 2);
        if (end < 0) return final ? fail(s, lt, { zh: '处理指令未结束', en: 'unclosed processing instruction' }) : p;
        textOut(s, p, lt);
        p = end + 2;
        continue;
      }
      if (next === 0x21 /* ! */) {
        const kind = s.startsWith('<!--', lt) ? '-->' : s.startsWith('<![CDATA[', lt) ? ']]>' : '>';
        if (s.length - lt < 9 && !final) return p;
        end = s.indexOf(kind, lt + 2);
        if (end < 0) return final ? fail(s, lt, kind === '-->' ? { zh: '注释未结束', en: 'unclosed comment' } : kind === ']]>' ? { zh: 'CDATA 段未结束', en: 'unclosed CDATA section' } : { zh: '声明未结束', en: 'unclosed declaration' }) : p;
        textOut(s, p, lt);
        if (kind === ']]>') {
          if (stack.length === 0) fail(s, lt, { zh: '根元素之外有 CDATA 段', en: 'CDATA outside of root node' });
          h.text?.(s.slice(lt + 9, end));
        }
        p = end + kind.length;
        continue;
      }
      const gt = s.indexOf('>', lt);
      if (gt < 0) return final ? fail(s, lt, { zh: '标签未结束', en: 'unclosed tag' }) : p; // the text before it waits with it
      textOut(s, p, lt);
      if (next === 0x2f /* / */) {
        // Fast path: the qualified name of the open element, as written, then '>'.
        const top = qstack[qstack.length - 1];
        let name: string;
        if (top !== undefined && gt === lt + 2 + top.length && s.startsWith(top, lt + 2)) name = stack[stack.length - 1];
        else {
          END.lastIndex = lt;
          const m = END.exec(s);
          if (!m || gt !== lt + m[0].length - 1) fail(s, lt + 2, { zh: '结束标签名中有不允许的字符', en: 'disallowed character in closing tag name' });
          name = local((m as RegExpExecArray)[1]);
          if (stack.length === 0) fail(s, lt, { zh: `多余的结束标签：${name}`, en: `unmatched closing tag: ${name}` });
          if (stack[stack.length - 1] !== name) fail(s, lt, { zh: `结束标签 ${name} 不对应；应为 ${stack[stack.length - 1]}`, en: `unexpected close tag ${name}; expected ${stack[stack.length - 1]}` });
        }
        stack.pop();
        qstack.pop();
        h.close?.(name);
        if (stack.length === 0) rootClosed = true;
        p = gt + 1;
        continue;
      }
      if (fast && stack.length > 0) {
        fast.pattern.lastIndex = lt;
        const e = fast.pattern.exec(s);
        if (e && fast.take(e)) {
          p = lt + e[0].length;
          continue;
        }
      }
      START.lastIndex = lt;
      const m = START.exec(s);
      if (!m) {
        const [at, reason, incomplete] = diagnose(s, lt);
        if (incomplete && !final) return lt; // the tag goes on in the next chunk ('>' inside a quoted value)
        fail(s, at, reason);
      }
      const [all, qname, attrs, self] = m as RegExpExecArray;
      if (rootClosed) fail(s, lt, { zh: '根元素之外有文本', en: 'text data outside of root node' });
      if (stack.length === 0) {
        if (rootSeen) fail(s, lt, { zh: '有多个根元素', en: 'more than one root element' });
        rootSeen = true;
      }
      const name = local(qname);
      h.open?.(name, attrs, self === '/');
      if (self === '/') {
        h.close?.(name);
        if (stack.length === 0) rootClosed = true;
      } else {
        stack.push(name);
        qstack.push(qname);
      }
      p = lt + all.length;
    }
  };
  for await (const chunk of chunks) {
    const s = carry + chunk;
    const stop = scan(s, false);
    advance(s, stop);
    carry = s.slice(stop);
  }
  const stop = scan(carry, true);
  advance(carry, stop);
  if (!rootSeen) throw new XmlError(line, col, { zh: '文档没有根元素', en: 'document must contain a root element' });
  if (stack.length > 0) throw new XmlError(line, col, { zh: `标签未结束：${stack[stack.length - 1]}`, en: `unclosed tag: ${stack[stack.length - 1]}` });
}

/**
 * Where and why a start tag at `lt` is not well-formed: its name, an attribute's name, '=', quotes, or '>';
 * `incomplete` when the text ends inside it.
 */
function diagnose(s: string, lt: number): [number, Label, boolean] {
  NAME.lastIndex = lt + 1;
  const n = NAME.exec(s);
  if (!n) return [lt + 1, { zh: '标签名中有不允许的字符', en: 'disallowed character in tag name' }, lt + 1 >= s.length];
  let p = lt + 1 + n[0].length;
  const ws = () => {
    while (/\s/.test(s[p] ?? '')) p++;
  };
  for (;;) {
    const before = p;
    ws();
    if (p >= s.length) return [p, { zh: '标签未结束', en: 'unclosed tag' }, true];
    if (s[p] === '>' || s.startsWith('/>', p)) return [p, { zh: '属性重复或格式有误', en: 'duplicate or malformed attribute' }, false];
    if (p === before) return [p, { zh: '属性之间缺少空白', en: 'no whitespace between attributes' }, false];
    NAME.lastIndex = p;
    const a = NAME.exec(s);
    if (!a) return [p, { zh: '属性名中有不允许的字符', en: 'disallowed character in attribute name' }, false];
    p += a[0].length;
    ws();
    if (p >= s.length) return [p, { zh: '标签未结束', en: 'unclosed tag' }, true];
    if (s[p] !== '=') return [p, { zh: '属性没有值', en: 'attribute without value' }, false];
    p++;
    ws();
    if (p >= s.length) return [p, { zh: '标签未结束', en: 'unclosed tag' }, true];
    const q = s[p];
    if (q !== '"' && q !== "'") return [p, { zh: '属性值没有加引号', en: 'unquoted attribute value' }, false];
    const close = s.indexOf(q, p + 1);
    const lt2 = s.indexOf('<', p + 1);
    if (lt2 >= 0 && (close < 0 || lt2 < close)) return [lt2, { zh: '属性值中有不允许的字符', en: 'disallowed character in attribute value' }, false];
    if (close < 0) return [p, { zh: '属性值未结束', en: 'unclosed attribute value' }, true];
    p = close + 1;
  }
}
