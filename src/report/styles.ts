// The stylesheet of report.html and the dashboard (inlined; system CJK fonts, no web fonts).
export const REPORT_CSS = `
:root { --fg: #1d2733; --muted: #5b6673; --line: #dde2e8; --accent: #2f6db5; --bg: #ffffff; --soft: #f4f6f9; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: var(--fg); background: var(--bg); font-size: 15px; line-height: 1.55; }
html[data-lang=zh] .en, html[data-lang=en] .zh { display: none !important; }
body { margin: 0; }
header.top { background: #1f3b5c; color: #fff; padding: 18px 24px 14px; }
header.top h1 { margin: 0; font-size: 1.45rem; font-weight: 600; }
header.top .meta { color: #c9d6e6; font-size: 0.85rem; margin-top: 4px; }
.langs { float: right; display: flex; gap: 4px; }
.langs button { background: transparent; color: #fff; border: 1px solid #7d96b3; border-radius: 4px; padding: 3px 10px; cursor: pointer; font: inherit; font-size: 0.85rem; }
html[data-lang=zh] .langs button[data-set-lang=zh], html[data-lang=en] .langs button[data-set-lang=en] { background: #fff; color: #1f3b5c; }
main { max-width: 1000px; margin: 0 auto; padding: 8px 24px 48px; }
h2 { font-size: 1.2rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1rem; margin: 20px 0 6px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(215px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--soft); }
.card .label { color: var(--muted); font-size: 0.88rem; }
.card .value { font-size: 1.6rem; font-weight: 600; color: var(--accent); line-height: 1.3; }
.card .value .u { font-size: 0.85rem; color: var(--muted); font-weight: 400; }
.card .ci { font-size: 0.8rem; color: var(--muted); }
.card .coverage { font-size: 0.8rem; color: var(--muted); }
.card .coverage.warn { color: #b03a2e; font-weight: 600; }
.card .sub { font-size: 0.84rem; color: var(--fg); border-top: 1px dashed var(--line); margin-top: 6px; padding-top: 4px; }
.card .sub .v { font-weight: 600; }
.card .sub .u { color: var(--muted); font-size: 0.78rem; }
.pairs { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 14px; margin: 10px 0 14px; }
.pair-head { font-weight: 600; font-size: 0.9rem; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: 2px; }
.pair-head.net { color: #2e7d4f; border-color: #2e7d4f; }
.card.net { background: #f1f8f3; border-color: #b9dcc4; }
.card.net .value { color: #2e7d4f; }
.card .ci.mc { color: var(--fg); }
.tag { display: inline-block; font-size: 0.75rem; font-weight: 400; color: #8a4b0f; background: #fdf0e1; border: 1px solid #f0c894; border-radius: 3px; padding: 0 5px; }
.warn { background: #fdf0e1; border-left: 3px solid #e08a2f; padding: 6px 10px; font-size: 0.86rem; }
ul.switching li { margin: 4px 0; }
figure.chart { margin: 8px 0 4px; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.86rem; margin: 6px 0; }
caption { text-align: left; font-weight: 600; color: var(--muted); padding: 4px 0; font-size: 0.86rem; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: var(--soft); font-weight: 600; }
th .unit { font-weight: 400; color: var(--muted); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n, td.c-unit, td.c-kind, td.c-year { white-space: nowrap; }
th .unit { display: block; font-size: 0.78rem; }
td:first-child:not(.n) { min-width: 9em; }
tr[data-fig]:hover { background: #eef4fb; }
.note { color: var(--muted); font-size: 0.82rem; margin: 4px 0 0; }
.eq { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.84rem; background: var(--soft); border-left: 3px solid var(--accent); padding: 6px 10px; margin: 6px 0; overflow-x: auto; }
table.mini { width: auto; }
.src { font-size: 0.84rem; color: var(--muted); }
details summary { cursor: pointer; font-weight: 600; margin: 24px 0 6px; }
footer { color: var(--muted); font-size: 0.8rem; border-top: 1px solid var(--line); margin-top: 40px; padding-top: 8px; }
@media print { .langs { display: none; } header.top { background: none; color: var(--fg); } header.top .meta { color: var(--muted); } }
`;
