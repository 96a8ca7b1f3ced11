// Generator of the WebAssembly SIMD kernel for absolute row and column sums of a matrix (internal).
import { op, type ValType, type WasmFunction } from './assemble.ts';

/**
 * `absSums(m, groups, rows, stride, col, row)` (f64): for each of `rows` rows starting at byte m
 * (row stride `stride` bytes), over its first 2·groups elements: row[i] = Σ_j |m_ij| (stored as f64
 * at byte row + 8i) and col[j] += |m_ij| (f64 at byte col + 8j). Norms ‖M‖∞ and ‖M‖₁ in one pass.
 */
export function absSumsKernel(): WasmFunction {
  const [m, groups, rows, stride, col, row] = [0, 1, 2, 3, 4, 5];
  const [i, p, q, end, acc, v] = [6, 7, 8, 9, 10, 11];
  const locals: ValType[] = ['i32', 'i32', 'i32', 'i32', 'v128', 'v128'];
  const f64x2Abs = [0xfd, 0xec, 0x01];
  const body = [
    op.block, op.get(rows), op.i32(1), op.i32LtS, op.brIf(0),
    op.i32(0), op.set(i),
    op.loop,
    op.v128Const0, op.set(acc),
    op.get(m), op.set(p), op.get(col), op.tee(q), op.get(groups), op.i32(16), op.i32Mul, op.i32Add, op.set(end),
    op.block, op.get(groups), op.i32(1), op.i32LtS, op.brIf(0),
    op.loop,
    op.get(p), op.v128Load(0), f64x2Abs, op.set(v),
    op.get(acc), op.get(v), op.f64x2Add, op.set(acc),
    op.get(q), op.get(q), op.v128Load(0), op.get(v), op.f64x2Add, op.v128Store(0),
    op.get(p), op.i32(16), op.i32Add, op.set(p),
    op.get(q), op.i32(16), op.i32Add, op.tee(q), op.get(end), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
    op.get(row), op.get(acc), op.f64x2ExtractLane(0), op.get(acc), op.f64x2ExtractLane(1), op.f64Add, op.f64Store(0),
    op.get(row), op.i32(8), op.i32Add, op.set(row),
    op.get(m), op.get(stride), op.i32Add, op.set(m),
    op.get(i), op.i32(1), op.i32Add, op.tee(i), op.get(rows), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
  ].flat();
  return { name: 'absSums', params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'], locals, body };
}
