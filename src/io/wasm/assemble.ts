// A minimal WebAssembly binary writer: just enough to emit the LU kernels (internal).
// Encoding per the WebAssembly Core Specification 2.0 (§5 Binary Format) and the SIMD proposal.
import { LocalizedError } from '../../locale/errorText.ts';
import type { Label } from '../../locale/lang.ts';

export type ValType = 'i32' | 'f32' | 'f64' | 'v128';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit range). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const str = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** Instruction helpers returning byte arrays. */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32And: [0x71],
  i32LtS: [0x48],
  i32GeS: [0x4e],
  // SIMD (prefix 0xfd, then the LEB128 opcode)
  v128Load: (offset: number) => [0xfd, ...uleb(0x00), 4, ...uleb(offset)],
  v128Store: (offset: number) => [0xfd, ...uleb(0x0b), 4, ...uleb(offset)],
  v128Const0: [0xfd, ...uleb(0x0c), ...Array<number>(16).fill(0)],
  load32Splat: (offset: number) => [0xfd, ...uleb(0x09), 2, ...uleb(offset)],
  load64Splat: (offset: number) => [0xfd, ...uleb(0x0a), 3, ...uleb(offset)],
  f32x4ExtractLane: (lane: number) => [0xfd, ...uleb(0x1f), lane],
  f64x2ExtractLane: (lane: number) => [0xfd, ...uleb(0x21), lane],
  f32x4Add: [0xfd, ...uleb(0xe4)],
  f32x4Sub: [0xfd, ...uleb(0xe5)],
  f32x4Mul: [0xfd, ...uleb(0xe6)],
  f64x2Add: [0xfd, ...uleb(0xf0)],
  f64x2Sub: [0xfd, ...uleb(0xf1)],
  f64x2Mul: [0xfd, ...uleb(0xf2)],
  // Relaxed SIMD: nmadd(a, b, c) = c − a·b, fused or not (implementation-defined).
  f32x4RelaxedNmadd: [0xfd, ...uleb(0x106)],
  f64x2RelaxedNmadd: [0xfd, ...uleb(0x108)],
  f32Load: (offset: number) => [0x2a, 2, ...uleb(offset)],
  f64Load: (offset: number) => [0x2b, 3, ...uleb(offset)],
  f32Store: (offset: number) => [0x38, 2, ...uleb(offset)],
  f64Store: (offset: number) => [0x39, 3, ...uleb(offset)],
  f32Add: [0x92],
  f32Sub: [0x93],
  f64Add: [0xa0],
  f64Sub: [0xa1],
};

/**
 * Grow `memory` to at least `bytes`; when the engine refuses (beyond the memory's maximum or the
 * machine's), an Error saying how much `what` needed instead of a bare RangeError.
 */
export function growMemory(memory: WebAssembly.Memory, bytes: number, what: Label): void {
  const have = memory.buffer.byteLength;
  if (have >= bytes) return;
  try {
    memory.grow(Math.ceil((bytes - have) / 65536));
  } catch (e) {
    const size = bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    throw new LocalizedError({ zh: `${what.zh}需要 ${size} 的 WebAssembly 内存，此引擎无法提供（${(e as Error).message}）`, en: `${what.en} needs ${size} of WebAssembly memory, which this engine cannot provide (${(e as Error).message})` });
  }
}

/** Element type of a kernel: f64 (f64x2 lanes) or f32 (f32x4 lanes). */
export type Precision = 'f64' | 'f32';

/** Per-precision element size, lanes per v128 and the opcodes a kernel needs. */
export function elementOps(precision: Precision) {
  return precision === 'f64'
    ? { bytes: 8, lanes: 2, splat: op.load64Splat, mul: op.f64x2Mul, sub: op.f64x2Sub, add: op.f64x2Add, nmadd: op.f64x2RelaxedNmadd, extract: op.f64x2ExtractLane, load: op.f64Load, store: op.f64Store, scalarAdd: op.f64Add, scalarSub: op.f64Sub, valType: 'f64' as const }
    : { bytes: 4, lanes: 4, splat: op.load32Splat, mul: op.f32x4Mul, sub: op.f32x4Sub, add: op.f32x4Add, nmadd: op.f32x4RelaxedNmadd, extract: op.f32x4ExtractLane, load: op.f32Load, store: op.f32Store, scalarAdd: op.f32Add, scalarSub: op.f32Sub, valType: 'f32' as const };
}

export interface WasmFunction {
  name: string;
  params: ValType[];
  locals: ValType[];
  body: number[];
}

/**
 * A module importing one memory (`env.memory`; shared when `shared`, then with maximum pages) and
 * exporting the given functions (no results).
 */
export function assembleModule(functions: WasmFunction[], memory: { initial: number; maximum: number; shared: boolean }): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [VALTYPE[p]])), 0]);
  const limits = memory.shared ? [0x03, ...uleb(memory.initial), ...uleb(memory.maximum)] : [0x01, ...uleb(memory.initial), ...uleb(memory.maximum)];
  const imports = vec([[...str('env'), ...str('memory'), 0x02, ...limits]]);
  const funcs = vec(functions.map((_, i) => uleb(i)));
  const exports = vec(functions.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]));
  const codes = vec(functions.map((f) => {
    const locals = vec(f.locals.map((t) => [1, VALTYPE[t]]));
    const body = [...locals, ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  }));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)), ...section(2, imports), ...section(3, funcs), ...section(7, exports), ...section(10, codes),
  ]);
}
