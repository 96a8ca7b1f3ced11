// Display units: how a value in base units (jobs, yuan, fractions) is shown to a reader.
// One table, DISPLAY, per language and kind of quantity: the scale, the decimals and the unit words.
// Jobs are positions (the original report's 万个 / "jobs"), not a headcount. Chinese shows jobs in
// 万个 (10⁴), money in 亿元 (10⁸ yuan), jobs per output in 个/亿元; English in its own magnitudes:
// table columns in million jobs and billion yuan, a single value in the magnitude that reads best
// ("29.6 million jobs", "610 thousand jobs", "152.9 billion yuan") — every console table, card,
// report table, chart, workbook and the dashboard read these tables.
import { type Label, type Lang } from './lang.ts';

/**
 * The base unit of a figure's value: persons, yuan, persons per yuan of output, or a fraction; the
 * voucher figures add a multiple ('times', e.g. 9.3×), yuan per person and a plain number (a p-value).
 */
export type Unit = 'persons' | 'yuan' | 'persons/yuan' | 'ratio' | 'times' | 'yuan/person' | 'number';

/** What a table column holds; decides display units, decimals and the workbook's number format. */
export type ColumnKind = 'text' | 'persons' | 'yuan' | 'ratio' | 'coef' | 'count' | 'perYuan' | 'year' | 'growth' | 'times' | 'perPerson' | 'number';

/** How one kind is shown: value in base units → shown number (`show`), decimals, unit words (null: none). */
export interface DisplayUnit {
  /** Base value → displayed value, e.g. persons → 万: v / 1e4. */
  show: (v: number) => number;
  decimals: number;
  /** Round to this many significant digits instead of fixed decimals (coefficients: 1.350928 → 1.351). */
  significant?: number;
  unit: string | null;
}

const same = (v: number) => v;
const per = (n: number) => (v: number) => v / n;
const times = (n: number) => (v: number) => v * n;

/** Common display magnitudes: 万 = 10⁴, 亿 = 10⁸; thousand 10³, million 10⁶, billion 10⁹. */
export const WAN = 1e4;
export const YI = 1e8;
/** The English magnitudes: thousand 10³, million 10⁶, billion 10⁹. */
export const ENGLISH_MAGNITUDES = { thousand: 1e3, million: 1e6, billion: 1e9 } as const;
const { thousand: THOUSAND, million: MILLION, billion: BILLION } = ENGLISH_MAGNITUDES;

const zh: Record<ColumnKind, DisplayUnit> = {
  text: { show: same, decimals: 0, unit: null },
  persons: { show: per(WAN), decimals: 1, unit: '万个' },
  yuan: { show: per(YI), decimals: 1, unit: '亿元' },
  ratio: { show: times(100), decimals: 1, unit: '%' },
  growth: { show: times(100), decimals: 1, unit: '%' },
  coef: { show: same, decimals: 6, significant: 4, unit: null },
  count: { show: same, decimals: 0, unit: null },
  perYuan: { show: times(YI), decimals: 2, unit: '个/亿元' },
  year: { show: same, decimals: 0, unit: null },
  times: { show: same, decimals: 2, unit: '×' },
  perPerson: { show: same, decimals: 2, unit: '元/人' },
  number: { show: same, decimals: 3, unit: null },
};
const en: Record<ColumnKind, DisplayUnit> = {
  ...zh,
  persons: { show: per(MILLION), decimals: 2, unit: 'million jobs' },
  yuan: { show: per(BILLION), decimals: 1, unit: 'billion yuan' },
  perYuan: { show: times(MILLION), decimals: 2, unit: 'jobs per million yuan' },
  perPerson: { ...zh.perPerson, unit: 'yuan per person' },
};

/** The display table of table columns: DISPLAY.zh.persons → {show: v / 1e4, decimals: 1, unit: '万个'}. */
export const DISPLAY: Record<Lang, Record<ColumnKind, DisplayUnit>> = { zh, en };

