// README's layout table matches the tree: every folder under src/ has a row, every src/ path in the
// table exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

test('README layout table lists every src/ folder, and only folders that exist', () => {
  const md = readFileSync(join(root, 'README.md'), 'utf8');
  const table = /## Layout\n([\s\S]*?)\n\n/.exec(md)?.[1] ?? '';
  const listed = new Set([...table.matchAll(/`(src\/[^`]+?)\/?`/g)].map((m) => m[1]));
  assert.ok(listed.size >= 8, `the table lists ${listed.size} src/ paths`);
  const folders = readdirSync(join(root, 'src')).filter((d) => statSync(join(root, 'src', d)).isDirectory()).map((d) => `src/${d}`);
  for (const f of folders) assert.ok(listed.has(f), `README layout table has no row for ${f}/`);
  for (const p of listed) assert.ok(existsSync(join(root, p)), `README layout table lists ${p}, which does not exist`);
});
