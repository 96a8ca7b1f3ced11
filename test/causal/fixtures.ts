// Reads the causal engine's committed fixtures (scripts/ref/causal_fixtures.ts) and R reference.
import { readFileSync } from 'node:fs';

const dir = new URL('../fixtures/causal/', import.meta.url);

export function readCsv(name: string): Record<string, Float64Array> {
  const lines = readFileSync(new URL(name, dir), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const cols = header.map(() => new Float64Array(lines.length - 1));
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r].split(',');
    for (let c = 0; c < header.length; c++) cols[c][r - 1] = Number(cells[c]);
  }
  return Object.fromEntries(header.map((h, c) => [h, cols[c]]));
}

export interface RFit { terms: string | string[]; coefficients: number | number[]; se: number | number[]; df?: number | number[]; conf_low?: number | number[]; conf_high?: number | number[]; nobs?: number; vcov?: number[] }
export const reference = JSON.parse(readFileSync(new URL('reference.json', dir), 'utf8')) as Record<string, RFit>;

export const asArray = (x: number | number[] | undefined): number[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Rows of a column set where mask is 1. */
export function where(cols: Record<string, Float64Array>, mask: Float64Array): Record<string, Float64Array> {
  const idx: number[] = [];
  mask.forEach((m, i) => { if (m === 1) idx.push(i); });
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Float64Array.from(idx, (i) => v[i])]));
}

export function close(actual: number, expected: number, tol: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  if (!(err <= tol)) throw new Error(`${what}: ${actual} vs ${expected} (relative error ${err.toExponential(2)} > ${tol})`);
}
