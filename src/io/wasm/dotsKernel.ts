// Generator of the WebAssembly SIMD kernel for many dot products out_c −= x·y_c (internal).
import { elementOps, op, type Precision, type ValType, type WasmFunction } from './assemble.ts';

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
  const body = [
    op.block, op.get(count), op.i32(1), op.i32LtS, op.brIf(0),
    op.i32(0), op.set(c), op.get(y), op.set(yc),
    op.loop,
    op.v128Const0, op.set(acc), op.v128Const0, op.set(acc2),
    op.get(x), op.set(p), op.get(yc), op.tee(q), op.get(groups), op.i32(16), op.i32Mul, op.i32Add, op.set(end),
    op.get(q), op.get(groups), op.i32(-4), op.i32And, op.i32(16), op.i32Mul, op.i32Add, op.set(end4),
    // Four v128 per pass into two accumulators, then one at a time.
    op.block, op.get(q), op.get(end4), op.i32GeS, op.brIf(0),
    op.loop,
    ...madd(acc, 0), ...madd(acc2, 16), ...madd(acc, 32), ...madd(acc2, 48),
    op.get(p), op.i32(64), op.i32Add, op.set(p),
    op.get(q), op.i32(64), op.i32Add, op.tee(q), op.get(end4), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
    op.block, op.get(q), op.get(end), op.i32GeS, op.brIf(0),
    op.loop,
    ...madd(acc, 0),
    op.get(p), op.i32(16), op.i32Add, op.set(p),
    op.get(q), op.i32(16), op.i32Add, op.tee(q), op.get(end), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
    op.get(acc), op.get(acc2), e.add, op.set(acc),
    op.get(out), op.get(out), e.load(0), ...lanes, e.scalarSub, e.store(0),
    op.get(c), op.i32(1), op.i32Add, op.set(c),
    op.get(yc), op.get(yStride), op.i32Add, op.set(yc),
    op.get(out), op.get(outStride), op.i32Add, op.set(out),
    op.get(c), op.get(count), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
  ].flat();
  return { name, params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], locals, body };
}
