// Benchmark: transactions in Parquet reduced to the voucher estimators' statistics (src/data/transactions:
// staging with every row fault counted and duplicate ids resolved, then the cells, lottery-arm, merchant-size and
// distinct-user aggregations), against DuckDB's plain `SELECT city, industry, sum(amount) … GROUP BY` over the same
// files, in the same script; then the whole voucher run (reductions + estimators). Each phase runs in its own child
// process so that its peak RSS is its own.
// Usage: npx tsx bench/transactions/transactions.ts [rows=10000000]   (files cached in $TMPDIR/spillover-bench/ or $SPILLOVER_BENCH_DIR)
import { existsSync, mkdirSync, writeFileSync, renameSync, rmSync } from 'node:fs';
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

async function runPhase(name: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let detail: unknown;
  if (name === 'plain') {
    const { openDatabase } = await import('../../src/data/openDatabase.ts');
    const db = await openDatabase();
    const r = await db.connection.runAndReadAll(`SELECT city, industry, sum(amount) FROM read_parquet('${glob}') GROUP BY city, industry`);
    detail = r.getRowsJS().length;
    db.close();
  } else if (name === 'reduce') {
    const [{ openDatabase }, { parseTransactions }, { loadTransactions }] = await Promise.all([import('../../src/data/openDatabase.ts'), import('../../src/study/vouchers/config.ts'), import('../../src/data/transactions/loadTransactions.ts')]);
    const db = await openDatabase();
    const agg = await loadTransactions(db, parseTransactions(studyYaml, 'study.yaml')!, dir);
    detail = { cells: agg.cells.length, used: agg.quality.used, rowsRead: agg.quality.rowsRead };
    db.close();
  } else {
    const { runVoucherStudy } = await import('../../src/cli/runVouchers.ts');
    const r = await runVoucherStudy(join(dir, 'study.yaml'));
    detail = Object.keys(r.results.vouchers.figures).length;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  // CPU seconds of every thread (DuckDB's included): the figure that a shared machine's load changes least
  process.stdout.write(JSON.stringify({ phase: name, seconds, cpu: (c.user + c.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024, detail }) + '\n');
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
  const plain = child('plain'), reduce = child('reduce'), all = child('run');
  const f = (p: { seconds: number; cpu: number; maxRssMB: number }) => `${p.seconds.toFixed(2)} s (CPU ${p.cpu.toFixed(2)} s), peak RSS ${p.maxRssMB.toFixed(0)} MB`;
  console.log(`DuckDB plain SELECT city, industry, sum(amount) GROUP BY: ${f(plain)}`);
  console.log(`reduction to the estimators' statistics (screening, dedup, all aggregations): ${f(reduce)}  ${JSON.stringify(reduce.detail)}`);
  console.log(`ratio reduction / plain: wall ${(reduce.seconds / plain.seconds).toFixed(2)}, CPU ${(reduce.cpu / plain.cpu).toFixed(2)} (target ≤ 1.5)`);
  console.log(`end to end (reduction + estimators, ${all.detail} figures): ${f(all)} (target for 10 M rows: < 15 s on 2 cores)`);
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
