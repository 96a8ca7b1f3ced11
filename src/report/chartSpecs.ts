// ONE description of each chart, as an ECharts option per language: the report renders it to SVG on
// the server (renderChartSvg), the dashboard hands the same option to ECharts in the browser.
// Values are in each language's display units (万个 / million jobs, 亿元 / billion yuan, %).
import type { CustomSeriesOption } from 'echarts';
import type { Label } from '../study/types.ts';
import { T } from './i18n.ts';
import type { Lang } from '../locale/index.ts';
import { indicators, sectorImpacts, seriesRows, type ExtendedResults } from './optionalParts.ts';
import { headlineGrowth, headlineOf } from '../study/model/index.ts';
import { ciLabel, levelPct } from './netParts.ts';
import { tornadoChart } from './tornadoChart.ts';
import { CHART_FONT, PALETTE, WIDTH, amountAxis, base, catAxis, fmt1, r1, rowsHeight, scaleOf, sectorLabel, type ChartSpec } from './chartBase.ts';

type Scale = ReturnType<typeof scaleOf>;

export { CHART_FONT, type ChartSpec };


/**
 * Horizontal error bars (at the results' interval level) over category bars (custom series), one per row (null = none), each
 * followed by the row's value label (placed after the whisker so that the two never overlap). The
 * quantities are non-negative and their axis starts at 0: a lower bound below 0 (a symmetric
 * interval of a skewed estimate) is drawn to 0 without an end cap; the table gives the bound.
 */
function errorBars(lang: Lang, level: number, intervals: ([number, number] | null)[], values: (number | null)[]): CustomSeriesOption {
  const renderItem: CustomSeriesOption['renderItem'] = (_params, api) => {
    const k = api.value(0), lo = api.value(1), hi = api.value(2), v = api.value(3);
    const children: NonNullable<Extract<ReturnType<NonNullable<CustomSeriesOption['renderItem']>>, { type: 'group' }>['children']> = [];
    // ECharts hands missing values back as NaN.
    const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
    const has = finite(lo) && finite(hi);
    const style = { stroke: '#222', lineWidth: 1.5 };
    let end = finite(v) ? api.coord([v, k])[0] : 0;
    if (has) {
      const a = api.coord([Math.max(0, lo), k]), b = api.coord([hi, k]);
      const h = 6;
      children.push(
        { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style },
        ...(lo >= 0 ? [{ type: 'line' as const, shape: { x1: a[0], y1: a[1] - h, x2: a[0], y2: a[1] + h }, style }] : []),
        { type: 'line', shape: { x1: b[0], y1: b[1] - h, x2: b[0], y2: b[1] + h }, style },
      );
      end = Math.max(end, b[0]);
    }
    if (finite(v)) children.push({ type: 'text', style: { text: fmt1(v), x: end + 6, y: api.coord([0, k])[1], verticalAlign: 'middle', fill: '#333', font: `12px ${CHART_FONT}` } });
    return { type: 'group', children };
  };
  return {
    name: ciLabel(level)[lang],
    type: 'custom',
    itemStyle: { color: '#222' },
    data: intervals.map((iv, k) => [k, iv ? iv[0] : null, iv ? iv[1] : null, values[k]]),
    renderItem,
    encode: { x: [1, 2], y: 0 },
    z: 10,
  };
}

