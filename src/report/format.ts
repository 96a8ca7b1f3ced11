// Cell and figure formatting shared by the report, the workbook and the dashboard (zh | en).
// Money in 亿元 and jobs in 万 as the seed reports them; the workbook stores the same display units.
import type { Label, Unit } from '../study/types.ts';
import { displayValue } from '../cli/format.ts';

export type Lang = 'zh' | 'en';

/** What a table column holds; decides display units, decimals and the workbook's number format. */
export type ColumnKind = 'text' | 'persons' | 'yuan' | 'ratio' | 'coef' | 'count' | 'perYuan' | 'year' | 'growth';

/** Display scale of a kind: base value × scale = shown value (persons → 万, yuan → 亿元, ratio → %). */
export const SCALE: Record<ColumnKind, number> = { text: 1, persons: 1e-4, yuan: 1e-8, ratio: 100, growth: 100, coef: 1, count: 1, perYuan: 1e8, year: 1 };
const DECIMALS: Record<ColumnKind, number> = { text: 0, persons: 1, yuan: 1, ratio: 1, growth: 1, coef: 6, count: 0, perYuan: 2, year: 0 };
/** Excel number formats in display units (values are stored already scaled). */
export const XLSX_FORMAT: Record<ColumnKind, string> = { text: '@', persons: '#,##0.0', yuan: '#,##0.0', ratio: '0.0', growth: '+0.0;-0.0;0.0', coef: '0.000000', count: '#,##0', perYuan: '0.00', year: '0' };

/** Unit words shown after a column header, e.g. persons → 万人 / 10k persons. */
export function unitLabel(kind: ColumnKind): Label | null {
  switch (kind) {
    case 'persons':
      return { zh: '万人', en: '10k persons' };
    case 'yuan':
      return { zh: '亿元', en: '100M yuan' };
    case 'ratio':
    case 'growth':
      return { zh: '%', en: '%' };
    case 'perYuan':
      return { zh: '人/亿元', en: 'persons per 100M yuan' };
    default:
      return null;
  }
}

/** formatCell('persons', 26010000) → "2,601.0"; formatCell('growth', 0.164) → "+16.4"; null → "–". */
export function formatCell(kind: ColumnKind, v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (kind === 'year') return String(v);
  const s = (v * SCALE[kind]).toLocaleString('en-US', { minimumFractionDigits: DECIMALS[kind], maximumFractionDigits: DECIMALS[kind] });
  return kind === 'growth' && v > 0 ? `+${s}` : s;
}

/** The column kind of a figure unit: kindOfUnit('persons') → 'persons', kindOfUnit('persons/yuan') → 'perYuan'. */
const KIND_OF_UNIT: Record<Unit, ColumnKind> = { persons: 'persons', yuan: 'yuan', ratio: 'ratio', 'persons/yuan': 'perYuan' };
export const kindOfUnit = (u: Unit): ColumnKind => KIND_OF_UNIT[u];

/** A figure's value as the console shows it ("2601.0" + "万人"): the report's cards use the same text. */
export const figureText = displayValue;
