// Small dense linear algebra for calibration (k×k systems, k = number of calibration totals).

/**
 * Eigen-decomposition of a symmetric k×k matrix (row-major) by cyclic Jacobi rotations.
 * Returns eigenvalues and eigenvectors (columns of V, row-major). Accurate to ~1e-15 relative.
 */
export function symmetricEigen(A: Float64Array, k: number): { values: Float64Array; V: Float64Array } {
  const a = Float64Array.from(A);
  const V = new Float64Array(k * k);
  for (let i = 0; i < k; i++) V[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, tot = 0;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { const x = a[i * k + j] ** 2; tot += x; if (i !== j) off += x; }
    if (off <= 1e-30 * tot || off === 0) break;
    for (let p = 0; p < k - 1; p++) for (let q = p + 1; q < k; q++) {
      const apq = a[p * k + q];
      if (apq === 0) continue;
      const theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1), s = t * c;
      for (let r = 0; r < k; r++) {
        const arp = a[r * k + p], arq = a[r * k + q];
        a[r * k + p] = c * arp - s * arq;
        a[r * k + q] = s * arp + c * arq;
      }
      for (let r = 0; r < k; r++) {
        const apr = a[p * k + r], aqr = a[q * k + r];
        a[p * k + r] = c * apr - s * aqr;
        a[q * k + r] = s * apr + c * aqr;
      }
      for (let r = 0; r < k; r++) {
        const vrp = V[r * k + p], vrq = V[r * k + q];
        V[r * k + p] = c * vrp - s * vrq;
        V[r * k + q] = s * vrp + c * vrq;
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = a[i * k + i];
  return { values, V };
}

/**
 * Moore–Penrose inverse of a symmetric positive semi-definite k×k matrix (R: MASS::ginv):
 * eigenvalues ≤ tol·max eigenvalue are treated as zero. Default tol = 256·2^-52 as R's grake uses.
 */
export function ginv(A: Float64Array, k: number, tol = 256 * 2.220446049250313e-16): Float64Array {
  const { values, V } = symmetricEigen(A, k);
  let max = 0;
  for (const v of values) if (Math.abs(v) > max) max = Math.abs(v);
  const out = new Float64Array(k * k);
  for (let e = 0; e < k; e++) {
    if (!(Math.abs(values[e]) > tol * max)) continue;
    const inv = 1 / values[e];
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] += V[i * k + e] * inv * V[j * k + e];
  }
  return out;
}

/**
 * Numerical rank of the matrix whose columns are `cols`, as R's qr(x, tol)$rank with LINPACK's
 * limited pivoting: a column whose norm after removing earlier kept columns is below tol times
 * its own original norm is dependent. Modified Gram–Schmidt.
 */
export function columnRank(cols: readonly Float64Array[], tol = 1e-5): number {
  const kept: Float64Array[] = [];
  for (const c of cols) {
    const v = Float64Array.from(c);
    let norm0 = 0;
    for (let i = 0; i < v.length; i++) norm0 += v[i] * v[i];
    norm0 = Math.sqrt(norm0);
    if (norm0 === 0) continue;
    for (const u of kept) {
      let d = 0;
      for (let i = 0; i < v.length; i++) d += u[i] * v[i];
      for (let i = 0; i < v.length; i++) v[i] -= d * u[i];
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (norm < tol * norm0) continue;
    for (let i = 0; i < v.length; i++) v[i] /= norm;
    kept.push(v);
  }
  return kept.length;
}

/**
 * Least-squares residuals of each y on the columns of Z (n rows), as R's qr.resid(qr(Z), y):
 * Householder QR with LINPACK-style limited pivoting (a column whose remaining norm is below
 * tol × its original norm is dependent and skipped). Stable where normal equations are not.
 */
export function qrResiduals(Z: readonly Float64Array[], Y: readonly Float64Array[], tol = 1e-7): Float64Array[] {
  const n = Z[0]?.length ?? 0;
  const A = Z.map((c) => Float64Array.from(c));
  const reflectors: { v: Float64Array; start: number }[] = [];
  for (let j = 0; j < A.length; j++) {
    const r = reflectors.length;
    const a = A[j];
    let norm0 = 0;
    for (let i = 0; i < n; i++) norm0 += Z[j][i] * Z[j][i];
    let norm = 0;
    for (let i = r; i < n; i++) norm += a[i] * a[i];
    norm = Math.sqrt(norm);
    if (norm0 === 0 || norm < tol * Math.sqrt(norm0) || r >= n) continue;
    const alpha = a[r] > 0 ? -norm : norm;
    const v = new Float64Array(n);
    for (let i = r; i < n; i++) v[i] = a[i];
    v[r] -= alpha;
    let vv = 0;
    for (let i = r; i < n; i++) vv += v[i] * v[i];
    const s = Math.sqrt(vv);
    for (let i = r; i < n; i++) v[i] /= s;
    reflectors.push({ v, start: r });
    for (let m = j + 1; m < A.length; m++) reflect(A[m], v, r, n);
  }
  return Y.map((y) => {
    const z = Float64Array.from(y);
    for (const { v, start } of reflectors) reflect(z, v, start, n);
    for (let i = 0; i < reflectors.length; i++) z[i] = 0;
    for (let q = reflectors.length - 1; q >= 0; q--) reflect(z, reflectors[q].v, reflectors[q].start, n);
    return z;
  });
}

/** x ← (I − 2vvᵀ) x on rows start..n−1 (v unit length). */
function reflect(x: Float64Array, v: Float64Array, start: number, n: number): void {
  let d = 0;
  for (let i = start; i < n; i++) d += v[i] * x[i];
  d *= 2;
  for (let i = start; i < n; i++) x[i] -= d * v[i];
}
