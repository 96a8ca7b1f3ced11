// Run documented shell commands for real: a fresh working directory, `spillover` on PATH (this
// checkout), stdout and stderr interleaved as a terminal shows them, and the output normalized so it
// does not depend on where the directory or the package lives.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const packageRoot = resolve(new URL('../..', import.meta.url).pathname);

/** The locale a doc page's commands run under: zh_CN.UTF-8 for a Chinese page (*.zh.md), else C.UTF-8. */
export const pageLocale = (path: string): string => (path.endsWith('.zh.md') ? 'zh_CN.UTF-8' : 'C.UTF-8');

export interface ShellResult {
  /** stdout and stderr as printed, normalized (paths replaced, trailing spaces removed) */
  output: string;
  code: number;
}

export interface ShellSession {
  /** the working directory (a fresh temporary directory) */
  dir: string;
  /** run a block of shell commands with `set -e` (bash) in `dir`; state (files) carries over */
  run(script: string): ShellResult;
  /** the same, without blocking the event loop (pages are generated concurrently) */
  runAsync(script: string): Promise<ShellResult>;
  close(): void;
}

/**
 * openSession(shownAs) → a session whose working directory prints as `shownAs` (e.g. "~/study");
 * the package directory prints as "<spillover>". `locale` (LANG) sets the commands' default
 * language: C.UTF-8 → English, zh_CN.UTF-8 → Chinese (a Chinese page's reader's terminal).
 */
export function openSession(shownAs: string, locale = 'C.UTF-8'): ShellSession {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'spillover-docs-')));
  const dir = join(base, 'work');
  const bin = join(base, 'bin');
  mkdirSync(dir);
  mkdirSync(bin);
  const shim = join(bin, 'spillover');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(packageRoot, 'bin/spillover.js')}" "$@"\n`);
  chmodSync(shim, 0o755);
  const env: Record<string, string> = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: process.env.HOME ?? base, LANG: locale, NO_COLOR: '1', TZ: 'UTC' };
  const normalize = (s: string) =>
    s
      .split(dir)
      .join(shownAs)
      .split(packageRoot)
      .join('<spillover>')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .replace(/\n+$/, '');
  return {
    dir,
    run(script: string): ShellResult {
      const r = spawnSync('bash', ['-c', `set -e\nexec 2>&1\n${script}`], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.error) throw r.error;
      return { output: normalize(r.stdout ?? ''), code: r.status ?? 1 };
    },
    runAsync(script: string): Promise<ShellResult> {
      return new Promise((resolvePromise, reject) => {
        const child = spawn('bash', ['-c', `set -e\nexec 2>&1\n${script}`], { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] });
        const chunks: Buffer[] = [];
        child.stdout.on('data', (c: Buffer) => chunks.push(c));
        child.on('error', reject);
        child.on('close', (code) => resolvePromise({ output: normalize(Buffer.concat(chunks).toString('utf8')), code: code ?? 1 }));
      });
    },
    close() {
      rmSync(base, { recursive: true, force: true });
    },
  };
}
