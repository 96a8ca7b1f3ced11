// Seeded random variates for Monte Carlo over assumptions and survey simulation. Pure, browser-safe.
// Uniforms come from the survey engine's xoshiro128** generator (seeded through splitmix32), so
// one generator serves the whole package; this file adds the samplers the study engine needs.
import { createRng } from '../../survey/prng.ts';
import { normalQuantile } from './normalQuantile.ts';
import { LocalizedError } from '../../locale/errorText.ts';

/** A seeded stream of variates. Every method consumes a fixed number of uniforms (see each). */
export interface Random {
  /** U(0, 1), never exactly 0: one uniform. */
  uniform(): number;
  /** Standard normal by inversion, z = Φ⁻¹(u) (normalQuantile, rel. error < 1.15e-9): one uniform. */
  normal(): number;
  /** Integer in 0 … n − 1: one uniform. */
  int(n: number): number;
}

/**
 * random(seed) → a Random whose draws are a pure function of the integer seed (same seed ⇒ same
 * sequence in Node and in the browser). Normal variates use inversion rather than Box–Muller so
 * that each draw consumes exactly one uniform: streams stay aligned when a distribution changes.
 * Fails on a seed that is not an integer.
 * Example: const r = random(42); r.uniform() === random(42).uniform() → true.
 */
export function random(seed: number): Random {
  if (!Number.isInteger(seed)) throw new LocalizedError({ zh: `seed：应为整数，实为 ${seed}`, en: `seed: expected an integer, got ${seed}` });
  const next = createRng(seed);
  const uniform = (): number => {
    let u = next();
    while (u === 0) u = next();
    return u;
  };
  return {
    uniform,
    normal: () => normalQuantile(uniform()),
    int: (n: number) => Math.min(n - 1, Math.floor(uniform() * n)),
  };
}
