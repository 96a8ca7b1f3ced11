// Technical (direct input) coefficients A = Z·diag(x)⁻¹ (直接消耗系数).
import type { IOTable } from './types.ts';
import { LocalizedError, internalError } from '../locale/errorText.ts';
import { invalidGrossOutput } from './ioFaults.ts';

/**
 * a_ij = z_ij / x_j: input from sector i per unit of sector j's output (Miller & Blair 2009, eq. 2.4).
 * A sector with x_j = 0 and an all-zero column j is inactive: its column of A is zero (it then
 * has multipliers of exactly 1 and no effect on others). x_j = 0 with any non-zero input, or
 * x_j < 0, or a non-finite value → Error naming the table source and the sector code.
 * Example: Miller–Blair two-sector table Z = [[150, 500], [200, 100]], x = [1000, 2000]
 * → A = [[0.15, 0.25], [0.2, 0.05]].
 */
export function technicalCoefficients(table: Pick<IOTable, 'n' | 'Z' | 'x' | 'codes' | 'source'>): Float64Array {
  const { n, Z, x, codes, source } = table;
  if (Z.length !== n * n) throw internalError(`${source}: Z has ${Z.length} entries, expected ${n}×${n}`);
  if (x.length !== n) throw internalError(`${source}: x has length ${x.length}, expected ${n}`);
  const inv = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const xj = x[j];
    if (!Number.isFinite(xj) || xj < 0) throw invalidGrossOutput(source, codes[j], xj);
    if (xj === 0) {
      for (let i = 0; i < n; i++) {
        if (Z[i * n + j] !== 0) throw new LocalizedError({ zh: `${source}：部门 ${codes[j]}：总产出为 0，来自 ${codes[i]} 的投入却为 ${Z[i * n + j]}`, en: `${source}: sector ${codes[j]}: gross output is 0 but input from ${codes[i]} is ${Z[i * n + j]}` });
      }
    } else inv[j] = 1 / xj;
  }
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) A[ri + j] = Z[ri + j] * inv[j];
  }
  return A;
}
