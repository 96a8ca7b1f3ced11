// A study file is refused early, with its place and the limit, when it is a folder, too large, not UTF-8,
// nested too deep or full of aliases — no stack overflow, no multi-GB allocation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parseStudy } from '../../src/study/config/parseStudy.ts';
import { yamlNesting, MAX_YAML_DEPTH } from '../../src/study/config/yamlLimits.ts';
import { readStudyText, STUDY_FILE_LIMIT } from '../../src/data/readStudyText.ts';

const root = new URL('../..', import.meta.url).pathname;
const example = readFileSync(join(root, 'examples/wechat-2019/study.yaml'), 'utf8');

test('yamlNesting: block, sequence and flow nesting counted; quotes and comments ignored; the example is shallow', () => {
  assert.deepEqual(yamlNesting('a:\n  b:\n    c: [[1]]\n', 3), { line: 3, depth: 5 });
  assert.equal(yamlNesting('a: "[[[[[[" # [[[[[\nb: \'{{{{\'\n', 2), null);
  assert.equal(yamlNesting(example), null);
  const block = 'study:\n' + Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:\n`).join('') + `${' '.repeat(3001)}v: 1\n`;
  assert.throws(() => parseStudy(block, 's.yaml'), /^ConfigError: s\.yaml:65: \(top level\): nesting deeper than 64 levels \(the limit/);
  assert.throws(() => parseStudy(`study: ${'['.repeat(3000)}${']'.repeat(3000)}\n`, 's.yaml'), new RegExp(`s\\.yaml:1: .*nesting deeper than ${MAX_YAML_DEPTH} levels`));
  assert.throws(() => parseStudy(`x:\n${'  - '.repeat(100)}1\n`, 's.yaml'), /s\.yaml:2: .*nesting deeper/);
});

test('an alias bomb is refused with the limit stated, before expanding', () => {
  let bomb = 'a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n';
  for (let i = 1; i < 9; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]\n`;
  bomb += 'study: *a8\n';
  const t0 = process.hrtime.bigint();
  assert.throws(() => parseStudy(bomb, 's.yaml'), /s\.yaml: \(top level\): aliases \(\*name\) expand too much: more than 100 alias uses is the limit/);
  assert.ok(Number(process.hrtime.bigint() - t0) / 1e9 < 5, 'refused quickly');
});

test('readStudyText: folder, size limit (before reading), GBK bytes named as an encoding fault with the line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-studyfile-'));
  mkdirSync(join(dir, 'S'));
  writeFileSync(join(dir, 'S/study.yaml'), example);
  assert.throws(() => readStudyText(join(dir, 'S'), 'S'), /^Error: S: is a folder, not a study file; did you mean S\/study\.yaml\?$/);
  assert.throws(() => readStudyText(join(dir, 'nope.yaml'), 'nope.yaml'), /study file not found: nope\.yaml/);
  writeFileSync(join(dir, 'big.yaml'), Buffer.alloc(STUDY_FILE_LIMIT + 1, 0x23));
  assert.throws(() => readStudyText(join(dir, 'big.yaml'), 'big.yaml'), /big\.yaml: the study file is 4\.0 MiB; the limit is 4 MiB/);
  writeFileSync(join(dir, 'gbk.yaml'), iconv.encode(example, 'gb18030'));
  const firstChinese = example.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l)) + 1;
  assert.throws(() => readStudyText(join(dir, 'gbk.yaml'), 'gbk.yaml'), new RegExp(`^Error: gbk\\.yaml:${firstChinese}: encoding: the study file is not valid UTF-8`));
  writeFileSync(join(dir, 'bom.yaml'), '\ufeff' + example);
  assert.equal(readStudyText(join(dir, 'bom.yaml'), 'bom.yaml'), example);
  rmSync(dir, { recursive: true, force: true });
});
