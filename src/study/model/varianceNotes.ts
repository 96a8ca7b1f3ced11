// A figure whose value is known but whose sampling variance cannot be computed says why, instead of a
// standard error that would be written as null.
import type { Label } from '../../locale/index.ts';
import type { Figure } from './types.ts';
import { LocalizedError } from '../../locale/errorText.ts';

/** Above this magnitude a square overflows a double (√1.8e308 ≈ 1.34e154). */
const SQUARE_LIMIT = 1.3e154;

const big = (v: number) => Math.abs(v).toExponential(2);

/**
 * noteMissingVariance(figures) — for each figure whose se or interval is not a finite number: removes
 * se, ci and df and sets `seNote` to the reason — "overflow: …" when the value or an input is beyond
 * 1.3e154 (its square exceeds the largest double), "n too small: …" when its n is below 2, else "not a
 * finite number". Returns the ids noted. A figure whose value itself is not finite throws, naming it
 * and its largest input. Example: value 1e300 with se NaN → seNote.en "overflow: the variance involves
 * squares of values near 1.00e+300, beyond the largest double (1.8e308); rescale the inputs" (and .zh).
 */
export function noteMissingVariance(figures: Record<string, Figure>): string[] {
  const noted: string[] = [];
  for (const f of Object.values(figures)) {
    const numbers = Object.entries(f.inputs).filter((e): e is [string, number] => typeof e[1] === 'number');
    const largest = numbers.reduce<[string, number] | null>((m, e) => (m === null || Math.abs(e[1]) > Math.abs(m[1]) ? e : m), null);
    if (!Number.isFinite(f.value))
      throw new LocalizedError({ zh: `指标 ${f.id} 为 ${f.value}：数值溢出${largest ? `（最大的输入：${largest[0]} = ${largest[1]}）` : ''}；输入超出了双精度范围，请检查它们的单位`, en: `figure ${f.id} is ${f.value}: a numeric overflow${largest ? ` (largest input: ${largest[0]} = ${largest[1]})` : ''}; the inputs are beyond double precision, check their units` });
    const bad = (f.se !== undefined && !Number.isFinite(f.se)) || (f.ci !== undefined && !f.ci.every(Number.isFinite));
    if (!bad) continue;
    const n = typeof f.inputs.n === 'number' ? f.inputs.n : undefined;
    const peak = Math.max(Math.abs(f.value), largest ? Math.abs(largest[1]) : 0);
    f.seNote = seNote(peak, n);
    delete f.se;
    delete f.ci;
    delete f.df;
    noted.push(f.id);
  }
  return noted;
}

/** Why the variance is missing, in zh and en: overflow (the largest magnitude `peak`), n below 2, or neither. */
function seNote(peak: number, n: number | undefined): Label {
  if (peak > SQUARE_LIMIT) return {
    zh: `溢出：方差涉及接近 ${big(peak)} 的数的平方，超出双精度浮点数的最大值（1.8e308）；请换用更大的单位`,
    en: `overflow: the variance involves squares of values near ${big(peak)}, beyond the largest double (1.8e308); rescale the inputs`,
  };
  if (n !== undefined && n < 2) return { zh: `样本太小：n = ${n}；抽样方差至少需要 2 个观测`, en: `n too small: n = ${n}; a sampling variance needs at least 2` };
  return { zh: '不是有限数：无法计算方差', en: 'not a finite number: the variance could not be computed' };
}
