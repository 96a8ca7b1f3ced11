// Progress on stderr: one line redrawn in place with count, rate and ETA — only on a terminal
// (tested under a pseudo-terminal), nothing when piped or with --quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProgress } from '../../src/cli/progress.ts';

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
});

/** stdout and stderr of `spillover ARGS` under a pseudo-terminal (python3's pty module). */
function underTerminal(args: string[]): string {
  const script = 'import os, pty, sys\nout = b""\npid, fd = pty.fork()\nif pid == 0:\n    os.execvp(sys.argv[1], sys.argv[1:])\nwhile True:\n    try:\n        d = os.read(fd, 65536)\n    except OSError:\n        break\n    if not d:\n        break\n    out += d\nsys.stdout.buffer.write(out)\n';
  const r = spawnSync('python3', ['-c', script, process.execPath, join(root, 'bin/spillover.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('spillover run: a progress line under a pseudo-terminal, none with --quiet or when piped', { timeout: 300_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'spillover-progress-'));
  try {
    const shown = underTerminal(['run', '--lang', 'en', '--out', join(tmp, 'a')]);
    assert.match(shown, /\r\x1b\[Kreading, screening and estimating {2}\[[█░]+\] {2}0\/3 stages/);
    assert.match(shown, /\r\x1b\[Kwriting outputs {2}\[[█░]+\] {2}2\/3 stages/);
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
