// The tornado chart of the uncertainty analysis: one bar per parameter, from the figure's central
// value to its value with that parameter at its low and at its high percentile (others central).
import { displayUnitFor, kindOfUnit, type Lang } from '../locale/index.ts';
import type { ExtendedResults } from './optionalParts.ts';
import { capitalize, levelPct, parameterLabel } from './netParts.ts';
import { PALETTE, WIDTH, base, catAxis, fmt1, rowsHeight, valueAxis, type ChartSpec } from './chartBase.ts';

/** Parameters shown in the chart (all of them are in the table beneath). */
export const TORNADO_ROWS = 12;

/**
 * tornadoChart(results) → the chart spec (id 'tornado', table 'tornado'), or null without
 * results.uncertainty.tornado. Bars are changes from the central value in display units (万个 / million jobs or 亿元 / billion yuan),
 * the low and high ends of each parameter overlaid in one slot (barGap −100%), so they sit on either
 * side of zero; each bar ends with the figure's value there. Rows with zero swing (fixed parameters) are left out of the chart.
 */
export function tornadoChart(r: ExtendedResults): ChartSpec | null {
  const t = r.uncertainty?.tornado;
  const f = t ? r.figures[t.figure] : undefined;
  if (!t || !f) return null;
  const kind = kindOfUnit(f.unit);
  // One scale per language for the chart (English by the central value's magnitude).
  const scale = (lang: Lang) => displayUnitFor(kind, lang, [t.base]);
  const round = (lang: Lang, v: number) => { const d = scale(lang), k = 10 ** d.decimals; return Math.round(d.show(v) * k) / k; };
  const rows = t.rows.filter((x) => x.swing > 0).slice(0, TORNADO_ROWS);
  const unit = (lang: Lang) => (kind === 'persons' || kind === 'yuan' ? (scale(lang).unit ?? '') : '');
  const p = levelPct(t.p), q = levelPct(1 - t.p);
  return {
    id: 'tornado',
    title: { zh: `哪些假设最影响${f.label.zh}（龙卷风图）`, en: `Which assumptions move ${f.label.en} most (tornado)` },
    table: 'tornado',
    width: WIDTH,
    height: rowsHeight(rows.length, true) + 24,
    option: (lang) => {
      // Each bar's label (the figure's value there) sits past its end, on the side its change points to.
      const end = (at: 'figureAtLow' | 'figureAtHigh') => ({ show: true, color: '#333', formatter: (x: { dataIndex: number }) => fmt1(round(lang, rows[x.dataIndex][at])) });
      const series = (at: 'figureAtLow' | 'figureAtHigh', name: string, color: string) => ({
        name,
        type: 'bar' as const,
        barGap: '-100%',
        barMaxWidth: 20,
        itemStyle: { color },
        label: end(at),
        data: rows.map((x) => {
          const v = round(lang, x[at] - t.base);
          return { value: v, label: { position: (v < 0 ? 'left' : 'right') as 'left' | 'right' } };
        }),
      });
      const low = series('figureAtLow', lang === 'zh' ? `参数取第 ${p} 百分位` : `parameter at its ${p}th percentile`, PALETTE[0]);
      const high = series('figureAtHigh', lang === 'zh' ? `参数取第 ${q} 百分位` : `parameter at its ${q}th percentile`, PALETTE[2]);
      const b = base(lang, true);
      return {
        ...b,
        // Server-side text widths are estimates: a wider gap keeps the two long legend entries apart.
        legend: { ...(b.legend as object), itemGap: 28 },
        title: { text: lang === 'zh' ? `与中心值 ${fmt1(round(lang, t.base))} ${unit(lang)} 之差（${unit(lang)}）` : `Change from the central value ${fmt1(round(lang, t.base))} (${unit(lang)})`, left: 0, top: 24, textStyle: { fontSize: 12, fontWeight: 'normal' as const, color: '#555' } },
        grid: { left: 20, right: 64, top: 58, bottom: 8, containLabel: true },
        // Room past each bar end for its value label.
        xAxis: { ...valueAxis(''), boundaryGap: ['18%', '18%'] as [string, string], axisLabel: { color: '#666', formatter: (v: number) => (v > 0 ? `+${v}` : String(v)) } },
        yAxis: catAxis(rows.map((x) => capitalize(parameterLabel(r, x.parameter))[lang]), 260, 'break'),
        series: [low, high],
      };
    },
  };
}