function jobsByYear(r: ExtendedResults): ChartSpec | null {
  const rows = seriesRows(r);
  if (!rows) return null;
  const years = rows.map((y) => String(y.year));
  const growth = headlineGrowth(rows);
  const split = (y: (typeof rows)[number]) => y.figures['jobs.direct'] !== undefined && y.figures['jobs.indirect'] !== undefined;
  // Bars: direct (+ indirect when published) or the total alone; the label is the year's headline value.
  const directOnly = (y: (typeof rows)[number]) => !split(y) && headlineOf(y)?.scope === 'direct';
  const changes = growth.filter((g) => g.scopeChange);
  return {
    id: 'jobs_by_year',
    title: { zh: '历年带动就业（直接／间接）', en: 'Jobs by year (direct / indirect)' },
    table: 'series',
    width: WIDTH,
    height: 340,
    option: (lang) => {
      const stack = (name: string, data: (number | null)[]) => ({ name, type: 'bar' as const, stack: 'jobs', data, barMaxWidth: 48 });
      const anyTotalOnly = rows.some((y) => !split(y) && !directOnly(y));
      const J = scaleOf(lang, 'persons', rows.flatMap((y) => [y.figures['jobs.total'], y.figures['jobs.direct'], headlineOf(y)?.value]));
      const scopeName = (s: string) => (lang === 'zh' ? { direct: '直接', total: '合计', component: '组成部分' } : { direct: 'direct', total: 'total', component: 'component' })[s as 'direct'];
      return {
        ...base(lang, true),
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: years, axisTick: { show: false } },
        yAxis: { ...amountAxis(J.unit), nameTextStyle: { color: '#666', align: 'left' } },
        series: [
          stack(lang === 'zh' ? '直接' : 'Direct', rows.map((y) => (split(y) || directOnly(y) ? J.v(y.figures['jobs.direct']) : null))),
          stack(lang === 'zh' ? '间接' : 'Indirect', rows.map((y) => (split(y) ? J.v(y.figures['jobs.indirect']) : null))),
          ...(anyTotalOnly ? [{ ...stack(lang === 'zh' ? '合计（未分直接／间接）' : 'Total (split not published)', rows.map((y) => (split(y) || directOnly(y) ? null : J.v(y.figures['jobs.total'])))), itemStyle: { color: '#b9c3cf' } }] : []),
          {
            name: '', type: 'bar' as const, stack: 'jobs', data: rows.map(() => 0), tooltip: { show: false },
            label: { show: true, position: 'top' as const, color: '#333', formatter: (p: { dataIndex: number }) => { const h = headlineOf(rows[p.dataIndex]); return h ? fmt1(J.v(h.value)) : ''; } },
            // A scope change is marked where it happens, as the series table flags it.
            ...(changes.length ? { markLine: { symbol: 'none', silent: true, lineStyle: { color: '#c0392b', type: 'dashed' as const }, label: { formatter: (p: { dataIndex: number }) => { const c = changes[p.dataIndex].scopeChange!; return lang === 'zh' ? `口径变化：${scopeName(c.from)}→${scopeName(c.to)}` : `scope: ${scopeName(c.from)} → ${scopeName(c.to)}`; }, color: '#c0392b' }, data: changes.map((g) => ({ xAxis: String(g.year) })) } } : {}),
          },
        ],
      };
    },
  };
}

/** Sampling interval of a figure in display units (万 or 亿), or null. */
const ciOf = (r: ExtendedResults, id: string, scale: (v: number) => number | null): [number, number] | null => {
  const c = r.figures[id]?.ci;
  return c ? [scale(c[0]) as number, scale(c[1]) as number] : null;
};

function composition(r: ExtendedResults): ChartSpec {
  const cs = r.components;
  const intervals = (J: Scale) => cs.map((c) => ciOf(r, `jobs.${c.kind === 'provider' ? 'providers' : 'operators'}.${c.id}`, J.v));
  return {
    id: 'composition',
    title: { zh: '直接就业构成（全职／兼职）', en: 'Direct jobs by component (full-time / part-time)' },
    table: 'components',
    width: WIDTH,
    height: rowsHeight(cs.length, true),
    option: (lang) => { const J = scaleOf(lang, 'persons', cs.map((c) => c.jobs)), ci = intervals(J); return {
      ...base(lang, true),
      xAxis: amountAxis(J.unit),
      yAxis: catAxis(cs.map((c) => c.label[lang]), 230, 'break'),
      series: [
        { name: lang === 'zh' ? '全职' : 'Full-time', type: 'bar', stack: 'c', data: cs.map((c) => J.v(c.fulltime)), barMaxWidth: 22 },
        { name: lang === 'zh' ? '兼职' : 'Part-time', type: 'bar', stack: 'c', data: cs.map((c) => J.v(c.parttime)), barMaxWidth: 22, label: { show: !ci.some(Boolean), position: 'right', color: '#333', formatter: (p: { dataIndex: number }) => fmt1(J.v(cs[p.dataIndex].jobs)) } },
        ...(ci.some(Boolean) ? [errorBars(lang, r.intervals.level, ci, cs.map((c) => J.v(c.jobs)))] : []),
      ],
    }; },
  };
}

