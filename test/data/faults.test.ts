// Whole-file faults stop with a DataError naming file/row/column/YAML path; row faults reject the row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { aggregateQuestionnaire, DataError, loadQuestionnaire, openDatabase, type FieldSpec, type QuestionnaireSpec } from '../../src/data/index.ts';
import { tempDir, withDbAndDir } from './providers.ts';
import { errorText } from '../../src/locale/errorText.ts';

const fields: FieldSpec[] = [
  { name: 'employees', type: 'number', required: true, min: 0 },
  { name: 'related_share', type: 'share', required: true },
];

async function load(content: string | Buffer, extra: Partial<QuestionnaireSpec> = {}, name = 'p.csv', f: FieldSpec[] = fields) {
  const t = tempDir();
  const file = join(t.dir, name);
  if (content !== '') writeFileSync(file, content);
  else writeFileSync(file, '');
  const db = await openDatabase();
  try {
    return await loadQuestionnaire(
      db,
      { key: 'providers', file, displayPath: `in/${name}`, yamlPath: 'questionnaires.providers', id: 'id', columns: { employees: '员工总数', related_share: 'share' }, ...extra },
      f,
    );
  } finally {
    db.close();
    t.done();
  }
}

async function fault(p: Promise<unknown>, where: { message: RegExp; row?: number; column?: string; yamlPath?: string }): Promise<DataError> {
  const e = await p.then(
    () => assert.fail('expected a DataError'),
    (err: unknown) => err,
  );
  assert.ok(e instanceof DataError, `not a DataError: ${e}`);
  assert.match(e.message, where.message);
  assert.equal(e.file.startsWith('in/'), true, e.file);
  assert.ok(e.message.startsWith(e.file + ':'), `message should start with the file: ${e.message}`);
  if ('row' in where) assert.equal(e.row, where.row);
  if ('column' in where) assert.equal(e.column, where.column);
  if ('yamlPath' in where) assert.equal(e.yamlPath, where.yamlPath);
  return e;
}

test('missing file names the file and the YAML key', async () => {
  const db = await openDatabase();
  try {
    await fault(
      loadQuestionnaire(db, { key: 'providers', file: '/nonexistent/x.csv', displayPath: 'in/x.csv', id: 'id', columns: {} }, []),
      { message: /^in\/x\.csv: no such file \(questionnaires\.providers\.file\)$/, yamlPath: 'questionnaires.providers.file' },
    );
  } finally {
    db.close();
  }
});

test('empty file, header only, header plus blank rows', async () => {
  await fault(load(''), { message: /empty file \(no header row\)/, row: 1 });
  await fault(load('\n\n'), { message: /empty file \(no header row\)/, row: 1 });
  await fault(load('id,员工总数,share\n'), { message: /no data rows \(only a header\)/, row: 2 });
  await fault(load('id,员工总数,share'), { message: /no data rows \(only a header\)/, row: 2 });
  await fault(load('\r\nid,员工总数,share\r\n'), { message: /no data rows/ });
  await fault(load(Buffer.from([0xef, 0xbb, 0xbf])), { message: /empty file \(no header row\)/ });
  await fault(load('id,员工总数,share\n\n,,\n'), { message: /no data rows \(only a header and blank rows\)/ });
});

test('missing column: names the expected header, the YAML path, lists found headers and suggests near misses', async () => {
  const e = await fault(load('id,员工数,share,备注\n1,3,0.5,x\n'), {
    message: /no column for field "employees" \(questionnaires\.providers\.columns\.employees\): expected header "员工总数"; found headers: "id", "员工数", "share", "备注"; did you mean "员工数"\?/,
    column: '员工总数',
    yamlPath: 'questionnaires.providers.columns.employees',
    row: 1,
  });
  assert.ok(e);
  await fault(load('ID,员工总数,share\n1,3,0.5\n', { id: '编号' }), { message: /no column for the respondent id \(questionnaires\.providers\.id\): expected header "编号"; found headers: "ID", "员工总数", "share"$/ });
});

