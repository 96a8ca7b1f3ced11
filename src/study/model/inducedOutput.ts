// Induced output by the expenditure approach (METHOD §2, step 3):
//   indirect = Σ_c C_c · b_{s(c)},  b_s = Σ_i B_is  (column sum of B = (I − A)⁻¹ − I, 完全消耗系数)
// This is intermediate OUTPUT induced per yuan of final demand, not value added (the seed labels
// it "indirect GDP"; see METHOD §2, "What the label hides").
import { LocalizedError } from '../../locale/errorText.ts';

/**
 * inducedOutput([{amount: 100, coefficient: 1.5}, {amount: 10, coefficient: 0.8}]) → 158.
 * Fails on a negative or non-finite amount or coefficient.
 */
export function inducedOutput(items: { amount: number; coefficient: number; id?: string }[]): number {
  let s = 0;
  for (const it of items) {
    if (!(Number.isFinite(it.amount) && it.amount >= 0)) throw new LocalizedError({ zh: `${it.id ?? '类别'}：消费应为 ≥ 0 的有限金额，实为 ${it.amount}`, en: `${it.id ?? 'category'}: consumption must be a finite amount ≥ 0, got ${it.amount}` });
    if (!(Number.isFinite(it.coefficient) && it.coefficient >= 0)) throw new LocalizedError({ zh: `${it.id ?? '类别'}：系数应为有限数且 ≥ 0，实为 ${it.coefficient}`, en: `${it.id ?? 'category'}: coefficient must be finite and ≥ 0, got ${it.coefficient}` });
    s += it.amount * it.coefficient;
  }
  return s;
}
