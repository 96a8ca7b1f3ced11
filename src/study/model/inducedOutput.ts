// Induced output by the expenditure approach (METHOD §2, step 3):
//   indirect = Σ_c C_c · b_{s(c)},  b_s = Σ_i B_is  (column sum of B = (I − A)⁻¹ − I, 完全消耗系数)
// This is intermediate OUTPUT induced per yuan of final demand, not value added (the seed labels
// it "indirect GDP"; see METHOD §2, "What the label hides").
import { LocalizedError } from '../../locale/errorText.ts';

/**
 * inducedOutput(amount, coefficient, id?) → one category's term C_c · b_s(c), for the sum above;
 * no allocation (each Monte Carlo draw takes one per category). Example: inducedOutput(100, 1.5) → 150.
 * Fails on a negative or non-finite amount or coefficient, naming the category id.
 */
export function inducedOutput(amount: number, coefficient: number, id?: string): number {
  if (!(Number.isFinite(amount) && amount >= 0)) throw new LocalizedError({ zh: `${id ?? '类别'}：消费应为 ≥ 0 的有限金额，实为 ${amount}`, en: `${id ?? 'category'}: consumption must be a finite amount ≥ 0, got ${amount}` });
  if (!(Number.isFinite(coefficient) && coefficient >= 0)) throw new LocalizedError({ zh: `${id ?? '类别'}：系数应为有限数且 ≥ 0，实为 ${coefficient}`, en: `${id ?? 'category'}: coefficient must be finite and ≥ 0, got ${coefficient}` });
  return amount * coefficient;
}
