// update: a design with analysis variables added (R: update(design, name = expr)).
import type { Columns, Design } from './types.ts';
import { internalError } from '../locale/errorText.ts';

/**
 * The design with `columns` added to its data (a column of the same name replaced), as R's
 * `update(design, z = I(x > 0.5))`: the same rows, weights, stages and strata — the design's
 * structure is kept, not rebuilt, so its cached layout and summaries serve the new variables too.
 * A new value; the design is untouched. Fails when a column's length differs from the design's rows.
 * Example: update(svydesign({data: {y, w}, ids: '1', weights: 'w'}), {z: y.map((v) => +(v > 2))}).
 */
export function update<D extends Design>(design: D, columns: Columns): D {
  for (const [name, c] of Object.entries(columns)) {
    if (c.length !== design.n) throw internalError(`update: column '${name}' has ${c.length} rows, the design has ${design.n}`);
  }
  return { ...design, data: { ...design.data, ...columns } };
}
