// Order independence (issue 13 item 5): shuffling the rows of every example questionnaire file — CSV lines, and
// the XLSX rows rewritten with exceljs — gives byte-identical results.json and figures.csv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runStudy } from '../../src/cli/runStudy.ts';
import { resultsJson, tables } from '../../src/cli/outputs.ts';

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
