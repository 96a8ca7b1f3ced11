// --out can never destroy an input, and a kill at any step of writing leaves a complete set at --out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOutputFolder, describeFsError, fsCallWords, OUTPUT_MARKER, setsFolder, writeOutputSet, type OutputStep } from '../../src/cli/outputSet.ts';
import { errorText } from '../../src/locale/index.ts';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'bin/spillover.js');

/** A study folder S (study.yaml + data/x.csv) in a fresh temp dir. */
function studyDir(): { base: string; study: string } {
  const base = mkdtempSync(join(tmpdir(), 'spillover-outset-'));
  mkdirSync(join(base, 'S/data'), { recursive: true });
  writeFileSync(join(base, 'S/study.yaml'), 'name: x\n');
  writeFileSync(join(base, 'S/data/x.csv'), 'id\n1\n');
  return { base, study: join(base, 'S/study.yaml') };
}

test('--out refused before any work: the study folder, a data folder, the study file, a file, ".", an ancestor, a foreign link, a non-empty folder', () => {
  const { base, study } = studyDir();
  const ctx = { cwd: base, inputs: [study, join(base, 'S/data/x.csv')] };
  const refused: [string, RegExp][] = [
    [join(base, 'S'), /is the folder holding the input .*study\.yaml/],
    [join(base, 'S/data'), /is the folder holding the input .*x\.csv/],
    [study, /is an input of the study/],
    [base, /is the current directory/],
    [join(base, '..'), /contains the current directory/],
    [join(base, 'S/data/x.csv'), /is an input of the study/],
  ];
  writeFileSync(join(base, 'notes.txt'), 'keep me');
  refused.push([join(base, 'notes.txt'), /is a file, not a folder/]);
  mkdirSync(join(base, 'busy'));
  writeFileSync(join(base, 'busy/mine.txt'), 'keep me');
  refused.push([join(base, 'busy'), /not empty and that spillover did not write \(no \.spillover-output marker\); it holds mine\.txt/]);
  mkdirSync(join(base, 'S/extra'));
  writeFileSync(join(base, 'S/extra/a.csv'), '1');
  refused.push([join(base, 'S/extra'), /is a data folder inside the study folder \(it holds a\.csv\)/]);
  spawnSync('ln', ['-s', join(base, 'busy'), join(base, 'link')]);
  refused.push([join(base, 'link'), /symbolic link that a spillover run did not make/]);
  for (const [out, why] of refused) {
    assert.throws(() => checkOutputFolder(out, ctx), (e: Error) => {
      assert.match(e.message, why, out);
      assert.match(e.message, /nothing was written/);
      return true;
    });
  }
  // Only the data folder's check needs the data file listed: any ancestor of the study file is refused.
  assert.throws(() => checkOutputFolder(join(base, 'S/data'), { cwd: '/', inputs: [study] }), /data folder inside the study folder/);
  // Accepted: new, empty, written by spillover.
  checkOutputFolder(join(base, 'new/out'), ctx);
  mkdirSync(join(base, 'empty'));
  checkOutputFolder(join(base, 'empty'), ctx);
  writeOutputSet(join(base, 'prev'), { 'a.txt': '1' });
  checkOutputFolder(join(base, 'prev'), ctx);
  rmSync(base, { recursive: true, force: true });
});

test('spillover run refuses --out . and the study folder, changing nothing', () => {
  const base = mkdtempSync(join(tmpdir(), 'spillover-outset-'));
  cpSync(join(root, 'examples/wechat-2019'), join(base, 'S'), { recursive: true });
  const before = readdirSync(join(base, 'S'), { recursive: true }).sort();
  for (const out of ['.', 'S', 'S/data', 'S/study.yaml']) {
    const r = spawnSync(process.execPath, [cli, 'run', 'S/study.yaml', '--out', out], { cwd: base, encoding: 'utf8' });
    assert.equal(r.status, 2, out);
    assert.match(r.stderr, new RegExp(`^spillover: --out ${out.replace('.', '\\.')}: .*nothing was written`), out);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
  assert.deepEqual(readdirSync(join(base, 'S'), { recursive: true }).sort(), before);
  rmSync(base, { recursive: true, force: true });
});

const OLD = { 'results.json': 'old\n', 'charts/a.svg': '<svg>old</svg>' };
const NEW = { 'results.json': 'new\n', 'figures.csv': 'id\r\n', 'charts/a.svg': '<svg>new</svg>' };
function contents(dir: string): Record<string, string> {
  const o: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true }) as string[]) if (f !== OUTPUT_MARKER && statSync(join(dir, f)).isFile()) o[f] = readFileSync(join(dir, f), 'utf8');
  return o;
}

// The child writes NEW over `out` and kills itself with SIGKILL right after step `at` (the n-th time).
const CHILD = `
import { writeOutputSet } from ${JSON.stringify(join(root, 'src/cli/outputSet.ts'))};
const [out, at, nth] = process.argv.slice(-3);
let seen = 0;
writeOutputSet(out, ${JSON.stringify(NEW)}, (s) => { if (s === at && ++seen === Number(nth)) process.kill(process.pid, 'SIGKILL'); });
`;

