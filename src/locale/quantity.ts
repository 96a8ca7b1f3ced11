// Quantities in the study file: a number in base units, or a string with a Chinese unit.
// 万 = 10^4, 亿 = 10^8, 万亿 = 10^12 (GB 3101-93 usage; the seed reports jobs in 万, money in 亿元).

import { LocalizedError } from './errorText.ts';

const MULT: Record<string, number> = { '': 1, 万: 1e4, 亿: 1e8, 万亿: 1e12 };

/**
 * parseQuantity("1973亿元") → 197300000000; parseQuantity("2601万") → 26010000; parseQuantity(42) → 42.
 * Fails (throws) on anything else, naming `where` and the value.
 */
export function parseQuantity(v: unknown, where: string): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new LocalizedError({ zh: `${where}：应为有限的数，实为 ${v}`, en: `${where}: expected a finite number, got ${v}` });
    return v;
  }
  if (typeof v === 'string') {
    const m = /^\s*([-+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(万亿|万|亿)?\s*(元|人|个|家)?\s*$/.exec(v);
    if (m) {
      const n = Number(m[1].replace(/,/g, ''));
      // Multiply via decimal string to avoid 1973 * 1e8 style rounding surprises for integers.
      return Number((n * MULT[m[2] ?? '']).toPrecision(15));
    }
  }
  throw new LocalizedError({ zh: `${where}：应为数字或 "1973亿元" 这样的数量，实为 ${JSON.stringify(v)}`, en: `${where}: expected a number or a quantity like "1973亿元", got ${JSON.stringify(v)}` });
}
