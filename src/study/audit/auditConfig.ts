// Parse a published-figures file (e.g. examples/wechat-2019/published.yaml) for `spillover audit`.
// Pure: text in, typed set out. Each figure keeps the digits as printed: its rounding half-unit is
// inferred from them (2963 → ±0.5, 361.6 → ±0.05, 9.9% → ±0.05 points) unless `rounding` is given.
import { parseDocument, LineCounter, isScalar, isMap, type Document } from 'yaml';
import type { Label } from '../../locale/index.ts';
import { LocalizedError } from '../../locale/errorText.ts';
import { yamlSyntaxWords } from '../config/configWords.ts';

export interface PublishedFigure {
  id: string;
  /** The value as printed, in `unit` (a percentage stays in %, e.g. 9.9). */
  value: number;
  printed: string;
  /** Half the rounding unit of the printed value, in `unit`. */
  half: number;
  unit: string;
  label?: string;
  line: number | null;
}

export type CheckKind = 'sum' | 'share' | 'growth' | 'cagr' | 'ratio' | 'equal';

export interface AuditCheck {
  id: string;
  claim: string;
  kind: CheckKind;
  /** Figure ids the derived value is computed from (sum: the parts; others: [a, b]). */
  of: string[];
  /** The published figure the derived value must agree with (absent for `within`). */
  equals?: string;
  within?: [number, number];
  /** cagr: number of years between the two figures. */
  span?: number;
  /** ratio: derived = a / b × scale (unit conversion, e.g. 万人 per 亿元 → persons per 亿元 is 1e4). */
  scale: number;
  /** Extra relative tolerance on top of the printed rounding (0 = rounding only). */
  tolerance: number;
  line: number | null;
}

export interface PublishedSet {
  /** title and source in both languages (a plain string in the file stands for both) */
  source: Label;
  title: Label;
  figures: Record<string, PublishedFigure>;
  checks: AuditCheck[];
}

const KINDS: CheckKind[] = ['sum', 'share', 'growth', 'cagr', 'ratio', 'equal'];

/**
 * parsePublished(text, file) → PublishedSet. Format (see docs/audit.md):
 *   title: ...;  figures: {ID: {value: 2963, unit: 万人, label: ...}};
 *   series: {NAME: {unit, label, values: {2014: 1008, ...}}}  → figures NAME.2014 ...;
 *   checks: [{id, claim, sum|share|growth|cagr|ratio|equal: [ids], equals: ID | within: [lo, hi], span, scale, tolerance}]
 * Fails, naming file:line and the YAML path, on malformed YAML, a missing or non-numeric value, an
 * unknown figure id in a check, a check with zero or two kinds, cagr without span (unless both
 * figures are points of one series: span = the difference of their years), share/growth/
 * cagr/ratio/equal without exactly two figures, or a check with neither `equals` nor `within`.
 */
