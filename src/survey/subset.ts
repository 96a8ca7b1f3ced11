// subset: a domain (subpopulation) of a design.
import type { Design } from './types.ts';
import { withWeightsMasked } from './core.ts';
import { internalError } from '../locale/errorText.ts';

/**
 * The design restricted to rows where `keep` is true, as R's `subset(design, cond)`: rows outside
 * get weight 0 but stay in the design, so PSUs and strata keep their sample counts and domain
 * variances are the correct domain variances (not those of a fixed-size sample). null/NaN in
 * `keep` count as false, as R's `r & !is.na(r)`. Fails when the length differs from the data.
 * Example: subset(apistrat, stype == 'E') then svymean('api00') → 674.43, se 12.38.
 */
export function subset<D extends Design>(design: D, keep: ArrayLike<boolean | number | null | undefined>): D {
  if (keep.length !== design.n) throw internalError(`subset: keep has ${keep.length} entries, design has ${design.n} rows`);
  if (keep instanceof Uint8Array) return withWeightsMasked(design, keep); // a 0/1 mask: no per-row call
  return withWeightsMasked(design, (i) => {
    const k = keep[i];
    return k === true || (typeof k === 'number' && k !== 0 && !Number.isNaN(k));
  });
}
