// The report's own SVG chart writer: nice ticks, text widths and wrapping, and the geometry it draws from
// an ECharts option (bars proportional to their values from the axis' 0, stacks, overlaid bars, error
// bars through the custom series' renderItem, labels, mark line, legend, accessibility).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderChartSvg } from '../../src/report/renderChartSvg.ts';
import { niceStep, niceTicks } from '../../src/report/niceTicks.ts';
import { textWidth, wrapText } from '../../src/report/textWidth.ts';
import { amountAxis, base, catAxis, fmt1, type ChartSpec } from '../../src/report/chartBase.ts';

const spec = (option: ChartSpec['option'], height = 200): ChartSpec => ({ id: 't', title: { zh: 't', en: 't' }, table: 't', width: 600, height, option });
const attrs = (tag: string): Record<string, string> => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
const rects = (svg: string) => [...svg.matchAll(/<rect [^>]*>/g)].map((m) => attrs(m[0])).filter((a) => a.rx === undefined).map((a) => ({ x: +a.x, y: +a.y, w: +a.width, h: +a.height, fill: a.fill }));
const texts = (svg: string) => [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m): Record<string, string> => ({ ...attrs(m[1]), s: m[2] }));

test('niceTicks: nice steps (1, 2, 3, 5 × 10^k), 0 included, fixed ends kept, no float noise', () => {
  assert.equal(niceStep(37, 5), 10);
  assert.equal(niceStep(29.63, 5), 5);
  assert.equal(niceStep(0.9, 5), 0.2);
  assert.deepEqual(niceTicks(0, 29.63), { min: 0, max: 30, step: 5, values: [0, 5, 10, 15, 20, 25, 30] });
  assert.deepEqual(niceTicks(-2.3, 2.2).values, [-3, -2, -1, 0, 1, 2, 3]);
  assert.deepEqual(niceTicks(12, 70.3, { min: 0, max: 100 }).values, [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(0, 0.7).values, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  assert.deepEqual(niceTicks(0, 0).values, [0, 0.2, 0.4, 0.6, 0.8, 1]);
});

test('textWidth and wrapText: CJK one em, Latin narrower; wrap at spaces or between CJK characters; truncate with …', () => {
  assert.equal(textWidth('微信', 12), 24);
  assert.ok(textWidth('WeChat', 12) > 30 && textWidth('WeChat', 12) < 50);
  assert.deepEqual(wrapText('Population count: Official Accounts', 120, 12, 'break'), ['Population count:', 'Official Accounts']);
  const zh = wrapText('微信公众平台（订阅号、服务号）带动的就业', 100, 12, 'break');
  assert.ok(zh.length > 1 && zh.every((l) => textWidth(l, 12) <= 100), JSON.stringify(zh));
  assert.equal(zh.join(''), '微信公众平台（订阅号、服务号）带动的就业');
  const cut = wrapText('126 Monetary finance and other financial services', 150, 12, 'truncate');
  assert.equal(cut.length, 1);
  assert.ok(cut[0].endsWith('…') && textWidth(cut[0], 12) <= 150);
  assert.deepEqual(wrapText('short', 150, 12, 'truncate'), ['short']);
});

test('horizontal stacked bars: from the axis 0, lengths proportional to values, labels at the stack end, error bars at their coordinates', () => {
  const svg = renderChartSvg(spec((lang) => ({
    ...base(lang, true),
    xAxis: amountAxis('万个'),
    yAxis: catAxis(['甲组', 'B group'], 200, 'break'),
    series: [
      { name: 'Full', type: 'bar', stack: 's', data: [10, 4], barMaxWidth: 22 },
      { name: 'Part', type: 'bar', stack: 's', data: [25, null], barMaxWidth: 22, label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => fmt1([35, 4][p.dataIndex]) } },
      {
        name: 'CI', type: 'custom', data: [[0, 30, 38, 35]], encode: { x: [1, 2], y: 0 },
        renderItem: (_p: unknown, api: { value(d: number): number; coord(p: number[]): number[] }) => {
          const a = api.coord([api.value(1), api.value(0)]), b = api.coord([api.value(2), api.value(0)]);
          return { type: 'group', children: [{ type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: '#222', lineWidth: 1.5 } }] };
        },
      },
    ],
  }) as never), 'en');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="600" height="200" viewBox="0 0 600 200" role="img" aria-label="Chart; the data are in the table below"/);
  assert.doesNotMatch(svg, / (id|class)="/);
  for (const tag of ['text', 'g', 'svg', 'rect']) assert.equal((svg.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length, (svg.match(new RegExp(`</${tag}>|<${tag}[^>]*/>`, 'g')) ?? []).length, `balanced <${tag}>`);
  // ticks 0…40 (the error bar's 38 widens the axis past the stack's 35)
  const tickLabels = texts(svg).filter((t) => t['text-anchor'] === 'middle').map((t) => t.s);
  assert.deepEqual(tickLabels, ['0', '10', '20', '30', '40']);
  const x0 = +texts(svg).find((t) => t.s === '0')!.x, x40 = +texts(svg).find((t) => t.s === '40')!.x;
  const px = (v: number) => x0 + (v / 40) * (x40 - x0);
  const bars = rects(svg);
  assert.equal(bars.length, 3); // the null is not drawn
  const [full0, full1, part0] = [bars.find((b) => b.w > 0 && Math.abs(b.x - x0) < 0.02 && Math.abs(b.w - (px(10) - x0)) < 0.02), bars.find((b) => Math.abs(b.w - (px(4) - x0)) < 0.02), bars.find((b) => Math.abs(b.x - px(10)) < 0.02)];
  assert.ok(full0 && full1 && part0, JSON.stringify(bars));
  assert.ok(Math.abs(part0.w - (px(35) - px(10))) < 0.02, 'stacked on the first segment');
  assert.ok(full0.y < full1.y, 'inverse category axis: the first category on top');
  assert.ok(full0.h <= 22, 'barMaxWidth');
  assert.equal(full0.fill, '#2f6db5');
  assert.equal(part0.fill, '#7fb0e0');
  const label = texts(svg).find((t) => t.s === '35.0')!;
  assert.ok(Math.abs(+label.x - (px(35) + 5)) < 0.02);
  const ci = attrs(svg.match(/<line [^>]*stroke-width="1.5"[^>]*>/g)!.find((l) => attrs(l).stroke === '#222' && +attrs(l).x1 !== +attrs(l).x2 && +attrs(l).y1 > 20)!);
  assert.ok(Math.abs(+ci.x1 - px(30)) < 0.02 && Math.abs(+ci.x2 - px(38)) < 0.02, JSON.stringify(ci));
  // the unit follows the last tick; legend entries in series order; tooltips on bars
  assert.ok(texts(svg).some((t) => t.s === '万个' && +t.x > x40));
  assert.deepEqual(texts(svg).filter((t) => ['Full', 'Part', 'CI'].includes(t.s)).map((t) => t.s), ['Full', 'Part', 'CI']);
  assert.match(svg, /<title>甲组 · Part: 25<\/title>/);
  assert.ok(texts(svg).some((t) => t.s === '甲组') && texts(svg).some((t) => t.s === 'B group'));
});

test('vertical bars: value axis from 0 upwards, the label above the stack, a mark line at its category; overlaid bars share one slot', () => {
  const svg = renderChartSvg(spec((lang) => ({
    ...base(lang, true),
    xAxis: { type: 'category', data: ['2018', '2019'] },
    yAxis: amountAxis('million jobs'),
    series: [
      { name: 'Direct', type: 'bar', stack: 'j', data: [20, 26] },
      { name: '', type: 'bar', stack: 'j', data: [0, 0], label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => ['20.0', '26.0'][p.dataIndex] }, markLine: { data: [{ xAxis: '2019' }], label: { formatter: () => 'scope change' } } },
    ],
  }) as never, 300), 'en');
  const bars = rects(svg);
  assert.equal(bars.length, 2, 'zero-height bars are not drawn');
  const [a, b] = bars;
  assert.ok(Math.abs(a.y + a.h - (b.y + b.h)) < 0.02, 'both stand on the axis');
  assert.ok(Math.abs(a.h / b.h - 20 / 26) < 1e-3);
  const top = texts(svg).find((t) => t.s === '26.0')!;
  assert.ok(+top.y < b.y && Math.abs(+top.x - (b.x + b.w / 2)) < 0.02);
  // the two categories centred in the two halves of the plot (its width from the split lines)
  const split = attrs(svg.match(/<line [^>]*stroke="#e6e6e6"[^>]*>/)![0]);
  const [left, right] = [+split.x1, +split.x2];
  const cx = (s: string) => +texts(svg).find((t) => t.s === s)!.x;
  assert.ok(Math.abs(cx('2018') - (left + (right - left) / 4)) < 0.02 && Math.abs(cx('2019') - (left + (3 * (right - left)) / 4)) < 0.02);
  assert.ok(Math.abs(b.x + b.w / 2 - cx('2019')) < 0.02);
  assert.ok(texts(svg).some((t) => t.s === 'scope change'));
  assert.match(svg, /stroke-dasharray/);
  assert.ok(!texts(svg).some((t) => t.s === ''), 'unnamed series not in the legend');
  const torn = renderChartSvg(spec((lang) => ({
    ...base(lang, true),
    xAxis: { type: 'value', boundaryGap: ['18%', '18%'] },
    yAxis: catAxis(['p']),
    series: [{ name: 'low', type: 'bar', barGap: '-100%', data: [-2] }, { name: 'high', type: 'bar', barGap: '-100%', data: [3] }],
  }) as never), 'en');
  const [lo, hi] = rects(torn);
  assert.equal(lo.y, hi.y, 'one slot');
  assert.ok(Math.abs(lo.x + lo.w - hi.x) < 0.02, 'the two meet at 0');
  assert.ok(texts(torn).some((t) => t.s === '-3') && texts(torn).some((t) => t.s === '4'), 'both sides widened by 18% and rounded to nice ticks');
});
