// Progress on stderr: one line redrawn in place with count, rate and ETA — only on a terminal
// (tested under a pseudo-terminal), nothing when piped or with --quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProgress, runSteps } from '../../src/cli/progress.ts';
import { width } from '../../src/cli/fitTable.ts';
import { underTerminal } from './underTerminal.ts';

const root = new URL('../..', import.meta.url).pathname;

test('createProgress: count, rate and ETA on a terminal; nothing on a pipe or when quiet', () => {
  let t = 0;
  const written: string[] = [];
  const tty = { isTTY: true, columns: 80, write: (s: string) => { written.push(s); return true; } };
  const p = createProgress({ stream: tty, now: () => t, every: 0 });
  p.step('reading', 10, 'rows');
  t = 1000;
  p.tick(5);
  const line = written.at(-1)!;
  assert.ok(line.startsWith('\r\x1b[K'), JSON.stringify(line));
  assert.match(line, /^\r\x1b\[Kreading {2}\[█+░+\] {2}5\/10 rows {2}5\.0\/s {2}ETA 1 s$/);
  assert.equal(line.length - 4 <= 79, true);
  p.done();
  assert.equal(written.at(-1), '\r\x1b[K');
  const none: string[] = [];
  const pipe = { isTTY: false, write: (s: string) => { none.push(s); return true; } };
  const q = createProgress({ stream: pipe });
  q.step('x', 3); q.tick(); q.done();
  const r = createProgress({ stream: { ...tty, write: (s: string) => { none.push(s); return true; } }, quiet: true });
  r.step('x', 3); r.tick(); r.done();
  assert.deepEqual(none, []);
  assert.equal(q.active, false);
  assert.equal(r.active, false);
});

test('createProgress: a share of a file with rows counted, rows/s and ETA; rows or share unknown left out', () => {
  let t = 0;
  const written: string[] = [];
  const p = createProgress({ stream: { isTTY: true, columns: 80, write: (s: string) => { written.push(s); return true; } }, now: () => t, every: 0 });
  p.step('reading big.csv', 1, '', 'rows');
  t = 2000;
  p.set(0.25, 500_000);
  assert.match(written.at(-1)!, /^\r\x1b\[Kreading big\.csv {2}\[█+░+\] {2}25% {2}500,000 rows {2}250k rows\/s {2}ETA 6 s$/);
  p.set(0.5, NaN); // rows not counted (DuckDB's scan)
  assert.match(written.at(-1)!, /^\r\x1b\[Kreading big\.csv {2}\[█+░+\] {2}50% {2}ETA 2 s$/);
  p.step('reading book.xlsx', 1, '', 'rows');
  t = 3000;
  p.set(NaN, 3000); // the size in rows of a workbook is known at its end only: no bar, no share
  assert.equal(written.at(-1), '\r\x1b[Kreading book.xlsx  3,000 rows  3000 rows/s');
  // a step of counted units is drawn at its end whatever the time since the last redraw
  const slow = createProgress({ stream: { isTTY: true, columns: 80, write: (s: string) => { written.push(s); return true; } }, now: () => t, every: 1e9 });
  slow.step('Monte Carlo', 10, 'draws');
  slow.set(5);
  const before = written.length;
  slow.set(10);
  assert.equal(written.length, before + 1);
  assert.match(written.at(-1)!, /10\/10 draws/);
});


test('runSteps: one line per step; a file screened by several queries never goes back; nothing measured when inactive', () => {
  const written: string[] = [];
  const p = createProgress({ stream: { isTTY: true, columns: 80, write: (s: string) => { written.push(s); return true; } }, every: 0 });
  const steps = runSteps(p, 'en');
  steps.onRead!('data/x.csv', 'reading', 0.5, 100);
  assert.match(written.at(-1)!, /^\r\x1b\[Kreading data\/x\.csv {2}\[█+░+\] {2}50% {2}100 rows/);
  steps.onRead!('data/x.csv', 'screening', 0.9, 12345);
  steps.onRead!('data/x.csv', 'screening', 0.3, 20000); // the next query starts from 0%
  assert.match(written.at(-1)!, /^\r\x1b\[Kscreening data\/x\.csv {2}\[█+░+\] {2}90%/);
  assert.doesNotMatch(written.at(-1)!, /rows/); // DuckDB's rows processed are not file rows
  steps.onProgress!(2000, 10000);
  assert.match(written.at(-1)!, /^\r\x1b\[KMonte Carlo {2}\[█+░+\] {2}2,000\/10,000 draws/);
  steps.onStep!('charts', 3, 6);
  assert.match(written.at(-1)!, /^\r\x1b\[Krendering charts {2}\[█+░+\] {2}3\/6 charts/);
  assert.deepEqual(runSteps(createProgress({ stream: { isTTY: false, write: () => true } }), 'zh'), {});
  // files read at once: one line, each file half reading and half screening, never going back; rows summed
  steps.onReadFiles!(['a.csv', 'b.xlsx']);
  steps.onRead!('a.csv', 'reading', 1, 300);
  assert.match(written.at(-1)!, /^\r\x1b\[Kreading 2 questionnaire files {2}\[█+░+\] {2}25% {2}300 rows/);
  steps.onRead!('b.xlsx', 'reading', 0.5, 200);
  steps.onRead!('a.csv', 'screening', 0.5, NaN);
  assert.match(written.at(-1)!, /^\r\x1b\[Kreading 2 questionnaire files {2}\[█+░+\] {2}50% {2}500 rows/);
  steps.onRead!('a.csv', 'screening', 0.1, NaN); // the next DuckDB query of a.csv starts from 0%
  assert.match(written.at(-1)!, /  50%  500 rows/);
  steps.onRead!('a.csv', 'screening', 1, NaN);
  steps.onRead!('b.xlsx', 'screening', 1, NaN);
  assert.match(written.at(-1)!, /^\r\x1b\[Kreading 2 questionnaire files {2}\[█+\] {2}100% {2}500 rows/);
});

test('spillover run: a progress line under a pseudo-terminal, none with --quiet or when piped', { timeout: 300_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'spillover-progress-'));
  try {
    const shown = underTerminal(['run', '--lang', 'en', '--out', join(tmp, 'a')]);
    // The questionnaire files read at once on one line (share of each read and screened by DuckDB, rows so far and
    // rows/s), the Monte Carlo's draws, the charts, the writing.
    assert.match(shown, /\r\x1b\[Kreading 3 questionnaire files {2}\[░+\] {2}0%/);
    assert.match(shown, /\r\x1b\[Kreading 3 questionnaire files {2}\[[█░]+\] {2}\d+% {2}\d[\d,]* rows {2}[\d.]+k? rows\/s/);
    assert.match(shown, /\r\x1b\[KMonte Carlo {2}\[░+\] {2}0\/10,000 draws/);
    assert.match(shown, /\r\x1b\[KMonte Carlo {2}\[█+\] {2}10,000\/10,000 draws/);
    assert.match(shown, /\r\x1b\[Krendering charts {2}\[█+\] {2}6\/6 charts/);
    assert.match(shown, /\r\x1b\[Kwriting outputs {2}\[█+\] {2}(\d+)\/\1 files/);
    // every line fits the terminal (80 columns, CJK counted 2)
    for (const l of shown.split(/\r\x1b\[K|\r?\n/)) assert.ok(width(l) <= 80, l);
    const zh = underTerminal(['run', '--lang', 'zh', '--out', join(tmp, 'z')]);
    assert.match(zh, /\r\x1b\[K读取 3 个问卷文件 {2}\[[█░]+\] {2}\d+% {2}\d[\d,]* 行/);
    assert.match(zh, /\r\x1b\[K蒙特卡洛模拟 {2}\[█+\] {2}10,000\/10,000 次/);
    assert.match(zh, /\r\x1b\[K绘制图表 {2}\[█+\] {2}6\/6 张/);
    // The line is cleared before the results are printed.
    assert.match(shown, /\r\x1b\[KWeChat ecosystem jobs 2019/);
    const quiet = underTerminal(['run', '--lang', 'en', '--quiet', '--out', join(tmp, 'b')]);
    assert.doesNotMatch(quiet, /\x1b\[K/);
    assert.match(quiet, /WeChat ecosystem jobs 2019/);
    const piped = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'run', '--lang', 'en', '--out', join(tmp, 'c')], { encoding: 'utf8' });
    assert.equal(piped.status, 0, piped.stderr);
    assert.equal(piped.stderr, '');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('spillover run on transactions: each pass over the files on a terminal (en, zh), nothing with --quiet or when piped', { timeout: 300_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'spillover-progress-'));
  const study = join(root, 'examples/vouchers-2020/study.yaml');
  try {
    const en = underTerminal(['run', study, '--lang', 'en', '--charts', 'none', '--out', join(tmp, 'a')]);
    // the example has a repeated id: ids, then the rows of repeated ids, then the aggregate
    for (const pass of ['1 of 2', '2 of 3', '3 of 3']) assert.match(en, new RegExp(`\\r\\x1b\\[Kreading transactions data/transactions \\(pass ${pass}\\) {2}\\[[█░]+\\] {2}\\d+%`));
    for (const l of en.split(/\r\x1b\[K|\r?\n/)) assert.ok(width(l) <= 80, l);
    assert.match(en, /\r\x1b\[Kfigure +value/); // the line is cleared before the table
    const zh = underTerminal(['run', study, '--lang', 'zh', '--charts', 'none', '--out', join(tmp, 'z')]);
    assert.match(zh, /\r\x1b\[K读取交易 data\/transactions（第 3\/3 遍） {2}\[[█░]+\] {2}\d+%/);
    for (const l of zh.split(/\r\x1b\[K|\r?\n/)) assert.ok(width(l) <= 80, l);
    const quiet = underTerminal(['run', study, '--lang', 'en', '--quiet', '--charts', 'none', '--out', join(tmp, 'b')]);
    assert.doesNotMatch(quiet, /\x1b\[K/);
    const piped = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'run', study, '--lang', 'en', '--charts', 'none', '--out', join(tmp, 'c')], { encoding: 'utf8' });
    assert.equal(piped.status, 0, piped.stderr);
    assert.equal(piped.stderr, '');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
