// Benchmark: spillover's survey engine against R survey on 1,000,000 respondents in 50 strata /
// 2000 PSUs — totals, a ratio and a domain table, with linearization and 500 bootstrap replicates.
// Run by hand (not part of npm test; needs R with r-cran-survey):
//   npx tsx bench/survey/run.ts [--respondents 1000000] [--replicates 500]
// Writes data to bench/out/survey/ (CSV for R), prints timings, ratios and the largest relative
// difference between the two tools' numbers, and writes bench/out/survey/results.json.
import { mkdirSync, readFileSync, renameSync, writeFileSync, createWriteStream } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { asReplicateDesign, createRng, svyby, svydesign, svymean, svyratio, svytotal, type Design, type SvyStat } from '../../src/survey/index.ts';

const arg = (name: string, def: number): number => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const N = arg('respondents', 1_000_000), R = arg('replicates', 500), H = 50, PSUS = 2000;
const dir = new URL('../out/survey/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });

// ---- data: 50 strata × 40 PSUs, N/2000 respondents each; PSU effects give intraclass correlation
const rand = createRng(2026);
const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const stratum = new Float64Array(N), psu = new Float64Array(N), w = new Float64Array(N), y = new Float64Array(N), x = new Float64Array(N);
const dom: string[] = new Array(N);
const perPsu = N / PSUS, DOMS = ['A', 'B', 'C', 'D', 'E'];
for (let g = 0, i = 0; g < PSUS; g++) {
  const h = Math.floor(g / (PSUS / H));
  const base = 50 + 10 * h, effect = 5 * normal();
  for (let k = 0; k < perPsu; k++, i++) {
    stratum[i] = h + 1; psu[i] = g + 1;
    w[i] = base * (0.8 + 0.4 * rand());
    x[i] = 20 + h / 5 + 4 * rand();
    y[i] = 2 * x[i] + effect + 10 * normal();
    dom[i] = DOMS[Math.floor(rand() * DOMS.length)];
  }
}
const data = { stratum, psu, w, y, x, dom };

function time<T>(f: () => T, reps = 3): { value: T; ms: number } {
  f(); // warm-up
  const t: number[] = [];
  let value!: T;
  for (let r = 0; r < reps; r++) { const s = performance.now(); value = f(); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  return { value, ms: t[Math.floor(t.length / 2)] };
}

const js: Record<string, number> = {};
const d0 = time(() => svydesign({ data, ids: 'psu', strata: 'stratum', weights: 'w' }), 1);
js.design_ms = d0.ms;
const estimates = (d: Design) => ({
  // deff off: R computes it only on request (deff = FALSE by default), so both do the same work.
  total: time(() => svytotal(['y', 'x'], d, { deff: false })),
  ratio: time(() => svyratio('y', 'x', d, { deff: false })),
  domain: time(() => svyby('y', 'dom', d, (v, dd) => svymean(v, dd, { deff: false }))),
});
const lin = estimates(d0.value);
const b0 = time(() => asReplicateDesign(d0.value, { type: 'bootstrap', replicates: R, seed: 1 }), 1);
js.boot_design_ms = b0.ms;
const boot = estimates(b0.value);

// ---- R on the same data and the same bootstrap factors
const ws = createWriteStream(`${dir}data.csv.tmp`);
ws.write('stratum,psu,w,y,x,dom\n');
for (let i = 0; i < N; i += 10000) {
  let chunk = '';
  for (let j = i; j < Math.min(N, i + 10000); j++) chunk += `${stratum[j]},${psu[j]},${w[j]},${y[j]},${x[j]},${dom[j]}\n`;
  ws.write(chunk);
}
await new Promise<void>((res) => ws.end(res));
renameSync(`${dir}data.csv.tmp`, `${dir}data.csv`);
const rw = b0.value.repweights;
if (rw.mode !== 'compressed') throw new Error('bootstrap design is not compressed');
// PSU order: spillover numbers PSUs by first appearance, which is psu 1..2000 here.
let bootCsv = '';
for (let g = 0; g < PSUS; g++) bootCsv += rw.factors.map((f) => f[g]).join(',') + '\n';
writeFileSync(`${dir}boot.csv`, bootCsv);
writeFileSync(`${dir}meta.json`, `${JSON.stringify({ bootDf: b0.value.df })}\n`);
const r = spawnSync('Rscript', [new URL('bench.R', import.meta.url).pathname, dir], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
if (r.status !== 0) throw new Error('Rscript failed');
const rr = JSON.parse(readFileSync(`${dir}r-results.json`, 'utf8')) as { design_ms: number; read_ms: number; lin: Record<string, number[]>; boot: Record<string, number[]> };

// ---- compare numbers and times
const flat = (s: { total: { value: SvyStat }; ratio: { value: SvyStat }; domain: { value: ReturnType<typeof svyby> } }) => ({
  total: Array.from(s.total.value.estimate), total_se: Array.from(s.total.value.se),
  ratio: Array.from(s.ratio.value.estimate), ratio_se: Array.from(s.ratio.value.se),
  domain: s.domain.value.groups.map((g) => g.result.estimate[0]), domain_se: s.domain.value.groups.map((g) => g.result.se[0]),
});
const maxRel = (a: Record<string, number[]>, b: Record<string, number[]>): number => {
  let m = 0;
  for (const k of Object.keys(a)) a[k].forEach((v, i) => { m = Math.max(m, Math.abs(v - b[k][i]) / Math.abs(b[k][i])); });
  return m;
};
const rows: [string, number, number][] = [
  ['linearization: totals (y, x)', lin.total.ms, rr.lin.total_ms[0]],
  ['linearization: ratio y/x', lin.ratio.ms, rr.lin.ratio_ms[0]],
  ['linearization: domain means (5)', lin.domain.ms, rr.lin.domain_ms[0]],
  [`bootstrap ${R}: totals (y, x)`, boot.total.ms, rr.boot.total_ms[0]],
  [`bootstrap ${R}: ratio y/x`, boot.ratio.ms, rr.boot.ratio_ms[0]],
  [`bootstrap ${R}: domain means (5)`, boot.domain.ms, rr.boot.domain_ms[0]],
];
const fmtMs = (v: number) => v.toFixed(v < 10 ? 2 : 0).padStart(9);
console.log(`\n${N} respondents, ${H} strata, ${PSUS} PSUs; R survey timings exclude reading the CSV (${rr.read_ms.toFixed(0)} ms)\n`);
console.log(`${'operation'.padEnd(36)} ${'spillover ms'.padStart(12)} ${'R ms'.padStart(9)}  ratio`);
for (const [name, a, b] of rows) console.log(`${name.padEnd(36)} ${fmtMs(a).padStart(12)} ${fmtMs(b)}  ${(b / a).toFixed(1)}×`);
const totalJs = rows.reduce((s, r2) => s + r2[1], 0), totalR = rows.reduce((s, r2) => s + r2[2], 0);
console.log(`${'all six'.padEnd(36)} ${fmtMs(totalJs).padStart(12)} ${fmtMs(totalR)}  ${(totalR / totalJs).toFixed(1)}×`);
console.log(`design construction: spillover ${js.design_ms.toFixed(0)} ms (R ${rr.design_ms.toFixed(0)} ms); bootstrap replicates + df ${js.boot_design_ms.toFixed(0)} ms`);
const relLin = maxRel(flat(lin), rr.lin), relBoot = maxRel(flat(boot), rr.boot);
console.log(`largest relative difference from R: linearization ${relLin.toExponential(2)}, bootstrap ${relBoot.toExponential(2)}`);
const out = { respondents: N, strata: H, psus: PSUS, replicates: R, node: process.version, rows: rows.map(([op, ms, rms]) => ({ op, spilloverMs: ms, rMs: rms, ratio: rms / ms })), total: { spilloverMs: totalJs, rMs: totalR, ratio: totalR / totalJs }, design: { spilloverMs: js.design_ms, rMs: rr.design_ms, bootstrapMs: js.boot_design_ms }, rReadMs: rr.read_ms, maxRelativeDifference: { linearization: relLin, bootstrap: relBoot } };
writeFileSync(`${dir}results.json.tmp`, JSON.stringify(out, null, 2));
renameSync(`${dir}results.json.tmp`, `${dir}results.json`);
