// The GBK / GB18030 decoder (src/data/gbDecoder.ts) against iconv-lite, which the readers used before: the same
// text for every byte, every two-byte sequence and every four-byte sequence, and on random text with faults split
// into random chunks the same text chunk by chunk up to and including the first U+FFFD (where the reader stops).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { gbDecoder } from '../../src/data/gbDecoder.ts';
import { gbTablesArray } from '../../src/data/gbTables.ts';
import { gbTablesBytes, gbTablesFromBytes } from '../../src/data/gbTableFormat.ts';

type Enc = 'gbk' | 'gb18030';
const upToFault = (s: string) => (s.includes('\ufffd') ? s.slice(0, s.indexOf('\ufffd') + 1) : s);
const ours = (bytes: number[] | Uint8Array, enc: Enc) => {
  const d = gbDecoder(enc);
  return d.write(Uint8Array.from(bytes)) + d.end();
};
const theirs = (bytes: number[] | Uint8Array, enc: Enc) => iconv.decode(Buffer.from(bytes), enc);

for (const enc of ['gbk', 'gb18030'] as const) {
  test(`${enc}: every byte and every two-byte sequence decode as iconv-lite decodes them (to the first U+FFFD)`, () => {
    let faults = 0;
    for (let a = 0; a < 256; a++) {
      assert.equal(upToFault(ours([a], enc)), upToFault(theirs([a], enc)), `byte ${a.toString(16)}`);
      for (let b = 0; b < 256; b++) {
        const want = upToFault(theirs([a, b], enc));
        if (want.includes('\ufffd')) faults++;
        assert.equal(upToFault(ours([a, b], enc)), want, `bytes ${a.toString(16)} ${b.toString(16)}`);
      }
    }
    assert.ok(faults > 1000, 'the pairs include sequences that are not characters');
  });
}

test('gb18030: every four-byte sequence decodes as iconv-lite decodes it (BMP ranges, supplementary planes, beyond)', () => {
  for (let a = 0x81; a <= 0xfe; a++) {
    const bytes = new Uint8Array(12600 * 4);
    let k = 0;
    for (let b = 0x30; b <= 0x39; b++) for (let c = 0x81; c <= 0xfe; c++) for (let d = 0x30; d <= 0x39; d++) bytes.set([a, b, c, d], 4 * k++);
    assert.equal(ours(bytes, 'gb18030'), theirs(bytes, 'gb18030'), `lead ${a.toString(16)}`);
  }
  assert.equal(ours([0x81, 0x30, 0x81, 0x30], 'gb18030'), '\u0080');
  assert.equal(ours([0x95, 0x32, 0x82, 0x36], 'gb18030'), '\u{20000}');
  // in GBK a four-byte sequence is not a character, but the one the tables list singly
  for (let b = 0x30; b <= 0x39; b++) for (let c = 0x81; c <= 0xfe; c++) for (let d = 0x30; d <= 0x39; d++) {
    assert.equal(upToFault(ours([0x41, 0x81, b, c, d], 'gbk')), upToFault(theirs([0x41, 0x81, b, c, d], 'gbk')), `gbk 81 ${b.toString(16)} ${c.toString(16)} ${d.toString(16)}`);
  }
  assert.equal(ours([0x41, 0x81, 0x30, 0x81, 0x30], 'gbk'), 'A\ufffd');
  assert.equal(ours([0x81, 0x35, 0xf4, 0x37], 'gbk'), '\ue7c7');
});

test('random GBK/GB18030 text with faults, in random chunks: the same text chunk by chunk as iconv-lite, to the first U+FFFD', () => {
  let seed = 2019;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const sample = '问卷编号,所在地区,员工人数\nP001,东北,12\n"引号,里的"逗号",3\n𠀀 €\u3000１２\r\n';
  for (let round = 0; round < 400; round++) {
    const enc: Enc = round % 2 ? 'gb18030' : 'gbk';
    const parts: number[] = [];
    while (parts.length < 300) {
      const r = rand();
      if (r < 0.97) parts.push(...iconv.encode(sample.slice(Math.floor(rand() * sample.length), Math.floor(rand() * sample.length) + 8), 'gb18030'));
      else parts.push(Math.floor(rand() * 256)); // a stray byte: often not a character
    }
    const bytes = Uint8Array.from(parts);
    const a = gbDecoder(enc), b = iconv.getDecoder(enc);
    let ourText = '', theirText = '', done = false;
    for (let at = 0; at < bytes.length && !done; ) {
      const next = Math.min(bytes.length, at + 1 + Math.floor(rand() * 40));
      const x = a.write(bytes.subarray(at, next)), y = b.write(Buffer.from(bytes.subarray(at, next)));
      if (y.includes('\ufffd')) {
        assert.equal(upToFault(x), upToFault(y), `round ${round}, chunk at ${at}`);
        done = true;
      } else assert.equal(x, y, `round ${round}, chunk at ${at}`);
      ourText += x;
      theirText += y;
      at = next;
    }
    if (!done) assert.equal(upToFault(a.end()), upToFault(b.end() ?? ''), `round ${round}: the end`);
    assert.ok(upToFault(ourText).length > 0 || theirText.length === 0);
  }
});

test('the tables survive their file form (dist/gbTables.bin) unchanged', () => {
  const a = gbTablesArray();
  assert.deepEqual(gbTablesFromBytes(gbTablesBytes(a)), a);
});
