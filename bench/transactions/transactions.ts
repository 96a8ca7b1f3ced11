// Benchmark: transactions in Parquet reduced to the voucher estimators' statistics (src/data/transactions/reduceFiles.ts:
// a pass grouping the id hashes, one aggregate to the finest grains with every row fault counted, duplicates
// subtracted, then small roll-ups: cells, lottery arms, merchant sizes, distinct users), against DuckDB's plain
// `SELECT city, industry, sum(amount) … GROUP BY` over the same files, before and after, in the same script; then
// `spillover run` end to end. Each phase runs in its own process so that its peak RSS is its own; the end-to-end
// run is the built CLI (`npm run build` first). Prints the figures and the study's notes (why a figure is missing).
// Usage: npx tsx bench/transactions/transactions.ts [rows=10000000]   (files cached in $TMPDIR/spillover-bench/ or $SPILLOVER_BENCH_DIR)
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';

const N = Number(process.argv[2] ?? 10_000_000);
const phase = process.argv[3];
// bulk data goes to the temp folder (SPILLOVER_BENCH_DIR to choose another), never into the repository
const OUT = process.env.SPILLOVER_BENCH_DIR ?? join(tmpdir(), 'spillover-bench');
const dir = join(OUT, `transactions-${N}`);
const glob = join(dir, 'data', 'tx', '*.parquet');

const studyYaml = `study: {name: bench, year: 2020}
transactions:
  files: data/tx
  window: {start: 2020-03-01, end: 2020-05-31}
  columns: {id: txn_id, time: paid_at, payer: payer_id, merchant: merchant_id, city: city, industry: industry, amount: amount, discount: voucher_discount, age_band: age_band, merchant_size: merchant_size, refund: is_refund}
  covered: [餐饮, 零售, 休闲娱乐, 服饰美业]
  compare: {before: {start: 2020-03-01, end: 2020-03-31}, after: {start: 2020-05-01, end: 2020-05-05}}
  weeks: 4
  programmes:
    - {city: c0, rounds: [{start: 2020-04-05, end: 2020-05-31}], rule: 满50减10, applicants: {file: data/applicants.csv, payer: payer_id, won: won}}
    - {city: c1, rounds: [{start: 2020-03-29, end: 2020-05-31}], rule: 满50减10}
    - {city: c2, rounds: [{start: 2020-04-12, end: 2020-05-31}], rule: 满50减10}
`;

/** Seeded synthetic transactions written by DuckDB itself (hash-based, so deterministic for N): 16 cities, 7 industries, N/40 payers. */
async function generate(): Promise<void> {
  if (existsSync(join(dir, 'study.yaml'))) return;
  const { openDatabase } = await import('../../src/data/openDatabase.ts');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'data', 'tx'), { recursive: true });
  const db = await openDatabase();
  const payers = Math.max(1000, Math.floor(N / 40));
  const u = (salt: number) => `(hash(i, ${salt}) % 1000000) / 1000000.0`;
  const files = Math.max(1, Math.round(N / 5_000_000));
  for (let f = 0; f < files; f++) {
    const lo = Math.floor((N * f) / files), hi = Math.floor((N * (f + 1)) / files);
    await db.connection.run(`COPY (SELECT 'T' || i AS txn_id,
        TIMESTAMPTZ '2020-02-29 16:00:00+00' + to_microseconds(CAST(floor(${u(1)} * 92 * 86400e6) AS BIGINT)) AS paid_at,
        'p' || (hash(i, 2) % ${payers}) AS payer_id, 'm' || (hash(i, 3) % 20000) AS merchant_id,
        'c' || ((hash(i, 2) % ${payers}) % 16) AS city,
        (['餐饮', '零售', '休闲娱乐', '服饰美业', '交通出行', '医疗健康', '生活缴费'])[CAST(1 + hash(i, 4) % 7 AS BIGINT)] AS industry,
        CAST(round(exp(3.5 + 0.9 * sqrt(-2 * ln(1 - ${u(5)} * 0.999999)) * cos(6.283185307 * ${u(6)})), 2) AS DECIMAL(12, 2)) AS amount,
        CASE WHEN ${u(7)} < 0.05 THEN 10.0 ELSE 0.0 END AS voucher_discount,
        (['18-29', '30-39', '40-49', '50+'])[CAST(1 + hash(i, 8) % 4 AS BIGINT)] AS age_band, (['小微', '中型', '大型'])[CAST(1 + hash(i, 9) % 3 AS BIGINT)] AS merchant_size,
        ${u(10)} < 0.01 AS is_refund
      FROM range(${lo}, ${hi}) t(i)) TO '${join(dir, 'data', 'tx', `part-${f}.parquet`)}' (FORMAT parquet, COMPRESSION zstd)`);
  }
  const applicants = ['payer_id,won'];
  for (let p = 0; p < Math.min(payers, 40_000); p += 16) applicants.push(`p${p},${(p / 16) % 5 < 2 ? 1 : 0}`);
  writeFileSync(join(dir, 'data', 'applicants.csv'), applicants.join('\n') + '\n');
  db.close();
  writeFileSync(join(dir, 'study.yaml.tmp'), studyYaml);
  renameSync(join(dir, 'study.yaml.tmp'), join(dir, 'study.yaml'));
}

