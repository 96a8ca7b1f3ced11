// Benchmark: `spillover load` into a two-shard cluster (scripts/clickhouse-cluster.sh, started here and stopped at the
// end), rows per second of wall time and of this process's CPU time (DuckDB's threads included; the two servers' CPU is
// not counted): (a) the voucher example at SCALE (examples/vouchers-2020/generate.ts: ≈ 320 000 × SCALE payments, typed
// columns) with its lottery applicants, (b) a consumer questionnaire CSV (every cell as text, row numbers added) — by
// default the 2 M-row file bench/data/moments.ts generates. Each table's row count on the cluster is checked.
// Usage: npx tsx bench/clickhouse/load.ts [scale=5] [consumer.csv]   (data in $TMPDIR/spillover-bench or $SPILLOVER_BENCH_DIR)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { clickhouseRunner, loadToClickHouse, loadTransactionsToClickHouse, openDatabase } from '../../src/data/index.ts';
import { parseTransactions } from '../../src/study/vouchers/config.ts';

const SCALE = Number(process.argv[2] ?? 5);
const OUT = process.env.SPILLOVER_BENCH_DIR ?? join(tmpdir(), 'spillover-bench');
const CONSUMERS = process.argv[3] ?? join(OUT, 'consumers9-2000000.csv');
const SCRIPT = new URL('../../scripts/clickhouse-cluster.sh', import.meta.url).pathname;
const CLUSTER_DIR = join(OUT, 'ch-load');
mkdirSync(OUT, { recursive: true });
if (!existsSync(CONSUMERS)) throw new Error(`${CONSUMERS}: not found (npx tsx bench/data/moments.ts 2000000 generates it)`);

const dir = join(OUT, `vouchers-x${SCALE}`);
if (!existsSync(join(dir, 'data', 'applicants.csv'))) {
  const { generate } = await import('../../examples/vouchers-2020/generate.ts');
  await generate(dir, { scale: SCALE });
}
const env = { ...process.env, SPILLOVER_CH_PORT_BASE: process.env.SPILLOVER_CH_PORT_BASE ?? '18700' };
execFileSync(SCRIPT, ['start', CLUSTER_DIR], { env, encoding: 'utf8' });
const password = readFileSync(join(CLUSTER_DIR, 'password'), 'utf8');
const base = Number(env.SPILLOVER_CH_PORT_BASE);
const chEnv = { BENCH_CH_USER: 'spillover', BENCH_CH_PASSWORD: password };
const source = (u: string) => ({ url: u, database: 'default', user_env: 'BENCH_CH_USER', password_env: 'BENCH_CH_PASSWORD' });
const shards = [await clickhouseRunner(source(`http://127.0.0.1:${base + 10}`), { env: chEnv, cluster: 'spillover' }), await clickhouseRunner(source(`http://127.0.0.1:${base + 20}`), { env: chEnv })];
const db = await openDatabase();
const target = (table: string) => ({ shards, database: 'bench', table, cluster: 'spillover', replace: true });

async function measure(label: string, f: () => Promise<number>, table: string): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const rows = await f();
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const [[stored]] = await shards[0].query(`SELECT count() FROM bench.${table}`);
  if (Number(stored) !== rows) throw new Error(`${table}: loaded ${rows} rows but the cluster holds ${stored}`);
  console.log(`${label.padEnd(52)} ${String(rows).padStart(9)} rows  ${s.toFixed(2).padStart(7)} s wall (${Math.round(rows / s).toLocaleString('en')} rows/s)  CPU ${cpu.toFixed(2)} s (${Math.round(rows / cpu).toLocaleString('en')} rows/CPU s)`);
}

try {
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const files = parseTransactions(readFileSync(new URL('../../examples/vouchers-2020/study.yaml', import.meta.url), 'utf8'), 'study.yaml')!;
  await measure(`voucher example ×${SCALE}: transactions (typed)`, async () => (await loadTransactionsToClickHouse(db, files, dir, target('vx'))).rows, 'vx');
  const a = files.programmes.find((p) => p.applicants)!.applicants!;
  await measure(`voucher example ×${SCALE}: applicants (text)`, async () => (await loadToClickHouse(db, { key: 'applicants', file: join(dir, a.file), displayPath: a.file, id: a.payer, columns: {}, rules: [] }, target('vx_applicants'))).rows, 'vx_applicants');
  await measure(`consumer questionnaire (text cells)`, async () => (await loadToClickHouse(db, { key: 'consumers', file: CONSUMERS, displayPath: 'consumers.csv', id: '问卷编号', columns: {}, rules: [] }, target('consumers'))).rows, 'consumers');
  console.log(`load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  db.close();
  await Promise.all(shards.map((s) => s.close()));
  execFileSync(SCRIPT, ['stop', CLUSTER_DIR], { env });
}
