// Public API of the report layer: tables, charts, report.html, tables.xlsx, chart images.
// Pure (browser-safe): format (workbook number formats), i18n, optionalParts, reportTables, chartSpecs, methodologyHtml, reportBody, styles.
// Node / heavy: renderChartSvg (own SVG writer), renderReport, tablesWorkbook (writeXlsx), chartPngs and
// launchChromium (playwright-core + Chromium).

// Formatting and words (display units and languages: src/locale)
export { XLSX_FORMAT } from './format.ts';
export { T, bi, esc } from './i18n.ts';

// What is shown
export { indicators, sectorImpacts, seriesRows, type ExtendedResults, type Indicator, type SectorImpact } from './optionalParts.ts';
export { reportTables, headlineIds, type ReportTable, type Column, type Cell, type KindedNumber } from './reportTables.ts';
export { chartSpecs, CHART_FONT, type ChartSpec } from './chartSpecs.ts';
export { methodologyHtml } from './methodologyHtml.ts';
export { reportBody, headlineCards, tableHtml, pageTitle, type BodyOptions } from './reportBody.ts';
export { REPORT_CSS } from './styles.ts';

// Files
export { renderChartSvg } from './renderChartSvg.ts';
export { renderReport, renderChartSvgs, pageHeader, LANG_SCRIPT } from './renderReport.ts';
export { tablesWorkbook, WORKBOOK_DATE } from './tablesWorkbook.ts';
export { fixZipTimestamps } from './fixZipTimestamps.ts';
export { chartPngs } from './chartPngs.ts';
export { launchChromium, CHROMIUM_PATH, CHROMIUM_ARGS } from './launchChromium.ts';
