// Value-axis ticks at "nice" steps (1, 2, 3 or 5 times a power of ten), as chart libraries draw them.

export interface Ticks {
  min: number;
  max: number;
  step: number;
  values: number[];
}

/** niceStep(37, 5) === 10 (37 / 5 = 7.4, nearest nice number 10); niceStep(29.63, 5) === 5; niceStep(0.9, 5) === 0.2. */
export function niceStep(span: number, count: number): number {
  const raw = span / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * p;
}

/**
 * niceTicks(lo, hi, {min, max, count}) → an axis covering [lo, hi] (and 0, like a bar chart's value
 * axis) with about `count` (default 5) intervals at a nice step; `min`/`max` fix an end. Tick values are
 * rounded to the step's decimals (no 0.30000000000000004).
 * Example: niceTicks(0, 29.63) → {min: 0, max: 30, step: 5, values: [0, 5, …, 30]};
 * niceTicks(-2.3, 2.2) → {min: -3, max: 3, step: 1, …}.
 */
export function niceTicks(lo: number, hi: number, o: { min?: number; max?: number; count?: number } = {}): Ticks {
  const count = o.count ?? 5;
  let a = o.min ?? Math.min(0, lo), b = o.max ?? Math.max(0, hi);
  if (!(b > a)) b = a + 1;
  const step = niceStep(b - a, count);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / 10 ** Math.floor(Math.log10(step) + 1e-9) === 1 ? 0 : 1));
  const round = (v: number) => Number(v.toFixed(Math.min(20, decimals + 1)));
  if (o.min === undefined) a = round(Math.floor(a / step + 1e-9) * step);
  if (o.max === undefined) b = round(Math.ceil(b / step - 1e-9) * step);
  const values: number[] = [];
  for (let k = Math.ceil(a / step - 1e-9); k <= Math.floor(b / step + 1e-9); k++) values.push(round(k * step));
  return { min: a, max: b, step, values };
}
