import { createRejectionWriter } from './createRejectionWriter.ts';
import type { Rejection } from './types.ts';
import type { Lang } from '../locale/index.ts';

/**
 * writeRejections — write rejected.csv: header file,row,respondent_id,column,value,code,reason (in `lang`), one line per
 * rejection in the given order; UTF-8 with BOM (Excel shows Chinese), CRLF, RFC 4180 quoting; atomic
 * (temp file + rename). An empty list writes the header only.
 * Example: writeRejections('out/rejected.csv', [{file:'p.csv', row:3, id:'2', column:'employees', value:'abc',
 *   code:'non-numeric', text: {zh: '非数值', en: 'not a number'}, …}]) → "\ufefffile,row,…\r\np.csv,3,2,employees,abc,non-numeric,not a number\r\n"
 */
export async function writeRejections(path: string, rejections: Rejection[], lang: Lang = 'en'): Promise<void> {
  const w = await createRejectionWriter(path, lang);
  try {
    await w.write(rejections);
    await w.close();
  } catch (e) {
    await w.abort();
    throw e;
  }
}
