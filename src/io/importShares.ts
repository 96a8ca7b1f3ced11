// Import shares of domestic use, m_i = imports_i / (intermediate use_i + final use_i − exports_i).
import type { IOTable } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';

/**
 * In a competitive-import table each product row mixes domestic and imported supply. Assuming
 * every user of product i buys the same import share (Miller & Blair 2009, §2.8 / NBS practice),
 *   m_i = IM_i / (Σ_j z_ij + Σ_k f_ik − EX_i),
 * where f includes all final-demand columns (exports among them). A sector with no imports has
 * m_i = 0 even if its domestic use is 0.
 * Failures (Error naming source and sector): table without an imports column; imports > 0 with
 * domestic use ≤ 0; m_i outside [0, 1].
 * Example: domestic use 100 (intermediate 60, final 70 including exports 30) and imports 25 → m = 0.25.
 */
export function importShares(table: IOTable): Float64Array {
  const { n, Z, codes, source, imports } = table;
  if (!imports) throw new LocalizedError({ zh: `${source}：没有进口列：国内模型需要竞争型进口`, en: `${source}: no imports column: the domestic model needs competitive imports` });
  const m = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let use = 0;
    for (let j = 0; j < n; j++) use += Z[i * n + j];
    for (const f of table.finalDemand) if (f.role !== 'exports') use += f.values[i];
    if (imports[i] === 0) continue;
    if (!(use > 0)) throw new LocalizedError({ zh: `${source}：部门 ${codes[i]}：进口为 ${imports[i]}，国内使用却为 ${use}`, en: `${source}: sector ${codes[i]}: imports ${imports[i]} but domestic use is ${use}` });
    m[i] = imports[i] / use;
    if (!(m[i] >= 0 && m[i] <= 1)) throw new LocalizedError({ zh: `${source}：部门 ${codes[i]}：进口比例 ${m[i]} 不在 [0, 1] 内`, en: `${source}: sector ${codes[i]}: import share ${m[i]} outside [0, 1]` });
  }
  return m;
}
