// One language for errors: no plain `new Error(` / `throw Error(` in the directories whose errors are
// all in both languages (LocalizedError {zh, en}, or internalError for an invariant no input reaches).
// A directory joins SCANNED once it is clean; the test names every file:line left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { packageRoot } from '../../src/data/packagePaths.ts';
import { errorText } from '../../src/locale/errorText.ts';
import { leverage, lotteryDid } from '../../src/causal/index.ts';
import { lu } from '../../src/io/lu.ts';
import { parseLabeledMatrix } from '../../src/io/parseLabeledMatrix.ts';
import { checkTimeZone } from '../../src/data/sql/SqlDialect.ts';

/** Directories (from the package root) whose thrown errors are all bilingual. */
const SCANNED = ['src/causal', 'src/cli', 'src/data', 'src/io', 'src/io-node', 'src/locale', 'src/report', 'src/server', 'src/study', 'src/survey', 'web'];

const PLAIN_ERROR = /\bnew\s+(?:Type|Range|Syntax)?Error\s*\(|\bthrow\s+(?:Type|Range|Syntax)?Error\s*\(/;
const SOURCE = /\.(?:ts|mts|mjs|js)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : SOURCE.test(d.name) ? [join(dir, d.name)] : []);
}

/** file:line of each plain Error constructed in the sources under `dirs` (comment lines skipped). */
export function plainErrors(root: string, dirs: string[]): string[] {
  const found: string[] = [];
  for (const file of dirs.flatMap((d) => sourceFiles(join(root, d))).sort()) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const code = line.trim();
      if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
      if (PLAIN_ERROR.test(code.replace(/\/\/.*$/, ''))) found.push(`${relative(root, file)}:${i + 1}: ${code}`);
    });
  }
  return found;
}

test('no plain Error in the bilingual directories (LocalizedError {zh, en} or internalError instead)', () => {
  const found = plainErrors(packageRoot, SCANNED);
  assert.deepEqual(found, [], `English-only errors left:\n${found.join('\n')}`);
});

test('engine errors a user reaches read in zh without English prose; .message stays English', () => {
  const arm = { n: 1, sumD: 1, sumDD: 1, sumS: 1, sumSS: 1, sumDS: 1 };
  const cases: [() => unknown, RegExp, RegExp][] = [
    [() => lotteryDid(arm, { ...arm, n: 5 }), /^lotteryDid：数据中中签申请者 1 人；无法得出任何指标$/, /^lotteryDid: 1 winning applicants in the data; no figure can be claimed$/],
    [() => leverage(100, 0), /^leverage：核销的补贴为 0；没有使用消费券，无法得出杠杆率$/, /^leverage: subsidy redeemed is 0;/],
    [() => lu(Float64Array.of(1, 2, 2, 4), 2), /^矩阵奇异：第 2 列的主元为 0$/, /^singular matrix: pivot 0 at column 2$/],
    [() => parseLabeledMatrix('a\tb\n', 'm.txt', 1), /^m\.txt：没有数据行$/, /^m\.txt: no data lines$/],
    [() => checkTimeZone('Asia Shanghai'), /^"Asia Shanghai" 不是时区名称（应如 Asia\/Shanghai 或 UTC）$/, /^not a time-zone name: "Asia Shanghai"/],
  ];
  for (const [f, zh, en] of cases) {
    assert.throws(f, (e: Error) => {
      assert.match(errorText(e, 'zh'), zh);
      assert.match(e.message, en);
      return true;
    });
  }
});

test('the scan finds a planted plain Error with its file and line, and skips comments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-scan-'));
  try {
    mkdirSync(join(dir, 'src/x/deep'), { recursive: true });
    writeFileSync(join(dir, 'src/x/deep/a.ts'), [
      '// new Error(\'in a comment\')',
      ' * throw new Error(\'in a doc comment\')',
      'const ok = new LocalizedError({ zh: \'甲\', en: \'A\' });',
      'if (bad) throw new Error(`bad ${x}`);',
      'if (worse) throw RangeError(\'worse\');',
    ].join('\n'));
    writeFileSync(join(dir, 'src/x/b.md'), 'new Error(');
    assert.deepEqual(plainErrors(dir, ['src/x']), [
      'src/x/deep/a.ts:4: if (bad) throw new Error(`bad ${x}`);',
      'src/x/deep/a.ts:5: if (worse) throw RangeError(\'worse\');',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
