// Data errors in one language: a fault in the questionnaires, the IO table or the transactions stops
// `spillover check` with a message in the command's language — zh with no English words beyond names
// (files, headers, fields, YAML paths, values) and the field's acronyms, en with no Chinese beyond the
// user's own names (their headers, sheets, values, quoted). File, row, column and YAML path are the same
// in both. The type of DataError requires {zh, en} at every site (test/locale/errorText.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'spillover-errlang-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

/** Acronyms and product names that are the same words in a Chinese sentence. */
const ACRONYMS = new Set(['XLSX', 'ZIP', 'CSV', 'UTF', 'GBK', 'GB', 'ISO', 'NUL', 'BOM', 'XML', 'Parquet', 'DuckDB', 'ClickHouse', 'DateTime', 'Date', 'UInt', 'spillover', 'load']);

/**
 * The Latin words of a zh message that are neither names nor acronyms: quoted values and headers, paths,
 * YAML paths, identifiers and the user's own words (study file, headers) are taken out first.
 * englishWords('p.csv：规则 "x <= 1"（a.b[0].check）中有无法识别的名称 employes', 'employes') → [].
 */
function englishWords(text: string, user: string): string[] {
  const userWords = new Set(user.match(/[A-Za-z]+/g) ?? []);
  const rest = text
    .replace(/"(?:[^"\\]|\\.)*"|「[^」]*」|`[^`]*`/g, ' ')
    .replace(/[^\s\p{Script=Han}\u3000-\u303f\uff01-\uff60]*[/\\][^\s\p{Script=Han}\u3000-\u303f\uff01-\uff60]*/gu, ' ') // paths, up to a Chinese word
    .replace(/[\w$]+(?:[.[\]][\w$\]]*)+|\w+\(\)/g, ' ')
    .replace(/\$?\b[A-Za-z]*[_0-9][A-Za-z0-9_]*\b/g, ' ');
  return (rest.match(/[A-Za-z]+/g) ?? []).filter((w) => !ACRONYMS.has(w) && !userWords.has(w));
}

/** The Han runs of an en message outside quoted names that are not the user's. chineseWords('no sheet "问卷"', '') → []. */
function chineseWords(text: string, user: string): string[] {
  const rest = text.replace(/"(?:[^"\\]|\\.)*"/g, ' ');
  return (rest.match(/[\p{Script=Han}\u3000-\u303f\uff01-\uff60]+/gu) ?? []).filter((run) => !user.includes(run));
}

function check(study: string, lang: 'zh' | 'en'): string {
  const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'check', study, '--lang', lang], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 2, `${lang}: ${r.stderr}`);
  return r.stderr.trim();
}

interface Case {
  name: string;
  example: 'wechat-2019' | 'vouchers-2020';
  /** edits the study folder (its study.yaml, or a data file) */
  edit: (dir: string, yaml: string) => void;
  zh: RegExp;
  en: RegExp;
}

const sub = (from: string | RegExp, to: string) => (dir: string, yaml: string) => {
  const next = yaml.replace(from, to);
  assert.notEqual(next, yaml, `edit ${from} applies`);
  writeFileSync(join(dir, 'study.yaml'), next);
};

