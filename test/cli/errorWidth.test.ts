// A long error on a terminal is wrapped at 80 columns (CJK characters count 2), as the help is;
// piped, it stays one line (for logs and grep).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { width } from '../../src/cli/fitTable.ts';
import { underTerminal } from './underTerminal.ts';

const root = new URL('../..', import.meta.url).pathname;

test('a long error: wrapped at 80 columns on a terminal in zh and en, one line when piped', { timeout: 300_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'spillover-errwidth-'));
  try {
    cpSync(join(root, 'examples/wechat-2019'), tmp, { recursive: true });
    const study = join(tmp, 'study.yaml');
    const text = readFileSync(study, 'utf8');
    assert.ok(text.includes('- check: employees <= 200000'));
    writeFileSync(study, text.replace('- check: employees <= 200000', '- check: provider_type = 1'));
    for (const lang of ['zh', 'en'] as const) {
      const shown = underTerminal(['check', study, '--lang', lang]).replace(/\r/g, '').trimEnd().split('\n');
      assert.ok(shown.length >= 3, shown.join('\n'));
      assert.match(shown[0], /^spillover: data\/providers\.csv/);
      for (const line of shown) assert.ok(width(line) <= 80, `${width(line)} columns: ${line}`);
      assert.match(shown.join(' '), /provider_type = 1/);
      const piped = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'check', study, '--lang', lang], { encoding: 'utf8' });
      assert.equal(piped.status, 2);
      const lines = piped.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, piped.stderr);
      assert.ok(width(lines[0]) > 80, 'the piped error is the same text on one line');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
