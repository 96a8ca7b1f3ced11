// Quantiles of unsorted values by selection: the order statistics a quantile needs, without sorting.

/**
 * selectKth(a, k) → the (k+1)-th smallest of a (0-based order statistic k), reordering a in place so
 * that a[i] ≤ a[k] for i < k and a[i] ≥ a[k] for i > k; `from`, `to`: search only a[from … to] (when
 * it already holds order statistics from … to: the smaller values before it, the larger after)
 * (Floyd–Rivest SELECT: expected n + min(k, n − k) + o(n) comparisons). For finite or
 * infinite values, not NaN. A zero is returned with the sign that a sorted copy (−0 before +0, as
 * TypedArray sort) has at k.
 * Example: selectKth(Float64Array.of(5, 1, 4, 2, 3), 1) → 2.
 */
export function selectKth(a: Float64Array, k: number, from = 0, to = a.length - 1): number {
  floydRivest(a, k, from, to);
  return signedAt(a, k);
}

/**
 * Floyd & Rivest's SELECT (1975, Algorithm 489): a[k] becomes order statistic k of a[left … right], the
 * smaller values before it and the larger after. Over 600 values, a[k] is first made the k-th of a sample
 * range around k (recursively), so that it is a pivot close to the answer: about n + min(k, n − k)
 * comparisons instead of Hoare's ≈ 3.4n for a median.
 */
function floydRivest(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1, i = k - left + 1, z = Math.log(n), s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * Math.sign(i - n / 2);
      floydRivest(a, k, Math.max(left, Math.floor(k - (i * s) / n + sd)), Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)));
    }
    const t = a[k];
    let i = left, j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++; j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else { j++; swap(a, j, right); }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]; a[i] = a[j]; a[j] = t;
}

/**
 * The least (dir 1) or greatest (dir −1) of a[k … end] (or a[end … k]) moved to a[k], where it is order
 * statistic k when every value before that part is ≤ all in it and every value after ≥ (quantilesType7Select's
 * found positions); returned as selectKth returns it (signedAt).
 */
function extremeTo(a: Float64Array, k: number, end: number, dir: 1 | -1): number {
  let at = k;
  for (let i = k + dir; dir > 0 ? i <= end : i >= end; i += dir) if (dir > 0 ? a[i] < a[at] : a[i] > a[at]) at = i;
  const t = a[k]; a[k] = a[at]; a[at] = t;
  return signedAt(a, k);
}

/** a[k] of an array whose a[k] is its order statistic k, a zero with the sign a sorted copy has at k. */
function signedAt(a: Float64Array, k: number): number {
  const v = a[k];
  if (v !== 0) return v;
  // −0 and +0 compare equal: in sorted order (of all of a) the zeros at k are −0 up to below + negZeros
  let below = 0, negZeros = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < 0) below++;
    else if (a[i] === 0 && Object.is(a[i], -0)) negZeros++;
  }
  return k < below + negZeros ? -0 : 0;
}

/**
 * The type-7 quantile (R's default; h = (n − 1)p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)) of unsorted
 * values, reordering them: the same number as quantile type 7 of the sorted values, found by selection
 * in expected O(n) instead of an O(n log n) sort (the Monte Carlo takes three per figure of 10,000 draws).
 * Example: quantileType7Select(Float64Array.of(4, 1, 3, 2), 0.5) → 2.5.
 */
export function quantileType7Select(values: Float64Array, p: number): number {
  return quantilesType7Select(values, [p])[0];
}

/**
 * quantileType7Select of each p of ps in turn on the same values, each selection searching only
 * between the order statistics found before it (every value left of a found position is ≤ it, every
 * value right of it ≥): after the median, the 2.5% and 97.5% points each search one half; type 7's second
 * order statistic, next to the first, is the least of the part above it (one pass, no partitioning).
 * Example: quantilesType7Select(Float64Array.of(4, 1, 3, 2, 5), [0.5, 0.25]) → [3, 2].
 */
export function quantilesType7Select(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length, found: number[] = []; // positions k holding their order statistic, ascending
  const at = (k: number): number => {
    let i = 0;
    while (i < found.length && found[i] < k) i++;
    if (found[i] === k) return signedAt(values, k);
    const from = i > 0 ? found[i - 1] + 1 : 0, to = i < found.length ? found[i] - 1 : n - 1;
    // next to a found position (type 7's second order statistic), k is the least of its part (or the greatest): one pass
    const v = from === k && i > 0 ? extremeTo(values, k, to, 1) : to === k && i < found.length ? extremeTo(values, k, from, -1) : selectKth(values, k, from, to);
    found.splice(i, 0, k);
    return v;
  };
  return ps.map((p) => {
    const h = (n - 1) * p, lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
    const xlo = at(lo);
    const xhi = hi === lo ? xlo : at(hi);
    return xlo + (h - lo) * (xhi - xlo);
  });
}
