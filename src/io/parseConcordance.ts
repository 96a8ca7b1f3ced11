// Parse a sector concordance (from → to, with labels of the target sectors).
import type { Label } from './types.ts';
import { parseCsv, tableFault } from './parseCsv.ts';
import { LocalizedError } from '../locale/errorText.ts';

/** Each source sector code mapped to one target sector; target labels in first-seen order. */
export interface Concordance {
  map: ReadonlyMap<string, string>;
  targets: { code: string; label: Label }[];
}

/**
 * CSV with columns `from`, `to` and optional `to_name_zh`, `to_name_en` (one line per source sector;
 * targets keep the order of their first appearance).
 * Failures (Error naming source, row, value): missing from/to column, empty codes, a source
 * sector listed twice, conflicting names for one target.
 * Example: parseConcordance('from,to\n001,A\n002,A').targets → [{ code: 'A', … }].
 */
export function parseConcordance(text: string, source = 'concordance'): Concordance {
  const rows = parseCsv(text, source);
  if (rows.length === 0) throw tableFault.empty(source);
  const header = rows[0].map((h) => h.trim());
  const col = (name: string, required: boolean): number => {
    const j = header.indexOf(name);
    if (j < 0 && required) throw tableFault.missingColumn(source, name);
    return j;
  };
  const [fromCol, toCol, zhCol, enCol] = [col('from', true), col('to', true), col('to_name_zh', false), col('to_name_en', false)];
  const map = new Map<string, string>();
  const labels = new Map<string, Label>();
  rows.slice(1).forEach((r, k) => {
    const from = (r[fromCol] ?? '').trim();
    const to = (r[toCol] ?? '').trim();
    if (from === '' || to === '') throw new LocalizedError({ zh: `${source} 第 ${k + 2} 行：from 或 to 为空`, en: `${source}: row ${k + 2}: empty from or to` });
    if (map.has(from)) throw new LocalizedError({ zh: `${source} 第 ${k + 2} 行：部门 ${from} 列出了两次`, en: `${source}: row ${k + 2}: sector ${from} listed twice` });
    map.set(from, to);
    const label = { zh: zhCol < 0 ? '' : (r[zhCol] ?? '').trim(), en: enCol < 0 ? '' : (r[enCol] ?? '').trim() };
    const seen = labels.get(to);
    if (!seen) labels.set(to, label);
    else if ((label.zh && label.zh !== seen.zh) || (label.en && label.en !== seen.en)) {
      throw new LocalizedError({ zh: `${source} 第 ${k + 2} 行：目标部门 ${to} 的名称与前面不一致`, en: `${source}: row ${k + 2}: target ${to} named differently than before` });
    }
  });
  return { map, targets: [...labels].map(([code, label]) => ({ code, label })) };
}
