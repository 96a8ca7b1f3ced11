// docs/tutorial.md and docs/tutorial.zh.md cannot go stale: their commands are run end to end, in order, in a fresh temporary
// directory, and every figure printed is compared with the one quoted in the tutorial (exactly, as
// printed), then the whole output text. Regenerate with `npx tsx scripts/docs.ts --only tutorial`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runnableBlocks, quoteOutput } from '../../scripts/docs/markdownBlocks.ts';
import { openSession, packageRoot, pageLocale } from '../../scripts/docs/shell.ts';

const NUMBER = /[-+]?\d[\d,]*(?:\.\d+)?%?/g;
const figures = (s: string) => s.match(NUMBER) ?? [];

for (const [path, minBlocks] of [['docs/tutorial.md', 14], ['docs/tutorial.zh.md', 9]] as const)
test(`${path} runs end to end and prints the figures it quotes`, () => {
  const text = readFileSync(join(packageRoot, path), 'utf8');
  const blocks = runnableBlocks(text);
  assert.ok(blocks.length >= minBlocks, `expected the tutorial's command blocks, found ${blocks.length}`);
  const quotedFigures = blocks.reduce((n, b) => n + figures(b.quoted ?? '').length, 0);
  assert.ok(quotedFigures > 100, `the tutorial should quote printed figures, found ${quotedFigures}`);
  const session = openSession('~/tutorial', pageLocale(path));
  try {
    for (const [i, b] of blocks.entries()) {
      const r = session.run(b.script);
      const where = `${path} block ${i + 1}:\n${b.script.split('\n')[0]}`;
      if (b.quoted === null) {
        assert.equal(r.code, 0, `${where}\nfailed:\n${r.output}`);
        continue;
      }
      const expectFailure = /\[exit code \d+\]$/.test(b.quoted);
      assert.equal(r.code !== 0, expectFailure, `${where}\nexit code ${r.code}:\n${r.output}`);
      assert.deepEqual(figures(quoteOutput(r)), figures(b.quoted), `${where}\nprinted figures differ from the quoted ones (run npx tsx scripts/docs.ts --only tutorial)`);
      assert.equal(quoteOutput(r), b.quoted, `${where}\nprinted text differs from the quoted text`);
    }
  } finally {
    session.close();
  }
});
