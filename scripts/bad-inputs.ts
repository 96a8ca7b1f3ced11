// The bad-input corpus: every fault of issue 12 built from the bundled example (no bulk files in the
// repository), each with the command to run and the message fragment it must give.
//   npx tsx scripts/bad-inputs.ts DIR   writes the cases under DIR and DIR/manifest.json
// test/corpus/badInputs.test.ts builds them in a temporary folder and runs every case through the CLI.
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import JSZip from 'jszip';

const packageRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const EXAMPLE = join(packageRoot, 'examples/wechat-2019');

export interface BadInput {
  name: string;
  /** What the fault is, in the issue's words. */
  fault: string;
  /** spillover arguments; run with the case folder as working directory. */
  args: string[];
  /** expected exit status */
  status: number;
  /** fragment the output (stderr, or stdout when `stream` is 'stdout') must contain */
  expect: RegExp;
  stream?: 'stderr' | 'stdout';
  /** a file (relative to the case folder) that must exist afterwards and contain a fragment */
  file?: [string, RegExp];
}

const edit = (file: string, from: string, to: string) => {
  const t = readFileSync(file, 'utf8');
  if (!t.includes(from)) throw new Error(`bad-inputs: "${from}" not in ${file}`);
  writeFileSync(file, t.replace(from, to));
};
const PROVIDER_ROW = (id: string, employees: string) => `${id},2020-03-01 10:00,企业微信,东部,${employees},0.36,0.99,0.34,0.87,64,0.67,否,\r\n`;