/** The words of a base unit, for values shown unscaled: persons → {zh: '个', en: 'jobs'} (jobs are positions). */
export const BASE_UNIT: Record<Unit, Label> = {
  persons: { zh: '个', en: 'jobs' },
  yuan: { zh: '元', en: 'yuan' },
  'persons/yuan': { zh: '个/元', en: 'jobs per yuan' },
  ratio: { zh: '（比例）', en: '(fraction)' },
  times: { zh: '倍', en: 'times' },
  'yuan/person': { zh: '元/人', en: 'yuan per person' },
  number: { zh: '', en: '' },
};

/** The column kind of a figure unit: kindOfUnit('persons') → 'persons', kindOfUnit('persons/yuan') → 'perYuan'. */
const KIND_OF_UNIT: Record<Unit, ColumnKind> = { persons: 'persons', yuan: 'yuan', ratio: 'ratio', 'persons/yuan': 'perYuan', times: 'times', 'yuan/person': 'perPerson', number: 'number' };
export const kindOfUnit = (u: Unit): ColumnKind => KIND_OF_UNIT[u];

/** toDisplay('persons', 26010000) → 2601 (万); toDisplay('ratio', 0.099) → 9.9 (%). */
export const toDisplay = (kind: ColumnKind, v: number, lang: Lang = 'zh'): number => DISPLAY[lang][kind].show(v);

/** Unit words of a kind in both languages, e.g. persons → {zh: '万个', en: 'million jobs'}; null for unitless kinds. */
export function unitLabel(kind: ColumnKind): Label | null {
  const zhUnit = DISPLAY.zh[kind].unit;
  return zhUnit === null ? null : { zh: zhUnit, en: DISPLAY.en[kind].unit ?? zhUnit };
}

/**
 * The display unit of a set of values shown under one unit (a table column, a chart's axis):
 * Chinese the fixed row of DISPLAY; English by the largest magnitude — jobs in millions (2 decimals),
 * thousands (1) or units, yuan in billions or millions (1 decimal). E.g. ('persons', 'en',
 * [26010000, 610000]) → million jobs; ('persons', 'en', [4000, 120]) → thousand jobs.
 */
export function displayUnitFor(kind: ColumnKind, lang: Lang, values: Iterable<number | null | undefined>): DisplayUnit {
  if (lang !== 'en' || (kind !== 'persons' && kind !== 'yuan')) return DISPLAY[lang][kind];
  let max = 0;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  if (kind === 'yuan') return max >= BILLION || max === 0 ? DISPLAY.en.yuan : { show: per(MILLION), decimals: 1, unit: 'million yuan' };
  if (max >= MILLION || max === 0) return DISPLAY.en.persons;
  return max >= THOUSAND ? { show: per(THOUSAND), decimals: 1, unit: 'thousand jobs' } : { show: same, decimals: 0, unit: 'jobs' };
}

/**
 * enNumber(options) → v ↦ v.toLocaleString('en-US', options), the same text (ECMA-402 defines toLocaleString through
 * Intl.NumberFormat) from one formatter made at the first call: toLocaleString builds a formatter on every call
 * (≈ 50 µs warm, more in a fresh process; a report's charts format hundreds of numbers).
 * Example: enNumber({ maximumFractionDigits: 1 })(1234.56) → '1,234.6'.
 */
export function enNumber(options?: Intl.NumberFormatOptions): (v: number) => string {
  let f: Intl.NumberFormat | undefined;
  return (v) => (f ??= new Intl.NumberFormat('en-US', options)).format(v);
}

const enNumberFormats = new Map<number, Intl.NumberFormat>();
/**
 * The en-US number format with `d` ≥ 0 fraction digits, or −d significant digits, made once: the same
 * text as toLocaleString('en-US', options) (ECMA-402 defines it through Intl.NumberFormat), which
 * builds a formatter on every call (≈ 50 µs; a run formats thousands of cells).
 */
