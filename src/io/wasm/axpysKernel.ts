// Generator of the WebAssembly SIMD kernel for many row updates y_c −= s_c·x (internal).
import { op, type ValType, type WasmFunction } from './assemble.ts';

/**
 * `axpys(x, pairs, y, yStride, s, sStride, count)` (f64): for c = 0..count−1,
 * y_c[0 .. 2·pairs) −= s_c · x[0 .. 2·pairs), where y_c starts at byte y + c·yStride and s_c is the
 * f64 at byte s + c·sStride. Used for the panel's rank-1 updates and the block row of U.
 */
export function axpysKernel(): WasmFunction {
  const [x, pairs, y, yStride, s, sStride, count] = [0, 1, 2, 3, 4, 5, 6];
  const [c, yc, p, q, end, sv, xv] = [7, 8, 9, 10, 11, 12, 13];
  const locals: ValType[] = ['i32', 'i32', 'i32', 'i32', 'i32', 'v128', 'v128'];
  const body = [
    op.block, op.get(count), op.i32(1), op.i32LtS, op.brIf(0),
    op.get(pairs), op.i32(1), op.i32LtS, op.brIf(0),
    op.i32(0), op.set(c), op.get(y), op.set(yc),
    op.loop,
    op.get(s), op.load64Splat(0), op.set(sv),
    op.get(x), op.set(p), op.get(yc), op.tee(q), op.get(pairs), op.i32(16), op.i32Mul, op.i32Add, op.set(end),
    op.loop,
    op.get(p), op.v128Load(0), op.set(xv),
    op.get(q), op.get(q), op.v128Load(0), op.get(sv), op.get(xv), op.f64x2Mul, op.f64x2Sub, op.v128Store(0),
    op.get(p), op.i32(16), op.i32Add, op.set(p),
    op.get(q), op.i32(16), op.i32Add, op.tee(q), op.get(end), op.i32LtS, op.brIf(0),
    op.end,
    op.get(c), op.i32(1), op.i32Add, op.set(c),
    op.get(yc), op.get(yStride), op.i32Add, op.set(yc),
    op.get(s), op.get(sStride), op.i32Add, op.set(s),
    op.get(c), op.get(count), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
  ].flat();
  return { name: 'axpys', params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], locals, body };
}
