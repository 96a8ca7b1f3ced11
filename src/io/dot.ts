// Inner product of two equal-length vectors (internal helper).

/** Σ a_i·b_i. Example: dot(Float64Array.of(1, 2), Float64Array.of(3, 4)) → 11. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
