// Order independence (issue 13 item 5): shuffling the rows of every example input file — the questionnaires of
// examples/wechat-2019 (CSV lines, and the XLSX rows rewritten with exceljs) and the voucher transactions of
// examples/vouchers-2020 (every Parquet partition rewritten in another row order, and the applicants CSV) — gives
// byte-identical results.json and figures.csv, and vouchers.json and vouchers.csv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runStudy } from '../../src/cli/runStudy.ts';
import { resultsJson, tables } from '../../src/cli/outputs.ts';
import { runVoucherStudy, voucherFiles } from '../../src/cli/runVouchers.ts';
import { openDatabase } from '../../src/data/openDatabase.ts';
import { duckdbDialect } from '../../src/data/sql/duckdbDialect.ts';

/** a seeded permutation (mulberry32 + Fisher–Yates) that is never the identity */
function shuffled<T>(xs: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  assert.notDeepEqual(out, xs);
  return out;
}

/** Parquet files shuffled so far (a file of one row is left as it is). */
let shuffledFiles = 0;

async function shuffleFile(path: string, seed: number): Promise<void> {
  if (path.endsWith('.csv')) {
    const text = readFileSync(path, 'latin1'); // bytes as they are (a file may be GB18030)
    assert.doesNotMatch(text, /"[^"]*\n/, `${path}: a quoted newline; line shuffling would break it`);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text.split(eol);
    const last = lines[lines.length - 1] === '' ? lines.pop() : undefined;
    const [header, ...rows] = lines;
    writeFileSync(path, [header, ...shuffled(rows, seed), ...(last === undefined ? [] : [last])].join(eol), 'latin1');
  } else if (path.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets.reduce((a, b) => (b.actualRowCount > a.actualRowCount ? b : a)); // the data sheet
    const values: ExcelJS.CellValue[][] = [];
    for (let r = 2; r <= ws.rowCount; r++) values.push((ws.getRow(r).values as ExcelJS.CellValue[]).slice(1));
    shuffled(values, seed).forEach((v, k) => {
      const row = ws.getRow(k + 2);
      const width = Math.max(ws.columnCount, v.length);
      for (let c = 1; c <= width; c++) row.getCell(c).value = v[c - 1] ?? null;
    });
    await wb.xlsx.writeFile(path);
  } else if (path.endsWith('.parquet')) {
    // the rows in a seeded order (a hash of the row number and the seed), written as a Parquet file again (the
    // file's own columns: not the partition column that the folder name gives)
    const db = await openDatabase();
    try {
      const read = (f: string) => `read_parquet(${duckdbDialect.string(f)}, hive_partitioning = false)`;
      const out = `${path}.shuffled`;
      const rows = async (f: string) => (await db.connection.runAndReadAll(`SELECT * FROM ${read(f)}`)).getRows().map(String);
      const before = await rows(path);
      if (before.length < 2) return; // one row has one order
      await db.connection.run(`COPY (SELECT * EXCLUDE (__r) FROM (SELECT *, row_number() OVER () AS __r FROM ${read(path)}) ORDER BY hash(__r + ${seed}), __r) TO ${duckdbDialect.string(out)} (FORMAT parquet)`);
      const after = await rows(out);
      assert.deepEqual([...after].sort(), [...before].sort(), `${path}: the same rows`);
      assert.notDeepEqual(after, before, `${path}: in another order`);
      shuffledFiles++;
    } finally {
      db.close();
    }
    renameSync(`${path}.shuffled`, path);
  } else {
    throw new Error(`${path}: no shuffler for this file type`);
  }
}

const outputs = async (study: string) => {
  const { results, prepared } = await runStudy(study, { uncertainty: false });
  return { json: resultsJson(results), figures: tables(results, prepared.rejections)['figures.csv'] };
};

test('shuffling every example questionnaire file gives byte-identical results.json and figures.csv', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-shuffle-'));
  try {
    // one folder, run before and after shuffling in place: the same paths in both runs
    cpSync('examples/wechat-2019', join(dir, 'wechat-2019'), { recursive: true });
    const study = join(dir, 'wechat-2019', 'study.yaml');
    const a = await outputs(study);
    const files = readdirSync(join(dir, 'wechat-2019', 'data')).filter((f) => /\.(csv|xlsx)$/.test(f));
    assert.ok(files.length >= 3, files.join(', '));
    for (const [k, f] of files.entries()) await shuffleFile(join(dir, 'wechat-2019', 'data', f), 1000 + k);
    const b = await outputs(study);
    assert.equal(b.json, a.json);
    assert.equal(b.figures, a.figures);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('shuffling the voucher transactions (every Parquet partition) and applicants gives byte-identical vouchers.json and vouchers.csv', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-shuffle-v-'));
  try {
    cpSync('examples/vouchers-2020', join(dir, 'v'), { recursive: true });
    const study = join(dir, 'v', 'study.yaml');
    const outputs = async () => {
      const files = voucherFiles((await runVoucherStudy(study)).results, 'en', { report: false });
      return { json: files['vouchers.json'], csv: files['vouchers.csv'] };
    };
    const a = await outputs();
    const data = join(dir, 'v', 'data');
    const files = readdirSync(data, { recursive: true }).map(String).filter((f) => /\.(csv|parquet)$/.test(f)).sort();
    assert.ok(files.filter((f) => f.endsWith('.parquet')).length >= 3 && files.includes('applicants.csv'), files.join(', '));
    for (const [k, f] of files.entries()) await shuffleFile(join(data, f), 2000 + k);
    assert.ok(shuffledFiles >= 3, `${shuffledFiles} Parquet partitions shuffled`);
    const b = await outputs();
    assert.equal(b.json, a.json);
    assert.equal(b.csv, a.csv);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
