// Joint Wald test of linear restrictions β_j = 0 (the event study's pre-trend test).
import { pbeta } from '../survey/distributions.ts';
import { cholesky, choleskySolve } from './cholesky.ts';
import { LocalizedError } from '../locale/errorText.ts';

export interface WaldTest {
  /** W = b′V⁻¹b over the tested coefficients. */
  statistic: number;
  /** F = W / q, referred to F(q, dfDenominator). */
  f: number;
  q: number;
  dfDenominator: number;
  pValue: number;
}

/**
 * Tests β_j = 0 for all j in `which` jointly: W = b′V⁻¹b with V the (cluster-robust) covariance
 * block; F = W/q against F(q, G−1) as Stata's `test` after a clustered regression. P(F > f) =
 * I_x(d₂/2, q/2), x = d₂/(d₂ + q f). Example: one coefficient 2 with variance 1, d₂ = ∞-like
 * (1e9) → F = 4, p ≈ 0.0455.
 */
export function waldTest(beta: ArrayLike<number>, vcov: Float64Array, k: number, which: readonly number[], dfDenominator: number): WaldTest {
  const q = which.length;
  if (q === 0) throw new LocalizedError({ zh: `waldTest：没有要检验的系数`, en: 'waldTest: no coefficients to test' });
  const V = new Float64Array(q * q);
  const b = new Float64Array(q);
  which.forEach((j, a) => {
    b[a] = beta[j];
    which.forEach((l, c) => { V[a * q + c] = vcov[j * k + l]; });
  });
  const L = cholesky(V, q, 'waldTest');
  const x = choleskySolve(L, q, b);
  let W = 0;
  for (let a = 0; a < q; a++) W += b[a] * x[a];
  const f = W / q;
  const d2 = dfDenominator;
  const pValue = pbeta(d2 / (d2 + q * f), d2 / 2, q / 2);
  return { statistic: W, f, q, dfDenominator: d2, pValue };
}