function consumption(r: ExtendedResults): ChartSpec {
  const cs = r.consumption;
  const intervals = (Y: Scale) => cs.map((c) => ciOf(r, `consumption.${c.id}`, Y.v));
  const of = (Y: Scale, kind: string) => cs.map((c) => (c.kind === kind ? Y.v(c.amount) : null));
  return {
    id: 'consumption',
    title: { zh: '带动消费（按类别）', en: 'Consumption driven, by category' },
    table: 'consumption',
    width: WIDTH,
    height: rowsHeight(cs.length, true),
    option: (lang) => { const Y = scaleOf(lang, 'yuan', cs.map((c) => c.amount)), ci = intervals(Y); return {
      ...base(lang, true),
      xAxis: amountAxis(Y.unit),
      yAxis: catAxis(cs.map((c) => c.label[lang])),
      series: [...(['information', 'traditional'] as const).map((k, i) => ({
        name: T[k][lang],
        type: 'bar' as const,
        stack: 'k',
        data: of(Y, k),
        barMaxWidth: 22,
        itemStyle: { color: PALETTE[i === 0 ? 0 : 2] },
        label: { show: !ci.some(Boolean), position: 'right' as const, color: '#333', formatter: (p: { value: unknown }) => fmt1(p.value) },
      })), ...(ci.some(Boolean) ? [errorBars(lang, r.intervals.level, ci, cs.map((c) => Y.v(c.amount)))] : [])],
    }; },
  };
}

function sectors(r: ExtendedResults): ChartSpec {
  // The folded "other sectors" row stays in the table; in the chart it would dwarf the rest.
  const all = sectorImpacts(r, 15);
  const folded = all.find((x) => x.folded);
  const s = all.filter((x) => !x.folded);
  const anyInduced = s.some((x) => x.induced > 0);
  const anyJobs = s.some((x) => x.jobs !== null);
  const h = rowsHeight(s.length, anyInduced) + 24;
  return {
    id: 'sectors',
    title: r.sectors?.length ? { zh: '间接产出与间接就业（按产出部门）', en: 'Indirect output and jobs, by producing IO sector' } : { zh: '诱发产出与间接就业（按投入产出部门）', en: 'Induced output and indirect jobs, by IO sector' },
    table: 'sectors',
    width: WIDTH,
    height: h,
    option: (lang) => {
      const cats = s.map((x) => (x.code ? sectorLabel(x.code, x.name, lang) : x.name[lang]));
      const Y = scaleOf(lang, 'yuan', s.map((x) => x.indirect + x.induced)), J = scaleOf(lang, 'persons', s.map((x) => x.jobs));
      const top = anyInduced ? 58 : 40;
      const grid = (left: string, width: string) => ({ left, width, top, bottom: 8, containLabel: true });
      const label = { show: true, position: 'right' as const, color: '#333', formatter: (p: { value: unknown }) => fmt1(p.value) };
      const heading = (text: string, left: string) => ({ text, left, top: anyInduced ? 24 : 4, textStyle: { fontSize: 12, fontWeight: 'normal' as const, color: '#555', fontFamily: CHART_FONT } });
      return {
        ...base(lang, anyInduced),
        title: [heading(lang === 'zh' ? `产出（亿元）${folded ? `：前 ${s.length} 个部门，其余 ${folded.folded} 个见下表` : ''}` : `Output (${Y.unit})${folded ? `: top ${s.length} sectors; the other ${folded.folded} in the table` : ''}`, '0%'), ...(anyJobs ? [heading(lang === 'zh' ? '间接就业（万个）' : `Indirect jobs (${J.unit})`, '66%')] : [])],
        grid: anyJobs ? [grid('2%', '58%'), grid('66%', '28%')] : [grid('2%', '90%')],
        xAxis: anyJobs ? [{ ...amountAxis(''), gridIndex: 0 }, { ...amountAxis(''), gridIndex: 1 }] : [{ ...amountAxis(''), gridIndex: 0 }],
        yAxis: anyJobs ? [{ ...catAxis(cats), gridIndex: 0 }, { ...catAxis(cats), gridIndex: 1, axisLabel: { show: false } }] : [{ ...catAxis(cats), gridIndex: 0 }],
        series: [
          { name: lang === 'zh' ? '间接产出' : 'Indirect output', type: 'bar', stack: 'out', xAxisIndex: 0, yAxisIndex: 0, data: s.map((x) => Y.v(x.indirect)), barMaxWidth: 20, itemStyle: { color: PALETTE[0] }, label: anyInduced ? undefined : label },
          ...(anyInduced ? [{ name: lang === 'zh' ? '引致产出（II型）' : 'Induced output (Type II)', type: 'bar' as const, stack: 'out', xAxisIndex: 0, yAxisIndex: 0, data: s.map((x) => Y.v(x.induced)), barMaxWidth: 20, itemStyle: { color: PALETTE[1] }, label: { ...label, formatter: (p: { dataIndex: number }) => fmt1(Y.v(s[p.dataIndex].indirect + s[p.dataIndex].induced)) } }] : []),
          ...(anyJobs ? [{ name: lang === 'zh' ? '间接就业' : 'Indirect jobs', type: 'bar' as const, xAxisIndex: 1, yAxisIndex: 1, data: s.map((x) => J.v(x.jobs)), barMaxWidth: 20, itemStyle: { color: PALETTE[4] }, label }] : []),
        ],
      };
    },
  };
}