test('ambiguous mapping lists both headers', async () => {
  await fault(load('id,Share,share ,员工总数\n1,0.1,0.2,3\n'), {
    message: /field "related_share" \(questionnaires\.providers\.columns\.related_share\) is ambiguous: headers "Share", "share " \(columns 2, 3\)/,
    yamlPath: 'questionnaires.providers.columns.related_share',
  });
  await fault(load('id,员工总数,employees,share\n1,3,3,0.5\n', { columns: { employees: ['员工总数', 'employees'], related_share: 'share' } }), {
    message: /is ambiguous: headers "员工总数", "employees"/,
  });
});

test('unknown field in the mapping, required field unmapped', async () => {
  await fault(load('id,员工总数,share\n1,3,0.5\n', { columns: { employees: '员工总数', related_share: 'share', staff: 'x' } }), {
    message: /unknown field "staff" in questionnaires\.providers\.columns; known fields: employees, related_share/,
    yamlPath: 'questionnaires.providers.columns.staff',
  });
  await fault(load('id,员工总数,share\n1,3,0.5\n', { columns: { employees: '员工总数' } }), { message: /required field "related_share" has no column/ });
});

test('undecodable: a GBK file declared utf-8 names the row (and line) of the first bad byte', async () => {
  const gbk = iconv.encode('id,employees,share\n', 'utf-8');
  const ascii = { columns: { employees: 'employees', related_share: 'share' } };
  const body = iconv.encode('1,3,0.5\n2,"4\n",0.5\n3,五,0.5\n', 'gbk');
  await fault(load(Buffer.concat([gbk, body]), { ...ascii, encoding: 'utf-8' }), {
    message: /not valid UTF-8 at row 4 \(line 5, byte 0xce\); if the file is GBK\/GB18030 declare encoding: gbk, gb18030 or auto/,
    row: 4,
  });
  // auto falls back to GB18030 and reads the same file; "五" is then a non-numeric cell
  const q = await load(Buffer.concat([gbk, body]), { ...ascii, encoding: 'auto' });
  assert.equal(q.source.encoding, 'gb18030');
  assert.deepEqual(
    q.rejections.map((r) => [r.row, r.value, r.code]),
    [[4, '五', 'non-numeric']],
  );
  // a UTF-8 file declared gbk is refused when it carries a BOM
  await fault(load('\ufeffid,员工总数,share\n1,3,0.5\n', { encoding: 'gbk' }), { message: /UTF-8 byte-order mark but encoding is gbk/ });
  // bytes invalid in GB18030 (0xFF) are refused with their row
  await fault(load(Buffer.from('id,employees,share\n1,3,0.5\n2,\xff,0.5\n', 'latin1'), { ...ascii, encoding: 'gb18030' }), { message: /not valid gb18030 at row 3/, row: 3 });
});

test('an unterminated quoted field is a whole-file fault naming its row', async () => {
  await fault(load('id,员工总数,share\n1,3,0.5\n2,"4,0.5\n3,5,0.5\n'), { message: /row 3: a quoted field \('"'\) is never closed/, row: 3 });
});

