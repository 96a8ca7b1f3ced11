// Benchmark: aggregateQuestionnaire on a seeded 10 M-row consumer questionnaire (UTF-8 and GB18030), against a
// plain DuckDB read_csv + GROUP BY on the same UTF-8 file as the in-script reference.
// Usage: npx tsx bench/data/run.ts [rows=10000000]   (files are cached in bench/out/, gitignored)
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import iconv from 'iconv-lite';
import { aggregateQuestionnaire, openDatabase, type FieldSpec, type Rejection } from '../../src/data/index.ts';

const N = Number(process.argv[2] ?? 10_000_000);
const OUT = new URL('../out/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const REGIONS = ['东部', '中部', '西部', '东北'];
const HEADER = 'respondent,地区,是否使用微信,月消费(元),流量消费(元),年龄\n';

/** Seeded (LCG) consumer rows; 1 in 1000 has a fault (non-numeric spend, negative traffic or a duplicate id). */
async function generate(path: string, encoding: 'utf-8' | 'gb18030'): Promise<void> {
  if (existsSync(path)) return;
  const tmp = path + '.tmp';
  const ws = createWriteStream(tmp);
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const put = async (text: string) => {
    if (!ws.write(encoding === 'utf-8' ? text : iconv.encode(text, encoding))) await once(ws, 'drain');
  };
  await put(HEADER);
  let buf: string[] = [];
  for (let i = 1; i <= N; i++) {
    const u = rand();
    const spend = u < 0.0004 ? '不清楚' : (Math.floor(rand() * 100000) / 100).toFixed(2);
    const traffic = u >= 0.0004 && u < 0.0007 ? '-1' : (Math.floor(rand() * 5000) / 100).toFixed(2);
    const id = u >= 0.0007 && u < 0.001 ? i - 1 : i;
    buf.push(`${id},${REGIONS[Math.floor(rand() * 4)]},${rand() < 0.8 ? '是' : '否'},${spend},${traffic},${18 + Math.floor(rand() * 60)}\n`);
    if (buf.length === 100_000) {
      await put(buf.join(''));
      buf = [];
    }
  }
  await put(buf.join(''));
  ws.end();
  await once(ws, 'close');
  renameSync(tmp, path);
}

const fields: FieldSpec[] = [
  { name: 'region', type: 'category', required: true, levels: REGIONS },
  { name: 'uses', type: 'boolean', required: true },
  { name: 'spend', type: 'number', required: true, min: 0 },
  { name: 'traffic', type: 'number', required: true, min: 0 },
  { name: 'age', type: 'count', required: false },
];

async function time<T>(label: string, f: () => Promise<T>): Promise<{ s: number; r: T }> {
  const t0 = performance.now();
  const r = await f();
  const s = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(44)} ${s.toFixed(2)} s`);
  return { s, r };
}

const utf8 = join(OUT, `consumers-${N}-utf8.csv`);
const gb = join(OUT, `consumers-${N}-gb18030.csv`);
await time(`generate ${N} rows (cached after the first run)`, async () => {
  await generate(utf8, 'utf-8');
  await generate(gb, 'gb18030');
});
console.log(`files: ${(statSync(utf8).size / 1e6).toFixed(0)} MB (UTF-8), ${(statSync(gb).size / 1e6).toFixed(0)} MB (GB18030)`);

console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other processes share the cores: compare ratios)`);
const db = await openDatabase();
try {
  const ref = await time('reference: DuckDB read_csv + GROUP BY', async () =>
    (
      await db.connection.runAndReadAll(
        `SELECT "地区", count(*), sum(try_cast("月消费(元)" AS DOUBLE)), sum(try_cast("流量消费(元)" AS DOUBLE)) ` +
          `FROM read_csv('${utf8}', header=true, all_varchar=true) GROUP BY 1 ORDER BY 1`,
      )
    ).getRowsJS(),
  );
  const spec = (file: string, encoding: 'utf-8' | 'gb18030') => ({
    key: 'consumers',
    file,
    displayPath: 'consumers.csv',
    encoding,
    id: 'respondent',
    columns: { region: '地区', uses: '是否使用微信', spend: '月消费(元)', traffic: '流量消费(元)', age: '年龄' },
  });
  // every streamed rejection is checked against the generator: row r holds id r − 1 (a duplicate: id r − 2)
  let checked = 0;
  const onRejections = (batch: Rejection[]) => {
    for (const r of batch) {
      const want = String(r.row - (r.code === 'duplicate-id' ? 2 : 1));
      if (r.id !== want) throw new Error(`row ${r.row}: id ${r.id}, expected ${want}`);
    }
    checked += batch.length;
  };
  const opts = { groupBy: ['region', 'uses'], sums: ['spend', 'traffic'], maxRejections: 100, onRejections };
  const u = await time('aggregateQuestionnaire, UTF-8', () => aggregateQuestionnaire(db, spec(utf8, 'utf-8'), fields, opts));
  const g = await time('aggregateQuestionnaire, GB18030', () => aggregateQuestionnaire(db, spec(gb, 'gb18030'), fields, opts));
  for (const [name, a] of [['UTF-8', u], ['GB18030', g]] as const) {
    console.log(`${name}: rowsRead ${a.r.rowsRead}, valid ${a.r.valid}, rejected ${a.r.rejected} ${JSON.stringify(a.r.reasons)}, groups ${a.r.groups.n.length}`);
  }
  // same counts and keys; sums equal up to the order of DuckDB's parallel addition (relative 1e-12)
  const close = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= 1e-12 * Math.abs(x));
  const same =
    JSON.stringify([u.r.reasons, u.r.groups.keys, [...u.r.groups.n], u.r.rejections]) === JSON.stringify([g.r.reasons, g.r.groups.keys, [...g.r.groups.n], g.r.rejections]) &&
    opts.sums.every((f) => close(u.r.groups.sum[f], g.r.groups.sum[f]) && close(u.r.groups.sumSq[f], g.r.groups.sumSq[f]));
  console.log(`UTF-8 and GB18030 results agree: ${same}; row numbers of all ${checked} rejections match the generator; reference groups: ${ref.r.length}`);
  console.log(`UTF-8 read ${u.r.source.staged ? 'through a staging copy' : 'directly'}; GB18030 ${g.r.source.staged ? 'through a staging copy' : 'directly'}`);
  console.log(`ratio UTF-8 / reference:   ${(u.s / ref.s).toFixed(1)}×`);
  console.log(`ratio GB18030 / reference: ${(g.s / ref.s).toFixed(1)}×`);
} finally {
  db.close();
}