/** One phase in this process, timed from after its modules are loaded and the database opened (the data work only). */
async function runPhase(name: string): Promise<void> {
  const [{ openDatabase }, { parseTransactions }, { loadTransactions }] = await Promise.all([import('../../src/data/openDatabase.ts'), import('../../src/study/vouchers/config.ts'), import('../../src/data/transactions/loadTransactions.ts')]);
  const db = await openDatabase();
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let detail: unknown;
  if (name === 'plain') {
    const r = await db.connection.runAndReadAll(`SELECT city, industry, sum(amount) FROM read_parquet('${glob}') GROUP BY city, industry`);
    detail = r.getRowsJS().length;
  } else {
    // CPU seconds of each pass over the files (1: id hashes, 2: rows of repeated ids if any, last: the aggregate; the roll-ups and lottery arms after it count with the last)
    const marks: [number, number][] = [];
    const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
    const agg = await loadTransactions(db, parseTransactions(studyYaml, 'study.yaml')!, dir, process.env, (scan) => marks.push([scan, cpu()]));
    const passes = marks.map(([scan, at], i) => `pass ${scan}: ${((marks[i + 1]?.[1] ?? cpu()) - at).toFixed(2)} s CPU`);
    detail = { cells: agg.cells.length, used: agg.quality.used, rowsRead: agg.quality.rowsRead, passes };
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  db.close();
  // CPU seconds of every thread (DuckDB's included): the figure that a shared machine's load changes least
  process.stdout.write(JSON.stringify({ phase: name, seconds, cpu: (c.user + c.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024, detail }) + '\n');
}

/** `spillover run` on the study (the built CLI, dist/), as a user runs it: wall, CPU (GNU time), peak RSS, figures and notes. */
function endToEnd(): { seconds: number; cpu: number; maxRssMB: number; figures: string[]; notes: string[] } {
  const root = new URL('../..', import.meta.url).pathname;
  if (!existsSync(join(root, 'dist'))) throw new Error('run `npm run build` first: the end-to-end phase runs the built CLI');
  const out = join(OUT, `run-${N}-${process.pid}`);
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, join(root, 'bin/spillover.js'), 'run', join(dir, 'study.yaml'), '--out', out, '--charts', 'none', '--quiet', '--lang', 'en'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const [seconds, user, sys, rssKB] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  // which figures, and the study's notes (they say why a figure is not claimed)
  const v = JSON.parse(readFileSync(join(out, 'vouchers.json'), 'utf8')) as { vouchers: { figures: Record<string, unknown>; notes: { en: string }[] } };
  rmSync(out, { recursive: true, force: true });
  return { seconds, cpu: user + sys, maxRssMB: rssKB / 1024, figures: Object.keys(v.vouchers.figures), notes: v.vouchers.notes.map((n) => n.en) };
}

if (phase) {
  await runPhase(phase);
} else {
  const g0 = Date.now();
  await generate();
  console.log(`rows ${N}; files in ${dir} (generated/cached in ${((Date.now() - g0) / 1000).toFixed(1)} s); load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const child = (p: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, String(N), p], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as { seconds: number; cpu: number; maxRssMB: number; detail: unknown };
  };
  // the reference before and after (load on a shared machine drifts): the ratios use the smaller CPU and wall of the two
  const plain1 = child('plain'), reduce = child('reduce'), run = endToEnd(), plain2 = child('plain');
  const plain = { seconds: Math.min(plain1.seconds, plain2.seconds), cpu: Math.min(plain1.cpu, plain2.cpu), maxRssMB: Math.max(plain1.maxRssMB, plain2.maxRssMB) };
  const f = (p: { seconds: number; cpu: number; maxRssMB: number }) => `${p.seconds.toFixed(2)} s (CPU ${p.cpu.toFixed(2)} s), peak RSS ${p.maxRssMB.toFixed(0)} MB`;
  console.log(`DuckDB plain SELECT city, industry, sum(amount) GROUP BY: before ${f(plain1)}; after ${f(plain2)}`);
  console.log(`reduction to the estimators' statistics (screening, dedup, all aggregations): ${f(reduce)}  ${JSON.stringify(reduce.detail)}`);
  console.log(`ratio reduction / plain: wall ${(reduce.seconds / plain.seconds).toFixed(2)}, CPU ${(reduce.cpu / plain.cpu).toFixed(2)} (target ≤ 1.5)`);
  console.log(`end to end (spillover run --charts none: start-up, reduction, estimators, outputs; ${run.figures.length} figures): ${f(run)} (target for 10 M rows: < 15 s on 2 cores)`);
  console.log(`  figures: ${run.figures.join(', ')}`);
  for (const n of run.notes) console.log(`  note: ${n}`);
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
