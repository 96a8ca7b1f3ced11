// Blocked right-looking LU on a padded row-major matrix in WebAssembly memory (internal).
// Pivot search, scaling and row swaps are done here in JS; row updates go to `axpys` and the
// trailing update, 2n³/3 − O(n²) of the flops, to `runUpdate` (SIMD kernels, one or more threads).
import { singularMatrix } from '../ioFaults.ts';

/** A matrix of `np` rows/columns (n rounded up to the kernel tile), row stride `np`, at element `base` of `a`. */
export interface Padded {
  a: Float64Array | Float32Array;
  base: number;
  n: number;
  np: number;
}

/** y_c[0..len) −= a[s + c·sStride] · a[x .. x+len) for y_c = a[y + c·yStride ..], c < count (element indices; len a multiple of the kernel's lanes). */
export type Axpys = (x: number, len: number, y: number, yStride: number, s: number, sStride: number, count: number) => void;

/** The plain-JS Axpys over `a` (used when no kernel is given). */
function jsAxpys(a: Float64Array | Float32Array): Axpys {
  return (x, len, y, yStride, s, sStride, count) => {
    for (let c = 0; c < count; c++) {
      const sc = a[s + c * sStride];
      const yc = y + c * yStride;
      if (sc !== 0) for (let i = 0; i < len; i++) a[yc + i] -= sc * a[x + i];
    }
  };
}

/**
 * Runs the work of panel k0..k1 on the columns to its right, k1..np−1, each column independently:
 * apply the panel's row swaps (`swaps`, relative to row k0), solve the block row of U
 * (U12 = L11⁻¹·A12, rows k0..k1−1) and update A22 −= L21·U12 (rows k1..np−1). It must first
 * finish the next panel's columns k1..k2−1, then call `factorNext()` (which reads and writes only
 * those columns and the panel buffer), and finish the other columns before returning — possibly
 * while `factorNext` runs (look-ahead). Every element sees the same operations in the same order
 * however the columns are split, so results do not depend on the number of threads.
 */
export type RunUpdate = (k0: number, k1: number, k2: number, swaps: Int32Array, factorNext: () => void) => void;

/**
 * Factor P·M = L·U in place with partial pivoting, panel width `kb` (a multiple of the tile
 * sizes), right-looking with a look-ahead of one panel. Padding rows/columns (identity) never
 * become pivots for a non-singular M. Each panel is copied into a column-major buffer (at element
 * `panelOff` of `a`, room for np·kb values) so that pivot search, scaling and rank-1 updates run
 * over contiguous memory; its row swaps reach the columns to the right in `runUpdate` and those to
 * the left (L) here, after the update. `axpys` does the panel's rank-1 updates, on lengths that are
 * multiples of `lanes` (the rest of a panel column is updated here).
 * Failure: a pivot ≤ tiny → Error "singular matrix: pivot p at column k" (k 1-based).
 */
export function blockedLu(m: Padded, kb: number, tiny: number, perm: Int32Array, runUpdate: RunUpdate, panelOff: number, axpys: Axpys = jsAxpys(m.a), lanes = 2): void {
  const { np } = m;
  let swaps = new Int32Array(kb);
  let next = new Int32Array(kb);
  factorPanel(m, 0, Math.min(kb, np), tiny, perm, swaps, panelOff, axpys, lanes);
  for (let k0 = 0; k0 + kb < np; k0 += kb) {
    const k1 = k0 + kb;
    const k2 = Math.min(k1 + kb, np);
    runUpdate(k0, k1, k2, swaps, () => { factorPanel(m, k1, k2, tiny, perm, next, panelOff, axpys, lanes); });
    applySwaps(m, k1, k2 - k1, 0, k1, next);
    [swaps, next] = [next, swaps];
  }
}

