// Loop shapes shared by the row kernels (axpys, dots): over `count` rows, and along one row (internal).
import { op } from './assemble.ts';

/**
 * `for (c = 0; c < count; c++) { body; r += stride for each [r, stride] of advance }`, after
 * `init` (c and the pointers' start values); nothing runs when count < 1 or `skipIf` holds.
 * All arguments are local indexes; the result is one instruction sequence.
 */
export function forEachRow(l: { c: number; count: number; skipIf?: number[][] }, init: number[][], body: number[][], advance: [number, number][]): number[][] {
  return [
    op.block, op.get(l.count), op.i32(1), op.i32LtS, op.brIf(0),
    ...(l.skipIf ?? []),
    op.i32(0), op.set(l.c), ...init,
    op.loop,
    ...body,
    op.get(l.c), op.i32(1), op.i32Add, op.set(l.c),
    ...advance.map(([r, stride]) => [...op.get(r), ...op.get(stride), ...op.i32Add, ...op.set(r)]),
    op.get(l.c), op.get(l.count), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
  ];
}

/**
 * Walk p and q together over `groups` v128 (16 bytes each) from their current values: `step(off,
 * k)` for the v128 at byte offset `off`, four per pass (k = 0…3) to spend fewer loop instructions
 * per element, then one at a time (k = 0). `end` and `end4` are scratch i32 locals.
 */
export function alongRow(l: { p: number; q: number; groups: number; end: number; end4: number }, step: (off: number, k: number) => number[][]): number[][] {
  const { p, q, groups, end, end4 } = l;
  return [
    op.get(q), op.get(groups), op.i32(16), op.i32Mul, op.i32Add, op.set(end),
    op.get(q), op.get(groups), op.i32(-4), op.i32And, op.i32(16), op.i32Mul, op.i32Add, op.set(end4),
    op.block, op.get(q), op.get(end4), op.i32GeS, op.brIf(0),
    op.loop,
    ...step(0, 0), ...step(16, 1), ...step(32, 2), ...step(48, 3),
    op.get(p), op.i32(64), op.i32Add, op.set(p),
    op.get(q), op.i32(64), op.i32Add, op.tee(q), op.get(end4), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
    op.block, op.get(q), op.get(end), op.i32GeS, op.brIf(0),
    op.loop,
    ...step(0, 0),
    op.get(p), op.i32(16), op.i32Add, op.set(p),
    op.get(q), op.i32(16), op.i32Add, op.tee(q), op.get(end), op.i32LtS, op.brIf(0),
    op.end,
    op.end,
  ];
}
