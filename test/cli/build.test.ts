// What scripts/build.mjs changes on the way to dist/ behaves as the sources do: the study-file
// validator compiled ahead of time (ajv standalone) reports the same errors as the one compiled
// at run time from src/study/config/schema.ts, and its V8 code cache is one this node accepts; the
// GBK / GB18030 tables in dist/gbTables.bin are the ones the sources make from iconv-lite; the modules are ASCII.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStudy } from '../../src/study/config/parseStudy.ts';
import { gbTablesArray } from '../../src/data/gbTables.ts';
import { gbTablesBytes } from '../../src/data/gbTableFormat.ts';

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

test('precompiled study validator: the code cache made at build time is accepted by this node, and the code runs without it', () => {
  // dist/studyValidator.code.js is loaded through node:vm with dist/studyValidator.code.cache (scripts/build.mjs);
  // a rejected cache would silently cost every run the validator's compile (≈ 0.1 s).
  const probe = [
    "const { Script } = require('node:vm'); const { readFileSync } = require('node:fs');",
    'const [file, withCache] = process.argv.slice(1);',
    "const options = { filename: 'spillover/dist/studyValidator.code.js' };",
    "if (withCache === 'yes') options.cachedData = readFileSync(file.replace(/\\.js$/, '.cache'));",
    "const script = new Script(readFileSync(file, 'latin1'), options);",
    'const module = { exports: {} };',
    'script.runInThisContext()(require, module, module.exports);',
    "const ok = (module.exports.default ?? module.exports)({ colour: 'blue' });",
    'console.log(JSON.stringify({ rejected: script.cachedDataRejected ?? null, ok }));',
  ].join('\n');
  const file = join(root, 'dist/studyValidator.code.js');
  const withCache = spawnSync(process.execPath, ['-e', probe, file, 'yes'], { encoding: 'utf8', cwd: root });
  assert.equal(withCache.status, 0, withCache.stderr);
  assert.deepEqual(JSON.parse(withCache.stdout), { rejected: false, ok: false });
  const without = spawnSync(process.execPath, ['-e', probe, file, 'no'], { encoding: 'utf8', cwd: root });
  assert.equal(without.status, 0, without.stderr);
  assert.deepEqual(JSON.parse(without.stdout), { rejected: null, ok: false });
});

test('dist/gbTables.bin: the GBK / GB18030 tables the sources make from iconv-lite, byte for byte', () => {
  assert.deepEqual(readFileSync(join(root, 'dist/gbTables.bin')), Buffer.from(gbTablesBytes(gbTablesArray())));
});

test('dist/: the command\'s modules and the validator\'s code are ASCII (one-byte strings at every start; \\u escapes)', () => {
  const files = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js'));
  assert.ok(files.length > 10);
  for (const f of files) assert.equal(/[^\x00-\x7f]/.exec(readFileSync(join(root, 'dist', f), 'latin1'))?.index, undefined, f);
  // the schema's unit words (万, 亿) are there as escapes (their meaning: the config and CLI tests through dist/)
  assert.match(readFileSync(join(root, 'dist/studyValidator.code.js'), 'latin1'), /\\u4e07/);
});
