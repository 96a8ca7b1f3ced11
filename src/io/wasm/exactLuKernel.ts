// lu's blocked factorization as one WebAssembly function, the same double-precision operations in the same order
// (internal). Why: in a fresh process lu's loops run in V8's interpreter until they are compiled, ≈ 20 ms for the
// 149-sector table; the same loops in WebAssembly are compiled before they run (≈ 3 ms). Bit for bit the same factors:
// WebAssembly f64 arithmetic is IEEE 754 double with round-to-nearest and never fused, as JavaScript's is.
import { assembleModule, op, uleb, type ValType } from './assemble.ts';

// Instructions beyond assemble.ts's `op` (WebAssembly Core Specification 2.0, §5.4).
const I = {
  if: [0x04, 0x40],
  br: (d: number) => [0x0c, ...uleb(d)],
  return: [0x0f],
  i32Shl: [0x74],
  i32Eq: [0x46],
  i32Ne: [0x47],
  i32Load: (offset: number) => [0x28, 2, ...uleb(offset)],
  i32Store: (offset: number) => [0x36, 2, ...uleb(offset)],
  f64Const: (v: number) => {
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, v, true); // little-endian, as the binary format stores it
    return [0x44, ...new Uint8Array(b.buffer)];
  },
  f64Abs: [0x99],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  f64Max: [0xa5],
  f64Gt: [0x64],
  f64Ne: [0x62],
  f64ConvertI32S: [0xb7],
};

/**
 * `lu(n, bs, P, S)`: the n×n row-major matrix at byte 0 of memory factored in place as lu (src/io/lu.ts) does with
 * panel width bs: the permutation written as i32 at byte P; at byte S an i32, −1, or the 0-based column whose pivot
 * failed (lu's singularMatrix), and at S + 8 that pivot's size (f64).
 */