function indicatorChart(r: ExtendedResults): ChartSpec | null {
  const ind = indicators(r);
  if (ind.length === 0) return null;
  const pct = (v: number | undefined) => (v === undefined ? null : r1(v * 100));
  return {
    id: 'indicators',
    title: { zh: `调查指标（含 ${levelPct(r.intervals.level)}% 置信区间）`, en: `Survey indicators (with ${levelPct(r.intervals.level)}% confidence intervals)` },
    table: 'indicators',
    width: WIDTH,
    height: rowsHeight(ind.length, true),
    option: (lang) => {
      const cats = ind.map((i) => (i.domain ? `${i.label[lang]}（${i.domain[lang]}）` : i.label[lang]));
      return {
        ...base(lang, true),
        xAxis: { ...amountAxis('%'), max: 100 },
        yAxis: catAxis(cats, 300, 'break'),
        series: [
          { name: lang === 'zh' ? '估计值' : 'Estimate', type: 'bar', data: ind.map((i) => pct(i.estimate)), barMaxWidth: 18, label: { show: true, position: 'insideLeft', color: '#fff', formatter: (p: { value: unknown }) => fmt1(p.value) } },
          errorBars(lang, r.intervals.level, ind.map((i) => (i.ci ? [pct(i.ci[0]) as number, pct(i.ci[1]) as number] : null)), ind.map(() => null)),
          ...(ind.some((i) => i.published !== undefined) ? [{ name: lang === 'zh' ? '原报告' : 'Published', type: 'scatter' as const, symbol: 'diamond', symbolSize: 11, itemStyle: { color: PALETTE[2] }, data: ind.map((i) => pct(i.published)), z: 11 }] : []),
        ],
      };
    },
  };
}

/**
 * chartSpecs(results) → the report's charts in order: jobs by year (only when the study declares a
 * series), composition by component, consumption by category, induced output and jobs by IO sector,
 * survey indicators (only when present), the tornado of the uncertainty analysis (only when
 * present; shown in the uncertainty section). Each names the table shown beneath it.
 */
export function chartSpecs(r: ExtendedResults): ChartSpec[] {
  return [jobsByYear(r), composition(r), consumption(r), sectors(r), indicatorChart(r), tornadoChart(r)].filter((c): c is ChartSpec => c !== null);
}