test('rules: only field names and listed functions; must be boolean', async () => {
  const csv = 'id,员工总数,share\n1,3,0.5\n';
  await fault(load(csv, { rules: [{ check: "employees < (SELECT 1 FROM read_csv('/etc/passwd'))", reason: 'x' }] }), {
    message: /unknown name "SELECT"/,
    yamlPath: 'questionnaires.providers.rules[0].check',
  });
  await fault(load(csv, { rules: [{ check: 'employees; DROP TABLE x', reason: 'x' }] }), { message: /unexpected character ";" at position 10/ });
  await fault(load(csv, { rules: [{ check: 'employees + 1', reason: 'x' }] }), { message: /must be true\/false, but gives DOUBLE/ });
  // A text field compared with a number is named before any row is read (DuckDB would stop on the first row with a
  // conversion error naming its own column); compared with a quoted value it is a rule like any other.
  const typed: FieldSpec[] = [...fields, { name: 'provider_type', type: 'category', required: true }];
  const withType = 'id,员工总数,share,类型\n1,3,0.5,企业微信\n2,30,0.5,小程序\n';
  for (const lang of ['en', 'zh'] as const) {
    const e = await fault(load(withType, { columns: { employees: '员工总数', related_share: 'share', provider_type: '类型' }, rules: [{ check: 'employees < 100', reason: 'x' }, { check: 'provider_type = 1 OR employees < 10', reason: 'y' }] }, 'p.csv', typed), {
      message: /rule "provider_type = 1 OR employees < 10" \(questionnaires\.providers\.rules\[1\]\.check\) uses the text field\(s\) provider_type as a number: compare a text field with a quoted value/,
      yamlPath: 'questionnaires.providers.rules[1].check',
    });
    const text = errorText(e, lang);
    assert.doesNotMatch(text, /__x\d/, text);
    if (lang === 'zh') assert.match(text, /把文本字段（provider_type）当作数字/);
  }
  // A rule that fails on the made-up text for another reason (ln(0)) is left to the data, where it holds.
  const long = 'id,员工总数,share,类型\n1,3,0.5,企业微信服务\n2,30,0.5,小程序服务商\n';
  const ln = await load(long, { columns: { employees: '员工总数', related_share: 'share', provider_type: '类型' }, rules: [{ check: 'ln(length(provider_type) - 4) > 0', reason: 'z' }] }, 'p.csv', typed);
  assert.deepEqual(ln.rejections, []);
  const quoted = await load(withType, { columns: { employees: '员工总数', related_share: 'share', provider_type: '类型' }, rules: [{ check: "provider_type = '企业微信' OR employees < 10", reason: 'y' }] }, 'p.csv', typed);
  assert.deepEqual(quoted.rejections.map((r) => [r.row, r.code]), [[3, 'rule:y']]);
  const ok = await load('id,员工总数,share\n1,3,0.5\n2,30,0.5\n3,,0.5\n', {
    rules: [{ check: 'employees * related_share < 10 OR related_share IS NULL', reason: 'too big' }],
  });
  assert.deepEqual(
    ok.rejections.map((r) => [r.row, r.code, r.reason]),
    [
      [3, 'rule:too big', 'rule:too big (employees * related_share < 10 OR related_share IS NULL)'],
      [4, 'missing-required', 'missing-required'],
    ],
  );
});

test('row faults: every kind, each naming row, column and value; rowsRead = valid + rejected', async () => {
  const csv = [
    'id,员工总数,share,extra',
    '1,"1,234",50%,ignored',
    '2,12a,0.5,',
    '3,5,1.01,',
    '4,-1,0.5,',
    '5,5,-0.1,',
    ',5,0.5,',
    '7,5,,',
    '1,1234,0.5,',
    '9,5,0.5,x,surplus',
    '10,inf,0.5,',
    '11,1_000,0.5,',
    '12,"1,23",0.5,',
    '1,1234,0.5,',
  ].join('\r\n');
  const q = await load(csv);
  assert.equal(q.rowsRead, 13);
  assert.equal(q.rowsRead, q.valid + q.rejected);
  assert.equal(q.valid, 1);
  assert.deepEqual([...q.rows.numbers.employees], [1234]);
  assert.deepEqual([...q.rows.numbers.related_share], [0.5]);
  assert.deepEqual(
    q.rejections.map((r) => [r.row, r.id, r.column, r.value, r.reason]),
    [
      [3, '2', '员工总数', '12a', 'non-numeric'],
      [4, '3', 'share', '1.01', 'share-out-of-range (must be between 0 and 1)'],
      [5, '4', '员工总数', '-1', 'negative (must be ≥ 0)'],
      [6, '5', 'share', '-0.1', 'share-out-of-range (must be between 0 and 1)'],
      [7, null, 'id', null, 'missing-required'],
      [8, '7', 'share', null, 'missing-required'],
      [9, '1', 'id', '1', 'duplicate-identical (same answers as row 2, which is kept)'],
      [10, '9', null, 'surplus', 'extra-fields (more cells than headers; a stray comma, e.g. an unquoted "1,234"?)'],
      [11, '10', '员工总数', 'inf', 'non-numeric'],
      [12, '11', '员工总数', '1_000', 'non-numeric'],
      [13, '12', '员工总数', '1,23', 'non-numeric'],
      [14, '1', 'id', '1', 'duplicate-identical (same answers as row 2, which is kept)'],
    ],
  );
});

