// Console tables and prose that fit the terminal: 80 columns by default (CJK characters count two),
// everything on one line per row with --wide. A table too wide first moves its secondary columns
// into an indented detail line under each row, then wraps its wrappable columns.

/** Columns of the default console output. */
export const CONSOLE_WIDTH = 80;

/** Display width counting CJK (and other East Asian wide) characters as two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch) ? 2 : 1;
  return w;
}

function isWide(ch: string): boolean {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch);
}

const pad = (s: string, n: number, right = false) => (right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s))));

/**
 * wrapText("a long sentence …", 20) → lines of at most 20 columns: breaks at spaces, between CJK
 * characters, and inside a word only when the word alone is wider than the line. Later lines start
 * with the text's own leading spaces and then `indent` (counted in the width).
 */
export function wrapText(text: string, max: number, indent = ''): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const lead = /^ */.exec(para)![0];
    // Tokens: runs of non-space Latin text, single wide characters, and the spaces between. Closing
    // punctuation stays with what it closes ("州," / "州，"), opening punctuation with what it opens ("（杭").
    const tokens = para.slice(lead.length).match(/ +|[^\s]/gu) ?? [];
    const words: string[] = [];
    for (const t of tokens) {
      const last = words.length - 1;
      const prev = last < 0 || words[last].startsWith(' ') ? null : words[last];
      if (t.startsWith(' ') || prev === null) words.push(t);
      else if (CLOSING.test(t) || OPENING.test([...prev].at(-1)!)) words[last] += t;
      else if (isWide(t) || isWide([...prev].at(-1)!)) words.push(t);
      else words[last] += t;
    }
    let line = lead;
    let first = true;
    const limit = () => Math.max(1, max);
    const flush = () => {
      out.push(line.trimEnd());
      line = lead + indent;
      first = false;
    };
    for (const w of words) {
      if (w.startsWith(' ')) {
        // A space that does not fit ends the line (the next word starts the next one).
        if (line.trim() !== '') {
          if (width(line) + width(w) < limit()) line += w;
          else flush();
        }
        continue;
      }
      if (width(line) + width(w) > limit() && line.trim() !== '') flush();
      let rest = w;
      // A word wider than a whole line is cut, except a path (kept whole, to be copied): after its
      // last hyphen, slash, comma or semicolon that fits ("duplicate-" / "identical"), else where the line ends.
      while (width(line) + width(rest) > limit() && !isPath(rest)) {
        let cut = '';
        for (const ch of rest) {
          if (width(line) + width(cut) + width(ch) > limit()) break;
          cut += ch;
        }
        const soft = Math.max(...[...'-/,;._'].map((c) => cut.lastIndexOf(c)));
        if (soft > 0 && soft < cut.length - 1) cut = cut.slice(0, soft + 1);
        if (cut === '') {
          if (line.trim() === '') { line += [...rest][0]; rest = rest.slice([...rest][0].length); }
          flush();
          continue;
        }
        line += cut;
        rest = rest.slice(cut.length);
        flush();
      }
      line += rest;
    }
    if (line.trim() !== '' || first) out.push(line.trimEnd());
  }
  return out;
}

