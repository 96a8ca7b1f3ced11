// The explicit Ghosh inverse G = (I − B)⁻¹ of the allocation coefficients.
import { allocationCoefficients } from './allocationCoefficients.ts';
import { leontiefInverse } from './leontiefInverse.ts';
import type { IOTable } from './types.ts';

/**
 * G = (I − B)⁻¹ with B = diag(x)⁻¹Z (Ghosh 1958; Miller & Blair 2009, eq. 12.7): g_ij is the
 * output of j per unit of primary input into i. Row sums of G are the total forward linkages
 * (see linkages, which gets them without the inverse as G·1 = diag(x)⁻¹·L·x).
 * Failures: as allocationCoefficients; I − B singular → Error from lu.
 * Example: Miller–Blair table → G = [[1.254125, 0.660066], [0.132013, 1.122112]] (rounded).
 */
export function ghoshInverse(table: Pick<IOTable, 'n' | 'Z' | 'x' | 'codes' | 'source'>): Float64Array {
  return leontiefInverse(allocationCoefficients(table), table.n);
}
