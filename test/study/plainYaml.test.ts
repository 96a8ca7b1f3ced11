// plainYaml reads the subset of YAML study files are written in, or declines: whatever it accepts has the values
// yaml's parseDocument gives (core schema, no errors) and the lines parseStudy's lineOf finds in that document.
// Checked on the repository's YAML files, on thousands of random edits of them and on scalars of every core type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { plainYaml, plainScalar } from '../../src/study/config/plainYaml.ts';
import { lineOf } from '../../src/study/config/parseStudy.ts';

const FILES = ['examples/wechat-2019/study.yaml', 'examples/wechat-2019/study-bridged.yaml', 'examples/wechat-2019/published.yaml', 'examples/vouchers-2020/study.yaml', 'test/fixtures/study/study.yaml', 'test/fixtures/survey/spec/apiclus1-rake.yaml'];
const texts = FILES.map((f) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8'));

/** Every path to a value of v, and beside each a key and an index that are not there. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at, [...at, 'absent'], [...at, 99]];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i]), [...at, String(i)]));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** 'declined', or 'same' after checking values and lines against yaml; a text yaml refuses must be declined. */
function compare(text: string, checkLines = true): 'declined' | 'same' {
  const got = plainYaml(text);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (!got) return 'declined';
  const where = JSON.stringify(text);
  assert.equal(doc.errors.length, 0, `accepted a text yaml refuses (${doc.errors[0]?.message}): ${where}`);
  const value = doc.toJS();
  assert.deepStrictEqual(got.value, value, where);
  if (checkLines) for (const path of paths(value)) assert.equal(got.lineOf(path), lineOf(doc, lc, path), `${JSON.stringify(path)} in ${where}`);
  return 'same';
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test('the example study is read directly, with the values and lines of the yaml document', () => {
  assert.equal(compare(texts[0]), 'same');
  for (const t of texts) compare(t);
  const y = plainYaml('a: {b: [1, x]}\nc:\n  - 2\n')!;
  assert.deepStrictEqual(y.value, { a: { b: [1, 'x'] }, c: [2] });
  assert.equal(y.lineOf(['c', 0]), 3);
  assert.equal(y.lineOf(['a', 'b', 1]), 1);
});

test('plain scalars resolve as the core schema resolves them, in block and flow context', () => {
  const scalars = ['~', 'null', 'Null', 'NULL', 'nul', 'true', 'True', 'TRUE', 'tRue', 'false', 'FALSE', 'yes', 'no', 'on', '0', '-0', '+0', '007', '12', '-12', '+12', '1_000', '12345678901234567890',
    '0o17', '0o8', '0x1F', '0x', '0X1F', '.5', '-.5', '5.', '1.50', '1e3', '1E-3', '-1.5e+3', '.e3', '1e', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'nan', 'inf', '2.8万', '12.025亿', '-5', '-x', '.x', 'a b',
    'x:y', 'http://a.b/c', "it's", 'a"b', 'a#b', '3 #c', 'a  ', '文本　', '　', 'builtin:china-io-2017-149', 'persons/亿元', '-', '- a', '?', '? a', ':', ': a', '{}', '[]', '"q"', "'q'", "'it''s'", '"a" b', '@x', '`x', '%x', '&a x', '*a', '!t x', '|', '>'];
  let same = 0;
  for (const s of scalars) for (const text of [`k: ${s}\n`, `k: {a: ${s}}\n`, `k: [${s}, 1]\n`, `k:\n  - ${s}\n`, `${s}: 1\n`, `{${s}: 1}\n`]) if (compare(text) === 'same') same++;
  assert.ok(same > 200, `only ${same} texts read directly`);
  assert.equal(plainScalar('0x1F'), 31);
  assert.equal(plainScalar('2.8万'), '2.8万');
});

test('1,500 random edits of the YAML files read directly: declined, or the same values and lines as yaml', () => {
  const direct = texts.filter((t) => plainYaml(t) !== null);
  assert.ok(direct.length >= 3);
  const r = rng(2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const tokens = [' ', '  ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '{', '}', '[', ']', ',', ', ', '\n', '\n  ', '\n- ', 'x', '1', '.5', '~', 'null', 'true', '0x1F', '1e3', '?', '&a ', '*a', '!', '|', '>', '　', '万', '---\n', '\t', '\\', '\r\n'];
  const counts = { declined: 0, same: 0 };
  for (let t = 0; t < 1500; t++) {
    let text = pick(direct);
    for (let e = 1 + Math.floor(r() * 2); e > 0; e--) {
      const at = Math.floor(r() * (text.length + 1));
      const kind = r();
      if (kind < 0.45) text = text.slice(0, at) + pick(tokens) + text.slice(at);
      else if (kind < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
      else {
        const lines = text.split('\n');
        const i = Math.floor(r() * lines.length);
        if (kind < 0.8) lines.splice(i, 0, lines[i]);
        else if (kind < 0.9) lines[i] = ` ${lines[i]}`;
        else lines[i] = lines[i].replace(/^ {1,2}/, '');
        text = lines.join('\n');
      }
    }
    counts[compare(text, t % 6 === 0)]++; // the lines of every sixth text (all its paths), the values of all
  }
  // not vacuous: many edited texts stay in the subset and are compared
  assert.ok(counts.same > 300 && counts.declined > 300, JSON.stringify(counts));
});