export function exactLuBytes(): Uint8Array<ArrayBuffer> {
  const [n, bs, P, S] = [0, 1, 2, 3];
  const L: ValType[] = ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'f64', 'f64', 'f64', 'f64', 'f64', 'f64', 'f64'];
  const [k0, k1, k, i, j, p, rk, ri, r0, r1, nn] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const [tiny, best, v, inv, l, l0, l1] = [15, 16, 17, 18, 19, 20, 21];
  const get = op.get, set = op.set;
  /** byte address of element (row base `r` in elements) + column `c` (both locals): (r + c) << 3 */
  const at = (r: number, c: number) => [get(r), get(c), op.i32Add, op.i32(3), I.i32Shl];
  /** for (x = from; x < to; x++) body — from and to are instruction lists. */
  const loop = (x: number, from: number[][], to: number[][], body: number[][]) => [
    ...from, set(x),
    op.block, op.loop,
    get(x), ...to, op.i32GeS, op.brIf(1),
    ...body,
    get(x), op.i32(1), op.i32Add, set(x),
    I.br(0),
    op.end, op.end,
  ];
  const times = (a: number, b: number) => [get(a), get(b), op.i32Mul];
  const body: number[][] = [
    get(n), get(n), op.i32Mul, set(nn),
    // scale = max |a|; tiny = n·ε·scale
    I.f64Const(0), set(best),
    ...loop(i, [op.i32(0)], [get(nn)], [get(best), get(i), op.i32(3), I.i32Shl, op.f64Load(0), I.f64Abs, I.f64Max, set(best)]),
    get(n), I.f64ConvertI32S, I.f64Const(2.220446049250313e-16), I.f64Mul, get(best), I.f64Mul, set(tiny),
    ...loop(i, [op.i32(0)], [get(n)], [get(P), get(i), op.i32(2), I.i32Shl, op.i32Add, get(i), I.i32Store(0)]),
    // for (k0 = 0; k0 < n; k0 += bs)
    op.i32(0), set(k0),
    op.block, op.loop,
    get(k0), get(n), op.i32GeS, op.brIf(1),
    // k1 = min(k0 + bs, n)
    get(k0), get(bs), op.i32Add, set(k1),
    get(k1), get(n), op.i32GeS, I.if, get(n), set(k1), op.end,
    // factorPanel
    ...loop(k, [get(k0)], [get(k1)], [
      get(k), set(p),
      ...times(k, n), set(rk),
      ...at(rk, k), op.f64Load(0), I.f64Abs, set(best),
      ...loop(i, [get(k), op.i32(1), op.i32Add], [get(n)], [
        ...times(i, n), set(ri),
        ...at(ri, k), op.f64Load(0), I.f64Abs, set(v),
        get(v), get(best), I.f64Gt, I.if, get(v), set(best), get(i), set(p), op.end,
      ]),
      // !(best > tiny): singular
      get(best), get(tiny), I.f64Gt, op.i32(0), I.i32Eq, I.if,
      get(S), get(k), I.i32Store(0), get(S), get(best), op.f64Store(8), I.return,
      op.end,
      get(p), get(k), I.i32Ne, I.if,
      ...times(p, n), set(ri),
      ...loop(j, [op.i32(0)], [get(n)], [
        ...at(ri, j), op.f64Load(0), set(v),
        ...at(ri, j), ...at(rk, j), op.f64Load(0), op.f64Store(0),
        ...at(rk, j), get(v), op.f64Store(0),
      ]),
      get(P), get(p), op.i32(2), I.i32Shl, op.i32Add, set(r0),
      get(P), get(k), op.i32(2), I.i32Shl, op.i32Add, set(r1),
      get(r0), I.i32Load(0), set(j),
      get(r0), get(r1), I.i32Load(0), I.i32Store(0),
      get(r1), get(j), I.i32Store(0),
      op.end,
      I.f64Const(1), ...at(rk, k), op.f64Load(0), I.f64Div, set(inv),
      ...loop(i, [get(k), op.i32(1), op.i32Add], [get(n)], [
        ...times(i, n), set(ri),
        ...at(ri, k), ...at(ri, k), op.f64Load(0), get(inv), I.f64Mul, op.tee(l), op.f64Store(0),
        get(l), I.f64Const(0), I.f64Ne, I.if,
        ...loop(j, [get(k), op.i32(1), op.i32Add], [get(k1)], [
          ...at(ri, j), ...at(ri, j), op.f64Load(0), get(l), ...at(rk, j), op.f64Load(0), I.f64Mul, op.f64Sub, op.f64Store(0),
        ]),
        op.end,
      ]),
    ]),
    // solveBlockRow
    ...loop(k, [get(k0)], [get(k1)], [
      ...times(k, n), set(rk),
      ...loop(i, [get(k), op.i32(1), op.i32Add], [get(k1)], [
        ...times(i, n), set(ri),
        ...at(ri, k), op.f64Load(0), set(l),
        get(l), I.f64Const(0), I.f64Ne, I.if,
        ...loop(j, [get(k1)], [get(n)], [
          ...at(ri, j), ...at(ri, j), op.f64Load(0), get(l), ...at(rk, j), op.f64Load(0), I.f64Mul, op.f64Sub, op.f64Store(0),
        ]),
        op.end,
      ]),
    ]),
    // updateTrailing: rows k1..n−1, two rank-1 terms per pass, then the odd one
    ...loop(i, [get(k1)], [get(n)], [
      ...times(i, n), set(ri),
      get(k0), set(k),
      op.block, op.loop,
      get(k), op.i32(1), op.i32Add, get(k1), op.i32GeS, op.brIf(1),
      ...at(ri, k), op.f64Load(0), set(l0),
      ...at(ri, k), op.f64Load(8), set(l1),
      ...times(k, n), set(r0),
      get(r0), get(n), op.i32Add, set(r1),
      ...loop(j, [get(k1)], [get(n)], [
        ...at(ri, j), ...at(ri, j), op.f64Load(0),
        get(l0), ...at(r0, j), op.f64Load(0), I.f64Mul,
        get(l1), ...at(r1, j), op.f64Load(0), I.f64Mul,
        op.f64Add, op.f64Sub, op.f64Store(0),
      ]),
      get(k), op.i32(2), op.i32Add, set(k),
      I.br(0),
      op.end, op.end,
      get(k), get(k1), op.i32LtS, I.if,
      ...at(ri, k), op.f64Load(0), set(l0),
      ...times(k, n), set(r0),
      ...loop(j, [get(k1)], [get(n)], [
        ...at(ri, j), ...at(ri, j), op.f64Load(0), get(l0), ...at(r0, j), op.f64Load(0), I.f64Mul, op.f64Sub, op.f64Store(0),
      ]),
      op.end,
    ]),
    get(k0), get(bs), op.i32Add, set(k0),
    I.br(0),
    op.end, op.end,
    get(S), op.i32(-1), I.i32Store(0),
  ];
  return assembleModule([{ name: 'lu', params: ['i32', 'i32', 'i32', 'i32'], locals: L, body: body.flat() }], { initial: 1, maximum: 65536, shared: false });
}