export function enNumberFormat(d: number): Intl.NumberFormat {
  let f = enNumberFormats.get(d);
  if (!f) enNumberFormats.set(d, (f = new Intl.NumberFormat('en-US', d < 0 ? { maximumSignificantDigits: -d } : { minimumFractionDigits: d, maximumFractionDigits: d })));
  return f;
}

/**
 * A table cell in display units with thousands separators: formatCell('persons', 26010000) → "2,601.0"
 * (万个); in English "26.01" (million jobs); formatCell('coef', 1.35092814) → "1.351" (four significant
 * digits); formatCell('growth', 0.164) → "+16.4"; null, undefined or
 * NaN → "–". `unit` overrides the kind's row of DISPLAY (a column's unit from displayUnitFor).
 */
export function formatCell(kind: ColumnKind, v: number | null | undefined, lang: Lang = 'zh', unit: DisplayUnit = DISPLAY[lang][kind]): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (kind === 'year') return String(v);
  const s = enNumberFormat(unit.significant ? -unit.significant : unit.decimals).format(unit.show(v));
  return kind === 'growth' && v > 0 ? `+${s}` : s;
}

/** Unit words of a row whose English magnitude follows `ref` (its figure): ('persons', 4000) → {zh: '万个', en: 'thousand jobs'}. */
export function unitLabelFor(kind: ColumnKind, ref: number): Label | null {
  const u = unitLabel(kind);
  return u && { zh: u.zh, en: displayUnitFor(kind, 'en', [ref]).unit ?? u.en };
}

/** A cell in both languages, each in its own scale: formatCellLabel('persons', 26010000) → {zh: '2,601.0', en: '26.01'}; `en` overrides the English unit (a column's). */
export const formatCellLabel = (kind: ColumnKind, v: number | null | undefined, en?: DisplayUnit): Label => ({ zh: formatCell(kind, v, 'zh'), en: formatCell(kind, v, 'en', en) });

/**
 * English magnitude of one value: jobs ≥ 1 million in millions (1 decimal from 10 million, else 2: '3.62 million'), else thousands (no
 * decimals) or, below a thousand, jobs; yuan ≥ 1 billion in billions, else millions (1 decimal).
 * The magnitude follows the figure's own value so that its interval and se read in the same unit.
 */
function englishMagnitude(kind: ColumnKind, ref: number): DisplayUnit | undefined {
  const a = Math.abs(ref);
  if (kind === 'persons') {
    if (a >= MILLION) return { show: per(MILLION), decimals: a >= 10 * MILLION ? 1 : 2, unit: 'million jobs' };
    if (a >= THOUSAND) return { show: per(THOUSAND), decimals: 0, unit: 'thousand jobs' };
    return { show: same, decimals: 0, unit: 'jobs' };
  }
  if (kind === 'yuan') return a >= BILLION ? { show: per(BILLION), decimals: 1, unit: 'billion yuan' } : { show: per(MILLION), decimals: 1, unit: 'million yuan' };
  return undefined;
}

/**
 * A figure's value as the console, the report's cards and the dashboard show it, without separators:
 * displayValue({unit: 'persons', value: 26010000}, 'zh') → {text: '2601.0', unit: '万个'};
 * ({unit: 'persons', value: 29626000}, 'en') → {text: '29.6', unit: 'million jobs'};
 * ({unit: 'yuan', value: 152.9e9}, 'en') → {text: '152.9', unit: 'billion yuan'}; ratio 0.099 →
 * {text: '9.9', unit: '%'}. `v` shows another value (a CI bound, an se) in the figure's units.
 */
export function displayValue(f: { unit: Unit; value: number }, lang: Lang, v = f.value): { text: string; unit: string } {
  const kind = kindOfUnit(f.unit);
  const d = (lang === 'en' ? englishMagnitude(kind, f.value) : undefined) ?? DISPLAY[lang][kind];
  return { text: d.show(v).toFixed(d.decimals), unit: d.unit ?? '' };
}
