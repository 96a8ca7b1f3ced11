// The dashboard's HTML shell: header with study picker and zh/en switch, scenario panel, the
// report body (filled by web/app.ts), the explain drawer and the progress indicator.
import { REPORT_CSS } from '../report/styles.ts';
import { esc } from '../report/i18n.ts';

const DASH_CSS = `
.layout { display: grid; grid-template-columns: 330px minmax(0, 1fr); gap: 0; align-items: start; }
#scenario { position: sticky; top: 0; max-height: 100vh; overflow-y: auto; padding: 12px 14px 40px; border-right: 1px solid var(--line); background: #fafbfc; font-size: 0.86rem; }
#scenario h2 { font-size: 1rem; margin: 4px 0 6px; border: 0; }
#scenario h3 { font-size: 0.86rem; margin: 14px 0 4px; color: var(--muted); }
#scenario label { display: grid; grid-template-columns: 1fr 112px; align-items: center; gap: 6px; margin: 3px 0; }
#scenario label.wide { grid-template-columns: 1fr; }
#scenario input, #scenario select { width: 100%; font: inherit; padding: 2px 4px; border: 1px solid #c5ccd5; border-radius: 4px; text-align: right; }
#scenario select { text-align: left; }
#scenario label.changed input { border-color: #e08a2f; background: #fff6ec; }
#scenario label.invalid input[aria-invalid=true] { border: 2px solid #c62828; background: #fdecea; }
#scenario .field-error { grid-column: 1 / -1; color: #c62828; font-size: 0.78rem; }
#scenario .field-note { grid-column: 1 / -1; color: #8a5a00; font-size: 0.78rem; }
#scenario .hint { color: var(--muted); font-size: 0.78rem; }
#scenario button { font: inherit; margin-top: 12px; padding: 4px 12px; border: 1px solid #c5ccd5; border-radius: 4px; background: #fff; cursor: pointer; }
main#report { max-width: none; margin: 0; min-width: 0; padding: 8px 24px 48px; }
.picker { display: inline-flex; gap: 6px; align-items: center; margin-top: 8px; font-size: 0.85rem; color: #c9d6e6; }
.picker select { font: inherit; max-width: 360px; }
#status { position: fixed; right: 16px; bottom: 12px; max-width: 340px; z-index: 5; background: #1f3b5c; color: #fff; border-radius: 6px; padding: 6px 12px; font-size: 0.82rem; opacity: 0.92; }
#status[data-state=computing] { background: #e08a2f; }
#status[data-state=error] { background: #b3261e; }
#status .bar { display: inline-block; width: 60px; height: 6px; background: rgba(255,255,255,0.3); border-radius: 3px; vertical-align: middle; margin-left: 8px; overflow: hidden; }
#status .bar i { display: block; height: 100%; width: 30%; background: #fff; animation: slide 0.9s linear infinite; }
#status .bar.determinate i { animation: none; margin-left: 0; width: 0; transition: width 0.1s linear; }
#scenario label.rate { grid-template-columns: 1fr 64px; row-gap: 0; }
#scenario label.rate input[type=range] { grid-column: 1 / -1; padding: 0; border: 0; }
body.mc-stale #uncertainty > :not(h2):not(.mc-note), body.mc-stale .card .ci.mc { opacity: 0.45; }
.mc-note { background: #fdf0e1; border-left: 3px solid #e08a2f; padding: 4px 10px; font-size: 0.84rem; }
@keyframes slide { from { margin-left: -30%; } to { margin-left: 100%; } }
.card, tr[data-fig] { cursor: pointer; }
.card.changed { border-color: #e08a2f; background: #fff6ec; }
.card .was { font-size: 0.78rem; color: #a0561a; }
div.chart { width: 100%; }
#drawer { position: fixed; top: 0; right: 0; width: min(560px, 92vw); height: 100vh; background: #fff; box-shadow: -4px 0 16px rgba(0,0,0,0.18); padding: 16px 18px; overflow-y: auto; z-index: 10; }
#drawer[hidden] { display: none; }
#drawer h2 { margin-top: 0; font-size: 1.05rem; }
#drawer pre { white-space: pre; overflow-x: auto; font-size: 0.78rem; background: var(--soft); padding: 8px; border-radius: 4px; }
#drawer .close { float: right; font: inherit; border: 1px solid #c5ccd5; background: #fff; border-radius: 4px; cursor: pointer; }
#drawer table td { font-size: 0.8rem; }
.error-box { border: 1px solid #b3261e; background: #fdecea; color: #7a1c16; padding: 10px 14px; border-radius: 6px; white-space: pre-wrap; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } #scenario { position: static; max-height: none; border-right: 0; } }
`;

/** dashboardPage(lang) → the HTML of GET / (no study data; web/app.ts fetches it). */
export function dashboardPage(lang: 'zh' | 'en'): string {
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}" data-lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>spillover</title>
<link rel="icon" href="data:,">
<style>${REPORT_CSS}${DASH_CSS}</style>
</head>
<body data-state="loading">
<header class="top"><div class="langs"><button type="button" data-set-lang="zh">中文</button><button type="button" data-set-lang="en">English</button></div>
<h1 id="title">spillover</h1><div class="meta" id="meta"></div>
<div class="picker"><span class="zh">研究</span><span class="en">Study</span> <select id="study-picker"></select></div></header>
<div class="layout"><aside id="scenario"></aside><main id="report"></main></div>
<aside id="drawer" hidden></aside>
<div id="status" data-state="loading"></div>
<script type="module" src="/app.js"></script>
</body>
</html>
`;
}
