// report.html: one self-contained bilingual file (inline CSS, inline SVG charts, a few lines of JS
// for the zh/en switch). No network: no CDN, no web fonts (system CJK fonts, e.g. fonts-noto-cjk).
import type { Lang } from '../locale/index.ts';
import { bi, esc, T } from './i18n.ts';
import { reportBody, pageTitle } from './reportBody.ts';
import { chartSpecs } from './chartSpecs.ts';
import { renderChartSvg } from './renderChartSvg.ts';
import { REPORT_CSS } from './styles.ts';
import type { ExtendedResults } from './optionalParts.ts';
import type { VoucherResults } from '../study/vouchers/computeVouchers.ts';

/** The zh/en switch: buttons with data-set-lang; the choice is remembered in the URL hash (#en). */
export const LANG_SCRIPT = `(function(){var h=document.documentElement;function set(l){h.setAttribute('data-lang',l);h.setAttribute('lang',l==='zh'?'zh-CN':'en');document.title=h.getAttribute('data-title-'+l)||document.title;}
document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('[data-set-lang]');if(b){set(b.getAttribute('data-set-lang'));history.replaceState(null,'','#'+b.getAttribute('data-set-lang'));}});
if(location.hash==='#en'||location.hash==='#zh')set(location.hash.slice(1));})();`;

/** Every chart of the results rendered to SVG in both languages, by chart id; `onChart(done, total)` after each chart. */
export function renderChartSvgs(r: ExtendedResults, onChart?: (done: number, total: number) => void): Map<string, { zh: string; en: string }> {
  const specs = chartSpecs(r);
  onChart?.(0, specs.length);
  return new Map(specs.map((c, i) => {
    const svg = { zh: renderChartSvg(c, 'zh'), en: renderChartSvg(c, 'en') };
    onChart?.(i + 1, specs.length);
    return [c.id, svg];
  }));
}

/** What the page header shows: the study's name, year and file, and the spillover version. */
export interface PageStudy {
  spillover: string;
  study: { name: { zh: string; en: string }; year?: number; source: string };
}

/** Header with the study name and the zh/en buttons (report and dashboard). */
export function pageHeader(r: PageStudy, extra = ''): string {
  const year = (l: Lang) => (r.study.year === undefined ? '' : l === 'zh' ? `研究年份 ${r.study.year} · ` : `Study year ${r.study.year} · `);
  const meta = { zh: `${year('zh')}${r.study.source} · spillover ${r.spillover}`, en: `${year('en')}${r.study.source} · spillover ${r.spillover}` };
  return `<header class="top"><div class="langs"><button type="button" data-set-lang="zh">中文</button><button type="button" data-set-lang="en">English</button></div>${extra}<h1>${bi(r.study.name)}</h1><div class="meta">${bi(meta)}</div></header>`;
}

/**
 * renderReport(results, 'zh') → the complete report.html text. Both languages are in the file and
 * `lang` only picks the one shown first. A study with transactions too passes its voucher results:
 * one combined report. Deterministic: same results → same bytes.
 */
export function renderReport(r: ExtendedResults, lang: Lang, svgs: Map<string, { zh: string; en: string }> = renderChartSvgs(r), vouchers?: VoucherResults): string {
  const body = reportBody(r, {
    vouchers,
    chartSlot: (c) => {
      const s = svgs.get(c.id) as { zh: string; en: string };
      return `<figure class="chart" data-chart="${esc(c.id)}"><div class="zh">${s.zh}</div><div class="en">${s.en}</div></figure>`;
    },
  });
  return reportPage(r, lang, body);
}

/** The report.html page around a body: head, inline CSS, header, footer (naming the run's other output files) and the zh/en switch. */
export function reportPage(r: PageStudy, lang: Lang, body: string, files: string[] = ['results.json', 'tables.xlsx']): string {
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}" data-lang="${lang}" data-title-zh="${esc(pageTitle(r, 'zh'))}" data-title-en="${esc(pageTitle(r, 'en'))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="spillover ${esc(r.spillover)}">
<title>${esc(pageTitle(r, lang))}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${pageHeader(r)}
<main>
<p class="note">${bi(T.synthetic)}</p>
${body}
<footer>${bi(T.generated)} ${esc(r.spillover)} · ${files.map(esc).join(' · ')}</footer>
</main>
<script>${LANG_SCRIPT}</script>
</body>
</html>
`;
}
