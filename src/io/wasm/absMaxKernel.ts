// Generator of the WebAssembly SIMD kernel for the largest absolute value of an array (internal).
import { elementOps, op, type Precision, type ValType, type WasmFunction } from './assemble.ts';

/**
 * `absMax(p, groups, out)`: the largest |x_i| over the lanes·groups elements from byte p, stored
 * as one element at byte out (NaN if any element is NaN: max propagates it).
 */
export function absMaxKernel(precision: Precision = 'f64'): WasmFunction {
  const e = elementOps(precision);
  const f32 = precision === 'f32';
  const abs = f32 ? [0xfd, 0xe0, 0x01] : [0xfd, 0xec, 0x01];
  const max = f32 ? [0xfd, 0xe9, 0x01] : [0xfd, 0xf5, 0x01];
  const scalarMax = f32 ? [0x97] : [0xa5];
  const [p, groups, out] = [0, 1, 2];
  const [end, acc] = [3, 4];
  const locals: ValType[] = ['i32', 'v128'];
  const lanes = Array.from({ length: e.lanes }, (_, l) => [op.get(acc), e.extract(l)]);
  const body = [
    op.v128Const0, op.set(acc),
    op.get(p), op.get(groups), op.i32(16), op.i32Mul, op.i32Add, op.set(end),
    op.block, op.get(groups), op.i32(1), op.i32LtS, op.brIf(0),
    op.loop,
    op.get(acc), op.get(p), op.v128Load(0), abs, max, op.set(acc),
    op.get(p), op.i32(16), op.i32Add, op.tee(p), op.get(end), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
    op.get(out), ...lanes[0], ...lanes.slice(1).flatMap((l) => [...l, scalarMax]), e.store(0),
  ].flat();
  return { name: 'absMax', params: ['i32', 'i32', 'i32'], locals, body };
}
