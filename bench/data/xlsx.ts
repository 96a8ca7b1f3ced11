// Benchmark: reading one questionnaire sheet of an XLSX workbook with spillover's light reader (stageXlsx on
// readXlsx), against exceljs's streaming reader making the same pass (rows and cell texts) as the in-script
// reference — the reader spillover used before. CPU time (process.cpuUsage) and wall, medians.
// Usage: npx tsx bench/data/xlsx.ts [rows=200000] [--reps 3]   (the workbook is written to the OS temp folder)
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { writeXlsx, type XlsxCell } from '../../src/data/writeXlsx.ts';
import { stageXlsx } from '../../src/data/stageXlsx.ts';

const N = Number(process.argv[2] ?? 200_000) || 200_000;
const reps = Number(process.argv[process.argv.indexOf('--reps') + 1]) || 3;
const file = join(tmpdir(), `spillover-bench-${N}.xlsx`);
const out = join(tmpdir(), `spillover-bench-${N}.csv`);

if (!existsSync(file)) {
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const REGIONS = ['东部', '中部', '西部', '东北'];
  const rows: XlsxCell[][] = [['问卷编号', '账号类型', '所在地区', '运营账号数', '开发和运营人员数', '全职人员占比', '16-29岁员工占比', '女性人员数', '疫情期间是否新增岗位']];
  for (let i = 1; i <= N; i++) {
    rows.push([`O${String(i).padStart(7, '0')}`, rand() < 0.6 ? '公众号' : '小程序', REGIONS[Math.floor(rand() * 4)], 1 + Math.floor(rand() * 200), Math.floor(rand() * 500), Math.round(rand() * 100) / 100, Math.round(rand() * 100) / 100, Math.floor(rand() * 100), rand() < 0.3 ? '是' : '否']);
  }
  writeFileSync(file, writeXlsx([{ name: '运营者问卷', rows }], { date: new Date(Date.UTC(2000, 0, 1)), creator: 'bench' }));
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
async function exceljsPass(): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let n = 0;
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
    for await (const row of ws) {
      const v = row.values as unknown[];
      let line = String(row.number);
      for (let j = 1; j < v.length; j++) line += ',' + cellText(v[j]);
      n += line.length > 0 ? 1 : 0;
    }
  }
  return n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function measure(label: string, f: () => Promise<unknown>): Promise<number> {
  const cpu: number[] = [], wall: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    await f();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    wall.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(40)} CPU ${median(cpu).toFixed(0).padStart(7)} ms   wall ${median(wall).toFixed(0).padStart(7)} ms   (median of ${reps})`);
  return median(cpu);
}

console.log(`${N} rows × 9 columns, ${(statSync(file).size / 1e6).toFixed(1)} MB xlsx; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const ref = await measure('exceljs streaming reader (reference)', exceljsPass);
const light = await measure('stageXlsx (light reader)', () => stageXlsx(file, 'bench.xlsx', undefined, out));
console.log(`CPU ratio light / exceljs: ${(light / ref).toFixed(2)}`);
rmSync(out, { force: true });
