// Aggregate a table's sectors through a concordance: sums of flows, output, accounts.
import type { Concordance } from './parseConcordance.ts';
import type { IOTable } from './types.ts';
import { LocalizedError } from '../locale/errorText.ts';

/**
 * With S the k×n 0/1 concordance matrix (S_ai = 1 when sector i maps to a), returns the table with
 * Z* = S Z Sᵀ, x* = S x, final demand and imports S f, value added v Sᵀ (Miller & Blair 2009, §4.3).
 * Sums preserve balance. Failures: a table sector missing from the concordance, or a concordance
 * source not in the table → Error naming the code.
 * Example: aggregating both Miller–Blair sectors into one → Z* = [950], x* = [3000].
 */
export function aggregateTable(table: IOTable, concordance: Concordance, source = 'concordance'): IOTable {
  const { n, codes } = table;
  const target = new Map(concordance.targets.map((t, a) => [t.code, a]));
  const k = target.size;
  for (const from of concordance.map.keys()) {
    if (!codes.includes(from)) throw new LocalizedError({ zh: `${source}：部门 ${from} 不在 ${table.source} 中`, en: `${source}: sector ${from} is not in ${table.source}` });
  }
  const to = Int32Array.from(codes, (c) => {
    const t = concordance.map.get(c);
    if (t === undefined) throw new LocalizedError({ zh: `${source}：${table.source} 的部门 ${c} 没有对应的归并部门`, en: `${source}: sector ${c} of ${table.source} is not mapped` });
    return target.get(t)!;
  });
  const Z = new Float64Array(k * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Z[to[i] * k + to[j]] += table.Z[i * n + j];
  const sum = (v: Float64Array): Float64Array => {
    const out = new Float64Array(k);
    for (let i = 0; i < n; i++) out[to[i]] += v[i];
    return out;
  };
  return {
    n: k,
    codes: concordance.targets.map((t) => t.code),
    names: concordance.targets.map((t) => t.label),
    Z,
    x: sum(table.x),
    valueAdded: table.valueAdded.map((a) => ({ ...a, values: sum(a.values) })),
    finalDemand: table.finalDemand.map((a) => ({ ...a, values: sum(a.values) })),
    imports: table.imports ? sum(table.imports) : null,
    unit: table.unit,
    source: `${table.source} aggregated by ${source}`,
  };
}