/** Punctuation that never starts a line (it closes what is before it) and that never ends one (it opens). */
const CLOSING = /^[,.;:!?)\]}%、。，．：；！？）］｝」』】〉》”’]$/u;
const OPENING = /^[(\[{（［｛「『【〈《“‘]$/u;

/**
 * The widest piece of a cell that wrapText keeps whole in a column at least that wide: words split at
 * spaces, around wide characters and after - / , ; _ ("platform_staff/employees" → 9, "employees").
 */
function widestPiece(text: string): number {
  let m = 0;
  for (const word of text.split(/[\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/u)) {
    for (const piece of word.split(/(?<=[-/,;_])/)) m = Math.max(m, width(piece));
  }
  return m;
}

/** A file path as printed (absolute, or relative with a file extension): not cut when wrapping. */
const isPath = (w: string): boolean => w.includes('/') && (/^[~/]/.test(w) || /\.[A-Za-z0-9]+\/?:?$/.test(w));

export interface TableColumn {
  header: string;
  /** right-aligned (numbers) */
  right?: boolean;
  /** shown in the detail line under its row when the table does not fit */
  secondary?: boolean;
  /** may be wrapped over several lines when the table does not fit */
  wrap?: boolean;
}

export interface FitOptions {
  /** maximum line width; Infinity for --wide (default CONSOLE_WIDTH) */
  width?: number;
  /** indent of the detail lines (default four spaces) */
  detailIndent?: string;
}

/**
 * fitTable(columns, rows) → an aligned text table (header, rule, rows) whose lines fit `width`:
 * when the natural table is wider, the secondary columns move into a detail line under each row
 * ("header: value · header: value"), then the wrappable columns are narrowed and wrapped (the
 * widest first, down to 8 columns each). With width Infinity (--wide) every column is a column.
 */
export function fitTable(columns: TableColumn[], rows: string[][], options: FitOptions = {}): string {
  const max = options.width ?? CONSOLE_WIDTH;
  const detailIndent = options.detailIndent ?? '    ';
  const natural = (cols: number[]) => cols.map((c) => Math.max(width(columns[c].header), ...rows.map((r) => width(r[c] ?? ''))));
  const total = (w: number[]) => w.reduce((a, b) => a + b, 0) + 2 * Math.max(0, w.length - 1);
  let shown = columns.map((_, c) => c);
  let w = natural(shown);
  const details = total(w) > max;
  if (details) {
    shown = shown.filter((c) => !columns[c].secondary);
    w = natural(shown);
  }
  // Narrow the wrappable columns, the widest first, until the table fits (or none can shrink).
  // A column goes no narrower than 8, its header's longest word and, while the table can fit so, the
  // widest word piece of its cells (no word is cut: "employees", not "employee" / "s").
  const headerFloor = shown.map((c) => Math.max(8, ...columns[c].header.split(/\s+/).map(width)));
  const wordFloor = shown.map((c, i) => Math.max(headerFloor[i], ...rows.map((r) => widestPiece(r[c] ?? ''))));
  const narrow = (floor: number[]) => {
    for (let excess = total(w) - max; excess > 0; excess = total(w) - max) {
      let k = -1;
      shown.forEach((c, i) => { if (columns[c].wrap && w[i] > floor[i] && (k < 0 || w[i] > w[k])) k = i; });
      if (k < 0) break; // every wrappable column is as narrow as it goes
      w[k] = Math.max(floor[k], w[k] - excess);
    }
  };
  narrow(wordFloor);
  narrow(headerFloor);
  const cells = (r: string[]) => shown.map((c, i) => (columns[c].wrap ? wrapText(r[c] ?? '', w[i]) : [r[c] ?? '']));
  const render = (r: string[]): string[] => {
    const parts = cells(r);
    const height = Math.max(...parts.map((p) => p.length));
    return Array.from({ length: height }, (_, line) => shown.map((c, i) => pad(parts[i][line] ?? '', w[i], columns[c].right === true && line === 0)).join('  ').trimEnd());
  };
  const out = [...render(columns.map((c) => c.header)), w.map((n) => '─'.repeat(n)).join('  ')];
  const secondary = details ? columns.map((_, c) => c).filter((c) => columns[c].secondary) : [];
  for (const r of rows) {
    out.push(...render(r));
    const detail = secondary.filter((c) => (r[c] ?? '') !== '').map((c) => `${columns[c].header}${/[^\x00-\x7f]$/.test(columns[c].header) ? '：' : ': '}${r[c]}`).join(' · ');
    if (detail) out.push(...wrapText(detailIndent + detail, max, '  '));
  }
  return out.join('\n');
}

/** Every line of `text` wrapped to `max` columns (continuation lines keep the line's own indent). */
export function wrapLines(text: string, max = CONSOLE_WIDTH): string {
  if (!Number.isFinite(max)) return text;
  return text.split('\n').flatMap((l) => (width(l) <= max ? [l] : wrapText(l, max, '  '))).join('\n');
}
