// Consumption the platform drove, by category (METHOD §2, step 1).

/**
 * Total platform-driven consumption of one category estimated from a consumer questionnaire:
 *   C_c = U · ȳ_c = U/n · Σ_i y_ic      (expansion estimator under SRS of n users from U)
 * where y_ic is respondent i's platform-driven annual spend in category c (yuan).
 * Fails when n = 0. Example: U = 1000, y = [10, 30] → C = 1000 · 20 = 20000.
 */
export function consumptionTotal(U: number, spend: Float64Array, category = 'category'): number {
  const n = spend.length;
  if (n === 0) throw new Error(`${category}: no valid consumer questionnaire to estimate from`);
  let s = 0;
  for (let i = 0; i < n; i++) s += spend[i];
  return (U / n) * s;
}
