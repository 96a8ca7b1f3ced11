import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Rejection } from './types.ts';
import { csvField } from './spreadsheetCell.ts';
import type { Lang } from '../locale/index.ts';

/** Columns of rejected.csv: `code` for machines (non-numeric, duplicate-conflict, rule:…), `reason` in words of the run's language. */
export const REJECTION_HEADER = ['file', 'row', 'respondent_id', 'column', 'value', 'code', 'reason'];

/** One rejected.csv line (CRLF-terminated; text a spreadsheet would run as a formula gets a leading '). Example: rejectionLine({file:'p.csv', row:3, id:'2', column:'x', value:'a,b', code:'non-numeric', text: {zh: '非数值', en: 'not a number'}, …}, 'zh') === 'p.csv,3,2,x,"a,b",non-numeric,非数值\r\n' */
export function rejectionLine(r: Rejection, lang: Lang = 'en'): string {
  return [r.file, r.row, r.id, r.column, r.value, r.code, r.text[lang]].map(csvField).join(',') + '\r\n';
}

export interface RejectionWriter {
  /** append a batch (streams to a temp file; fine for millions of rows) */
  write(batch: Rejection[]): Promise<void>;
  /** number of rejections written so far */
  readonly count: number;
  /** finish and rename onto the target path */
  close(): Promise<void>;
  /** discard the temp file; the target is left untouched */
  abort(): Promise<void>;
}

/**
 * createRejectionWriter — streaming writer of rejected.csv (columns file,row,respondent_id,column,value,code,reason, the reason in `lang`;
 * UTF-8 with BOM so Excel shows Chinese; CRLF line ends). Written to a temp file beside `path` and renamed
 * on close(), so `path` is either the old file or the complete new one. Pass `write` as onRejections.
 * Example: const w = await createRejectionWriter('out/rejected.csv'); await w.write(list); await w.close();
 */
export async function createRejectionWriter(path: string, lang: Lang = 'en'): Promise<RejectionWriter> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const ws = createWriteStream(tmp);
  await once(ws, 'open');
  const closed = once(ws, 'close');
  let count = 0;
  let done = false;
  const put = async (s: string) => {
    if (!ws.write(s)) await once(ws, 'drain');
  };
  await put('\ufeff' + REJECTION_HEADER.join(',') + '\r\n');
  return {
    async write(batch) {
      let s = '';
      for (const r of batch) s += rejectionLine(r, lang);
      count += batch.length;
      await put(s);
    },
    get count() {
      return count;
    },
    async close() {
      if (done) return;
      done = true;
      ws.end();
      await closed;
      await rename(tmp, path);
    },
    async abort() {
      if (done) return;
      done = true;
      ws.end();
      await closed;
      await rm(tmp, { force: true });
    },
  };
}
