// Generator of the WebAssembly SIMD kernel for many row updates y_c −= s_c·x (internal).
import { elementOps, op, type Precision, type ValType, type WasmFunction } from './assemble.ts';
import { alongRow, forEachRow } from './rowLoops.ts';

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
  const body = forEachRow(
    { c, count, skipIf: [op.get(groups), op.i32(1), op.i32LtS, op.brIf(0)] },
    [op.get(y), op.set(yc)],
    [
      op.get(s), e.splat(0), op.set(sv),
      op.get(x), op.set(p), op.get(yc), op.set(q),
      ...alongRow({ p, q, groups, end, end4 }, (off) => update(off)),
    ],
    [[yc, yStride], [s, sStride]],
  ).flat();
  return { name, params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], locals, body };
}