const CASES: Case[] = [
  {
    name: 'missing column, with a near miss',
    example: 'wechat-2019',
    edit: sub('employees: 员工总数', 'employees: 员工总'),
    zh: /^spillover: data\/providers\.csv：找不到字段 employees（questionnaires\.providers\.columns\.employees）的列：应有表头「员工总」；文件中的表头：「问卷编号」、.*；是不是「员工总数」？$/,
    en: /^spillover: data\/providers\.csv: no column for field "employees" \(questionnaires\.providers\.columns\.employees\): expected header "员工总"; found headers: "问卷编号", .*; did you mean "员工总数"\?$/,
  },
  {
    name: 'bad rule',
    example: 'wechat-2019',
    edit: sub('employees <= 200000', 'employes <= 200000'),
    zh: /^spillover: data\/providers\.csv：规则 "employes <= 200000"（questionnaires\.providers\.rules\[0\]\.check）中有无法识别的名称 employes；只能用字段名（employees、.*或函数 abs\(\)、least\(\)、/,
    en: /^spillover: data\/providers\.csv: rule "employes <= 200000" \(questionnaires\.providers\.rules\[0\]\.check\): unknown name "employes"; use field names \(employees, /,
  },
  {
    name: 'unreadable workbook',
    example: 'wechat-2019',
    edit: (dir) => writeFileSync(join(dir, 'data/operators.xlsx'), 'id,staff\n1,2\n'),
    zh: /^spillover: data\/operators\.xlsx：无法作为 XLSX 工作簿读取（不是 ZIP 压缩包，找不到中央目录结束记录）$/,
    en: /^spillover: data\/operators\.xlsx: not a readable XLSX workbook \(not a zip archive \(no end-of-central-directory record\)\)$/,
  },
  {
    name: 'missing sheet',
    example: 'wechat-2019',
    edit: sub('sheet: 运营者问卷', 'sheet: 问卷'),
    zh: /^spillover: data\/operators\.xlsx：没有名为 "问卷" 的工作表；现有工作表："说明"、"运营者问卷"$/,
    en: /^spillover: data\/operators\.xlsx: no sheet "问卷"; sheets: "说明", "运营者问卷"$/,
  },
  {
    name: 'empty file',
    example: 'wechat-2019',
    edit: (dir) => writeFileSync(join(dir, 'data/providers.csv'), ''),
    zh: /^spillover: data\/providers\.csv：文件是空的（没有表头行）$/,
    en: /^spillover: data\/providers\.csv: empty file \(no header row\)$/,
  },
  {
    name: 'a cell of the IO table that is not a number',
    example: 'wechat-2019',
    edit: (dir, yaml) => {
      const table = readFileSync(join(root, 'data/china-io-2017/china-io-2017-149.csv'), 'utf8').split('\n');
      const k = table.findIndex((l) => l.startsWith('005,'));
      table[k] = table[k].replace(/,(\d[\d.]*),/, ',12人,');
      writeFileSync(join(dir, 'data/io.csv'), table.join('\n'));
      sub('table: builtin:china-io-2017-149', 'table: data/io.csv')(dir, yaml);
    },
    zh: /^spillover: data\/io\.csv 「005」行「001」列：应为数字，实际为 "12人"$/,
    en: /^spillover: data\/io\.csv: row 005, column 001: not a number: "12人"$/,
  },
  {
    name: 'transactions: missing column, with a near miss',
    example: 'vouchers-2020',
    edit: sub('time: paid_at', 'time: paid_att'),
    zh: /^spillover: data\/transactions：找不到 time 对应的列「paid_att」（study\.yaml:\d+: transactions\.columns\.time）；文件中的列：「txn_id」、「paid_at」.*；是不是「paid_at」？$/,
    en: /^spillover: data\/transactions: no column "paid_att" for time \(study\.yaml:\d+: transactions\.columns\.time\); found columns: "txn_id", "paid_at".*; did you mean "paid_at"\?$/,
  },
  {
    name: 'transactions: no time readable',
    example: 'vouchers-2020',
    edit: sub('time: paid_at', 'time: city'),
    zh: /^spillover: data\/transactions：读到 \d+ 行交易，没有一行可用（study\.yaml:\d+: transactions\.files）：无法识别的时间 \d+ 行；请检查时间列「city」（transactions\.columns\.time）/,
    en: /^spillover: data\/transactions: \d+ transactions read, none usable \(study\.yaml:\d+: transactions\.files\): unreadable time \d+; check the time column "city" \(transactions\.columns\.time\)/,
  },
  {
    name: 'transactions: missing folder',
    example: 'vouchers-2020',
    edit: sub('files: data/transactions ', 'files: data/nothere '),
    zh: /^spillover: data\/nothere：文件或文件夹不存在（study\.yaml:\d+: transactions\.files）$/,
    en: /^spillover: data\/nothere: no such file or folder \(study\.yaml:\d+: transactions\.files\)$/,
  },
  {
    name: 'applicant list: a draw that is not yes or no',
    example: 'vouchers-2020',
    edit: (dir, yaml) => {
      writeFileSync(join(dir, 'data/bad.csv'), 'payer_id,won\n杭州-P0,1\n杭州-P1,也许\n');
      sub('file: data/applicants.csv', 'file: data/bad.csv')(dir, yaml);
    },
    zh: /^spillover: data\/bad\.csv 第 3 行「won」列：是否中签应为是或否（1\/0、是\/否、yes\/no），实际为 "也许"（study\.yaml:\d+: transactions\.programmes\[0\]\.applicants\.file）$/,
    en: /^spillover: data\/bad\.csv: row 3, column "won": won must be yes\/no \(1\/0, yes\/no, true\/false\), got "也许" \(study\.yaml:\d+: transactions\.programmes\[0\]\.applicants\.file\)$/,
  },
];

for (const c of CASES) {
  test(`data error in one language: ${c.name}`, () => {
    const dir = join(tmp, c.name.replace(/\W+/g, '-'));
    cpSync(join(root, 'examples', c.example), dir, { recursive: true });
    const yaml = readFileSync(join(dir, 'study.yaml'), 'utf8');
    c.edit(dir, yaml);
    const study = join(dir, 'study.yaml');
    // the user's own words: the study file and the header rows of the data it names
    const user = readFileSync(study, 'utf8') + (c.example === 'wechat-2019' ? readFileSync(join(dir, 'data/providers.csv'), 'utf8').split('\n')[0] : '');
    const zh = check(study, 'zh').replace(`${dir}/`, '');
    const en = check(study, 'en').replace(`${dir}/`, '');
    assert.match(zh, c.zh);
    assert.match(en, c.en);
    assert.deepEqual(englishWords(zh, user), [], `zh: ${zh}`);
    assert.deepEqual(chineseWords(en, user), [], `en: ${en}`);
  });
}

test('an IO table given to spillover io: a negative flow and an unknown role, in zh and in en', () => {
  const table = (row1: string, va: string) => ['code,name_zh,name_en,1,2,household:HH,other:F,output', row1, '2,乙,Manufacturing,200,100,50,1650,2000', va, 'other:V,其他,Other value added,350,900'].join('\n');
  const io = (file: string, lang: 'zh' | 'en') => {
    const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'io', file, '--lang', lang], { cwd: tmp, encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    return r.stderr.trim();
  };
  writeFileSync(join(tmp, 'neg.csv'), table('1,甲,Agriculture,150,-5,90,260,1000', 'compensation:W,劳动者报酬,Compensation,300,500'));
  assert.equal(io('neg.csv', 'zh'), 'spillover: neg.csv 「1」行「2」列：中间流量为负（-5）');
  assert.equal(io('neg.csv', 'en'), 'spillover: neg.csv: row 1, column 2: negative intermediate flow -5');
  writeFileSync(join(tmp, 'role.csv'), table('1,甲,Agriculture,150,500,90,260,1000', 'wages:W,劳动者报酬,Compensation,300,500'));
  const zh = io('role.csv', 'zh');
  assert.match(zh, /^spillover: role\.csv 「wages:W」行：增加值类别 wages 无法识别（可用 compensation、/);
  // the role names are the file format's keywords (as a user types them): names, not prose
  assert.deepEqual(englishWords(zh, 'wages compensation taxes depreciation surplus other'), []);
  assert.match(io('role.csv', 'en'), /^spillover: role\.csv: row wages:W: unknown value-added role wages \(use compensation, /);
});

test('IO engine errors through spillover io and check: singular, not productive, zero output, no imports, unmapped sector, pymrio, in zh and en', () => {
  const dir = join(tmp, 'io-engine');
  mkdirSync(join(dir, 'pym'), { recursive: true });
  const table = (row1: string) => ['code,name_zh,name_en,1,2,household:HH,other:F,output', row1, '2,乙,Manufacturing,200,100,50,1650,2000', 'compensation:W,劳动者报酬,Compensation,300,500', 'other:V,其他,Other value added,350,900'].join('\n');
  writeFileSync(join(dir, 'sing.csv'), table('1,甲,Agriculture,1000,0,0,0,1000'));
  writeFileSync(join(dir, 'unprod.csv'), table('1,甲,Agriculture,1500,500,90,260,1000'));
  writeFileSync(join(dir, 'zero.csv'), table('1,甲,Agriculture,0,500,90,260,0'));
  writeFileSync(join(dir, 'ok.csv'), table('1,甲,Agriculture,150,500,90,260,1000'));
  writeFileSync(join(dir, 'agg.csv'), 'from,to,to_name_zh,to_name_en\n1,A,甲,A\n');
  writeFileSync(join(dir, 'pym/Z.txt'), 'region\t\tr1\tr1\nsector\t\ta\tb\nregion\tsector\t\t\nr1\ta\t1\t2\nr1\tb\t3\n');
  writeFileSync(join(dir, 'pym/Y.txt'), 'region\t\tr1\ncategory\t\tFinal consumption expenditure by households\nregion\tsector\t\nr1\ta\t10\nr1\tb\t20\n');
  const io = (args: string[], lang: 'zh' | 'en') => {
    const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'io', ...args, '--lang', lang], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    return r.stderr.trim().split('\n').at(-1)!; // after the balance warning
  };
  // the formula's symbols (I − A, the theorem's name) are notation, the same in both languages
  const notation = 'I A Collatz Wielandt';
  const cases: [string[], RegExp, RegExp][] = [
    [['sing.csv'], /^spillover: sing\.csv（竞争型进口模型）：I − A 无法分解（矩阵奇异：第 2 列的主元为 0）：该表的列昂惕夫逆矩阵不存在$/,
      /^spillover: sing\.csv \(competitive\): I − A cannot be factorized \(singular matrix: pivot 0 at column 2\): the table has no Leontief inverse$/],
    [['unprod.csv'], /^spillover: unprod\.csv（竞争型进口模型）：表不满足生产性条件：A 的谱半径为 1\.53370 ≥ 1（Collatz–Wielandt 界 1\.53370…1\.53370）；部门 1 的列昂惕夫逆矩阵 \(I − A\)⁻¹ 行和为 -2\.28\d*$/,
      /^spillover: unprod\.csv \(competitive\): not productive: spectral radius of A is 1\.53370 ≥ 1 \(Collatz–Wielandt bounds 1\.53370…1\.53370\); row sum of \(I − A\)⁻¹ for sector 1 is -2\.28\d*$/],
    [['zero.csv'], /^spillover: zero\.csv：部门 1：总产出为 0，来自 2 的投入却为 200$/, /^spillover: zero\.csv: sector 1: gross output is 0 but input from 2 is 200$/],
    [['ok.csv', '--domestic'], /^spillover: ok\.csv：无法建立国内模型：表中没有进口列$/, /^spillover: ok\.csv: no domestic model: the table has no imports column$/],
    [['ok.csv', '--aggregate', 'agg.csv'], /^spillover: agg\.csv：ok\.csv 的部门 2 没有对应的归并部门$/, /^spillover: agg\.csv: sector 2 of ok\.csv is not mapped$/],
    [['ok.csv', '--employment', 'builtin:china-employment-by-division', '--divisions', 'builtin:sector-divisions', '--year', '2017'],
      /^spillover: ok\.csv：部门 1 不在部门—行业对照表中$/, /^spillover: ok\.csv: sector 1 is missing from the sector-divisions table$/],
    [['pym'], /^spillover: pym\/Z\.txt：第 5 行：有 3 个单元格，应为 4 个$/, /^spillover: pym\/Z\.txt: line 5: 3 cells, expected 4$/],
  ];
  for (const [args, zhWant, enWant] of cases) {
    const zh = io(args, 'zh');
    const en = io(args, 'en');
    assert.match(zh, zhWant, args.join(' '));
    assert.match(en, enWant, args.join(' '));
    assert.deepEqual(englishWords(zh, notation), [], `zh: ${zh}`);
    assert.deepEqual(chineseWords(en, ''), [], `en: ${en}`);
  }
  // the same engine error reached from a study file (io.table), wrapped with the study's YAML path
  const st = join(dir, 'study');
  cpSync(join(root, 'examples/wechat-2019'), st, { recursive: true });
  const nbs = readFileSync(join(root, 'data/china-io-2017/china-io-2017-149.csv'), 'utf8').split(/\r?\n/);
  const header = nbs[0].split(',');
  const k = nbs.findIndex((l) => l.startsWith('005,'));
  const cells = [''];
  let quoted = false;
  for (const ch of nbs[k]) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) cells.push('');
    else cells[cells.length - 1] += ch;
  }
  cells[header.indexOf('005')] = String(Number(cells[header.indexOf('GO')]) * 3); // a_55 = 3: not productive
  nbs[k] = cells.join(',');
  writeFileSync(join(st, 'data/io.csv'), nbs.join('\n'));
  sub('table: builtin:china-io-2017-149', 'table: data/io.csv')(st, readFileSync(join(st, 'study.yaml'), 'utf8'));
  const zh = check(join(st, 'study.yaml'), 'zh').replace(`${dir}/`, '');
  const en = check(join(st, 'study.yaml'), 'en').replace(`${dir}/`, '');
  assert.match(zh, /^spillover: study\/study\.yaml：io\.table：data\/io\.csv（竞争型进口模型）：表不满足生产性条件：A 的谱半径为 3\.\d+ ≥ 1（Collatz–Wielandt 界 .*）；部门 005 的列昂惕夫逆矩阵 \(I − A\)⁻¹ 行和为 /);
  assert.match(en, /^spillover: study\/study\.yaml: io\.table: data\/io\.csv \(competitive\): not productive: spectral radius of A is 3\.\d+ ≥ 1 /);
  assert.deepEqual(englishWords(zh, notation), [], `zh: ${zh}`);
  assert.deepEqual(chineseWords(en, ''), [], `en: ${en}`);
});

