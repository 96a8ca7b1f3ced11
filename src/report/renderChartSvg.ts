// Server-side drawing of the report's charts to SVG, without a chart library: it reads the same ECharts
// option the dashboard hands to ECharts in the browser (chartSpecs) and draws the part of it the report
// uses — grids, value and category axes, bars (stacked, overlaid), labels, error bars (custom series),
// diamonds (scatter), a dashed mark line, titles and the legend.
import type { ChartSpec } from './chartBase.ts';
import { CHART_FONT, PALETTE } from './chartBase.ts';
import { enNumber, type Lang } from '../locale/index.ts';
import { niceTicks, type Ticks } from './niceTicks.ts';
import { textWidth, wrapText } from './textWidth.ts';
import { esc as escapeXml } from './i18n.ts';

// The subset of an ECharts option the report's charts use (see chartBase.ts, chartSpecs.ts, tornadoChart.ts).
type Len = number | string | undefined;
type Formatter = (p: { value: unknown; dataIndex: number; seriesName: string }) => string;
interface LabelOpt { show?: boolean; position?: 'right' | 'left' | 'top' | 'insideLeft'; color?: string; formatter?: Formatter }
type Datum = number | null | undefined | { value: number | null; label?: LabelOpt } | (number | null)[];
interface AxisOpt {
  type: 'value' | 'category';
  data?: string[];
  inverse?: boolean;
  name?: string;
  nameTextStyle?: { align?: string };
  min?: number;
  max?: number;
  boundaryGap?: [string, string];
  gridIndex?: number;
  axisLabel?: { show?: boolean; width?: number; overflow?: 'break' | 'truncate'; lineHeight?: number; formatter?: (v: number) => string };
}
interface RenderApi { value(dim: number): number; coord(p: [number, number]): [number, number] }
interface Shape { type: 'line' | 'text'; shape?: { x1: number; y1: number; x2: number; y2: number }; style?: { stroke?: string; lineWidth?: number; text?: string; x?: number; y?: number; fill?: string } }
interface SeriesOpt {
  name?: string;
  type: 'bar' | 'custom' | 'scatter';
  stack?: string;
  data: Datum[];
  barMaxWidth?: number;
  barGap?: string;
  itemStyle?: { color?: string };
  label?: LabelOpt;
  xAxisIndex?: number;
  yAxisIndex?: number;
  symbolSize?: number;
  encode?: { x?: number[] };
  renderItem?: (params: unknown, api: RenderApi) => { children: Shape[] };
  markLine?: { data: { xAxis: string }[]; lineStyle?: { color?: string }; label?: { formatter?: (p: { dataIndex: number }) => string; color?: string } };
}
interface GridOpt { left?: Len; right?: Len; top?: Len; bottom?: Len; width?: Len }
interface TitleOpt { text: string; left?: Len; top?: number; textStyle?: { fontSize?: number; color?: string } }
interface ChartOption {
  color?: string[];
  legend?: { itemGap?: number };
  grid: GridOpt | GridOpt[];
  title?: TitleOpt | TitleOpt[];
  xAxis: AxisOpt | AxisOpt[];
  yAxis: AxisOpt | AxisOpt[];
  series: SeriesOpt[];
  aria?: { label?: { description?: string } };
}

const FONT = 12;
const r2 = (v: number) => Math.round(v * 100) / 100;
const list = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const len = (v: Len, whole: number, fallback: number) => (v === undefined ? fallback : typeof v === 'number' ? v : v.endsWith('%') ? (parseFloat(v) / 100) * whole : parseFloat(v));
const valueOf = (d: Datum): number | null => (d === null || d === undefined ? null : typeof d === 'number' ? d : Array.isArray(d) ? null : d.value);
const tickText = enNumber({ maximumFractionDigits: 6 });

