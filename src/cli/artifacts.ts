// Extra files a run writes beside results.json (report.html, tables.xlsx, charts), name → contents:
// the charts first, which read no coverage check (earlyArtifacts), then report.html, tables.xlsx and the PNGs.
import type { StudyResults } from '../study/types.ts';
import type { Lang } from '../locale/index.ts';
import type { PreparedStudy } from '../data/loadStudyInputs.ts';
import type { VoucherResults } from '../study/vouchers/computeVouchers.ts';
import { LocalizedError } from '../locale/errorText.ts';

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

/**
 * parseChartFormats("svg,png") → ['svg', 'png']; "none" → []. For `spillover run --charts LIST`
 * (callers that pass no ctx.charts, such as tests, may set the environment variable SPILLOVER_CHARTS).
 */
export function parseChartFormats(v: string | undefined): ChartFormat[] {
  if (v === undefined) return ['svg'];
  if (v.trim() === 'none') return [];
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of list) if (f !== 'svg' && f !== 'png') throw new LocalizedError({ zh: `--charts：应为 svg、png 的列表（或 none），而不是 ${JSON.stringify(v)}`, en: `--charts: expected a list of svg, png (or none), got ${JSON.stringify(v)}` });
  return [...new Set(list)] as ChartFormat[];
}

/** The charts of a run (both languages), which read no coverage check. */
export type EarlyArtifacts = Map<string, { zh: string; en: string }>;

/**
 * The charts, which read no coverage check: `spillover run` draws them while the check's thread still runs
 * (runStudy's whileChecking); report.html, tables.xlsx (its coverage sheet) and the PNGs follow in `reportArtifacts`.
 */
export async function earlyArtifacts({ results, onStep }: ArtifactContext): Promise<EarlyArtifacts> {
  const { renderChartSvgs } = await import('../report/index.ts');
  return renderChartSvgs(results, onStep && ((done, total) => onStep('charts', done, total)));
}

/** report.html (both languages, `lang` shown first), tables.xlsx (in `lang`) and charts/<id>-<lang>.svg|png, from the charts drawn. */
export async function reportArtifacts({ results, lang, charts, onStep, vouchers }: ArtifactContext, svgs: EarlyArtifacts): Promise<Record<string, string | Uint8Array>> {
  const { renderReport, tablesWorkbook } = await import('../report/index.ts');
  const formats = charts ?? parseChartFormats(process.env.SPILLOVER_CHARTS);
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
}

/** The report's files in one step: earlyArtifacts, then reportArtifacts. */
export const reportFiles = async (ctx: ArtifactContext): Promise<Record<string, string | Uint8Array>> => reportArtifacts(ctx, await earlyArtifacts(ctx));
