// Resolve a sector code (3-digit sequence or 5-digit division+sequence) to a 0-based index.
import type { SectorDivisions } from './parseSectorDivisions.ts';
import type { IOTable } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';

/**
 * Accepts the table's own code ('123'; a number is tried as written, then as 3 digits: 1 → '001') or the
 * 5-digit report code: 2-digit GB/T 4754-2017 division + 3-digit sequence ('64123'). A 5-digit
 * code's division must be one of the sector's divisions in `divisions` (parseSectorDivisions).
 * Failures (Error naming the code and table source): a code not in the table; a 5-digit code
 * without a divisions table; a division prefix that does not belong to the sector
 * ("code 63123: division 63 is not a division of sector 123 (互联网和相关服务): 64").
 * Example: resolveSector(nbs2017, '64123', divisions) → 122; resolveSector(nbs2017, 120) → 119.
 */
export function resolveSector(
  table: Pick<IOTable, 'codes' | 'names' | 'source'>,
  code: string | number,
  divisions?: SectorDivisions,
): number {
  const { codes, source } = table;
  const raw = typeof code === 'number' ? String(code) : code.trim();
  const direct = codes.indexOf(raw);
  if (direct >= 0) return direct;
  if (typeof code === 'number' && Number.isInteger(code) && code >= 0 && codes.includes(raw.padStart(3, '0'))) return codes.indexOf(raw.padStart(3, '0'));
  const m = /^(\d{2})(\d{3})$/.exec(raw);
  if (!m) throw new LocalizedError({ zh: `${source}：未知的部门代码 ${JSON.stringify(code)}`, en: `${source}: unknown sector code ${JSON.stringify(code)}` });
  const [, division, sequence] = m;
  const index = codes.indexOf(sequence);
  if (index < 0) throw new LocalizedError({ zh: `${source}：未知的部门代码 ${raw}：没有部门 ${sequence}`, en: `${source}: unknown sector code ${raw}: no sector ${sequence}` });
  if (!divisions) throw new LocalizedError({ zh: `${source}：部门代码 ${raw} 带有行业大类前缀；需要部门—行业对照表来核对`, en: `${source}: sector code ${raw} has a division prefix; pass the sector-divisions table to check it` });
  const allowed = divisions.get(sequence);
  if (!allowed) throw new LocalizedError({ zh: `${source}：部门代码 ${raw}：部门 ${sequence} 不在部门—行业对照表中`, en: `${source}: sector code ${raw}: sector ${sequence} is missing from the sector-divisions table` });
  if (!allowed.includes(division)) {
    const name = table.names[index]?.zh ?? '';
    throw new LocalizedError({
      zh: `${source}：部门代码 ${raw}：${division} 不是部门 ${sequence}（${name}）的行业大类，应为 ${allowed.join(', ')}`,
      en: `${source}: sector code ${raw}: division ${division} is not a division of sector ${sequence} (${name}): ${allowed.join(', ')}`,
    });
  }
  return index;
}