test('a row with several faults is rejected once; its reason lists the others', async () => {
  const q = await load('id,员工总数,share\n1,x,2\n');
  assert.equal(q.rejected, 1);
  assert.equal(q.rejections[0].reason, 'non-numeric; also share-out-of-range in "share"');
  assert.deepEqual(q.reasons, { 'non-numeric': 1 });
});

test('file types: .xls and a workbook named .csv are refused', async () => {
  await fault(load('id\n1\n', {}, 'p.xls'), { message: /unknown file type "\.xls" \(save the workbook as \.xlsx\)/ });
  await fault(load(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), {}, 'p.csv'), { message: /ZIP\/XLSX workbook, not a CSV file/ });
});

test('whitespace: cells are trimmed (incl. U+3000, U+00A0); a cell of spaces is missing; full-width digits read as digits', async () => {
  const q = await load('id,员工总数,share\n 1 ,  7 ,\u30000.5\u3000\n2,\u00a0１２\u00a0,５０％\n3,   ,0.5\n 4,5,"  "\n');
  assert.deepEqual(q.rows.id, ['1', '2']);
  assert.deepEqual([...q.rows.numbers.employees], [7, 12]);
  assert.deepEqual([...q.rows.numbers.related_share], [0.5, 0.5]);
  assert.deepEqual(
    q.rejections.map((r) => [r.row, r.id, r.column, r.code]),
    [
      [4, '3', '员工总数', 'missing-required'],
      [5, '4', 'share', 'missing-required'],
    ],
  );
});

test('row numbers hold across DuckDB parallel chunks: a 26 MB file read directly (LF) and staged (CRLF)', async () => {
  const n = 1_000_000;
  const lines: string[] = ['id,员工总数,note'];
  for (let i = 1; i <= n; i++) lines.push(`${i},${i % 997 === 0 ? 'x' : i % 50},padding-padding`);
  const csv = lines.join('\n') + '\n';
  await withDbAndDir(async (db, dir) => {
    for (const eol of ['\n', '\r\n']) {
      const file = join(dir, 'big.csv');
      writeFileSync(file, eol === '\n' ? csv : csv.replace(/\n/g, '\r\n'));
      const spec = { key: 'big', file, displayPath: 'in/big.csv', id: 'id', columns: { employees: '员工总数' } };
      const rows: number[] = [];
      const a = await aggregateQuestionnaire(db, spec, fields.slice(0, 1), { groupBy: [], sums: ['employees'], onRejections: (b) => {
        for (const r of b) {
          assert.equal(r.id, String(r.row - 1), `row ${r.row}`);
          rows.push(r.row);
        }
      } });
      assert.equal(a.rowsRead, n);
      assert.equal(a.source.staged, eol === '\r\n');
      assert.deepEqual(rows, Array.from({ length: Math.floor(n / 997) }, (_, k) => 997 * (k + 1) + 1));
    }
  });
});

test('the three CSV routes agree: direct (plain UTF-8), plain staging (full-width digits; GBK), numbered (CRLF)', async () => {
  const base = 'id,员工总数,share\n1,12,0.5\n2,x,0.5\n3,7,150%\n1,12,0.5\n';
  const cases: [string | Buffer, Partial<QuestionnaireSpec>, boolean][] = [
    [base, {}, false],
    ['\ufeff' + base, { encoding: 'utf-8' }, false],
    [base.replace('12', '１２'), {}, true],
    [iconv.encode(base, 'gbk'), { encoding: 'gbk' }, true],
    [iconv.encode(base, 'gbk'), { encoding: 'auto' }, true],
    [base.replace(/\n/g, '\r\n'), {}, true],
  ];
  for (const [content, extra, staged] of cases) {
    const q = await load(content, extra);
    assert.equal(q.source.staged, staged);
    assert.deepEqual([[...q.rows.row], q.rows.id, [...q.rows.numbers.employees]], [[2], ['1'], [12]]);
    assert.deepEqual(
      q.rejections.map((r) => [r.row, r.id, r.code]),
      [
        [3, '2', 'non-numeric'],
        [4, '3', 'share-out-of-range'],
        [5, '1', 'duplicate-identical'],
      ],
    );
  }
});
