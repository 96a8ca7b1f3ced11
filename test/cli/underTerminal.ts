// Run the CLI under a pseudo-terminal (python3's pty module): what a user sees on a terminal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** stdout and stderr of `spillover ARGS` under a pseudo-terminal (python3's pty module). */
export function underTerminal(args: string[]): string {
  const script = 'import os, pty, sys\nout = b""\npid, fd = pty.fork()\nif pid == 0:\n    os.execvp(sys.argv[1], sys.argv[1:])\nwhile True:\n    try:\n        d = os.read(fd, 65536)\n    except OSError:\n        break\n    if not d:\n        break\n    out += d\nsys.stdout.buffer.write(out)\n';
  const r = spawnSync('python3', ['-c', script, process.execPath, join(root, 'bin/spillover.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}
