// Display units: how a value in base units (persons, yuan, fractions) is shown to a reader.
// One table, DISPLAY, per language and kind of quantity: the scale, the decimals and the unit words.
// Chinese follows the seed report: jobs in 万 (10⁴ persons), money in 亿元 (10⁸ yuan), jobs per
// output in persons per 亿元. English shows the same numbers today (10k persons, 100M yuan); to show
// English in thousands/millions, change the `en` rows (ENGLISH_MAGNITUDES lists the scales) — every
// console table, card, report table, chart, workbook and the dashboard read this table.
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
/** The English scales for showing English in its own magnitudes (persons in thousands, yuan in millions and billions). */
export const ENGLISH_MAGNITUDES = { thousand: 1e3, million: 1e6, billion: 1e9 } as const;

const zh: Record<ColumnKind, DisplayUnit> = {
  text: { show: same, decimals: 0, unit: null },
  persons: { show: per(WAN), decimals: 1, unit: '万人' },
  yuan: { show: per(YI), decimals: 1, unit: '亿元' },
  ratio: { show: times(100), decimals: 1, unit: '%' },
  growth: { show: times(100), decimals: 1, unit: '%' },
  coef: { show: same, decimals: 6, significant: 4, unit: null },
  count: { show: same, decimals: 0, unit: null },
  perYuan: { show: times(YI), decimals: 2, unit: '人/亿元' },
  year: { show: same, decimals: 0, unit: null },
  times: { show: same, decimals: 2, unit: '×' },
  perPerson: { show: same, decimals: 2, unit: '元/人' },
  number: { show: same, decimals: 3, unit: null },
};
const en: Record<ColumnKind, DisplayUnit> = {
  ...zh,
  persons: { ...zh.persons, unit: '10k persons' },
  yuan: { ...zh.yuan, unit: '100M yuan' },
  perYuan: { ...zh.perYuan, unit: 'persons per 100M yuan' },
  perPerson: { ...zh.perPerson, unit: 'yuan per person' },
};

/** The display table: DISPLAY.zh.persons → {show: v / 1e4, decimals: 1, unit: '万人'}. */
export const DISPLAY: Record<Lang, Record<ColumnKind, DisplayUnit>> = { zh, en };

/** The column kind of a figure unit: kindOfUnit('persons') → 'persons', kindOfUnit('persons/yuan') → 'perYuan'. */
const KIND_OF_UNIT: Record<Unit, ColumnKind> = { persons: 'persons', yuan: 'yuan', ratio: 'ratio', 'persons/yuan': 'perYuan', times: 'times', 'yuan/person': 'perPerson', number: 'number' };
export const kindOfUnit = (u: Unit): ColumnKind => KIND_OF_UNIT[u];

/** toDisplay('persons', 26010000) → 2601 (万); toDisplay('ratio', 0.099) → 9.9 (%). */
export const toDisplay = (kind: ColumnKind, v: number, lang: Lang = 'zh'): number => DISPLAY[lang][kind].show(v);

/** Unit words of a kind in both languages, e.g. persons → {zh: '万人', en: '10k persons'}; null for unitless kinds. */
export function unitLabel(kind: ColumnKind): Label | null {
  const zhUnit = DISPLAY.zh[kind].unit;
  return zhUnit === null ? null : { zh: zhUnit, en: DISPLAY.en[kind].unit ?? zhUnit };
}

/**
 * A table cell in display units with thousands separators: formatCell('persons', 26010000) → "2,601.0";
 * formatCell('coef', 1.35092814) → "1.351" (four significant digits);
 * formatCell('growth', 0.164) → "+16.4"; null, undefined or NaN → "–". The report's bilingual tables
 * show one number for both languages: the `zh` scale unless `lang` says otherwise.
 */
export function formatCell(kind: ColumnKind, v: number | null | undefined, lang: Lang = 'zh'): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (kind === 'year') return String(v);
  const d = DISPLAY[lang][kind];
  const s = d.show(v).toLocaleString('en-US', d.significant ? { maximumSignificantDigits: d.significant } : { minimumFractionDigits: d.decimals, maximumFractionDigits: d.decimals });
  return kind === 'growth' && v > 0 ? `+${s}` : s;
}

/**
 * A figure's value as the console, the report's cards and the dashboard show it, without separators:
 * displayValue({unit: 'persons', value: 26010000}, 'zh') → {text: '2601.0', unit: '万人'};
 * ({unit: 'yuan', …}, 'en') → unit '100M yuan'; ratio 0.099 → {text: '9.9', unit: '%'}. `v` shows
 * another value (a CI bound, an se) in the figure's units.
 */
export function displayValue(f: { unit: Unit; value: number }, lang: Lang, v = f.value): { text: string; unit: string } {
  const d = DISPLAY[lang][kindOfUnit(f.unit)];
  return { text: d.show(v).toFixed(d.decimals), unit: d.unit ?? '' };
}
