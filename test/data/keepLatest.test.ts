// dedupe: {keep_latest_by: COLUMN} (issue 13 item 5): rows of one respondent id are resolved by the latest
// declared timestamp, never by file order — earlier rows rejected as duplicate-superseded, rows at the same latest
// time follow the duplicate rule (identical: keep one; different answers: all rejected), a blank or unparseable
// timestamp rejects its row naming row, column and cell. The same in loadQuestionnaire (rows), aggregateQuestionnaire
// (moments) and whatever the row order (every permutation of the file gives the same valid rows and reasons).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { aggregateQuestionnaire, loadQuestionnaire, openDatabase } from '../../src/data/index.ts';
import type { FieldSpec, QuestionnaireSpec } from '../../src/data/types.ts';

const fields: FieldSpec[] = [
  { name: 'employees', type: 'number', required: true },
  { name: 'region', type: 'category', required: false },
];
const HEADER = ['问卷编号', '提交时间', '员工总数', '地区'];
// id, time, employees, region
const ROWS: string[][] = [
  ['A', '2019-11-03 14:22:05', '10', '东部'], // superseded by A's later answer
  ['A', '2019/11/4 9:00', '12', '东部'], // A's latest: kept
  ['B', '2019-11-03 10:00', '5', '西部'], // B: two identical answers at the same latest time → keep one
  ['B', '2019-11-03 10:00:00', '5', '西部'],
  ['B', '2019-11-01', '7', '西部'], // superseded
  ['C', '2019-11-05 08:00', '3', '中部'], // C: different answers at the same latest time → both rejected
  ['C', '2019-11-05T08:00:00', '4', '中部'],
  ['C', '2019-11-02', '9', '中部'], // superseded (by a conflicting tie: every row of C rejected)
  ['D', '昨天', '8', '东部'], // unparseable
  ['E', '', '6', '东部'], // blank timestamp
  ['F', '2019-02-29 12:00', '2', '东部'], // not a date
  ['G', '2019-11-06 12:00', '20', '东北'], // alone: kept
  ['H', '2019-11-06 12:00', 'x', '东北'], // H's latest answer is invalid: rejected for it; the earlier one is superseded
  ['H', '2019-11-01 12:00', '30', '东北'],
];

const spec = (file: string, extra: Partial<QuestionnaireSpec> = {}): QuestionnaireSpec => ({
  key: 'q',
  file,
  displayPath: 'data/q.csv',
  yamlPath: 'questionnaires.q',
  id: '问卷编号',
  keepLatestBy: '提交时间',
  columns: { employees: '员工总数', region: '地区' },
  ...extra,
});

