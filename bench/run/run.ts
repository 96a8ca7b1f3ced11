// Benchmark of `spillover run`: the default example (target < 1 s on 2 cores, whole process), and the
// example with a synthetic consumer file of N rows (default 10 M) to show the consumer path scales.
// Reference in the same script: DuckDB alone reading and summing the same consumer CSV.
// Usage: npx tsx bench/run/run.ts [--rows 10000000] [--reps 5]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, createWriteStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runStudy } from '../../src/cli/runStudy.ts';

const root = new URL('../..', import.meta.url).pathname;
const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const ROWS = arg('--rows', 10_000_000);
const REPS = arg('--reps', 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. Whole default run as a user runs it (process start included), vs `node -e 0` start-up.
const time = (args: string[]) => {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return performance.now() - t;
};
const runs = Array.from({ length: REPS }, () => time(['bin/spillover.js', 'run', '--out', join(root, 'bench/out/default')]));
const bare = Array.from({ length: REPS }, () => time(['-e', '0']));
console.log(`default run (process): median ${median(runs).toFixed(0)} ms over ${REPS}; bare node start-up ${median(bare).toFixed(0)} ms; ratio ${(median(runs) / median(bare)).toFixed(1)}×`);
const inproc = [];
for (let i = 0; i < REPS; i++) {
  const t = performance.now();
  await runStudy(join(root, 'examples/wechat-2019/study.yaml'));
  inproc.push(performance.now() - t);
}
console.log(`default run (in process, warm): median ${median(inproc).toFixed(0)} ms`);

// 2. The example with a big consumer file (UTF-8), seeded, generated once.
const dir = join(root, 'bench/out/big');
mkdirSync(dir, { recursive: true });
cpSync(join(root, 'examples/wechat-2019'), dir, { recursive: true });
const file = join(dir, `consumers-${ROWS}.csv`);
if (!existsSync(file)) {
  let s = 2019;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const out = createWriteStream(file);
  out.write('问卷编号,流量消费（元/年）,信息服务消费（元/年）,餐饮（元/年）,购物（元/年）,生活服务（元/年）,交通出行（元/年）,教育（元/年）,文娱（元/年）,医疗（元/年）\n');
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    buf += `C${i},${Array.from({ length: 9 }, () => (rnd() < 0.5 ? 0 : (rnd() * 400).toFixed(2))).join(',')}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.on('finish', () => r()));
}
const { readFileSync, writeFileSync } = await import('node:fs');
writeFileSync(join(dir, 'study.yaml'), readFileSync(join(dir, 'study.yaml'), 'utf8').replace('file: data/consumers.csv\n    encoding: gb18030', `file: consumers-${ROWS}.csv\n    encoding: utf-8`));
console.log(`consumer file: ${ROWS} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB`);
let t = performance.now();
const { results } = await runStudy(join(dir, 'study.yaml'));
const big = performance.now() - t;
console.log(`run with ${ROWS} consumer rows: ${(big / 1000).toFixed(2)} s (consumption.total ${(results.figures['consumption.total'].value / 1e8).toFixed(1)} 亿元)`);
const db = await (await DuckDBInstance.create(':memory:')).connect();
t = performance.now();
await db.runAndReadAll(`SELECT count(*), sum("流量消费（元/年）") FROM read_csv('${file}', all_varchar = false)`);
const ref = performance.now() - t;
console.log(`reference: DuckDB read_csv + sum of the same file: ${(ref / 1000).toFixed(2)} s; ratio ${(big / ref).toFixed(1)}×`);
