// Parse the sector → GB/T 4754-2017 division concordance (data/china-io-2017/sector-divisions.csv).
import { parseCsv } from './parseCsv.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** Divisions (2-digit GB/T 4754-2017 codes, primary first) by 3-digit IO sequence number. */
export type SectorDivisions = ReadonlyMap<string, readonly string[]>;

/**
 * Parse CSV with columns `sequence` (3 digits) and `divisions` (2-digit codes separated by ';',
 * the primary division first; other columns are ignored). The primary division followed by the
 * sequence is the 5-digit code used in NBS publications and the 2020 WeChat report (64123).
 * Failures (Error naming source, row, column, value): a missing column, a sequence that is not
 * 3 digits or repeats, a division that is not 2 digits.
 * Example: parseSectorDivisions('sequence,divisions\n123,64\n126,66;69').get('126') → ['66', '69'].
 */
export function parseSectorDivisions(text: string, source = 'sector divisions'): SectorDivisions {
  const rows = parseCsv(text, source);
  if (rows.length === 0) throw new LocalizedError({ zh: `${source}：文件为空`, en: `${source}: empty` });
  const header = rows[0].map((h) => h.trim());
  const seqCol = header.indexOf('sequence');
  const divCol = header.indexOf('divisions');
  if (seqCol < 0) throw new LocalizedError({ zh: `${source}：缺少 sequence 列`, en: `${source}: missing column sequence` });
  if (divCol < 0) throw new LocalizedError({ zh: `${source}：缺少 divisions 列`, en: `${source}: missing column divisions` });
  const out = new Map<string, string[]>();
  rows.slice(1).forEach((r, k) => {
    const line = k + 2;
    const seq = (r[seqCol] ?? '').trim();
    if (!/^\d{3}$/.test(seq)) throw new LocalizedError({ zh: `${source}：第 ${line} 行，sequence 列：${JSON.stringify(seq)} 不是 3 位代码`, en: `${source}: row ${line}, column sequence: not a 3-digit code: ${JSON.stringify(seq)}` });
    if (out.has(seq)) throw new LocalizedError({ zh: `${source}：第 ${line} 行，sequence 列：${seq} 重复`, en: `${source}: row ${line}, column sequence: repeated ${seq}` });
    const divs = (r[divCol] ?? '').split(';').map((d) => d.trim());
    for (const d of divs) {
      if (!/^\d{2}$/.test(d)) throw new LocalizedError({ zh: `${source}：第 ${line} 行，divisions 列：${JSON.stringify(d)} 不是 2 位行业大类代码`, en: `${source}: row ${line}, column divisions: not a 2-digit division: ${JSON.stringify(d)}` });
    }
    out.set(seq, divs);
  });
  return out;
}
