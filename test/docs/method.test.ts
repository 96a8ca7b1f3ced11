// docs/method.md explains every figure a run reports: each figure id of the bundled example's results
// (and of the scaffold's) matches an id pattern in the "what each figure means" table, in English and
// in Chinese. A new figure without an entry fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runStudy } from '../../src/cli/runStudy.ts';
import { DEFAULT_STUDY, packageRoot } from '../../src/data/packagePaths.ts';
import { scaffoldStudy } from '../../src/init/index.ts';

/** Backticked figure ids in the first column of the table under `heading`, as anchored regexes. */
function patterns(md: string, heading: RegExp): RegExp[] {
  const start = md.search(heading);
  assert.ok(start >= 0, `heading ${heading} in docs/method.md`);
  const section = md.slice(start).split('\n');
  const end = section.findIndex((l, i) => i > 0 && /^#{2,3} /.test(l));
  const rows = section.slice(0, end < 0 ? undefined : end).filter((l) => l.startsWith('| `'));
  const ids = rows.flatMap((r) => [...r.split('|')[1].matchAll(/`([a-z][a-z_.<>]*)`/g)].map((m) => m[1]));
  // <figure> stands for any figure id (several segments); other <name>s for one segment.
  return ids.map((id) => new RegExp(`^${id.replace(/\./g, '\\.').replace(/<figure>/g, '.+').replace(/<[a-z]+>/g, '[^.]+')}$`));
}

test('docs/method.md has an entry for every figure id, in English and Chinese', async () => {
  const md = readFileSync(join(packageRoot, 'docs/method.md'), 'utf8');
  const ids = new Set<string>(Object.keys((await runStudy(DEFAULT_STUDY)).results.figures));
  const dir = mkdtempSync(join(tmpdir(), 'spillover-method-'));
  try {
    const files = await scaffoldStudy({ lang: 'en', roles: ['providers', 'operators', 'consumers'], year: 2024, schemaRef: null });
    for (const [name, data] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), data);
    }
    for (const id of Object.keys((await runStudy(join(dir, 'study.yaml'))).results.figures)) ids.add(id);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(ids.size > 30);
  for (const heading of [/### 4\. What each figure means/, /### 4\. 每个数字的含义/]) {
    const ps = patterns(md, heading);
    const missing = [...ids].filter((id) => !ps.some((p) => p.test(id)));
    assert.deepEqual(missing, [], `figure ids without an entry under ${heading}`);
  }
});