test('a kill after any step leaves the old or the new complete set at --out; the next run cleans up', () => {
  const base = mkdtempSync(join(tmpdir(), 'spillover-outset-'));
  const script = join(base, 'child.ts');
  writeFileSync(script, CHILD);
  const steps: [OutputStep, number, 'old' | 'new'][] = [
    ['cleaned', 1, 'old'],
    ['file', 1, 'old'],
    ['file', 3, 'old'],
    ['written', 1, 'old'],
    ['linked', 1, 'old'],
    ['switched', 1, 'new'],
    ['done', 1, 'new'],
  ];
  for (const [at, nth, want] of steps) {
    const out = join(base, `out-${at}-${nth}`);
    writeOutputSet(out, OLD);
    const r = spawnSync(process.execPath, ['--import', 'tsx', script, out, at, String(nth)], { cwd: root, encoding: 'utf8' });
    assert.equal(r.signal, 'SIGKILL', `${at}: ${r.stderr}`);
    assert.ok(statSync(out).isDirectory(), `${at}: a folder at --out`);
    assert.deepEqual(contents(out), want === 'old' ? OLD : NEW, `${at}#${nth}`);
    // The next run replaces it and leaves exactly one set, no temporary links.
    writeOutputSet(out, { 'results.json': 'third\n' });
    assert.deepEqual(contents(out), { 'results.json': 'third\n' });
    assert.equal(readdirSync(setsFolder(out)).length, 1, `${at}: leftovers removed`);
    assert.deepEqual(readdirSync(base).filter((n) => n.includes('.link-')), []);
  }
  // An empty folder given as --out becomes the link to the first set; a set copied as a plain folder is replaced.
  const empty = join(base, 'empty');
  mkdirSync(empty);
  writeOutputSet(empty, OLD);
  assert.ok(lstatSync(empty).isSymbolicLink());
  assert.deepEqual(contents(empty), OLD);
  const copied = join(base, 'copied');
  cpSync(empty, copied, { recursive: true, dereference: true });
  checkOutputFolder(copied, { cwd: root, inputs: [] });
  writeOutputSet(copied, NEW);
  assert.deepEqual(contents(copied), NEW);
  assert.equal(readdirSync(setsFolder(copied)).length, 1);
  // Sets of the previous run's format (.NAME.tmp-PID / .NAME.old-PID of a dead process) are removed too.
  mkdirSync(join(base, '.empty.tmp-999999999'));
  writeOutputSet(empty, NEW);
  assert.equal(existsSync(join(base, '.empty.tmp-999999999')), false);
  rmSync(base, { recursive: true, force: true });
});

test('write failures name the path and the cause in words, and leave the old set', () => {
  const base = mkdtempSync(join(tmpdir(), 'spillover-outset-'));
  writeFileSync(join(base, 'file'), 'x');
  assert.throws(() => writeOutputSet(join(base, 'file/out'), NEW), /cannot write the outputs for .*file\/out .*: a part of the path is a file, not a folder \[ENOTDIR\]/);
  const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: '/mnt/out/results.json' });
  const full_ = describeFsError(full, { zh: '无法写入 /mnt/out 的输出', en: 'cannot write the outputs for /mnt/out' });
  assert.equal(full_.message, 'cannot write the outputs for /mnt/out (/mnt/out/results.json): the disk is full [ENOSPC]');
  assert.equal(errorText(full_, 'zh'), '无法写入 /mnt/out 的输出（/mnt/out/results.json）：磁盘已满 [ENOSPC]');
  const ro = Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS', path: '/ro/out' });
  assert.match(describeFsError(ro, fsCallWords('open')).message, /^cannot open \(\/ro\/out\): the file system is read-only/);
  assert.match(errorText(describeFsError(ro, fsCallWords('open')), 'zh'), /^无法打开（\/ro\/out）：文件系统只读/);
  // A name leaving the set is refused and nothing changes at --out.
  const out = join(base, 'out');
  writeOutputSet(out, OLD);
  assert.throws(() => writeOutputSet(out, { '../escape.txt': 'x' }), /leaves the output folder/);
  assert.deepEqual(contents(out), OLD);
  assert.equal(readdirSync(setsFolder(out)).length, 1);
  rmSync(base, { recursive: true, force: true });
});

test('sets written by one process in the same millisecond get different names (no EEXIST)', () => {
  const base = mkdtempSync(join(tmpdir(), 'spillover-outset-'));
  const out = join(base, 'out');
  const now = Date.now;
  Date.now = () => 1_700_000_000_000; // every write in the same millisecond
  try {
    for (let i = 0; i < 5; i++) writeOutputSet(out, { 'a.txt': String(i) });
  } finally {
    Date.now = now;
  }
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), '4');
  assert.equal(readdirSync(setsFolder(out)).length, 1, 'only the linked set is left');
  rmSync(base, { recursive: true, force: true });
});
