// Generator of the WebAssembly SIMD kernel for many row updates y_c −= s_c·x (internal).
import { elementOps, op, type Precision, type ValType, type WasmFunction } from './assemble.ts';

/**
 * `axpys(x, groups, y, yStride, s, sStride, count)`: for c = 0..count−1,
 * y_c[0 .. lanes·groups) −= s_c · x[0 .. lanes·groups), where y_c starts at byte y + c·yStride and
 * s_c is the element at byte s + c·sStride (lanes: 2 for f64, 4 for f32). Used for the panel's
 * rank-1 updates, the block row of U, transposed triangular solves and residuals rᵀ −= xᵀM.
 */
export function axpysKernel(precision: Precision = 'f64', name = 'axpys'): WasmFunction {
  const e = elementOps(precision);
  const [x, groups, y, yStride, s, sStride, count] = [0, 1, 2, 3, 4, 5, 6];
  const [c, yc, p, q, end, sv, end4] = [7, 8, 9, 10, 11, 12, 13];
  const locals: ValType[] = ['i32', 'i32', 'i32', 'i32', 'i32', 'v128', 'i32'];
  // y[u] −= s·x[u] for the v128 at byte offset `off` of p and q.
  const update = (off: number) => [op.get(q), op.get(q), op.v128Load(off), op.get(sv), op.get(p), op.v128Load(off), e.mul, e.sub, op.v128Store(off)];
  const body = [
    op.block, op.get(count), op.i32(1), op.i32LtS, op.brIf(0),
    op.get(groups), op.i32(1), op.i32LtS, op.brIf(0),
    op.i32(0), op.set(c), op.get(y), op.set(yc),
    op.loop,
    op.get(s), e.splat(0), op.set(sv),
    op.get(x), op.set(p), op.get(yc), op.tee(q), op.get(groups), op.i32(16), op.i32Mul, op.i32Add, op.set(end),
    op.get(q), op.get(groups), op.i32(-4), op.i32And, op.i32(16), op.i32Mul, op.i32Add, op.set(end4),
    // Four v128 per pass (fewer loop instructions per element), then one at a time.
    op.block, op.get(q), op.get(end4), op.i32GeS, op.brIf(0),
    op.loop,
    ...update(0), ...update(16), ...update(32), ...update(48),
    op.get(p), op.i32(64), op.i32Add, op.set(p),
    op.get(q), op.i32(64), op.i32Add, op.tee(q), op.get(end4), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
    op.block, op.get(q), op.get(end), op.i32GeS, op.brIf(0),
    op.loop,
    ...update(0),
    op.get(p), op.i32(16), op.i32Add, op.set(p),
    op.get(q), op.i32(16), op.i32Add, op.tee(q), op.get(end), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
    op.get(c), op.i32(1), op.i32Add, op.set(c),
    op.get(yc), op.get(yStride), op.i32Add, op.set(yc),
    op.get(s), op.get(sStride), op.i32Add, op.set(s),
    op.get(c), op.get(count), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
  ].flat();
  return { name, params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], locals, body };
}