export function parsePublished(text: string, file: string): PublishedSet {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    const at = `${file}:${doc.errors[0].linePos?.[0]?.line ?? '?'}`;
    throw new LocalizedError({ zh: `${at}：${yamlSyntaxWords(doc.errors[0]).zh}`, en: `${at}: malformed YAML: ${doc.errors[0].message.split('\n')[0]}` });
  }
  const lineAt = (path: (string | number)[]) => line(doc, lc, path);
  const fail = (path: (string | number)[], detail: Label): never => {
    const l = lineAt(path);
    const at = `${file}${l ? `:${l}` : ''}`;
    throw new LocalizedError({ zh: `${at}：${path.join('.') || '（顶层）'}：${detail.zh}`, en: `${at}: ${path.join('.') || '(top level)'}: ${detail.en}` });
  };
  const raw = doc.toJS() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!raw || typeof raw !== 'object') fail([], { zh: '应为含 figures 和 checks 的映射', en: 'expected a mapping with figures and checks' });
  for (const k of Object.keys(raw)) if (!['title', 'source', 'figures', 'series', 'checks'].includes(k)) fail([k], { zh: `未知的键 "${k}"（应为 title、source、figures、series、checks）`, en: `unknown key "${k}" (expected title, source, figures, series, checks)` });
  const figures: Record<string, PublishedFigure> = {};
  const seriesYear = new Map<string, [string, number]>(); // figure id → [series, year]
  const figure = (id: string, path: (string | number)[], unit: unknown, label: unknown, rounding: unknown) => {
    const node = doc.getIn(path, true);
    if (!isScalar(node) || typeof node.value !== 'number') {
      const got = JSON.stringify(isScalar(node) ? node.value : doc.getIn(path));
      fail(path, { zh: `应为照原样印出的数，实为 ${got}`, en: `expected a number as printed, got ${got}` });
    }
    const printed = String((node as { source?: string }).source ?? (node as { value: number }).value);
    if (typeof unit !== 'string' || !unit) fail(path.slice(0, -1), { zh: '请给出 `unit`（如 万人、亿元、%）', en: 'give `unit` (e.g. 万人, 亿元, %)' });
    const decimals = /\.(\d+)$/.exec(printed)?.[1].length ?? 0;
    if (rounding !== undefined && !(typeof rounding === 'number' && rounding >= 0)) fail([...path.slice(0, -1), 'rounding'], { zh: `应为 ≥ 0 的数，实为 ${JSON.stringify(rounding)}`, en: `expected a number ≥ 0, got ${JSON.stringify(rounding)}` });
    if (figures[id]) fail(path, { zh: `指标 id "${id}" 定义了两次`, en: `figure id "${id}" defined twice` });
    figures[id] = { id, value: (node as { value: number }).value, printed, half: (rounding as number | undefined) ?? 0.5 * 10 ** -decimals, unit: unit as string, ...(typeof label === 'string' ? { label } : {}), line: lineAt(path) };
  };
  for (const [id, f] of Object.entries<Record<string, unknown>>(raw.figures ?? {})) {
    if (!f || typeof f !== 'object') fail(['figures', id], { zh: '应为 {value, unit, label?}', en: 'expected {value, unit, label?}' });
    figure(id, ['figures', id, 'value'], f.unit, f.label, f.rounding);
  }
  for (const [name, s] of Object.entries<Record<string, any>>(raw.series ?? {})) { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (!s?.values || typeof s.values !== 'object') fail(['series', name, 'values'], { zh: '应为 {年份: 值, ...}', en: 'expected {YEAR: value, ...}' });
    for (const year of Object.keys(s.values)) seriesYear.set(`${name}.${year}`, [name, Number(year)]);
    for (const year of Object.keys(s.values)) figure(`${name}.${year}`, ['series', name, 'values', Number(year)], s.unit, s.label ? `${s.label} ${year}` : undefined, s.rounding);
  }
  const checks = ((raw.checks ?? []) as Record<string, any>[]).map((c, i): AuditCheck => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const path = ['checks', i];
    const kinds = KINDS.filter((k) => c[k] !== undefined);
    if (kinds.length !== 1) fail(path, { zh: `${KINDS.join('、')} 中恰好给出一个`, en: `give exactly one of ${KINDS.join(', ')}` });
    const kind = kinds[0];
    const of = c[kind];
    if (!Array.isArray(of) || of.some((x) => typeof x !== 'string')) fail([...path, kind], { zh: '应为指标 id 的列表', en: 'expected a list of figure ids' });
    if (kind === 'sum' ? of.length < 1 : of.length !== 2) fail([...path, kind], kind === 'sum' ? { zh: '至少列出一个部分', en: 'list at least one part' } : { zh: `应为两个指标 id，实为 ${of.length} 个`, en: `expected two figure ids, got ${of.length}` });
    if (kind === 'equal' && c.equals !== undefined) fail([...path, 'equals'], { zh: 'equal 比较它的两个指标；请去掉 `equals`', en: 'equal compares its two figures; drop `equals`' });
    if (kind !== 'equal' && (c.equals === undefined) === (c.within === undefined)) fail(path, { zh: '`equals`（一个指标 id）与 `within: [low, high]` 恰好给出一个', en: 'give exactly one of `equals` (a figure id) or `within: [low, high]`' });
    for (const [j, id] of [...of, ...(c.equals !== undefined ? [c.equals] : [])].entries())
      if (!figures[id]) fail(j < of.length ? [...path, kind, j] : [...path, 'equals'], { zh: `未知的指标 "${id}"`, en: `unknown figure "${id}"` });
    if (kind === 'cagr' && c.span === undefined) {
      // Two points of one series: the span is the difference of their years.
      const [a, b] = [seriesYear.get(of[0]), seriesYear.get(of[1])];
      if (a && b && a[0] === b[0] && b[1] > a[1]) c.span = b[1] - a[1];
      else fail([...path, 'span'], { zh: 'cagr 需要 span：年数（只有同一序列的两个点能自行给出）', en: 'cagr needs span: the number of years (only two points of one series give it by themselves)' });
    }
    if (kind === 'cagr' && !(Number.isInteger(c.span) && c.span > 0)) fail([...path, 'span'], { zh: `span：应为年数（> 0 的整数），实为 ${JSON.stringify(c.span)}`, en: `span: expected the number of years (an integer > 0), got ${JSON.stringify(c.span)}` });
    if (c.within !== undefined && !(Array.isArray(c.within) && c.within.length === 2 && c.within[0] <= c.within[1])) fail([...path, 'within'], { zh: '应为 [low, high]', en: 'expected [low, high]' });
    if (typeof c.id !== 'string' || !c.id) fail([...path, 'id'], { zh: '请给每项核对一个 id', en: 'give each check an id' });
    return {
      id: c.id,
      claim: typeof c.claim === 'string' ? c.claim : '',
      kind,
      of: kind === 'equal' ? [of[0]] : of,
      ...(kind === 'equal' ? { equals: of[1] } : c.equals !== undefined ? { equals: c.equals } : { within: c.within }),
      ...(kind === 'cagr' ? { span: c.span } : {}),
      scale: c.scale ?? 1,
      tolerance: c.tolerance ?? 0,
      line: lineAt(path),
    };
  });
  // title / source: a string, or {zh, en} for a file read in either language.
  const text2 = (key: 'title' | 'source'): Label => {
    const v = raw[key];
    if (v === undefined) return { zh: file, en: file };
    if (typeof v === 'string') return { zh: v, en: v };
    if (v && typeof v === 'object' && typeof v.zh === 'string' && typeof v.en === 'string' && Object.keys(v).length === 2) return { zh: v.zh, en: v.en };
    return fail([key], { zh: '应为文本，或 {zh: …, en: …}', en: 'expected a text, or {zh: …, en: …}' });
  };
  return { source: text2('source'), title: text2('title'), figures, checks };
}

function line(doc: Document, lc: LineCounter, path: (string | number)[]): number | null {
  for (let k = path.length; k >= 0; k--) {
    const node = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return lc.linePos(range[0]).line;
    if (isMap(node)) break;
  }
  return null;
}