/** Rewrite one part of the XLSX workbook `file` (a zip) with `change`. */
async function editXlsxPart(file: string, part: string, change: (xml: string) => string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file(part)?.async('string');
  if (xml === undefined) throw new Error(`bad-inputs: no part ${part} in ${file}`);
  writeFileSync(file, await zip.file(part, change(xml)).generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}
const OPERATORS = 'S/data/operators.xlsx';
const OPERATORS_SHEET = 'xl/worksheets/sheet2.xml'; // the sheet 运营者问卷

/** The example's providers under a declared design (strata provider_type, fpc pop) whose fpc differs at sheet row 6. */
function fpcVariesInStudy(dir: string): void {
  const csv = join(dir, 'S/data/providers.csv');
  const lines = readFileSync(csv, 'utf8').split('\r\n');
  writeFileSync(csv, lines.map((l, i) => (l === '' ? l : `${l},${i === 0 ? '总体数' : i === 5 ? 21001 : 21000}`)).join('\r\n'));
  edit(join(dir, 'S/study.yaml'), '      added_positions: {header: 疫情期间是否新增岗位, type: boolean}\n', '      added_positions: {header: 疫情期间是否新增岗位, type: boolean}\n      pop: {header: 总体数, type: number}\n    design: {strata: provider_type, fpc: pop}\n');
}
const FPC_WARNING = /warning: data\/providers\.csv: questionnaires\.providers\.design: fpc varies within strata: stratum 企业微信 at stage 1 \(column 'pop': 21000 at row 2, 21001 at row 6\); R warns the same/;

/** A survey spec folder: d.csv (40 rows, two strata) and s.yaml built from `design` and `estimate` lines. */
function surveyCase(dir: string, design: string, estimate: string, cell = (i: number) => String((i % 7) + 1.5), fpc = (i: number): number => (i < 20 ? 100 : 200)) {
  const rows = Array.from({ length: 40 }, (_, i) => [i + 1, i < 20 ? 'A' : 'B', fpc(i), cell(i)].join(','));
  writeFileSync(join(dir, 'd.csv'), `id,st,fpc,spend\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 's.yaml'), `data: d.csv\ndesign:\n  ids: id\n  strata: st\n${design}estimates:\n  - id: t\n    total: spend\n${estimate}`);
}

/** Each case: a folder under `root` prepared by `make` (which gets the folder and a copy of the example in S/). */
const CASES: (Omit<BadInput, 'name'> & { name: string; make?: (dir: string) => void | Promise<void>; example?: boolean })[] = [
  { name: 'out-is-study-folder', fault: '--out the study folder', args: ['run', 'S/study.yaml', '--out', 'S'], status: 2, expect: /--out S: is the folder holding the input S\/study\.yaml.*nothing was written/ },
  { name: 'out-is-data-folder', fault: '--out a data folder', args: ['run', 'S/study.yaml', '--out', 'S/data'], status: 2, expect: /--out S\/data: is a data folder inside the study folder/ },
  { name: 'out-is-study-file', fault: '--out the study file', args: ['run', 'S/study.yaml', '--out', 'S/study.yaml'], status: 2, expect: /--out S\/study\.yaml: is an input of the study/ },
  { name: 'out-is-a-file', fault: '--out a file', args: ['run', 'S/study.yaml', '--out', 'S/README.md'], status: 2, expect: /--out S\/README\.md: is a file, not a folder/ },
  { name: 'out-is-dot', fault: '--out .', args: ['run', 'S/study.yaml', '--out', '.'], status: 2, expect: /--out \.: is the current directory/ },
  { name: 'out-is-ancestor', fault: '--out an ancestor of the inputs', args: ['run', 'S/study.yaml', '--out', '..'], status: 2, expect: /contains the current directory/ },
  {
    name: 'unknown-key-deep', fault: 'unknown key at depth (popultion)', args: ['check', 'S/study.yaml'], status: 2,
    expect: /S\/study\.yaml:\d+: components\.providers\[0\]\.popultion: unknown key "popultion"; did you mean "population"\?/,
    make: (d) => edit(join(d, 'S/study.yaml'), '      population: 21000 ', '      popultion: 21000 '),
  },
  {
    name: 'survey-weight-typo', fault: 'survey spec weight: for weights:', args: ['survey', '--spec', 's.yaml'], status: 2, example: false,
    expect: /s\.yaml:6: design\.weight: unknown key "weight"; did you mean "weights"\?/, make: (d) => surveyCase(d, '  fpc: fpc\n  weight: w\n', ''),
  },
  {
    name: 'survey-subst-typo', fault: 'survey spec subst: for subset:', args: ['survey', '--spec', 's.yaml'], status: 2, example: false,
    expect: /s\.yaml:9: estimates\[0\]\.subst: unknown key "subst"; did you mean "subset"\?/, make: (d) => surveyCase(d, '  fpc: fpc\n', '    subst: {st: A}\n'),
  },
  {
    name: 'survey-5O0', fault: 'a numeric cell 5O0 rejects its row, the column stays numeric', args: ['survey', '--spec', 's.yaml'], status: 0, example: false,
    expect: /d\.csv: row 8, column "spend": "5O0" is not a number/, make: (d) => surveyCase(d, '  fpc: fpc\n', '', (i) => (i === 6 ? '5O0' : String(i + 1))),
  },
  {
    name: 'survey-duplicate-header', fault: 'duplicate CSV header', args: ['survey', '--spec', 's.yaml'], status: 2, example: false,
    expect: /d\.csv: row 1: the header "st" appears twice/,
    make: (d) => {
      surveyCase(d, '  fpc: fpc\n', '');
      writeFileSync(join(d, 'd.csv'), 'id,st,fpc,spend,st\n1,A,100,2,x\n2,A,100,3,y\n');
    },
  },
  {
    name: 'survey-fpc-varies', fault: 'fpc varying within a stratum warns as R', args: ['survey', '--spec', 's.yaml'], status: 0, example: false,
    expect: /warning: s\.yaml: design: fpc varies within strata: stratum A at stage 1/, make: (d) => surveyCase(d, '  fpc: fpc\n', '', undefined, (i) => (i === 3 ? 101 : i < 20 ? 100 : 200)),
  },
  { name: 'study-fpc-varies-check', fault: 'fpc varying within a stratum of a study design: check warns as R', args: ['check', 'S/study.yaml'], status: 0, expect: FPC_WARNING, make: fpcVariesInStudy },
  {
    name: 'study-fpc-varies-run', fault: 'fpc varying within a stratum of a study design: run warns as R, results.json keeps it', args: ['run', 'S/study.yaml', '--out', 'out', '--charts', 'none'], status: 0,
    expect: FPC_WARNING, file: ['out/results.json', /"warnings": \[\n\s+\{\n\s+"zh": "questionnaires\.providers\.design：fpc 在层内不一致：第 1 阶段的层 企业微信[^"]*",\n\s+"en": "questionnaires\.providers\.design: fpc varies within strata: stratum 企业微信 at stage 1/], make: fpcVariesInStudy,
  },
  {
    name: 'unknown-provider-type', fault: 'a provider type no component covers (甲类) rejects its rows', args: ['check', 'S/study.yaml', '--lang', 'en'], status: 0, stream: 'stdout',
    expect: /not one of the options: 2/,
    make: (d) => appendFileSync(join(d, 'S/data/providers.csv'), PROVIDER_ROW('X1', '10').replace('企业微信', '甲类') + PROVIDER_ROW('X2', '12').replace('企业微信', '甲类')),
  },
  {
    name: 'nul-tail', fault: 'a CSV with a NUL-byte tail', args: ['check', 'S/study.yaml'], status: 2, expect: /data\/providers\.csv: NUL bytes \(binary data, not text\) from row 768/,
    make: (d) => appendFileSync(join(d, 'S/data/providers.csv'), Buffer.alloc(4096)),
  },
  {
    name: 'where-matches-nothing', fault: 'a where matching nothing fails check, listing the values found', args: ['check', 'S/study.yaml'], status: 2,
    expect: /components\.providers\[0\]\.where: \(wecom\) where \{"provider_type":\["企业微信X"\]\} selects 0 valid row\(s\) of data\/providers\.csv.*provider_type in the valid rows: "小程序"/,
    make: (d) => edit(join(d, 'S/study.yaml'), 'where: {provider_type: 企业微信}', 'where: {provider_type: 企业微信X}'),
  },
  {
    name: 'run-fails-after-screening', fault: 'a failed run still writes rejected.csv', args: ['run', 'S/study.yaml', '--out', 'out'], status: 2,
    expect: /rejected row\(s\) of screening are in out-failed-run\/rejected\.csv/, file: ['out-failed-run/rejected.csv', /unknown-level/],
    make: (d) => edit(join(d, 'S/study.yaml'), 'where: {provider_type: 企业微信}', 'where: {provider_type: 企业微信X}'),
  },
  {
    name: 'xlsx-sheet-cut-short', fault: 'sheet XML cut short (read as fewer rows, or "sheet is empty")', args: ['check', 'S/study.yaml'], status: 2,
    expect: /data\/operators\.xlsx: sheet "运营者问卷": the sheet XML \(xl\/worksheets\/sheet2\.xml\) is malformed: it ends before its closing <\/worksheet> tag/,
    make: (d) => editXlsxPart(join(d, OPERATORS), OPERATORS_SHEET, (xml) => xml.slice(0, xml.length >> 1)),
  },
  {
    name: 'xlsx-sheet-malformed', fault: 'malformed sheet XML', args: ['check', 'S/study.yaml'], status: 2,
    expect: /data\/operators\.xlsx: sheet "运营者问卷": the sheet XML \(xl\/worksheets\/sheet2\.xml\) is malformed: line \d+, column \d+: /,
    make: (d) => editXlsxPart(join(d, OPERATORS), OPERATORS_SHEET, (xml) => xml.replace('<row ', '<row <')),
  },
  {
    name: 'xlsx-hidden-first-sheet', fault: 'no sheet: key and a hidden first sheet', args: ['check', 'S/study.yaml'], status: 2,
    expect: /data\/operators\.xlsx: sheet 1 \(the default\) is "说明", which is hidden; name the sheet to read .*visible sheets: "运营者问卷"/,
    make: async (d) => {
      edit(join(d, 'S/study.yaml'), '    sheet: 运营者问卷\n', '');
      await editXlsxPart(join(d, OPERATORS), 'xl/workbook.xml', (xml) => xml.replace('name="说明" state="visible"', 'name="说明" state="hidden"'));
    },
  },
  {
    name: 'io-duplicate-sector-code', fault: 'an IO table with a sector code twice', args: ['check', 'S/study.yaml'], status: 2,
    expect: /io\.csv: sector code 001 appears twice \(sectors 1 and 2\)/,
    make: (d) => {
      const t = readFileSync(join(packageRoot, 'data/china-io-2017/china-io-2017-149.csv'), 'utf8');
      writeFileSync(join(d, 'S/io.csv'), t.replace(',001,002,', ',001,001,'));
      edit(join(d, 'S/study.yaml'), 'table: builtin:china-io-2017-149', 'table: io.csv');
    },
  },
  {
    name: 'study-file-gbk', fault: 'a GBK study file', args: ['check', 'S/study.yaml'], status: 2, expect: /S\/study\.yaml:\d+: encoding: the study file is not valid UTF-8/,
    make: (d) => writeFileSync(join(d, 'S/study.yaml'), iconv.encode(readFileSync(join(d, 'S/study.yaml'), 'utf8'), 'gb18030')),
  },
  {
    name: 'init-under-a-file', fault: 'a file-system error names the path and the cause in words', args: ['init', 'f/x'], status: 2, example: false,
    expect: /cannot mkdir \(.*f\/x\): a part of the path is a file, not a folder \[ENOTDIR\]/, make: (d) => writeFileSync(join(d, 'f'), 'a file'),
  },
  { name: 'study-path-is-folder', fault: 'a study path that is a folder', args: ['check', 'S'], status: 2, expect: /S: is a folder, not a study file; did you mean S\/study\.yaml\?/ },
  {
    name: 'deep-nesting', fault: '3,000 nested mappings', args: ['check', 'deep.yaml'], status: 2, example: false, expect: /deep\.yaml:1: .*nesting deeper than 64 levels \(the limit/,
    make: (d) => writeFileSync(join(d, 'deep.yaml'), `study: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`),
  },
  {
    name: 'alias-bomb', fault: 'an alias bomb', args: ['check', 'bomb.yaml'], status: 2, example: false, expect: /bomb\.yaml: .*more than 100 alias uses is the limit/,
    make: (d) => {
      let s = 'a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n';
      for (let i = 1; i < 9; i++) s += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]\n`;
      writeFileSync(join(d, 'bomb.yaml'), `${s}study: *a8\n`);
    },
  },
  {
    name: 'huge-study-file', fault: 'a study.yaml over the size limit', args: ['check', 'huge.yaml'], status: 2, example: false, expect: /huge\.yaml: the study file is 4\.0 MiB; the limit is 4 MiB/,
    make: (d) => writeFileSync(join(d, 'huge.yaml'), Buffer.alloc(4 * 1024 * 1024 + 10, 0x23)),
  },
  {
    name: 'cell-3mb', fault: 'a 3 MB cell is read', args: ['check', 'S/study.yaml', '--lang', 'en'], status: 0, stream: 'stdout', expect: /providers\s+data\/providers\.csv\s+767\s+761/,
    make: (d) => appendFileSync(join(d, 'S/data/providers.csv'), `X3,2020-03-01 10:00,企业微信,东部,10,0.36,0.99,0.34,0.87,64,0.67,否,"${'x'.repeat(3_000_000)}"\r\n`),
  },
  {
    name: 'formula-injection', fault: 'a respondent id =cmd|… written neutralised in rejected.csv', args: ['run', 'S/study.yaml', '--out', 'out', '--charts', 'none'], status: 0, expect: /Outputs|输出目录/, stream: 'stdout',
    file: ['out/rejected.csv', /,'=cmd\|' \/C calc'!A0,员工总数,abc,/],
    make: (d) => appendFileSync(join(d, 'S/data/providers.csv'), PROVIDER_ROW("=cmd|' /C calc'!A0", 'abc')),
  },
  {
    name: 'variance-overflow', fault: 'population 1.0e+300: figures say why they have no standard error', args: ['run', 'S/study.yaml', '--out', 'out', '--charts', 'none'], status: 0,
    expect: /warning: 9 figure\(s\) without a standard error:\n {2}jobs\.direct: overflow: the variance involves squares of values near/, file: ['out/figures.csv', /,"overflow: the variance/],
    make: (d) => {
      const p = join(d, 'S/study.yaml');
      edit(p, '      population: 21000 ', '      population: 1.0e+300 ');
      const t = readFileSync(p, 'utf8');
      writeFileSync(p, t.slice(0, t.indexOf('\nuncertainty:') + 1)); // the Monte Carlo would stop on the overflow first
    },
  },
];

/** generateCorpus(root) → the cases, each built in root/<name>/. */
export async function generateCorpus(root: string): Promise<BadInput[]> {
  const cases: BadInput[] = [];
  for (const { make, example, ...c } of CASES) {
    const dir = join(root, c.name);
    mkdirSync(dir, { recursive: true });
    if (example !== false) cpSync(EXAMPLE, join(dir, 'S'), { recursive: true });
    await make?.(dir);
    cases.push(c);
  }
  return cases;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? 'bad-inputs');
  const cases = await generateCorpus(out);
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(cases.map((c) => ({ ...c, expect: c.expect.source, file: c.file && [c.file[0], c.file[1].source] })), null, 2) + '\n');
  process.stdout.write(`${cases.length} bad-input cases in ${out}\n`);
}
