// A small seeded pseudo-random generator, so that replicate weights are reproducible everywhere.
import { LocalizedError } from '../locale/errorText.ts';

/**
 * Deterministic uniform generator on [0, 1): xoshiro128** (Blackman & Vigna 2018) seeded through
 * splitmix32 from a 32-bit integer seed; each draw combines two 32-bit outputs into 53 bits:
 *   u = ((r₁ >>> 5)·2²⁶ + (r₂ >>> 6)) / 2⁵³.
 * Same seed ⇒ same sequence on every platform. Fails on a seed that is not a finite integer.
 * The state is four int32 locals (the same bits as uint32: xor, shifts and Math.imul do not depend
 * on the sign), so a draw allocates nothing — the coverage check takes tens of millions of them.
 * Example: createRng(1)() is the same number in Node and in the browser.
 */
export function createRng(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new LocalizedError({ zh: `createRng：随机种子应为整数，实为 ${seed}`, en: `createRng: seed must be an integer, got ${seed}` });
  let x = seed | 0;
  const split = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return z ^ (z >>> 16);
  };
  let s0 = split(), s1 = split(), s2 = split(), s3 = split();
  return () => {
    const r1 = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    let t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
    const r2 = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
    return ((r1 >>> 5) * 67108864 + (r2 >>> 6)) / 9007199254740992;
  };
}

/** 32-bit rotate left, as int32 bits. */
function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}
