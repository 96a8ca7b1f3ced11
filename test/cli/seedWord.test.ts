// Users never see the project's internal word for the replicated report ("seed", 种子): the console
// output of every command and the report and CSV tables of a run, in zh and en, say "the original
// report" (原报告) or the study's name, and "random stream" (随机数流) for the Monte Carlo's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const SEED = /seed|种子/i;

function output(args: string[]): string {
  const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout + r.stderr;
}

function assertNoSeed(name: string, text: string) {
  const line = text.split('\n').find((l) => SEED.test(l));
  assert.equal(line, undefined, `${name} says "seed": ${line}`);
}

test('no "seed"/"种子" in what a user sees: every command, the report and the tables, zh and en', { timeout: 600_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'spillover-words-'));
  try {
    for (const lang of ['zh', 'en']) {
      const out = join(tmp, lang);
      assertNoSeed(`run ${lang}`, output(['run', '--lang', lang, '--out', out]));
      for (const f of readdirSync(out).filter((n) => /\.(html|csv)$/.test(n))) assertNoSeed(`${lang}/${f}`, readFileSync(join(out, f), 'utf8'));
      assertNoSeed(`check ${lang}`, output(['check', '--lang', lang]));
      assertNoSeed(`explain ${lang}`, output(['explain', 'output.indirect', '--lang', lang]));
      assertNoSeed(`explain --list ${lang}`, output(['explain', '--list', '--lang', lang]));
      assertNoSeed(`plan ${lang}`, output(['plan', '--lang', lang, '--reps', '20']));
      assertNoSeed(`io ${lang}`, output(['io', 'builtin:china-io-2017-149', '--lang', lang]));
    }
    assertNoSeed('audit', output(['audit']));
    assertNoSeed('audit --json', output(['audit', '--json']));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
