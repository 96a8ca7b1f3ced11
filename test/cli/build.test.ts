// What scripts/build.mjs changes on the way to dist/ behaves as the sources do: the study-file
// validator compiled ahead of time (ajv standalone) reports the same errors as the one compiled
// at run time from src/study/config/schema.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStudy } from '../../src/study/config/parseStudy.ts';

const root = new URL('../..', import.meta.url).pathname;
const example = readFileSync(join(root, 'examples/wechat-2019/study.yaml'), 'utf8');

test('precompiled study validator: the same schema errors as the runtime-compiled one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-validator-'));
  try {
    const cases: [string, string | RegExp, string][] = [
      ['unknown key', /^study:/m, 'colour: blue\nstudy:'],
      ['wrong type', /year: 2019/, 'year: "twenty"'],
      ['bad enum', /method: (published|leontief)/, 'method: guess'],
      ['bad quantity', /population: [^\n]+/, 'population: lots'],
    ];
    for (const [name, from, to] of cases) {
      const text = example.replace(from, to);
      assert.notEqual(text, example, `${name}: the edit applies`);
      const file = join(dir, 'study.yaml');
      writeFileSync(file, text);
      let expected = '';
      try { parseStudy(text, file); } catch (e) { expected = (e as Error).message; }
      assert.notEqual(expected, '', `${name}: the sources reject it`);
      const r = spawnSync(process.execPath, [join(root, 'bin/spillover.js'), 'check', file], { encoding: 'utf8' });
      assert.notEqual(r.status, 0, name);
      assert.ok(r.stderr.includes(expected), `${name}: compiled CLI says\n${r.stderr}\nsources say\n${expected}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
