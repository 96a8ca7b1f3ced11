// Every command's default output fits an 80-column terminal in zh and en (CJK characters count
// two columns), and --wide puts a table row on one line whatever its width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitTable, wrapText } from '../../src/cli/fitTable.ts';

const root = new URL('../..', import.meta.url).pathname;
// Independent of src/cli/fitTable.ts's own width(): Han, CJK punctuation and full-width forms are wide.
const columns = (line: string) => [...line].reduce((w, ch) => w + (/\p{Script=Han}|[\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
const widest = (text: string) => text.split('\n').reduce((m, l) => (columns(l) > columns(m) ? l : m), '');

function cli(args: string[], cwd = root): string {
  const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function assertFits(name: string, text: string) {
  const w = widest(text);
  assert.ok(columns(w) <= 80, `${name}: a line of ${columns(w)} columns:\n${w}`);
}

test('fitTable and wrapText: secondary columns to a detail line, wrapped cells, CJK counted twice', () => {
  const t = fitTable([{ header: 'name', wrap: true }, { header: 'value', right: true }, { header: 'id', secondary: true }], [['一个很长很长很长的名字', '12.5', 'x.y']], { width: 20 });
  assert.equal(t, ['name           value', '─────────────  ─────', '一个很长很长    12.5', '很长的名字', '    id: x.y'].join('\n'));
  assert.equal(fitTable([{ header: 'a' }, { header: 'b', secondary: true }], [['1', '2']], { width: Infinity }), 'a  b\n─  ─\n1  2');
  assert.deepEqual(wrapText('  alpha beta gamma', 12), ['  alpha beta', '  gamma']);
  assert.deepEqual(wrapText('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  // a word cut only where it must be: after a hyphen, slash or comma that fits, never mid-word when one does
  assert.deepEqual(wrapText('duplicate-identical: 1', 16), ['duplicate-', 'identical: 1']);
  assert.deepEqual(wrapText('a/very/long/path-like,word', 12), ['a/very/long/', 'path-like,', 'word']);
  // punctuation stays with its word: no line starts with a comma or a closing bracket, none ends with an opening one
  assert.deepEqual(wrapText('applicants (杭州, per person)', 16), ['applicants (杭', '州, per person)']);
  assert.deepEqual(wrapText('额外消费（杭州，每人）', 10), ['额外消费', '（杭州，每', '人）']);
});

/** Every word of `text` (split at spaces) that a wrapped `table` shows cut: a piece that is only part of a word. */
function cutWords(text: string, table: string): string[] {
  const words = new Set(text.split(/\s+/).filter(Boolean));
  const pieces = table.split('\n').flatMap((l) => l.split(/\s+/)).filter(Boolean);
  return pieces.filter((p) => p.length > 1 && !words.has(p) && [...words].some((w) => w.startsWith(p) && w.length > p.length && !/[-/,;_]$/.test(p)));
}

test('a table at 80 columns wraps at spaces and after - / , ; _ and never cuts a word that fits its column', () => {
  const cols = ['id', 'variable', 'domain', 'estimate', 'se', 'ci'].map((header, c) => ({ header, right: c === 3 || c === 4, wrap: [0, 1, 2, 5].includes(c) }));
  const rows = [
    ['employees', 'employees', '', '5350', '1451.448', '[1320.136, 9379.864]'],
    ['platform_share_of_employees', 'platform_staff/employees', '', '0.2747664', '0.03879935', '[0.1670421, 0.3824906]'],
    ['mean_employees_by_stratum', 'employees', 'stratum=large', '290', '95.39392', '[-120.4469, 700.4469]'],
  ];
  for (const zh of [false, true]) {
    const t = fitTable(zh ? cols.map((c, i) => ({ ...c, header: ['编号', '变量', '子总体', '估计值', '标准误', '置信区间'][i] })) : cols, rows, { width: 80 });
    assert.ok(t.split('\n').every((l) => columns(l) <= 80), t);
    assert.deepEqual(cutWords(rows.flat().join(' ').replace(/_/g, '_ ').replace(/\//g, '/ '), t), [], t);
    assert.match(t, /^employees +employees /m);
  }
  // the check itself: the old floor of 8 columns cut "employees" into "employee" / "s"
  assert.deepEqual(cutWords('employees here', 'employee  here\ns'), ['employee']);
  // a word wider than its column alone is still cut (the table must fit)
  const narrow = fitTable([{ header: 'w', wrap: true }], [['abcdefghijklmnopqrstuvwxyz']], { width: 10 });
  assert.equal(narrow.split('\n').length, 5);
});

test('every command fits 80 columns by default, in zh and en; --wide does not wrap', { timeout: 600_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'spillover-width-'));
  try {
    writeFileSync(join(tmp, 'firms.csv'), 'id,stratum,weight,employees,platform_staff\n1,small,40,8,3\n2,small,40,12,5\n3,small,40,5,5\n4,large,5,300,60\n5,large,5,120,40\n6,large,5,450,90\n');
    writeFileSync(join(tmp, 'firms.yaml'), "data: firms.csv\ndesign: {ids: '1', strata: stratum, weights: weight}\nestimates:\n  - {id: employees, total: employees}\n  - {id: platform_share_of_employees, ratio: [platform_staff, employees]}\n  - {id: mean_employees_by_stratum, mean: employees, by: stratum}\n");
    const demand = join(tmp, 'demand.csv');
    writeFileSync(demand, 'sector,amount\n64123,1000000\n123,500000\n');
    for (const lang of ['zh', 'en']) {
      const l = ['--lang', lang];
      const run = cli(['run', ...l, '--out', join(tmp, `out-${lang}`)]);
      assertFits(`run ${lang}`, run);
      // The voucher study (transactions): its table, the explanation sentence and the data notes.
      const vouchers = cli(['run', join(root, 'examples/vouchers-2020/study.yaml'), ...l, '--out', join(tmp, `vouchers-${lang}`)]);
      assert.match(vouchers, /voucher\.mpc\.lottery/);
      assertFits(`run vouchers ${lang}`, vouchers);
      assertFits(`check ${lang}`, cli(['check', ...l]));
      assertFits(`explain ${lang}`, cli(['explain', 'jobs.indirect', ...l]));
      assertFits(`explain --list ${lang}`, cli(['explain', '--list', ...l]));
      assertFits(`plan ${lang}`, cli(['plan', ...l, '--reps', '20']));
      assertFits(`io ${lang}`, cli(['io', 'builtin:china-io-2017-149', ...l]));
      assertFits(`io --demand ${lang}`, cli(['io', 'builtin:china-io-2017-149', '--demand', demand, '--divisions', 'builtin:sector-divisions', '--households', ...l]));
      assertFits(`init ${lang}`, cli(['init', join(tmp, `a-rather-long-folder-name-for-a-study-${lang}`, '一个相当长的研究目录名称'), ...l]));
      assertFits(`audit ${lang}`, cli(['audit', ...l]));
      const survey = cli(['survey', '--spec', join(tmp, 'firms.yaml'), ...l]);
      assertFits(`survey ${lang}`, survey);
      // its ids and variables wrap after '_' and '/', never inside a word ("employee" / "s")
      assert.deepEqual(cutWords('employees platform_ share_ of_ staff/ mean_ employees_ by_ stratum total ratio mean', survey), [], survey);
      for (const c of ['run', 'check', 'explain', 'io', 'survey', 'audit', 'plan', 'serve', 'init']) assertFits(`${c} --help`, cli([c, '--help']));
    }
    assertFits('--help', cli(['--help']));
    // --wide: the headline table is one line per figure (its id on the figure's line).
    const wide = cli(['run', '--lang', 'en', '--wide', '--out', join(tmp, 'out-wide')]);
    assert.match(wide, /^Total jobs driven +29\.6 +million jobs .*jobs\.total$/m);
    assert.ok(columns(widest(wide)) > 80);
    // serve: its one line, then stopped.
    const server = spawn(process.execPath, [join(root, 'bin/spillover.js'), 'serve', '--port', '0', '--root', root], { cwd: tmp });
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      server.stdout.on('data', (d: Buffer) => { text += d.toString(); if (text.includes('\n')) resolve(text); });
      server.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    server.kill('SIGTERM');
    assertFits('serve', line);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('fitTable ends when no column can shrink further (headers whose longest word is wider than 8)', () => {
  const cols = [{ header: 'n', right: true }, ...['predicted ± (thousand)', 'simulated ± (thousand)', 'simulated pct. ± (thousand)'].map((header) => ({ header, right: true, wrap: true }))];
  const t = fitTable(cols, [['50', '21.83', '18.27', '15.48']], { width: 20 });
  // the floor is each header's longest word ("(thousand)", 10 columns): wider than 20, but finished
  assert.equal(t.split('\n').find((l) => l.startsWith('─')), '──  ──────────  ──────────  ──────────');
});
