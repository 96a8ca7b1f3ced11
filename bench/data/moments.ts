// Benchmark: the workload of `spillover run` on a large consumer questionnaire (src/study/inputs/readAsMoments.ts, read by src/data/loadStudyInputs.ts):
// aggregateQuestionnaire with groupBy [], 9 number fields (required, min 0) as sums, crossProducts — on a seeded
// 10 M-row UTF-8 file (id + 9 numeric columns, the generator of bench/run/run.ts), against DuckDB's own
// read_csv + count + sum of the 9 columns of the same file, in the same script; and against the floor: plain SQL of the
// same 54 moments and the repeated-id check (DOUBLE sums, and exact sums of integer hundredths).
// Usage: npx tsx bench/data/moments.ts [rows=10000000] [reps=1]   (the file is cached in $TMPDIR/spillover-bench/ or $SPILLOVER_BENCH_DIR)
// With reps > 1 it also checks that every run gives byte-identical results.
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { aggregateQuestionnaire, openDatabase, type FieldSpec } from '../../src/data/index.ts';

const N = Number(process.argv[2] ?? 10_000_000);
const REPS = Number(process.argv[3] ?? 1);
// bulk data goes to the temp folder (SPILLOVER_BENCH_DIR to choose another), never into the repository
const OUT = process.env.SPILLOVER_BENCH_DIR ?? join(tmpdir(), 'spillover-bench');
mkdirSync(OUT, { recursive: true });

const NAMES = ['traffic', 'info_services', 'catering', 'shopping', 'household', 'transport', 'education', 'culture', 'health'];
const HEADERS = ['流量消费（元/年）', '信息服务消费（元/年）', '餐饮（元/年）', '购物（元/年）', '生活服务（元/年）', '交通出行（元/年）', '教育（元/年）', '文娱（元/年）', '医疗（元/年）'];

/** Seeded (LCG, seed 2019) rows as in bench/run/run.ts: each amount is 0 or uniform on [0, 400) with 2 decimals. */
async function generate(path: string): Promise<void> {
  if (existsSync(path)) return;
  const tmp = path + '.tmp';
  const ws = createWriteStream(tmp);
  let s = 2019;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  ws.write(`问卷编号,${HEADERS.join(',')}\n`);
  let buf = '';
  for (let i = 0; i < N; i++) {
    buf += `C${i},${Array.from({ length: 9 }, () => (rnd() < 0.5 ? 0 : (rnd() * 400).toFixed(2))).join(',')}\n`;
    if (buf.length > 1 << 20) {
      if (!ws.write(buf)) await once(ws, 'drain');
      buf = '';
    }
  }
  ws.end(buf);
  await once(ws, 'close');
  renameSync(tmp, path);
}

/** Wall and CPU seconds (CPU: every thread of this process, DuckDB's included — the robust figure on a shared machine). */
async function time<T>(label: string, f: () => Promise<T>): Promise<{ s: number; cpu: number; r: T }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await f();
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  console.log(`${label.padEnd(58)} ${s.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)`);
  return { s, cpu, r };
}

const file = join(OUT, `consumers9-${N}.csv`);
await time(`generate ${N} rows (cached after the first run)`, () => generate(file));
console.log(`file: ${(statSync(file).size / 1e6).toFixed(0)} MB; machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (compare ratios)`);

const fields: FieldSpec[] = NAMES.map((name) => ({ name, type: 'number', required: true, min: 0 }));
const spec = { key: 'consumers', file, displayPath: 'consumers.csv', encoding: 'utf-8' as const, id: '问卷编号', columns: Object.fromEntries(NAMES.map((n, i) => [n, HEADERS[i]])) };
const db = await openDatabase();
try {
  const ref = await time('reference: DuckDB read_csv + count + 9 sums', async () =>
    (await db.connection.runAndReadAll(`SELECT count(*), ${HEADERS.map((h) => `sum("${h}")`).join(', ')} FROM read_csv('${file}')`)).getRowsJS(),
  );
  // The floor: DuckDB's own cost of the same statistics in plain SQL on the same file (read_csv as the reference reads
  // it): count, the 9 sums and 45 second moments, and the repeated-id check — as DOUBLE sums (not exact: their last
  // digits vary with the order of addition), and as sums of integer hundredths (exact, as our figures are).
  const q = (h: string) => `"${h}"`;
  const pairs = HEADERS.flatMap((a, i) => HEADERS.slice(i).map((b) => [a, b]));
  const idCheck = `count(DISTINCT hash("问卷编号"))`;
  const floorDouble = await time('floor: the same 54 moments + id check, DOUBLE sums', async () =>
    (await db.connection.runAndReadAll(`SELECT count(*), ${idCheck}, ${HEADERS.map((h) => `sum(${q(h)})`).join(', ')}, ${pairs.map(([a, b]) => `sum(${q(a)} * ${q(b)})`).join(', ')} FROM read_csv('${file}')`)).getRowsJS(),
  );
  const k = (h: string) => `TRY_CAST(${q(h)} * 100 AS INTEGER)`;
  const floorExact = await time('floor: the same, exact sums of integer hundredths', async () =>
    (await db.connection.runAndReadAll(`SELECT count(*), ${idCheck}, ${HEADERS.map((h) => `sum(${k(h)})`).join(', ')}, ${pairs.map(([a, b]) => `sum(CAST(${k(a)} AS BIGINT) * ${k(b)})`).join(', ')} FROM read_csv('${file}')`)).getRowsJS(),
  );
  const outputs: string[] = [];
  const runs: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < REPS; k++) {
    const a = await time(`aggregateQuestionnaire, 9 sums + 36 cross products (run ${k + 1})`, () =>
      aggregateQuestionnaire(db, spec, fields, { groupBy: [], sums: NAMES, crossProducts: true }),
    );
    runs.push(a.s);
    cpus.push(a.cpu);
    outputs.push(JSON.stringify([a.r.rowsRead, a.r.valid, a.r.rejected, a.r.groups], (_, v) => (v instanceof Float64Array ? [...v] : v)));
    if (k === 0) {
      const refN = Number(ref.r[0][0]);
      const worst = Math.max(...NAMES.map((n, i) => Math.abs(a.r.groups.sum[n][0] - (ref.r[0][i + 1] as number)) / Math.abs(a.r.groups.sum[n][0])));
      console.log(`rowsRead ${a.r.rowsRead} (reference count ${refN}), valid ${a.r.valid}, rejected ${a.r.rejected}; largest relative gap of Σx to the reference ${worst.toExponential(1)}`);
    }
  }
  if (REPS > 1) console.log(`all ${REPS} runs byte-identical: ${outputs.every((o) => o === outputs[0])}`);
  const best = Math.min(...runs);
  const ratio = (label: string, s: number, cpu: number) => console.log(`${label.padEnd(58)} wall ${(s / ref.s).toFixed(2)}×, CPU ${(cpu / ref.cpu).toFixed(2)}×`);
  ratio('ratio floor (DOUBLE sums) / reference', floorDouble.s, floorDouble.cpu);
  ratio('ratio floor (exact integer sums) / reference', floorExact.s, floorExact.cpu);
  ratio(`ratio aggregateQuestionnaire / reference (best of ${REPS})`, best, Math.min(...cpus));
  ratio('ratio aggregateQuestionnaire / floor (exact integer sums)', best / floorExact.s * ref.s, Math.min(...cpus) / floorExact.cpu * ref.cpu);
  console.log(`target ≤ 1.5× the reference; load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  db.close();
}
