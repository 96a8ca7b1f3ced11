// splineFmm: the interpolating cubic spline of Forsythe, Malcolm and Moler, as R's spline().
import { LocalizedError } from '../locale/errorText.ts';

/**
 * Interpolating cubic spline through (x_i, y_i), x strictly increasing, with the end conditions of
 * Forsythe, Malcolm & Moler (1977, §4.4): the third derivative at each end matches that of the
 * cubic through the four end points. Evaluated on `n` equally spaced points from x_0 to x_last,
 * as R's `spline(x, y, n, method = "fmm")` (its C code spline_coef / spline_eval).
 * Fails on fewer than 2 points or x not strictly increasing.
 * Example: x = 0,1,2,3, y = 0,1,8,27 (y = x³) reproduces x³ exactly: at 1.5 → 3.375.
 */
export function splineFmm(x: readonly number[], y: readonly number[], n: number): { x: number[]; y: number[] } {
  const m = x.length;
  if (m < 2 || y.length !== m) throw new LocalizedError({ zh: `splineFmm：至少需要 2 个 (x, y) 点，实为 ${m} 个`, en: `splineFmm: needs at least 2 points of (x, y), got ${m}` });
  for (let i = 1; i < m; i++) if (!(x[i] > x[i - 1])) throw new LocalizedError({ zh: `splineFmm：x 必须严格递增（x[${i}] = ${x[i]}）`, en: `splineFmm: x must be strictly increasing (x[${i}] = ${x[i]})` });
  const { b, c, d } = coefficients(x, y);
  const xs: number[] = [], ys: number[] = [];
  for (let k = 0; k < n; k++) {
    // R: seq.int(x[1], x[nx], length.out = n)
    const u = n === 1 ? x[0] : k === n - 1 ? x[m - 1] : x[0] + k * ((x[m - 1] - x[0]) / (n - 1));
    let i = 0;
    while (i < m - 1 && x[i + 1] <= u) i++;
    const dx = u - x[i];
    xs.push(u);
    ys.push(y[i] + dx * (b[i] + dx * (c[i] + dx * d[i])));
  }
  return { x: xs, y: ys };
}

function coefficients(x: readonly number[], y: readonly number[]): { b: Float64Array; c: Float64Array; d: Float64Array } {
  const n = x.length;
  const b = new Float64Array(n), c = new Float64Array(n), d = new Float64Array(n);
  if (n < 3) {
    const t = (y[1] - y[0]) / (x[1] - x[0]);
    b[0] = b[1] = t;
    return { b, c, d };
  }
  const nm1 = n - 1;
  // Tridiagonal system: b diagonal, d off-diagonal, c right-hand side.
  d[0] = x[1] - x[0];
  c[1] = (y[1] - y[0]) / d[0];
  for (let i = 1; i < nm1; i++) {
    d[i] = x[i + 1] - x[i];
    b[i] = 2 * (d[i - 1] + d[i]);
    c[i + 1] = (y[i + 1] - y[i]) / d[i];
    c[i] = c[i + 1] - c[i];
  }
  // End conditions: third derivatives from divided differences.
  b[0] = -d[0];
  b[nm1] = -d[n - 2];
  c[0] = c[nm1] = 0;
  if (n > 3) {
    c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0]);
    c[nm1] = c[n - 2] / (x[nm1] - x[n - 3]) - c[n - 3] / (x[n - 2] - x[n - 4]);
    c[0] = (c[0] * d[0] * d[0]) / (x[3] - x[0]);
    c[nm1] = (-c[nm1] * d[n - 2] * d[n - 2]) / (x[nm1] - x[n - 4]);
  }
  for (let i = 1; i <= nm1; i++) {
    const t = d[i - 1] / b[i - 1];
    b[i] -= t * d[i - 1];
    c[i] -= t * c[i - 1];
  }
  c[nm1] /= b[nm1];
  for (let i = n - 2; i >= 0; i--) c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
  b[nm1] = (y[nm1] - y[n - 2]) / d[n - 2] + d[n - 2] * (c[n - 2] + 2 * c[nm1]);
  for (let i = 0; i < nm1; i++) {
    b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i]);
    d[i] = (c[i + 1] - c[i]) / d[i];
    c[i] = 3 * c[i];
  }
  c[nm1] = 3 * c[nm1];
  d[nm1] = d[n - 2];
  return { b, c, d };
}
