// Generator of the WebAssembly SIMD micro-kernel for the LU trailing update C −= L·U (internal).
import { elementOps, op, type Precision, type ValType, type WasmFunction } from './assemble.ts';
import { internalError } from '../../locale/errorText.ts';

/** Kernel shape: R rows × W columns (a multiple of the lanes: 2 for f64, 4 for f32) of C per tile. */
export interface GemmShape {
  R: number;
  W: number;
  /** Use relaxed-SIMD nmadd (may fuse; needs relaxed SIMD support). */
  relaxed: boolean;
  /** Element type (default f64). */
  precision?: Precision;
}

/**
 * `gemm(c, ldc, lp, up, kb, rowTiles, colTiles)`: for each of rowTiles × colTiles tiles,
 * C[tile] −= Lp[tile rows] · Up[tile columns], where C is row-major with row stride `ldc` bytes
 * starting at byte address `c`; Lp holds row tiles one after another, each kb × R (k-major: the R
 * values of one k adjacent); Up holds column strips, each kb × W (k-major). kb ≥ 1.
 * Accumulators stay in registers over the k loop (R·W/lanes v128 values). Addresses in bytes.
 */
export function gemmKernel(shape: GemmShape): WasmFunction {
  const { R, W, relaxed } = shape;
  const e = elementOps(shape.precision ?? 'f64');
  const es = e.bytes;
  const lanes = e.lanes;
  if (W % lanes !== 0) throw internalError(`gemmKernel: W = ${W} is not a multiple of ${lanes}`);
  const H = W / lanes;
  const [c, ldc, lp, up, kb, rowTiles, colTiles] = [0, 1, 2, 3, 4, 5, 6];
  const [t, s, lpT, cRow, upS, cT, p, q, pEnd, lpStride, upStride, rStride] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
  const rowPtr = (r: number) => 19 + r;
  const acc = (r: number, h: number) => 19 + R + r * H + h;
  const u = (h: number) => 19 + R + R * H + h;
  const l = 19 + R + R * H + H;
  const locals: ValType[] = [
    ...Array<ValType>(12).fill('i32'), ...Array<ValType>(R).fill('i32'), ...Array<ValType>(R * H + H + 1).fill('v128'),
  ];
  const splat = e.splat;
  const mul = e.mul;
  const sub = e.sub;
  const nmadd = e.nmadd;
  const add = (x: number, y: number[]) => [...op.get(x), ...y, ...op.i32Add, ...op.set(x)];
  const body: number[] = [];
  const emit = (...parts: number[][]) => { for (const x of parts) body.push(...x); };
  emit(
    op.get(kb), op.i32(R * es), op.i32Mul, op.set(lpStride),
    op.get(kb), op.i32(W * es), op.i32Mul, op.set(upStride),
    op.get(ldc), op.i32(R), op.i32Mul, op.set(rStride),
    op.i32(0), op.set(t), op.get(lp), op.set(lpT), op.get(c), op.set(cRow),
    op.block, op.get(t), op.get(rowTiles), op.i32GeS, op.brIf(0),
    op.loop,
    op.i32(0), op.set(s), op.get(up), op.set(upS), op.get(cRow), op.set(cT),
    op.block, op.get(s), op.get(colTiles), op.i32GeS, op.brIf(0),
    op.loop,
  );
  // Row pointers and accumulator loads.
  emit(op.get(cT), op.set(rowPtr(0)));
  for (let r = 1; r < R; r++) emit(op.get(rowPtr(r - 1)), op.get(ldc), op.i32Add, op.set(rowPtr(r)));
  for (let r = 0; r < R; r++) for (let h = 0; h < H; h++) emit(op.get(rowPtr(r)), op.v128Load(h * 16), op.set(acc(r, h)));
  emit(op.get(lpT), op.tee(p), op.get(lpStride), op.i32Add, op.set(pEnd), op.get(upS), op.set(q));
  emit(op.loop);
  for (let h = 0; h < H; h++) emit(op.get(q), op.v128Load(h * 16), op.set(u(h)));
  for (let r = 0; r < R; r++) {
    emit(op.get(p), splat(r * es), op.set(l));
    for (let h = 0; h < H; h++) {
      if (relaxed) emit(op.get(l), op.get(u(h)), op.get(acc(r, h)), nmadd, op.set(acc(r, h)));
      else emit(op.get(acc(r, h)), op.get(l), op.get(u(h)), mul, sub, op.set(acc(r, h)));
    }
  }
  emit(add(p, op.i32(R * es)), add(q, op.i32(W * es)), op.get(p), op.get(pEnd), op.i32LtS, op.brIf(0), op.end);
  for (let r = 0; r < R; r++) for (let h = 0; h < H; h++) emit(op.get(rowPtr(r)), op.get(acc(r, h)), op.v128Store(h * 16));
  emit(
    add(s, op.i32(1)), add(upS, [...op.get(upStride)]), add(cT, op.i32(W * es)),
    op.get(s), op.get(colTiles), op.i32LtS, op.brIf(0), op.end, op.end,
    add(t, op.i32(1)), add(lpT, [...op.get(lpStride)]), add(cRow, [...op.get(rStride)]),
    op.get(t), op.get(rowTiles), op.i32LtS, op.brIf(0), op.end, op.end,
  );
  return { name: 'gemm', params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], locals, body };
}
