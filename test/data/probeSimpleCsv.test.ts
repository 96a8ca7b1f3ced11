// probeSimpleCsv reads a file in 4 MB chunks: a character, a pattern or a fault cut by a chunk's end is found as
// if the file were read at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeSimpleCsv } from '../../src/data/probeSimpleCsv.ts';

const CHUNK = 1 << 22;

/** A file 'id,note\n' + rows of ASCII filler, with `insert` placed so that it starts `at` bytes before the first chunk's end. */
function around(insert: Buffer, at: number): Buffer {
  const head = Buffer.from('id,note\n');
  const row = Buffer.from('r,abcdefghij\n');
  const rows: Buffer[] = [head];
  let size = head.length;
  while (size + row.length <= CHUNK - at - 2) {
    rows.push(row);
    size += row.length;
  }
  const pad = CHUNK - at - size; // ≥ 2: 'r,' + filler up to the insert
  rows.push(Buffer.from(`r,${'x'.repeat(pad - 2)}`), insert, Buffer.from('y\n'), row, row);
  return Buffer.concat(rows);
}

test('probeSimpleCsv: characters and patterns across the 4 MB chunk boundary', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-probe-'));
  try {
    const probe = async (b: Buffer) => {
      const file = join(dir, 'p.csv');
      writeFileSync(file, b);
      const r = await probeSimpleCsv(file);
      return r.kind === 'direct' ? `direct${r.underscore ? '_' : ''}` : r.kind;
    };
    for (const at of [1, 2, 3]) {
      // a 3- and a 4-byte UTF-8 character cut by the boundary: still valid UTF-8
      assert.equal(await probe(around(Buffer.from('中'), at)), 'direct', `中 at ${at}`);
      assert.equal(await probe(around(Buffer.from('𝑥'), at)), 'direct', `𝑥 at ${at}`);
      // a full-width digit (EF BC 91) and an ideographic space (E3 80 80): a staging copy maps them
      assert.equal(await probe(around(Buffer.from('１'), at)), 'plain', `１ at ${at}`);
      assert.equal(await probe(around(Buffer.from('\u3000'), at)), 'plain', `U+3000 at ${at}`);
      // a broken sequence: the lead byte before the boundary, no continuation after it
      assert.equal(await probe(around(Buffer.from([0xe4, 0xb8, 0x41]), at)), 'numbered', `broken at ${at}`);
    }
    // a continuation byte right after the boundary with no lead byte
    assert.equal(await probe(around(Buffer.from([0x41, 0x80]), 1)), 'numbered');
    // a blank line and a line starting with a comma, cut between their two bytes
    assert.equal(await probe(around(Buffer.from('\n\n'), 1)), 'numbered');
    assert.equal(await probe(around(Buffer.from('\n,'), 1)), 'numbered');
    // a quote just after the boundary; an underscore after the header (not in it)
    assert.equal(await probe(around(Buffer.from('"'), 0 + 1)), 'numbered');
    assert.equal(await probe(around(Buffer.from('a_b'), 2)), 'direct_');
    assert.equal(await probe(Buffer.from('id,spend_total\nA,1\n')), 'direct');
    assert.equal(await probe(Buffer.from('id,x\nA_1,1\n')), 'direct_');
    // a UTF-8 BOM, then a character cut by the end of the file
    assert.equal(await probe(Buffer.from('\ufeffid,x\nA,1\n')), 'direct');
    assert.equal(await probe(Buffer.concat([Buffer.from('id,x\nA,'), Buffer.from([0xe4, 0xb8])])), 'numbered');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