/** stderr of a spillover command that must fail with status 2, run in `cwd`. */
function failing(args: string[], cwd: string): string {
  const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
  return r.stderr.trim();
}

test('survey engine and study model errors through survey, run, explain and audit: in zh and en', () => {
  const dir = join(tmp, 'engines');
  mkdirSync(dir, { recursive: true });
  const firms = 'id,stratum,weight,employees\n1,small,40,8\n2,small,40,12\n3,small,40,5\n4,large,5,300\n5,large,5,120\n6,large,5,450\n';
  writeFileSync(join(dir, 'firms.csv'), firms);
  writeFileSync(join(dir, 'firms0.csv'), firms.replace('5,large,5,', '5,large,0,'));
  const design = "design: {ids: '1', strata: stratum, weights: weight}\n";
  const written = [firms]; // the user's own words: the data's headers, the specs' names
  const spec = (name: string, body: string, data = 'firms.csv') => {
    written.push(body);
    writeFileSync(join(dir, `${name}.yaml`), `data: ${data}\n${design}${body}`);
    return ['survey', '--spec', `${name}.yaml`];
  };
  const wechat = (name: string, ...edits: [string, string][]) => {
    const st = join(dir, name);
    cpSync(join(root, 'examples/wechat-2019'), st, { recursive: true });
    for (const [from, to] of edits) sub(from, to)(st, readFileSync(join(st, 'study.yaml'), 'utf8'));
    return ['run', `${name}/study.yaml`, '--out', `${name}-out`, '--charts', 'none'];
  };
  writeFileSync(join(dir, 'units.yaml'), 'figures:\n  a: {value: 1, unit: 万个}\n  b: {value: 2, unit: 亿元}\nchecks:\n  - {id: s, sum: [a, b], equals: a}\n');
  writeFileSync(join(dir, 'unknown.yaml'), 'figures:\n  a: {value: 1, unit: 万个}\nchecks:\n  - {id: s, sum: [a, c], equals: a}\n');
  // The API names a survey spec's author writes (functions and keys) and commands, as the messages quote them.
  const api = 'svytotal svydesign svyquantile svyciprop asReplicateDesign type JKn margins variables totals explain list';
  const cases: [string, string[], RegExp, RegExp][] = [
    ['a spec naming a column the data lacks', spec('column', 'estimates:\n  - {id: e, total: employes}\n'),
      /^spillover: svytotal：数据中没有列 'employes'（已有的列：id, stratum, weight, employees）$/, /^spillover: svytotal: no column 'employes' in data \(columns: id, stratum, weight, employees\)$/],
    ['a weight of 0', spec('weight', 'estimates:\n  - {id: e, total: employees}\n', 'firms0.csv'),
      /^spillover: firms0\.csv：svydesign：权重列 'weight' 第 6 行为 0（权重应为有限值且 > 0）$/, /^spillover: firms0\.csv: svydesign: weights column 'weight' row 6 is 0 \(weights must be finite and > 0\)$/],
    ['rake without margins', spec('rake', 'calibration: {method: rake}\nestimates:\n  - {id: e, total: employees}\n'),
      /^spillover: 调查说明：校准方法 'rake' 需要 margins: \[\{variables, totals\}\]$/, /^spillover: survey spec: calibration method 'rake' needs margins/],
    ['JK1 replicates of a stratified design', spec('jk1', 'replicates: {type: JK1}\nestimates:\n  - {id: e, mean: employees}\n'),
      /^spillover: asReplicateDesign：type 'JK1' 用于不分层的设计；分层设计请用 'JKn'$/, /^spillover: asReplicateDesign: type 'JK1' is for unstratified designs; use 'JKn'$/],
    ['a quantile outside [0, 1]', spec('quantile', 'estimates:\n  - {id: e, quantile: employees, probs: [1.5]}\n'),
      /^spillover: svyquantile：无效的分位点：1\.5（应在 \[0, 1\] 内）$/, /^spillover: svyquantile: invalid quantile: 1\.5 \(must be in \[0, 1\]\)$/],
    ['a proportion of a count (its own column named, not a hidden one)', spec('proportion', 'estimates:\n  - {id: e, proportion: employees}\n'),
      /^spillover: firms\.csv：svyciprop：列 'employees' 第 2 行为 8（比例需要 \[0, 1\] 内的值）$/, /^spillover: firms\.csv: svyciprop: column 'employees' row 2 is 8 \(a proportion needs values in \[0, 1\]\)$/],
    ['a population smaller than the sample', wechat('population', ['population: 21000 ', 'population: 5 ']),
      /^spillover: components\.providers\[0\]（wecom）：有效问卷 180 份，而总体只有 5\n/, /^spillover: components\.providers\[0\] \(wecom\): 180 valid questionnaires but a population of only 5\n/],
    ['a declared design whose weight is 0 in a row (the engine error under its YAML path, the row as the sheet numbers it)',
      wechat('design', ['  consumers: ', '    design: {strata: region, weights: women}\n  consumers: '], ['      interval: bootstrap-t\n', '']),
      /^spillover: questionnaires\.operators\.design：svydesign：权重列 'women' 第 3 行为 0（权重应为有限值且 > 0）\n/,
      /^spillover: questionnaires\.operators\.design: svydesign: weights column 'women' row 3 is 0 \(weights must be finite and > 0\)\n/],
    ['an indicator comparing a category with a number', wechat('indicator', ['proportion: {field: young_share, above: 0.5}', 'proportion: {field: region, above: 0.5}']),
      /^spillover: indicators\[0\]（young_majority）："region" 是类别字段；请用 equals 或 in\n/, /^spillover: indicators\[0\] \(young_majority\): "region" is a category; use equals or in\n/],
    ['explain of an unknown figure', ['explain', 'jobs.nosuch'],
      /^spillover: 未知的指标 id "jobs\.nosuch"（全部 id：spillover explain --list）$/, /^spillover: unknown figure id "jobs\.nosuch" \(all ids: spillover explain --list\)$/],
    ['audit: a sum of unlike units', ['audit', 'units.yaml'], /^spillover: 核对 s：单位不同的求和（万个, 亿元）$/, /^spillover: check s: a sum of unlike units 万个, 亿元$/],
    ['audit: an unknown figure in a check', ['audit', 'unknown.yaml'], /^spillover: unknown\.yaml:4：checks\.0\.sum\.1：未知的指标 "c"$/, /^spillover: unknown\.yaml:4: checks\.0\.sum\.1: unknown figure "c"$/],
  ];
  const user = `${api} ${design} ${written.join(' ')} ${readFileSync(join(root, 'examples/wechat-2019/study.yaml'), 'utf8')}`;
  for (const [name, args, zhWant, enWant] of cases) {
    const zh = failing([...args, '--lang', 'zh'], dir);
    const en = failing([...args, '--lang', 'en'], dir);
    assert.match(zh, zhWant, `${name} (zh): ${zh}`);
    assert.match(en, enWant, `${name} (en): ${en}`);
    assert.deepEqual(englishWords(zh, user), [], `${name} (zh): ${zh}`);
    assert.deepEqual(chineseWords(en, '万个 亿元'), [], `${name} (en): ${en}`);
  }
});

test('the language scans find a stray word: English in a zh message, Chinese in an en one', () => {
  assert.deepEqual(englishWords('p.csv：文件是空的 (no header row)', ''), ['no', 'header', 'row']);
  assert.deepEqual(englishWords('data/p.csv：no such file', ''), ['no', 'such', 'file']);
  assert.deepEqual(englishWords('p.csv：规则 "x <= 1"（q.providers.rules[0].check）中有无法识别的名称 employes', 'employes'), []);
  assert.deepEqual(chineseWords('p.csv: empty file（没有表头行）', ''), ['（没有表头行）']);
  assert.deepEqual(chineseWords('p.csv: no sheet "问卷"; sheets: "说明"', ''), []);
});
