// Server-side rendering of a chart description to SVG with ECharts' SSR renderer (no DOM, no canvas).
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import type { ChartSpec } from './chartSpecs.ts';
import type { Lang } from './format.ts';

// The prebuilt minified bundle loads in ~80 ms; the package's ESM entry takes ~1 s under the tsx loader.
let lib: typeof Echarts | undefined;
const echarts = () => (lib ??= createRequire(import.meta.url)('echarts/dist/echarts.min.js') as typeof Echarts);

/**
 * renderChartSvg(spec, 'zh') → "<svg width=760 …>…</svg>", deterministic for the same spec (animation
 * off, one chart instance at a time). Element ids are made unique per chart with `idPrefix` so that
 * several SVGs can be inlined in one page.
 */
export function renderChartSvg(spec: ChartSpec, lang: Lang): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option(lang));
    const svg = chart.renderToSVGString();
    return svg.replace(/zr\d+-/g, `${spec.id}-${lang}-`);
  } finally {
    chart.dispose();
  }
}