function text(x: number, y: number, s: string, o: { anchor?: 'start' | 'middle' | 'end'; fill?: string; size?: number; baseline?: 'middle' | 'auto' } = {}): string {
  return `<text x="${r2(x)}" y="${r2(y)}"${o.anchor && o.anchor !== 'start' ? ` text-anchor="${o.anchor}"` : ''}${o.baseline === 'auto' ? '' : ' dominant-baseline="central"'} fill="${o.fill ?? '#333'}"${o.size && o.size !== FONT ? ` font-size="${o.size}"` : ''}>${escapeXml(s)}</text>`;
}
const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, extra = '') => `<line x1="${r2(x1)}" y1="${r2(y1)}" x2="${r2(x2)}" y2="${r2(y2)}" stroke="${stroke}"${extra}/>`;
const diamond = (x: number, y: number, size: number, fill: string) => `<path d="M${r2(x)} ${r2(y - size / 2)}L${r2(x + size / 2)} ${r2(y)}L${r2(x)} ${r2(y + size / 2)}L${r2(x - size / 2)} ${r2(y)}Z" fill="${fill}"/>`;

/** One grid: its value axis (horizontal or vertical), its category axis, and the series drawn in it. */
interface Panel {
  horizontal: boolean; // bars grow along x (the category axis is y)
  cat: AxisOpt;
  val: AxisOpt;
  series: { s: SeriesOpt; index: number }[];
}

/** Bars of a panel: per series and category, the [from, to] along the value axis (stacks summed). */
function barExtents(p: Panel): Map<number, ([number, number] | null)[]> {
  const n = p.cat.data?.length ?? 0;
  const sums = new Map<string, { pos: number[]; neg: number[] }>();
  const out = new Map<number, ([number, number] | null)[]>();
  for (const { s, index } of p.series) {
    if (s.type !== 'bar') continue;
    const key = s.stack ?? `#${index}`;
    if (!sums.has(key)) sums.set(key, { pos: new Array(n).fill(0), neg: new Array(n).fill(0) });
    const acc = sums.get(key) as { pos: number[]; neg: number[] };
    out.set(index, Array.from({ length: n }, (_x, k) => {
      const v = valueOf(s.data[k]);
      if (v === null || !Number.isFinite(v)) return null;
      const side = v >= 0 ? acc.pos : acc.neg;
      const from = side[k];
      side[k] += v;
      return [from, from + v];
    }));
  }
  return out;
}

