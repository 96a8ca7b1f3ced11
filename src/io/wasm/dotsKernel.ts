// Generator of the WebAssembly SIMD kernel for many dot products out_c −= x·y_c (internal).
import { elementOps, op, type Precision, type ValType, type WasmFunction } from './assemble.ts';
import { alongRow, forEachRow } from './rowLoops.ts';

/**
 * `dots(x, groups, y, yStride, out, outStride, count)`: for c = 0..count−1,
 * out_c −= Σ_i x[i]·y_c[i] over i < lanes·groups, where y_c starts at byte y + c·yStride and out_c
 * is the element at byte out + c·outStride (lanes: 2 for f64, 4 for f32). Two v128 accumulators
 * (alternate v128 of the row), added, then lanes summed pairwise. Used for row-oriented triangular
 * solves and residuals r −= M·x.
 */
export function dotsKernel(precision: Precision = 'f64', name = 'dots'): WasmFunction {
  const e = elementOps(precision);
  const [x, groups, y, yStride, out, outStride, count] = [0, 1, 2, 3, 4, 5, 6];
  const [c, yc, p, q, end, acc, acc2, end4] = [7, 8, 9, 10, 11, 12, 13, 14];
  const locals: ValType[] = ['i32', 'i32', 'i32', 'i32', 'i32', 'v128', 'v128', 'i32'];
  const lanes = e.lanes === 2
    ? [op.get(acc), e.extract(0), op.get(acc), e.extract(1), e.scalarAdd]
    : [op.get(acc), e.extract(0), op.get(acc), e.extract(1), e.scalarAdd, op.get(acc), e.extract(2), op.get(acc), e.extract(3), e.scalarAdd, e.scalarAdd];
  // a += x[u]·y[u] for the v128 at byte offset `off` of p and q.
  const madd = (a: number, off: number) => [op.get(a), op.get(p), op.v128Load(off), op.get(q), op.v128Load(off), e.mul, e.add, op.set(a)];
  const body = forEachRow(
    { c, count },
    [op.get(y), op.set(yc)],
    [
      op.v128Const0, op.set(acc), op.v128Const0, op.set(acc2),
      op.get(x), op.set(p), op.get(yc), op.set(q),
      // alternate v128 go to the two accumulators
      ...alongRow({ p, q, groups, end, end4 }, (off, k) => madd(k % 2 === 0 ? acc : acc2, off)),
      op.get(acc), op.get(acc2), e.add, op.set(acc),
      op.get(out), op.get(out), e.load(0), ...lanes, e.scalarSub, e.store(0),
    ],
    [[yc, yStride], [out, outStride]],
  ).flat();
  return { name, params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], locals, body };
}
