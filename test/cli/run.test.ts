// The CLI on the bundled example and on broken copies of it: whole-file faults stop the run with a
// message naming file/column (or YAML line), a non-zero exit, and no results written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'bin/spillover.js');
const run = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

/** A fresh copy of the example study in a temp dir; `edit` may change files before the run. */
function copyExample(edit?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-cli-'));
  cpSync(join(root, 'examples/wechat-2019'), dir, { recursive: true });
  edit?.(dir);
  return dir;
}
const editText = (file: string, from: string | RegExp, to: string) => {
  const t = readFileSync(file, 'utf8');
  const u = t.replace(from, to);
  assert.notEqual(u, t, `fixture edit did not apply to ${file}`);
  writeFileSync(file, u);
};

function expectFault(dir: string, pattern: RegExp) {
  const out = join(dir, 'out');
  const r = run(['run', join(dir, 'study.yaml'), '--out', out]);
  assert.notEqual(r.status, 0, `expected failure, got exit 0:\n${r.stdout}`);
  assert.match(r.stderr, pattern);
  assert.equal(existsSync(join(out, 'results.json')), false, 'no results may be written');
  rmSync(dir, { recursive: true, force: true });
}

test('run on the default example prints the headline table and writes the output set', () => {
  const out = mkdtempSync(join(tmpdir(), 'spillover-out-'));
  const r = run(['run', '--out', out, '--lang', 'en', '--wide']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Total jobs driven\s+29\.6\s+million jobs/);
  assert.match(r.stdout, /Induced output \(the original report's 'indirect GDP'\)\s+1130\.1\s+billion yuan/);
  for (const f of ['results.json', 'rejected.csv', 'figures.csv', 'components.csv', 'consumption.csv', 'quality.csv']) assert.ok(existsSync(join(out, f)), f);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  for (const id of ['jobs.total', 'jobs.direct', 'jobs.direct.fulltime', 'jobs.direct.parttime', 'jobs.providers', 'jobs.operators', 'jobs.indirect', 'consumption.information', 'consumption.traditional', 'consumption.total', 'output.indirect'])
    assert.ok(results.figures[id]?.label?.zh && results.figures[id].unit, id);
  const rejected = readFileSync(join(out, 'rejected.csv'), 'utf8');
  assert.match(rejected, /data\/providers\.csv,\d+,P\d+,员工总数,约50,non-numeric/);
  // Same inputs → byte-identical outputs.
  const out2 = mkdtempSync(join(tmpdir(), 'spillover-out-'));
  assert.equal(run(['run', '--out', out2, '--lang', 'en']).status, 0);
  for (const f of ['results.json', 'rejected.csv', 'figures.csv']) assert.equal(readFileSync(join(out2, f), 'utf8'), readFileSync(join(out, f), 'utf8'), f);
});

test('check validates without estimating; explain prints a derivation', () => {
  const c = run(['check', '--lang', 'en']);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /study file is valid/);
  assert.match(c.stdout, /transport\s+58116\s+.*1\.094526263/);
  const e = run(['explain', 'jobs.indirect']);
  assert.equal(e.status, 0, e.stderr);
  assert.match(e.stdout, /jobs\.indirect {2}Indirect jobs = 3\.62 million jobs/);
  assert.match(e.stdout, /output\.indirect\.transport/);
  const bad = run(['explain', 'jobs.indrect']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /unknown figure id "jobs.indrect"/);
});

test('fault: missing questionnaire file', () => {
  const dir = copyExample((d) => rmSync(join(d, 'data/providers.csv')));
  expectFault(dir, /questionnaires\.providers\.file: file not found: data\/providers\.csv/);
});

test('fault: missing column names the expected header and lists the found ones', () => {
  const dir = copyExample((d) => editText(join(d, 'data/providers.csv'), '员工总数', '员工人数'));
  expectFault(dir, /data\/providers\.csv.*员工总数[\s\S]*员工人数/);
});

test('fault: empty file', () => {
  const dir = copyExample((d) => writeFileSync(join(d, 'data/providers.csv'), ''));
  expectFault(dir, /data\/providers\.csv.*empty/i);
});

test('fault: unknown sector code names the YAML path and the code', () => {
  const dir = copyExample((d) => editText(join(d, 'study.yaml'), 'sector: 58116', 'sector: 58999'));
  expectFault(dir, /consumption\.categories\[5\]\.sector: .*58999/);
});

test('fault: malformed YAML names the line', () => {
  const dir = copyExample((d) => editText(join(d, 'study.yaml'), 'year: 2019', 'year: [2019'));
  expectFault(dir, /study\.yaml:\d+: .*malformed YAML/);
});

test('fault: undecodable encoding (GB18030 file declared UTF-8) names the file', () => {
  const dir = copyExample((d) => editText(join(d, 'study.yaml'), 'encoding: gb18030', 'encoding: utf-8'));
  expectFault(dir, /data\/consumers\.csv.*(UTF-8|utf-8)/);
});

test('fault: a data path leaving the study directory is refused', () => {
  const dir = copyExample((d) => editText(join(d, 'study.yaml'), 'file: data/providers.csv', 'file: ../../etc/passwd'));
  expectFault(dir, /questionnaires\.providers\.file: path "..\/..\/etc\/passwd" leaves the study directory/);
});

test('a GBK copy of the provider file gives the same figures as its UTF-8 twin', () => {
  const base = mkdtempSync(join(tmpdir(), 'spillover-out-'));
  assert.equal(run(['run', '--out', base]).status, 0);
  const dir = copyExample((d) => {
    const p = join(d, 'data/providers.csv');
    writeFileSync(p, iconv.encode(readFileSync(p, 'utf8'), 'gbk'));
    editText(join(d, 'study.yaml'), 'file: data/providers.csv\n    encoding: utf-8', 'file: data/providers.csv\n    encoding: gbk');
  });
  const r = run(['run', join(dir, 'study.yaml'), '--out', join(dir, 'out')]);
  assert.equal(r.status, 0, r.stderr);
  const a = JSON.parse(readFileSync(join(base, 'results.json'), 'utf8')).figures;
  const b = JSON.parse(readFileSync(join(dir, 'out/results.json'), 'utf8')).figures;
  for (const id of Object.keys(a)) assert.equal(b[id].value, a[id].value, id);
});

test('check fails when a questionnaire has no valid row, naming the file and the main reason', () => {
  const dir = copyExample((d) => {
    const p = join(d, 'data/providers.csv');
    const lines = readFileSync(p, 'utf8').split('\r\n');
    // Column 5 is 员工总数 (employees): make every answer non-numeric.
    writeFileSync(p, [lines[0], ...lines.slice(1).map((l) => (l ? l.split(',').map((c, i) => (i === 4 ? '不详' : c)).join(',') : l))].join('\r\n'));
  });
  const r = run(['check', join(dir, 'study.yaml'), '--lang', 'en']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /data\/providers\.csv: no valid questionnaire \(766 rows read; most rejections: not a number \(\d+\)/);
  const zh = run(['check', join(dir, 'study.yaml'), '--lang', 'zh']);
  assert.match(zh.stderr, /data\/providers\.csv：没有有效问卷（读取 766 行，剔除最多的原因：非数值，\d+ 行）/);
  rmSync(dir, { recursive: true, force: true });
});

test('skip_rows: an export with two descriptive rows after the header gives the figures of the plain file; check and the report list the skipped rows', () => {
  const dir = copyExample((d) => {
    const file = join(d, 'data/providers.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const width = lines[0].split(',').length;
    const described = [lines[0], Array(width).fill('问题文本').join(','), Array.from({ length: width }, (_, i) => `ImportId QID${i}`).join(','), ...lines.slice(1)];
    writeFileSync(file, described.join('\n'));
    editText(join(d, 'study.yaml'), '    file: data/providers.csv\n', '    file: data/providers.csv\n    skip_rows: 2\n');
  });
  const check = run(['check', join(dir, 'study.yaml'), '--lang', 'en']);
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, /providers: skip_rows: 2: skipped as not answers: row 2 "问题文本,问题文本/);
  const out = join(dir, 'out');
  const r = run(['run', join(dir, 'study.yaml'), '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  const plainOut = mkdtempSync(join(tmpdir(), 'spillover-out-'));
  assert.equal(run(['run', '--out', plainOut]).status, 0);
  const got = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  const want = JSON.parse(readFileSync(join(plainOut, 'results.json'), 'utf8'));
  for (const id of Object.keys(want.figures)) assert.equal(got.figures[id].value, want.figures[id].value, id);
  const q = got.quality.find((x: { questionnaire: string }) => x.questionnaire === 'providers');
  assert.equal(q.skippedRows, 2);
  assert.equal(q.rowsRead, want.quality.find((x: { questionnaire: string }) => x.questionnaire === 'providers').rowsRead);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.ok(html.includes('<li><code>providers</code>: <span class="zh">skip_rows: 2：以下行不是答卷，已跳过：第 2 行 &quot;问题文本'), 'the reader\'s note in zh');
  assert.ok(html.includes('<span class="en">skip_rows: 2: skipped as not answers: row 2'), 'and in en');
  assert.equal(got.quality.find((x: { questionnaire: string }) => x.questionnaire === 'providers').notes[0].en.slice(0, 39), 'skip_rows: 2: skipped as not answers: r');
  const zhCheck = run(['check', join(dir, 'study.yaml'), '--lang', 'zh']);
  assert.match(zhCheck.stdout, /providers: skip_rows: 2：以下行不是答卷，已跳过：第 2 行 "问题文本,问题文本/);
  rmSync(dir, { recursive: true, force: true });
  rmSync(plainOut, { recursive: true, force: true });
});