function csv(rows: string[][]): string {
  return [HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

/** all permutations of a small list's positions, by Heap's algorithm (capped) */
function* orders(n: number, cap: number): Generator<number[]> {
  const a = [...Array(n).keys()];
  const c = new Array(n).fill(0);
  yield a.slice();
  let i = 0, k = 1;
  while (i < n && k < cap) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [a[j], a[i]] = [a[i], a[j]];
      yield a.slice();
      k++;
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

test('keep_latest_by: the latest answer wins, ties follow the duplicate rule, bad timestamps are rejected with row and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-latest-'));
  const db = await openDatabase();
  try {
    const file = join(dir, 'q.csv');
    writeFileSync(file, csv(ROWS));
    const q = await loadQuestionnaire(db, spec(file), fields);
    const kept = q.rows.id.map((id, k) => [id, q.rows.numbers.employees[k]]);
    assert.deepEqual(kept, [['A', 12], ['B', 5], ['G', 20]]);
    assert.deepEqual(q.reasons, { 'duplicate-superseded': 4, 'duplicate-identical': 1, 'duplicate-conflict': 2, 'unparseable-timestamp': 2, 'missing-required': 1, 'non-numeric': 1 });
    assert.equal(q.rowsRead, ROWS.length);
    assert.equal(q.valid + q.rejected, q.rowsRead);
    const at = (row: number) => q.rejections.find((r) => r.row === row)!;
    assert.match(at(2).reason, /^duplicate-superseded \(the same id answered again later, row 3,/);
    assert.equal(at(2).column, '问卷编号');
    assert.match(at(5).reason, /^duplicate-identical \(same answers as row 4/);
    assert.match(at(7).reason, /^duplicate-conflict/);
    assert.match(at(9).reason, /^duplicate-superseded .*row 7/);
    assert.deepEqual([at(10).code, at(10).column, at(10).value], ['unparseable-timestamp', '提交时间', '昨天']);
    assert.match(at(10).reason, /expected a date and time such as 2019-11-03 14:22:05/);
    assert.deepEqual([at(11).code, at(11).column, at(11).value], ['missing-required', '提交时间', null]);
    assert.deepEqual([at(12).code, at(12).value], ['unparseable-timestamp', '2019-02-29 12:00']);
    assert.deepEqual([at(14).code, at(14).column, at(14).value], ['non-numeric', '员工总数', 'x']);
    assert.match(at(15).reason, /^duplicate-superseded .*row 14/);
    assert.equal(q.source.headers['@keep_latest_by'], '提交时间');

    // without the declaration every repeated id with different answers is a conflict (the default rule)
    const plain = await loadQuestionnaire(db, spec(file, { keepLatestBy: undefined }), fields);
    assert.deepEqual(plain.rows.id, ['D', 'E', 'F', 'G']);

    // every order of the rows: the same valid rows and reasons; moments equal to the rows' sums
    let n = 0;
    for (const order of orders(ROWS.length, 40)) {
      writeFileSync(file, csv(order.map((i) => ROWS[i])));
      const p = await loadQuestionnaire(db, spec(file), fields);
      assert.deepEqual(p.rows.id.map((id, k) => [id, p.rows.numbers.employees[k]]), kept, `order ${order}`);
      assert.deepEqual(p.reasons, q.reasons);
      const m = await aggregateQuestionnaire(db, spec(file), fields, { groupBy: [], sums: ['employees'] });
      assert.deepEqual([m.valid, m.rejected, m.groups.sum.employees[0], m.reasons], [3, ROWS.length - 3, 37, q.reasons]);
      n++;
    }
    assert.equal(n, 40);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('keep_latest_by: XLSX date cells, and a timestamp column that is not there or is the id', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-latest-'));
  const db = await openDatabase();
  try {
    const file = join(dir, 'q.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('问卷');
    ws.addRow(HEADER);
    ws.addRow(['A', new Date(Date.UTC(2019, 10, 4, 9, 0, 0)), 12, '东部']);
    ws.addRow(['A', new Date(Date.UTC(2019, 10, 3, 14, 22, 5)), 10, '东部']);
    ws.addRow(['B', '2019-11-03 10:00', 5, '西部']);
    await wb.xlsx.writeFile(file);
    const q = await loadQuestionnaire(db, spec(file, { displayPath: 'data/q.xlsx' }), fields);
    assert.deepEqual(q.rows.id.map((id, k) => [id, q.rows.numbers.employees[k]]), [['A', 12], ['B', 5]]);
    assert.deepEqual(q.reasons, { 'duplicate-superseded': 1 });
    assert.equal(q.rejections[0].row, 3);

    await assert.rejects(loadQuestionnaire(db, spec(file, { keepLatestBy: '提交日期' }), fields), (e: Error) =>
      /no column for the timestamp that resolves repeated ids \(questionnaires\.q\.dedupe\.keep_latest_by\): expected header "提交日期"; found headers: "问卷编号", "提交时间", "员工总数", "地区"$/.test(e.message));
    await assert.rejects(loadQuestionnaire(db, spec(file, { keepLatestBy: '问卷编号' }), fields), /dedupe\.keep_latest_by names the respondent id column "问卷编号"/);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the example declares keep_latest_by on providers: its figures are unchanged, and a later answer replaces an earlier one', async () => {
  const { runStudy } = await import('../../src/cli/runStudy.ts');
  const { tables } = await import('../../src/cli/outputs.ts');
  const { cpSync, readFileSync, appendFileSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'spillover-latest-study-'));
  try {
    cpSync('examples/wechat-2019', join(dir, 'w'), { recursive: true });
    const study = join(dir, 'w', 'study.yaml');
    const text = readFileSync(study, 'utf8');
    assert.match(text, /dedupe: \{keep_latest_by: 提交时间\}/);
    const figures = async () => {
      const { results, prepared } = await runStudy(study, { uncertainty: false });
      return { csv: tables(results, prepared.rejections)['figures.csv'], results, rejections: prepared.rejections };
    };
    const declared = await figures();
    writeFileSync(study, text.replace(/\n\s*dedupe: \{keep_latest_by: 提交时间\}[^\n]*/, ''));
    const plain = await figures();
    assert.equal(declared.csv, plain.csv, 'the planted duplicate is an identical copy at the same time: keep one either way');
    assert.equal(declared.rejections.find((r) => r.id === 'P00004')!.code, 'duplicate-identical');

    // P00004 answers again later with 180 employees instead of 18
    const providers = join(dir, 'w', 'data', 'providers.csv');
    appendFileSync(providers, 'P00004,2020-03-20 09:00,企业微信,东部,180,0.63,0.68,0.98,0.95,14,0.64,否,\n');
    const conflict = await figures();
    assert.deepEqual(conflict.rejections.filter((r) => r.id === 'P00004').map((r) => r.code), ['duplicate-conflict', 'duplicate-conflict', 'duplicate-conflict']);
    writeFileSync(study, text);
    const later = await figures();
    assert.deepEqual(later.rejections.filter((r) => r.id === 'P00004').map((r) => r.code), ['duplicate-superseded', 'duplicate-superseded']);
    const wecom = (r: typeof later) => r.results.figures['jobs.providers.wecom'].value;
    const n = (r: typeof later) => r.results.quality.find((q) => q.questionnaire === 'providers')!.valid;
    assert.equal(n(later), n(declared));
    assert.equal(n(conflict), n(declared) - 1);
    // jobs = N/n Σ employees × related share: the later answer adds 162 employees × 0.63 at the same n
    const c = declared.results.components.find((x) => x.id === 'wecom')!;
    assert.equal(later.results.components.find((x) => x.id === 'wecom')!.n, c.n);
    assert.ok(Math.abs(wecom(later) - wecom(declared) - ((c.population / c.n) * 162 * 0.63)) < 1e-6, `${wecom(later)} − ${wecom(declared)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
