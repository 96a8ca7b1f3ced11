// A small seeded pseudo-random generator, so that replicate weights are reproducible everywhere.

/**
 * Deterministic uniform generator on [0, 1): xoshiro128** (Blackman & Vigna 2018) seeded through
 * splitmix32 from a 32-bit integer seed; each draw combines two 32-bit outputs into 53 bits.
 * Same seed ⇒ same sequence on every platform. Fails on a seed that is not a finite integer.
 * Example: createRng(1)() is the same number in Node and in the browser.
 */
export function createRng(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new Error(`createRng: seed must be an integer, got ${seed}`);
  let x = seed >>> 0;
  const split = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = new Uint32Array([split(), split(), split(), split()]);
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

function rotl(v: number, k: number): number {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}