/** Factor columns k0..k1−1 (rows k0..np−1) in the column-major panel buffer; record row swaps. */
function factorPanel(m: Padded, k0: number, k1: number, tiny: number, perm: Int32Array, swaps: Int32Array, P: number, axpys: Axpys, lanes: number): number {
  const { a, base, n, np } = m;
  const w = k1 - k0;
  const rows = np - k0;
  for (let i = 0; i < rows; i++) {
    const src = base + (k0 + i) * np + k0;
    for (let j = 0; j < w; j++) a[P + j * rows + i] = a[src + j];
  }
  for (let k = 0; k < w; k++) {
    const col = P + k * rows;
    let p = k;
    let best = Math.abs(a[col + k]);
    for (let i = k + 1; i < rows; i++) {
      const v = Math.abs(a[col + i]);
      if (v > best) { best = v; p = i; }
    }
    if (k0 + k < n && !(best > tiny)) throw singularMatrix(best, k0 + k + 1);
    swaps[k] = p;
    if (p !== k) {
      for (let j = 0; j < w; j++) { const o = P + j * rows; const t = a[o + p]; a[o + p] = a[o + k]; a[o + k] = t; }
      const t = perm[k0 + p]; perm[k0 + p] = perm[k0 + k]; perm[k0 + k] = t;
    }
    const inv = 1 / a[col + k];
    for (let i = k + 1; i < rows; i++) a[col + i] *= inv;
    const len = rows - k - 1;
    const main = len - (len % lanes);
    if (main > 0 && k + 1 < w) axpys(col + k + 1, main, col + rows + k + 1, rows, col + rows + k, rows, w - k - 1);
    for (let i = k + 1 + main; i < rows; i++) {
      for (let j = k + 1; j < w; j++) {
        const o = P + j * rows;
        a[o + i] -= a[col + i] * a[o + k];
      }
    }
  }
  for (let i = 0; i < rows; i++) {
    const dst = base + (k0 + i) * np + k0;
    for (let j = 0; j < w; j++) a[dst + j] = a[P + j * rows + i];
  }
  return w;
}

/** Apply `count` row swaps (row k0 + k ↔ row k0 + swaps[k], in order) to columns c0..c1−1. */
export function applySwaps(m: Padded, k0: number, count: number, c0: number, c1: number, swaps: ArrayLike<number>): void {
  const { a, base, np } = m;
  for (let k = 0; k < count; k++) {
    const p = swaps[k];
    if (p === k) continue;
    const rp = base + (k0 + p) * np;
    const rk = base + (k0 + k) * np;
    for (let j = c0; j < c1; j++) { const t = a[rp + j]; a[rp + j] = a[rk + j]; a[rk + j] = t; }
  }
}

/**
 * Pack L21 (rows k1..np−1 of the panel k0..k1−1, a multiple of R rows) into k-major row tiles at
 * element `out`, reading the column-major panel buffer at `panelOff` (rows k0..np−1), where each
 * tile row is contiguous — the same values as in the matrix after factorPanel.
 */
export function packL(m: Padded, k0: number, k1: number, panelOff: number, R: number, out: number): void {
  const { a, np } = m;
  const kb = k1 - k0;
  const rows = np - k0;
  let o = out;
  for (let t = kb; t < rows; t += R) {
    for (let k = 0; k < kb; k++) {
      const src = panelOff + k * rows + t;
      for (let r = 0; r < R; r++) a[o++] = a[src + r];
    }
  }
}

/** Pack U12 columns [c0, c1) (a multiple of W) into k-major column strips at element `out`. */
export function packU(m: Padded, k0: number, k1: number, c0: number, c1: number, W: number, dst: Float64Array | Float32Array, out: number): void {
  const { a, base, np } = m;
  let o = out;
  for (let s = c0; s < c1; s += W) {
    for (let k = k0; k < k1; k++) {
      const src = base + k * np + s;
      for (let w = 0; w < W; w++) dst[o++] = a[src + w];
    }
  }
}
