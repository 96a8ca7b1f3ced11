// Cost of the presentation outputs of `spillover run` relative to the study run itself, in one process.
// Usage: node --import tsx bench/report/run.ts [--reps N]
// Prints median times of: runStudy (prepare + compute, the reference), the report producer
// (report.html + tables.xlsx + 12 SVG charts) and its parts, and the ratio producer / runStudy.
import { runStudy } from '../../src/cli/runStudy.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import { reportFiles } from '../../src/cli/artifacts.ts';
import { renderChartSvgs, renderReport, tablesWorkbook } from '../../src/report/index.ts';

const reps = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(label: string, f: () => Promise<unknown> | unknown): Promise<number> {
  await f(); // warm: module loads are reported separately below
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await f();
    ts.push(performance.now() - t0);
  }
  const m = median(ts);
  console.log(`${label.padEnd(34)} ${m.toFixed(1).padStart(8)} ms (median of ${reps})`);
  return m;
}

const t0 = performance.now();
const { results, prepared } = await runStudy(DEFAULT_STUDY);
const first = performance.now() - t0;
const t1 = performance.now();
await reportFiles({ results, prepared, lang: 'zh', charts: ['svg'] });
console.log(`first run (cold): runStudy ${first.toFixed(0)} ms, report producer ${(performance.now() - t1).toFixed(0)} ms (includes loading the report modules)`);
const study = await time('runStudy (reference)', () => runStudy(DEFAULT_STUDY));
const producer = await time('report producer (html+xlsx+svg)', () => reportFiles({ results, prepared, lang: 'zh', charts: ['svg'] }));
const svgs = renderChartSvgs(results);
await time('  12 chart SVGs', () => renderChartSvgs(results));
await time('  report.html (SVGs given)', () => renderReport(results, 'zh', svgs));
await time('  tables.xlsx', () => tablesWorkbook(results));
console.log(`ratio producer / runStudy: ${(producer / study).toFixed(2)}`);
