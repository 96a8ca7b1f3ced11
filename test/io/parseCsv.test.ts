// parseCsv takes plain text and quoted text a piece at a time: the same rows, cells and errors as splitting
// the text one character at a time (the reference below, the splitter as it was written first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/io/parseCsv.ts';

/** RFC 4180 split, one character at a time (the reference). */
function splitByCharacter(text: string, source: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let [row, cell, line, quoteLine, inQuotes]: [string[], string, number, number, boolean] = [[], '', 1, 0, false];
  for (let i = text.startsWith('\ufeff') ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') { cell += '"'; i++; } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      inQuotes = true;
      quoteLine = line;
    } else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      line++;
    } else cell += c;
  }
  if (inQuotes) throw new Error(`${source}: unterminated quote opened on line ${quoteLine}`);
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  while (rows.length > 0 && rows[rows.length - 1].every((v) => v.trim() === '')) rows.pop();
  return rows;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const outcome = (f: () => string[][]) => {
  try {
    return { rows: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

test('doc example, quotes, CRLF, BOM and the unterminated quote', () => {
  assert.deepEqual(parseCsv('a,"b,c"\n1,2', 'x.csv'), [['a', 'b,c'], ['1', '2']]);
  assert.deepEqual(parseCsv('\ufeffa,"x""y",z"w\r\n"",""""\n\n  \n', 'x.csv'), [['a', 'x"y', 'z"w'], ['', '"']]);
  assert.deepEqual(parseCsv('"ab"cd,"e\nf"\tg\n', 'x.csv', '\t'), [['abcd,"e'], ['f"', 'g']]);
  assert.throws(() => parseCsv('a\n"b\nc"\n1,"x\ny\n', 'x.csv'), { message: 'x.csv: unterminated quote opened on line 4' });
});

test('20,000 random texts: the same rows and errors as the character-at-a-time split', () => {
  const r = rng(20261207);
  const alphabet = ['a', 'b', '1', ' ', ',', '\t', '"', '"', '\n', '\r', '\r\n', '中', '\ufeff', '😀'];
  for (let t = 0; t < 20000; t++) {
    const length = Math.floor(r() * 40);
    let text = '';
    for (let k = 0; k < length; k++) text += alphabet[Math.floor(r() * alphabet.length)];
    const delimiter = r() < 0.8 ? ',' : '\t';
    const expected = outcome(() => splitByCharacter(text, 'f.csv', delimiter));
    assert.deepEqual(outcome(() => parseCsv(text, 'f.csv', delimiter)), expected, JSON.stringify({ text, delimiter }));
  }
});
