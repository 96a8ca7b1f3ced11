import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confinePath, createRejectionWriter, writeFileAtomic, writeRejections, type Rejection } from '../../src/data/index.ts';
import { tempDir } from './providers.ts';

const r = (row: number, value: string | null, reason: string): Rejection => ({ file: 'data/问卷.csv', row, id: `A${row}`, column: '员工总数', value, code: reason.split(' ')[0], reason, text: { zh: `中文：${reason}`, en: `words: ${reason}` } });

test('writeRejections: BOM, header, CRLF, RFC 4180 quoting; atomic (no temp file left, old file replaced)', async () => {
  const t = tempDir();
  try {
    const path = join(t.dir, 'rejected.csv');
    writeFileSync(path, 'old');
    await writeRejections(path, [r(3, 'a,b', 'non-numeric'), r(4, 'say "hi"\nthere', 'non-numeric'), r(5, null, 'missing-required')], 'zh');
    assert.equal(
      readFileSync(path, 'utf8'),
      '\ufefffile,row,respondent_id,column,value,code,reason\r\n' +
        'data/问卷.csv,3,A3,员工总数,"a,b",non-numeric,中文：non-numeric\r\n' +
        'data/问卷.csv,4,A4,员工总数,"say ""hi""\nthere",non-numeric,中文：non-numeric\r\n' +
        'data/问卷.csv,5,A5,员工总数,,missing-required,中文：missing-required\r\n',
    );
    assert.deepEqual(readdirSync(t.dir), ['rejected.csv']);
    await writeRejections(path, [r(3, 'x', 'non-numeric')], 'en');
    assert.match(readFileSync(path, 'utf8'), /,non-numeric,words: non-numeric\r\n$/);
    await writeRejections(path, []);
    assert.equal(readFileSync(path, 'utf8'), '\ufefffile,row,respondent_id,column,value,code,reason\r\n');
  } finally {
    t.done();
  }
});

test('createRejectionWriter: batches append; abort leaves the old file untouched', async () => {
  const t = tempDir();
  try {
    const path = join(t.dir, 'rejected.csv');
    const w = await createRejectionWriter(path);
    await w.write([r(2, '1', 'x')]);
    await w.write([r(3, '2', 'y'), r(4, '3', 'z')]);
    assert.equal(w.count, 3);
    assert.deepEqual(readdirSync(t.dir).filter((f) => f === 'rejected.csv'), []); // not visible before close
    await w.close();
    assert.equal(readFileSync(path, 'utf8').split('\r\n').length, 5); // header + 3 + trailing ''
    const w2 = await createRejectionWriter(path);
    await w2.write([r(9, '9', 'q')]);
    await w2.abort();
    assert.equal(readFileSync(path, 'utf8').split('\r\n').length, 5);
    assert.deepEqual(readdirSync(t.dir), ['rejected.csv']);
  } finally {
    t.done();
  }
});

test('writeFileAtomic writes bytes and strings, and fails on a missing directory leaving nothing', async () => {
  const t = tempDir();
  try {
    await writeFileAtomic(join(t.dir, 'a.json'), '{"x":1}\n');
    await writeFileAtomic(join(t.dir, 'b.bin'), new Uint8Array([1, 2, 3]));
    assert.equal(readFileSync(join(t.dir, 'a.json'), 'utf8'), '{"x":1}\n');
    assert.deepEqual([...readFileSync(join(t.dir, 'b.bin'))], [1, 2, 3]);
    await assert.rejects(writeFileAtomic(join(t.dir, 'nope', 'c.txt'), 'x'), /ENOENT/);
    assert.deepEqual(readdirSync(t.dir).sort(), ['a.json', 'b.bin']);
  } finally {
    t.done();
  }
});

test('confinePath: inside resolves; .., absolute paths and symlinks that leave the base are refused', () => {
  const t = tempDir();
  try {
    const base = join(t.dir, 'study');
    mkdirSync(join(base, 'data'), { recursive: true });
    mkdirSync(join(t.dir, 'secret'));
    symlinkSync(join(t.dir, 'secret'), join(base, 'data', 'link'));
    const real = confinePath(base, '.', 'base');
    assert.equal(confinePath(base, 'data/p.csv', 'questionnaires.providers.file'), join(real, 'data', 'p.csv'));
    assert.equal(confinePath(base, './data/../data/new/q.csv', 'x'), join(real, 'data', 'new', 'q.csv'));
    assert.throws(() => confinePath(base, '../secret/p.csv', 'questionnaires.providers.file'), /^Error: questionnaires\.providers\.file: "\.\.\/secret\/p\.csv" is outside /);
    assert.throws(() => confinePath(base, '/etc/passwd', 'io.file'), /io\.file: "\/etc\/passwd" is outside/);
    assert.throws(() => confinePath(base, 'data/link/p.csv', 'questionnaires.providers.file'), /"data\/link\/p\.csv" is outside .* \(it resolves to .*secret\/p\.csv\)/);
    assert.throws(() => confinePath(base, '', 'x.file'), /x\.file: invalid path ""/);
  } finally {
    t.done();
  }
});
