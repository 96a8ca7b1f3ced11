// Extra files a run writes beside results.json (report.html, tables.xlsx, charts): each producer
// gets the results and returns name → contents. Presentation modules register here.
import type { StudyResults } from '../study/types.ts';
import type { Lang } from '../locale/index.ts';
import type { PreparedStudy } from '../data/loadStudyInputs.ts';
import type { VoucherResults } from '../study/vouchers/computeVouchers.ts';

export type ChartFormat = 'svg' | 'png';

export interface ArtifactContext {
  results: StudyResults;
  prepared: PreparedStudy;
  lang: Lang;
  /** Chart image formats to write under charts/ (default ['svg']; 'png' needs Chromium and takes seconds). */
  charts?: ChartFormat[];
  /** Told as the long steps go: each chart rendered (both languages), each PNG exported, the workbook written (1 of 1). */
  onStep?: (step: 'charts' | 'png' | 'tables', done: number, total: number) => void;
  /** The voucher results of a study with transactions too: report.html combines both parts. */
  vouchers?: VoucherResults;
}
export type ArtifactProducer = (ctx: ArtifactContext) => Promise<Record<string, string | Uint8Array>>;

/**
 * parseChartFormats("svg,png") → ['svg', 'png']; "none" → []. For `spillover run --charts LIST`
 * (callers that pass no ctx.charts, such as tests, may set the environment variable SPILLOVER_CHARTS).
 */
export function parseChartFormats(v: string | undefined): ChartFormat[] {
  if (v === undefined) return ['svg'];
  if (v.trim() === 'none') return [];
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of list) if (f !== 'svg' && f !== 'png') throw new Error(`--charts: expected a list of svg, png (or none), got ${JSON.stringify(v)}`);
  return [...new Set(list)] as ChartFormat[];
}

/** report.html (both languages, `lang` shown first), tables.xlsx (in `lang`) and charts/<id>-<lang>.svg|png. */
const report: ArtifactProducer = async ({ results, lang, charts, onStep, vouchers }) => {
  const { renderReport, renderChartSvgs, tablesWorkbook } = await import('../report/index.ts');
  const formats = charts ?? parseChartFormats(process.env.SPILLOVER_CHARTS);
  const svgs = renderChartSvgs(results, onStep && ((done, total) => onStep('charts', done, total)));
  onStep?.('tables', 0, 1);
  const files: Record<string, string | Uint8Array> = { 'report.html': renderReport(results, lang, svgs, vouchers), 'tables.xlsx': await tablesWorkbook(results, lang) };
  onStep?.('tables', 1, 1);
  const named: Record<string, string> = {};
  for (const [id, s] of svgs) for (const l of ['zh', 'en'] as const) named[`charts/${id}-${l}`] = s[l];
  if (formats.includes('svg')) for (const [name, svg] of Object.entries(named)) files[`${name}.svg`] = svg;
  if (formats.includes('png')) {
    const { chartPngs } = await import('../report/chartPngs.ts');
    onStep?.('png', 0, Object.keys(named).length);
    for (const [name, png] of Object.entries(await chartPngs(named, onStep && ((done, total) => onStep('png', done, total))))) files[`${name}.png`] = png;
  }
  return files;
};

export const artifactProducers: ArtifactProducer[] = [report];
