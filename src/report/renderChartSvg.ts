// Server-side rendering of a chart description to SVG with ECharts' SSR renderer (no DOM, no canvas).
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import type { ChartSpec } from './chartSpecs.ts';
import type { Lang } from '../locale/index.ts';

// The prebuilt minified bundle loads in ~80 ms; the package's ESM entry takes ~1 s under the tsx loader.
let lib: typeof Echarts | undefined;
const echarts = () => (lib ??= createRequire(import.meta.url)('echarts/dist/echarts.min.js') as typeof Echarts);

/**
 * renderChartSvg(spec, 'zh') → "<svg width=940 …>…</svg>", deterministic for the same spec (animation
 * off, one chart instance at a time, counters renumbered). Element ids and classes are prefixed with the chart id and
 * language so that several SVGs can be inlined in one page.
 */
export function renderChartSvg(spec: ChartSpec, lang: Lang): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option(lang));
    const svg = chart.renderToSVGString();
    // zrender numbers instances and hover-style classes with process-wide counters: renumber them
    // per chart so that the same chart gives the same bytes whatever was rendered before it.
    const cls = new Map<string, number>();
    return svg.replace(/zr\d+-/g, `${spec.id}-${lang}-`).replace(/-cls-(\d+)/g, (_m, n: string) => {
      if (!cls.has(n)) cls.set(n, cls.size);
      return `-cls-${cls.get(n)}`;
    });
  } finally {
    chart.dispose();
  }
}
