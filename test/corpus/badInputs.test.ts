// Every fault of the bad-input corpus (scripts/bad-inputs.ts) through the real CLI: the expected status
// and message fragment, no stack trace, no bare Node error code. Two cases run at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus, type BadInput } from '../../scripts/bad-inputs.ts';

const root = new URL('../..', import.meta.url).pathname;

function runCase(dir: string, c: BadInput): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(root, 'bin/spillover.js'), ...c.args], { cwd: join(dir, c.name), env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (s) => (stdout += s));
    p.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('bad-input corpus: every case gives its message, with a place, no stack trace and no bare error code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-corpus-'));
  const cases = await generateCorpus(dir);
  assert.ok(cases.length >= 20, `${cases.length} cases`);
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      const r = await runCase(dir, c);
      const out = c.stream === 'stdout' ? r.stdout : r.stderr;
      const problems = [
        r.status !== c.status ? `exit ${r.status}, expected ${c.status}` : '',
        c.expect.test(out) ? '' : `no match for ${c.expect}`,
        /\n\s+at .+:\d+:\d+/.test(r.stderr) ? 'stack trace' : '',
        /^spillover: E[A-Z]{2,}\b|\bE(NOENT|ISDIR|NOSPC|ACCES|NOTDIR|PERM|ROFS):/m.test(r.stderr) ? 'bare Node error code' : '',
        c.file && !(existsSync(join(dir, c.name, c.file[0])) && c.file[1].test(readFileSync(join(dir, c.name, c.file[0]), 'utf8'))) ? `${c.file[0]} missing or without ${c.file[1]}` : '',
      ].filter(Boolean);
      if (problems.length) failures.push(`${c.name} (${c.fault}): ${problems.join('; ')}\n    stderr: ${r.stderr.slice(0, 400)}`);
    }
  };
  await Promise.all([worker(), worker()]);
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(failures, []);
});