/** The value axis' ticks: data (stack ends, error bars' encoded ends, points) and 0, widened by boundaryGap. */
function valueTicks(p: Panel, bars: Map<number, ([number, number] | null)[]>): Ticks {
  let lo = Infinity, hi = -Infinity;
  const see = (v: unknown) => {
    if (typeof v === 'number' && Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  };
  for (const ext of bars.values()) for (const e of ext) if (e) e.forEach(see);
  for (const { s } of p.series) {
    if (s.type === 'scatter') s.data.forEach((d) => see(valueOf(d)));
    if (s.type === 'custom') for (const d of s.data) if (Array.isArray(d)) for (const dim of s.encode?.x ?? []) see(d[dim]);
  }
  if (!Number.isFinite(lo)) (lo = 0), (hi = 1);
  const gap = p.val.boundaryGap;
  if (gap) {
    const span = hi - lo;
    lo -= (parseFloat(gap[0]) / 100) * span;
    hi += (parseFloat(gap[1]) / 100) * span;
  }
  return niceTicks(lo, hi, { min: p.val.min, max: p.val.max });
}

/** Lines of each category label, as drawn: wrapped or truncated to the axis label width. */
function categoryLines(a: AxisOpt): string[][] {
  const w = a.axisLabel?.width;
  return (a.data ?? []).map((c) => (w ? wrapText(c, w, FONT, a.axisLabel?.overflow ?? 'truncate') : [c]));
}

function legendSvg(o: ChartOption, width: number, colorOf: (s: SeriesOpt, i: number) => string): string {
  const items = o.series.map((s, i) => ({ s, color: colorOf(s, i) })).filter((x) => x.s.name);
  if (!o.legend || items.length === 0) return '';
  const gap = o.legend.itemGap ?? 10;
  const widths = items.map((x) => 14 + 5 + textWidth(x.s.name as string, FONT));
  let x = width - 8 - widths.reduce((a, b) => a + b, 0) - gap * (items.length - 1);
  const out: string[] = [];
  items.forEach(({ s, color }, i) => {
    const y = 7;
    if (s.type === 'custom') out.push(line(x, y, x + 14, y, color, ' stroke-width="1.5"'), line(x + 0.75, y - 4, x + 0.75, y + 4, color, ' stroke-width="1.5"'), line(x + 13.25, y - 4, x + 13.25, y + 4, color, ' stroke-width="1.5"'));
    else if (s.type === 'scatter') out.push(diamond(x + 7, y, 10, color));
    else out.push(`<rect x="${r2(x)}" y="${y - 5}" width="14" height="10" rx="2" fill="${color}"/>`);
    out.push(text(x + 19, y, s.name as string, { fill: '#333' }));
    x += widths[i] + gap;
  });
  return `<g>${out.join('')}</g>`;
}

/**
 * renderChartSvg(spec, 'zh') → "<svg width="940" …>…</svg>": the chart drawn from spec.option(lang),
 * deterministic (coordinates rounded to 0.01 px), with no ids or classes (several charts inline in one
 * page), role="img" and the option's aria description as its label; each bar carries its value as a
 * <title> (a tooltip). Text widths are estimated (textWidth) to make room for labels.
 */
export function renderChartSvg(spec: ChartSpec, lang: Lang): string {
  const o = spec.option(lang) as unknown as ChartOption;
  const W = spec.width, H = spec.height;
  const palette = o.color ?? PALETTE;
  const colorOf = (s: SeriesOpt, i: number) => s.itemStyle?.color ?? palette[i % palette.length];
  const grids = list(o.grid), xs = list(o.xAxis), ys = list(o.yAxis);
  const body: string[] = [];
  grids.forEach((g, gi) => {
    const xa = xs.find((a, k) => (a.gridIndex ?? k) === gi) ?? xs[0];
    const ya = ys.find((a, k) => (a.gridIndex ?? k) === gi) ?? ys[0];
    const horizontal = ya.type === 'category';
    const p: Panel = { horizontal, cat: horizontal ? ya : xa, val: horizontal ? xa : ya, series: o.series.map((s, index) => ({ s, index })).filter(({ s }) => (horizontal ? s.yAxisIndex ?? 0 : s.xAxisIndex ?? 0) === gi) };
    const bars = barExtents(p);
    const ticks = valueTicks(p, bars);
    const fmtTick = p.val.axisLabel?.formatter ?? tickText;
    const tickLabels = ticks.values.map((v) => fmtTick(v));
    const cats = p.cat.data ?? [];
    const catLines = categoryLines(p.cat);
    const showCat = p.cat.axisLabel?.show !== false;
    // The grid's box, then the plot inside it once the axis labels have their room (containLabel).
    const gl = len(g.left, W, 0), gt = len(g.top, H, 60), gb = len(g.bottom, H, 60);
    const gw = g.width !== undefined ? len(g.width, W, 0) : W - gl - len(g.right, W, 0);
    let left = gl, right = gl + gw, top = gt, bottom = H - gb;
    const lineH = p.cat.axisLabel?.lineHeight ?? 14;
    if (horizontal) {
      if (showCat) left += Math.max(0, ...catLines.map((ls) => Math.max(...ls.map((l) => textWidth(l, FONT))))) + 8;
      bottom -= FONT + 8;
      // The axis' name (its unit) follows the last tick label on its row, in the right margin if it fits.
      const lastHalf = textWidth(tickLabels[tickLabels.length - 1] ?? '', FONT) / 2;
      right = Math.min(right - lastHalf, p.val.name ? W - 6 - textWidth(p.val.name, FONT) - 8 - lastHalf : Infinity);
      left = Math.max(left, gl + textWidth(tickLabels[0] ?? '', FONT) / 2);
    } else {
      left += Math.max(0, ...tickLabels.map((t) => textWidth(t, FONT))) + 8;
      bottom -= lineH + 8;
    }
    const n = Math.max(1, cats.length);
    const band = ((horizontal ? bottom - top : right - left) / n);
    const inv = p.cat.inverse === true;
    const catCenter = (k: number) => (horizontal ? top + ((inv ? k : n - 1 - k) + 0.5) * band : left + (k + 0.5) * band);
    const span = ticks.max - ticks.min || 1;
    const valPos = (v: number) => (horizontal ? left + ((v - ticks.min) / span) * (right - left) : bottom - ((v - ticks.min) / span) * (bottom - top));
    const grid: string[] = [], marks: string[] = [], labels: string[] = [];
    // Value axis: split lines and tick labels; its name (unit) after the labels.
    ticks.values.forEach((v, i) => {
      const at = valPos(v);
      if (horizontal) {
        grid.push(line(at, top, at, bottom, '#e6e6e6'));
        labels.push(text(at, bottom + 8 + FONT / 2, tickLabels[i], { anchor: 'middle', fill: '#666' }));
      } else {
        grid.push(line(left, at, right, at, '#e6e6e6'));
        labels.push(text(left - 8, at, tickLabels[i], { anchor: 'end', fill: '#666' }));
      }
    });
    if (p.val.name) {
      const lastHalf = textWidth(tickLabels[tickLabels.length - 1] ?? '', FONT) / 2;
      labels.push(horizontal ? text(right + lastHalf + 8, bottom + 8 + FONT / 2, p.val.name, { fill: '#666' }) : text(left, top - FONT, p.val.name, { anchor: p.val.nameTextStyle?.align === 'left' ? 'start' : 'end', fill: '#666' }));
    }
    // Category axis: its line at the value 0 (or the axis' start), labels beside or beneath.
    const zero = valPos(Math.min(Math.max(0, ticks.min), ticks.max));
    grid.push(horizontal ? line(zero, top, zero, bottom, '#999') : line(left, zero, right, zero, '#999'));
    if (showCat) {
      catLines.forEach((ls, k) => {
        const c = catCenter(k);
        ls.forEach((l, j) => labels.push(horizontal ? text(left - 8, c + (j - (ls.length - 1) / 2) * lineH, l, { anchor: 'end' }) : text(c, bottom + 8 + FONT / 2 + j * lineH, l, { anchor: 'middle' })));
      });
    }
    // Bars: one slot per stack (all in one when barGap is −100%), the slots side by side in 80% of the band.
    const barSeries = p.series.filter(({ s }) => s.type === 'bar');
    const overlaid = barSeries.some(({ s }) => s.barGap === '-100%');
    const slots = overlaid ? ['*'] : [...new Set(barSeries.map(({ s, index }) => s.stack ?? `#${index}`))];
    const maxW = Math.min(...barSeries.map(({ s }) => s.barMaxWidth ?? Infinity));
    const barW = Math.min(maxW, (band * 0.8) / (slots.length + 0.3 * (slots.length - 1)));
    const slotOffset = (key: string) => {
      const i = overlaid ? 0 : slots.indexOf(key);
      const total = slots.length * barW + (slots.length - 1) * 0.3 * barW;
      return -total / 2 + i * 1.3 * barW;
    };
    for (const { s, index } of p.series) {
      const color = colorOf(s, index);
      if (s.type === 'bar') {
        const ext = bars.get(index) ?? [];
        const off = slotOffset(s.stack ?? `#${index}`);
        ext.forEach((e, k) => {
          if (!e) return;
          const c = catCenter(k) + off;
          const a = valPos(Math.min(e[0], e[1])), b = valPos(Math.max(e[0], e[1]));
          const v = valueOf(s.data[k]) as number;
          const tip = `${cats[k] ?? ''}${s.name ? ` · ${s.name}` : ''}: ${tickText(v)}`;
          if (v !== 0) marks.push(horizontal ? `<rect x="${r2(a)}" y="${r2(c)}" width="${r2(b - a)}" height="${r2(barW)}" fill="${color}"><title>${escapeXml(tip)}</title></rect>` : `<rect x="${r2(c)}" y="${r2(b)}" width="${r2(barW)}" height="${r2(a - b)}" fill="${color}"><title>${escapeXml(tip)}</title></rect>`);
          const d = s.data[k];
          const lab = { ...s.label, ...(d !== null && typeof d === 'object' && !Array.isArray(d) ? d.label : undefined) };
          if (!lab.show) return;
          const t = lab.formatter ? lab.formatter({ value: v, dataIndex: k, seriesName: s.name ?? '' }) : tickText(v);
          if (!t) return;
          const mid = c + barW / 2;
          const fill = lab.color ?? '#333';
          if (!horizontal) labels.push(text(mid, Math.min(valPos(e[0]), valPos(e[1])) - 5 - FONT / 2, t, { anchor: 'middle', fill }));
          else if (lab.position === 'insideLeft') labels.push(text(a + 5, mid, t, { fill }));
          else if (lab.position === 'left') labels.push(text(valPos(e[1]) - 5, mid, t, { anchor: 'end', fill }));
          else labels.push(text(valPos(e[1]) + 5, mid, t, { fill }));
        });
      } else if (s.type === 'scatter') {
        s.data.forEach((d, k) => {
          const v = valueOf(d);
          if (v === null || !Number.isFinite(v)) return;
          const [x, y] = horizontal ? [valPos(v), catCenter(k)] : [catCenter(k), valPos(v)];
          marks.push(`<g>${diamond(x, y, s.symbolSize ?? 10, color)}<title>${escapeXml(`${cats[k] ?? ''} · ${s.name ?? ''}: ${tickText(v)}`)}</title></g>`);
        });
      } else if (s.type === 'custom' && s.renderItem) {
        s.data.forEach((d, k) => {
          const row = (Array.isArray(d) ? d : []) as (number | null)[];
          const api: RenderApi = {
            value: (dim) => (typeof row[dim] === 'number' ? (row[dim] as number) : NaN),
            coord: ([v, cat]) => (horizontal ? [valPos(v), catCenter(cat)] : [catCenter(cat), valPos(v)]),
          };
          for (const ch of s.renderItem!({ dataIndex: k }, api).children) {
            const st = ch.style ?? {};
            if (ch.type === 'line' && ch.shape) marks.push(line(ch.shape.x1, ch.shape.y1, ch.shape.x2, ch.shape.y2, st.stroke ?? color, ` stroke-width="${st.lineWidth ?? 1}"`));
            else if (ch.type === 'text' && st.text) labels.push(text(st.x ?? 0, st.y ?? 0, st.text, { fill: st.fill ?? '#333' }));
          }
        });
      }
      // A mark line at a category (the scope change of a series), labelled at its left near the plot's top.
      for (const [m, at] of (s.markLine?.data ?? []).entries()) {
        const k = cats.indexOf(at.xAxis);
        if (k < 0 || horizontal) continue;
        const x = catCenter(k), stroke = s.markLine?.lineStyle?.color ?? '#c0392b';
        marks.push(line(x, top, x, bottom, stroke, ' stroke-dasharray="5 4"'));
        const t = s.markLine?.label?.formatter?.({ dataIndex: m }) ?? at.xAxis;
        labels.push(text(x - barW / 2 - 6, top + 10, t, { anchor: 'end', fill: s.markLine?.label?.color ?? stroke }));
      }
    }
    body.push(`<g>${grid.join('')}</g><g>${marks.join('')}</g><g>${labels.join('')}</g>`);
  });
  for (const t of list(o.title)) body.push(text(len(t.left, W, 0), (t.top ?? 0) + (t.textStyle?.fontSize ?? FONT) / 2 + 1, t.text, { fill: t.textStyle?.color ?? '#333', size: t.textStyle?.fontSize ?? FONT }));
  body.push(legendSvg(o, W, colorOf));
  const label = o.aria?.label?.description;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img"${label ? ` aria-label="${escapeXml(label)}"` : ''} font-family="${CHART_FONT}" font-size="${FONT}">\n${body.join('\n')}\n</svg>`;
}
