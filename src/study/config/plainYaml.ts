// A strict subset of YAML read directly: the shapes study files are written in (block maps and sequences, one-line
// flow maps and sequences, plain and quoted one-line scalars, comments). Anything else — and anything the yaml package
// would report as an error — is declined (null), and the caller parses the text with the yaml package as before.
// Why: in a fresh process the yaml package spends ≈ 40 ms on a 12 KB study file (cold code: its lexer, parser and
// composer are generators, and every plain scalar is tested against the schema's patterns); this reader, ≈ 3 ms.

/** One value of the document, where it starts (1-based line), and for a map the line of each key. */
interface Node {
  line: number;
  value: unknown;
  map?: { keys: string[]; keyLines: number[]; nodes: Node[] };
  seq?: Node[];
}

/** The values of a YAML text in the subset, and the line of a YAML path (as parseStudy's lineOf finds it in a yaml Document). */
export interface PlainYaml {
  value: unknown;
  lineOf(path: readonly (string | number)[]): number | null;
}

/** Thrown inside the reader when the text leaves the subset: plainYaml returns null. */
const DECLINE = Symbol('not in the subset');
const decline = (): never => {
  throw DECLINE;
};

/** Characters that give a YAML text a meaning outside the subset wherever they are (tabs, CR, BOM, escapes, controls, non-ASCII line breaks). */
const OUTSIDE = /[\t\r\\\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
/** s without the spaces that end it (only spaces: a full-width space U+3000 is part of a plain scalar, as yaml reads it). */
function trimSpaces(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 32) e--;
  return e === s.length ? s : s.slice(0, e);
}
/** A plain scalar may not start with these (indicators; see plainStart). */
const INDICATOR = /[,[\]{}#&*!|>'"%@`]/;

/**
 * The yaml package's core schema (YAML 1.2) for a plain scalar, in its order: null, bool, octal, decimal, hex
 * integers, .inf/.nan, floats with and without exponent; anything else is a string. Texts that cannot match any
 * pattern (their first character) skip the tests.
 * Example: plainScalar('0x1F') → 31; plainScalar('2.8万') → '2.8万'; plainScalar('~') → null.
 */
export function plainScalar(s: string): unknown {
  if (s !== '' && !'~nNtTfF0123456789+-.'.includes(s[0])) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** Whether a plain scalar may start at column p of t: not an indicator, `?` or `:`, nor `-` followed by a space, a flow indicator or `#`. */
function plainStart(t: string, p: number): boolean {
  const c = t[p];
  return !(INDICATOR.test(c) || c === '?' || c === ':' || (c === '-' && (p + 1 === t.length || ' ,[]{}#'.includes(t[p + 1]))));
}

/** A map key: text that stays text under the core schema, is not too long for an implicit key, and not `__proto__` or `<<`. */
function keyText(s: string): string {
  if (s === '' || s.length > 1000 || s === '__proto__' || s === '<<' || typeof plainScalar(s) !== 'string') decline();
  return s;
}

/** A line holding content: its number, its indentation (spaces) and its text. */
interface Line {
  no: number;
  indent: number;
  text: string;
}

/**
 * plainYaml(text) → the values of `text` and a line lookup, when the text is in the subset, else null.
 * In the subset the values are those of yaml's parseDocument(text, {uniqueKeys: true}).toJS() (core schema), with no
 * errors, and lineOf(path) is parseStudy's lineOf on that document (a map entry: its key's line; else the value's first line).
 * Example: plainYaml('a: {b: [1, x]}\nc:\n  - 2\n').value → {a: {b: [1, 'x']}, c: [2]}; .lineOf(['c', 0]) → 3.
 */
export function plainYaml(text: string): PlainYaml | null {
  if (OUTSIDE.test(text)) return null;
  const lines: Line[] = [];
  const all = text.split('\n');
  for (let k = 0; k < all.length; k++) {
    const t = all[k];
    let indent = 0;
    while (t.charCodeAt(indent) === 32) indent++;
    if (indent === t.length || t[indent] === '#') continue; // blank or comment
    // directives and document markers
    if (indent === 0 && (t[0] === '%' || /^(?:---|\.\.\.)(?: |$)/.test(t))) return null;
    lines.push({ no: k + 1, indent, text: t });
  }
  if (lines.length === 0 || lines[0].indent !== 0) return null;
  try {
    const reader = new Reader(lines);
    const root = reader.map(0, 0);
    if (reader.at < lines.length) return null;
    return { value: root.value, lineOf: (path) => lineOf(root, path) };
  } catch (e) {
    if (e === DECLINE) return null;
    throw e;
  }
}

/** The node at `path` below `root`, as yaml's Document.getIn(path, true) finds it (maps by key, sequences by index). */
function nodeAt(root: Node, path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const p of path) {
    if (!node) return undefined;
    if (node.map) {
      const k = node.map.keys.indexOf(p as string);
      node = typeof p === 'string' && k >= 0 ? node.map.nodes[k] : undefined;
    } else if (node.seq) {
      const i = typeof p === 'string' ? Number(p) : p;
      node = Number.isInteger(i) && i >= 0 ? node.seq[i] : undefined;
    } else return undefined;
  }
  return node;
}

/** parseStudy's lineOf: the deepest node of `path` that exists; a map entry gives its key's line. */
function lineOf(root: Node, path: readonly (string | number)[]): number | null {
  for (let k = path.length; k >= 0; k--) {
    const sub = path.slice(0, k);
    const node = nodeAt(root, sub);
    if (!node) continue;
    if (k > 0) {
      const parent = nodeAt(root, sub.slice(0, -1));
      const key = sub[k - 1];
      const i = parent?.map && typeof key === 'string' ? parent.map.keys.indexOf(key) : -1;
      if (i >= 0) return parent!.map!.keyLines[i];
    }
    return node.line;
  }
  return null;
}

/** Whether a block sequence item starts at column p of t: `-` followed by a space or the line's end. */
const itemAt = (t: string, p: number): boolean => t[p] === '-' && (p + 1 === t.length || t[p + 1] === ' ');

/** Reads the content lines in order; `at` is the next line not read. */
class Reader {
  at = 0;
  constructor(private readonly lines: Line[]) {}

  /** The node whose first line is lines[at], starting at column `col` of it: a block sequence or a block map. */
  private block(col: number): Node {
    const t = this.lines[this.at].text;
    if (itemAt(t, col)) return this.seq(this.at, col);
    return this.map(this.at, col);
  }

  /** A block map: its first key at column `col` of lines[first], the next keys at lines indented by exactly `col`. */
  map(first: number, col: number): Node {
    const keys: string[] = [], keyLines: number[] = [], nodes: Node[] = [];
    const out: Record<string, unknown> = {};
    const line0 = this.lines[first];
    this.at = first;
    for (;;) {
      const line = this.lines[this.at];
      const [key, after] = blockKey(line.text, col);
      if (keys.includes(key)) decline();
      this.at++;
      let p = after;
      while (line.text.charCodeAt(p) === 32) p++;
      let node: Node;
      if (p === line.text.length || line.text[p] === '#') {
        const next = this.lines[this.at];
        if (next && next.indent > col) node = this.block(next.indent);
        else if (next && next.indent === col && itemAt(next.text, col)) node = this.seq(this.at, col);
        else node = { line: line.no, value: null };
      } else {
        node = this.inline(line, p);
        const next = this.lines[this.at];
        if (next && next.indent > col) decline(); // a plain scalar going on, or a fault
      }
      keys.push(key);
      keyLines.push(line.no);
      nodes.push(node);
      out[key] = node.value;
      const next = this.lines[this.at];
      if (!next || next.indent < col) break;
      if (next.indent > col || next.text[col] === '-') decline();
    }
    return { line: line0.no, value: out, map: { keys, keyLines, nodes } };
  }

  /** A block sequence: `-` at column `col` of lines[first], the next items at lines indented by exactly `col`. */
  private seq(first: number, col: number): Node {
    const items: Node[] = [];
    const line0 = this.lines[first];
    this.at = first;
    for (;;) {
      const line = this.lines[this.at];
      let p = col + 1;
      while (line.text.charCodeAt(p) === 32) p++;
      let node: Node;
      if (p === line.text.length || line.text[p] === '#') {
        this.at++;
        const next = this.lines[this.at];
        if (!next || next.indent <= col) decline(); // an empty item
        node = this.block(next.indent);
      } else if (itemAt(line.text, p) || isBlockKey(line.text, p)) {
        node = this.block(p); // `- - x`, `- key: value`: the inner collection is indented to p
      } else {
        this.at++;
        node = this.inline(line, p);
        const next = this.lines[this.at];
        if (next && next.indent > col) decline();
      }
      items.push(node);
      const next = this.lines[this.at];
      if (!next || next.indent < col) break;
      if (next.indent > col) decline();
      if (!itemAt(next.text, col)) break; // the map around goes on
    }
    return { line: line0.no, value: items.map((n) => n.value), seq: items };
  }

  /** A value on the rest of `line` from column p (already read as a line): flow collection, quoted or plain scalar, then nothing but a comment. */
  private inline(line: Line, p: number): Node {
    const t = line.text;
    let node: Node, end: number;
    if (t[p] === '{' || t[p] === '[') [node, end] = flow(t, p, line.no);
    else if (t[p] === '"' || t[p] === "'") [node, end] = quoted(t, p, line.no);
    else {
      if (!plainStart(t, p)) decline();
      let e = p;
      while (e < t.length && !(t[e] === '#' && t[e - 1] === ' ')) e++;
      const s = trimSpaces(t.slice(p, e));
      if (s.includes(': ') || s.endsWith(':')) decline();
      return { line: line.no, value: plainScalar(s) };
    }
    while (t.charCodeAt(end) === 32) end++;
    if (end < t.length && !(t[end] === '#' && t[end - 1] === ' ')) decline();
    return node;
  }
}

/** Whether column p of t starts a block map key (`key:` then a space or the line's end). */
function isBlockKey(t: string, p: number): boolean {
  try {
    blockKey(t, p);
    return true;
  } catch (e) {
    if (e === DECLINE) return false;
    throw e;
  }
}

/** The block map key at column p of t, and the column after its colon; declines what is not a simple key. */
function blockKey(t: string, p: number): [string, number] {
  if (t[p] === '"' || t[p] === "'") {
    const [node, end] = quoted(t, p, 0);
    if (t[end] !== ':' || !(end + 1 === t.length || t[end + 1] === ' ')) decline();
    return [keyText(node.value as string), end + 1];
  }
  if (INDICATOR.test(t[p]) || '-?:'.includes(t[p])) decline();
  for (let e = p; e < t.length; e++) {
    const c = t[e];
    if (c === ':' && (e + 1 === t.length || t[e + 1] === ' ')) return [keyText(trimSpaces(t.slice(p, e))), e + 1];
    if (INDICATOR.test(c)) decline();
  }
  return decline();
}

/** A one-line quoted scalar at column p of t (no escapes but `''` in single quotes) → [node, column after it]. */
function quoted(t: string, p: number, no: number): [Node, number] {
  const q = t[p];
  let s = '';
  for (let i = p + 1; ;) {
    const e = t.indexOf(q, i);
    if (e < 0) decline();
    s += t.slice(i, e);
    if (q === "'" && t[e + 1] === "'") {
      s += "'";
      i = e + 2;
    } else return [{ line: no, value: s }, e + 1];
  }
}

/** A flow collection (or scalar inside one) at column p of t, closed on the same line → [node, column after it]. */
function flow(t: string, p: number, no: number): [Node, number] {
  const space = (i: number) => {
    while (t.charCodeAt(i) === 32) i++;
    return i;
  };
  const c = t[p];
  if (c === '{' || c === '[') {
    const close = c === '{' ? '}' : ']';
    let i = space(p + 1);
    if (t[i] === close) return c === '{' ? [{ line: no, value: {}, map: { keys: [], keyLines: [], nodes: [] } }, i + 1] : [{ line: no, value: [], seq: [] }, i + 1];
    const keys: string[] = [], nodes: Node[] = [];
    const out: Record<string, unknown> = {};
    for (;;) {
      if (c === '{') {
        let key: string;
        if (t[i] === '"' || t[i] === "'") {
          const [k, e] = quoted(t, i, no);
          key = keyText(k.value as string);
          i = e;
        } else {
          const e = flowPlainEnd(t, i);
          key = keyText(trimSpaces(t.slice(i, e)));
          i = e;
        }
        if (t[i] !== ':' || t[i + 1] !== ' ' || keys.includes(key)) decline();
        const [v, e] = flow(t, space(i + 1), no);
        keys.push(key);
        nodes.push(v);
        out[key] = v.value;
        i = e;
      } else {
        const [v, e] = flow(t, i, no);
        if (t[e] === ':') decline(); // a single-pair map in a sequence
        nodes.push(v);
        i = e;
      }
      i = space(i);
      if (t[i] === close) break;
      if (t[i] !== ',') decline();
      i = space(i + 1);
      if (t[i] === close || t[i] === ',') decline(); // a trailing or empty entry
    }
    return c === '{'
      ? [{ line: no, value: out, map: { keys, keyLines: keys.map(() => no), nodes } }, i + 1]
      : [{ line: no, value: nodes.map((n) => n.value), seq: nodes }, i + 1];
  }
  if (c === '"' || c === "'") return quoted(t, p, no);
  const e = flowPlainEnd(t, p);
  return [{ line: no, value: plainScalar(trimSpaces(t.slice(p, e))) }, e];
}

/** Where a plain scalar inside a flow collection, starting at column p, ends: at `,` `]` `}`, or `:` followed by a space. */
function flowPlainEnd(t: string, p: number): number {
  if (p >= t.length || !plainStart(t, p)) decline();
  for (let e = p; e < t.length; e++) {
    const c = t[e];
    if (c === ',' || c === ']' || c === '}') return e;
    if (c === ':' && (t[e + 1] === ' ' || t[e + 1] === ',' || t[e + 1] === ']' || t[e + 1] === '}' || e + 1 === t.length)) return e;
    if (c === '[' || c === '{' || (c === '#' && t[e - 1] === ' ')) decline();
  }
  return decline(); // not closed on this line
}
