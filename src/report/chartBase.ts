// What every chart of the report shares: the ChartSpec shape, font, palette, axes, sizes and the
// number format of labels (display units: 万个 / million jobs, 亿元 / billion yuan, %).
import type { EChartsOption } from 'echarts';
import type { Label } from '../study/types.ts';
import { displayUnitFor, enNumber, type Lang } from '../locale/index.ts';

/** One chart: id, bilingual title, the table under it, size in px, and its ECharts option per language. */
export interface ChartSpec {
  id: string;
  title: Label;
  /** Id of the table shown under the chart (reportTables). */
  table: string;
  width: number;
  height: number;
  option: (lang: Lang) => EChartsOption;
}

// Single quotes: zrender writes the family into a double-quoted style attribute.
export const CHART_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
export const PALETTE = ['#2f6db5', '#7fb0e0', '#e08a2f', '#f2c48d', '#5a9e6f', '#a3cfae', '#8d6bb8'];
export const WIDTH = 940;
export const r1 = (v: number) => Math.round(v * 10) / 10;
/**
 * One chart's scale for jobs or money in `lang` (English by the largest of `values`: million or
 * thousand jobs, billion or million yuan): its unit words and v(x), a value rounded to its decimals.
 */
export function scaleOf(lang: Lang, kind: 'persons' | 'yuan', values: (number | null | undefined)[]): { unit: string; v: (x: number | null | undefined) => number | null } {
  const d = displayUnitFor(kind, lang, values);
  const k = 10 ** d.decimals;
  return { unit: d.unit as string, v: (x) => (x === null || x === undefined ? null : Math.round(d.show(x) * k) / k) };
}
/** A label: one decimal, or two when the value has them (English jobs in millions). */
const oneOrTwoDecimals = enNumber({ minimumFractionDigits: 1, maximumFractionDigits: 2 });
export const fmt1 = (v: unknown) => (typeof v === 'number' ? oneOrTwoDecimals(v) : '');
export const sectorLabel = (code: string, name: Label, lang: Lang) => (name[lang] ? `${code} ${name[lang]}` : code);

/** Options every chart shares (font, palette, tooltip, legend, grid, aria). */
export function base(lang: Lang, legend: boolean): EChartsOption {
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: '#333' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt1(v) },
    legend: legend ? { top: 0, right: 8, itemWidth: 14, itemHeight: 10, textStyle: { fontFamily: CHART_FONT } } : undefined,
    // Server-side text widths are estimates (no canvas): keep a margin so long labels are not clipped.
    grid: { left: 20, right: 56, top: legend ? 34 : 12, bottom: 8, containLabel: true },
    aria: { enabled: true, label: { description: lang === 'zh' ? '图表，数据见下表' : 'Chart; the data are in the table below' } },
  };
}

export const valueAxis = (name: string) => ({ type: 'value' as const, name, nameLocation: 'end' as const, nameTextStyle: { color: '#666', align: 'right' as const, padding: [0, 0, 0, 0] }, splitLine: { lineStyle: { color: '#e6e6e6' } }, axisLabel: { color: '#666' } });
/** The value axis of a non-negative quantity (jobs, yuan, shares): it starts at 0, whatever the data or intervals. */
export const amountAxis = (name: string) => ({ ...valueAxis(name), min: 0 });
export const catAxis = (data: string[], width = 200, overflow: 'truncate' | 'break' = 'truncate') => ({ type: 'category' as const, data, inverse: true, axisTick: { show: false }, axisLine: { lineStyle: { color: '#999' } }, axisLabel: { color: '#333', width, overflow, ellipsis: '…', lineHeight: 14 } });
export const rowsHeight = (n: number, legend: boolean) => (legend ? 52 : 28) + 34 * n;
