// Allocation (output) coefficients of the Ghosh model: B = diag(x)⁻¹·Z (直接分配系数).
import type { IOTable } from './types.ts';
import { LocalizedError, internalError } from '../locale/errorText.ts';
import { invalidGrossOutput } from './ioFaults.ts';

/**
 * b_ij = z_ij / x_i: share of sector i's output sold to sector j (Ghosh 1958; Miller & Blair 2009,
 * §12.1). A sector with x_i = 0 and no sales has a zero row; x_i = 0 with sales, or x_i < 0 → Error
 * naming the table source and sector.
 * Example: Miller–Blair Z = [[150, 500], [200, 100]], x = [1000, 2000] → [0.15, 0.5, 0.1, 0.05].
 */
export function allocationCoefficients(table: Pick<IOTable, 'n' | 'Z' | 'x' | 'codes' | 'source'>): Float64Array {
  const { n, Z, x, codes, source } = table;
  if (Z.length !== n * n || x.length !== n) throw internalError(`${source}: Z or x does not have dimension ${n}`);
  const B = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (!Number.isFinite(xi) || xi < 0) throw invalidGrossOutput(source, codes[i], xi);
    for (let j = 0; j < n; j++) {
      const z = Z[i * n + j];
      if (xi === 0) {
        if (z !== 0) throw new LocalizedError({ zh: `${source}：部门 ${codes[i]}：总产出为 0，对 ${codes[j]} 的销售却为 ${z}`, en: `${source}: sector ${codes[i]}: gross output is 0 but sales to ${codes[j]} are ${z}` });
      } else B[i * n + j] = z / xi;
    }
  }
  return B;
}
