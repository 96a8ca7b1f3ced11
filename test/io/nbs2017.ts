// Test helper: the shipped NBS 2017 table and sector-division concordance, parsed once.
import { readFileSync } from 'node:fs';
import { parseNbsTable, parseSectorDivisions } from '../../src/io/index.ts';

const root = new URL('../../', import.meta.url);
export const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
export const nbsText = read('data/china-io-2017/china-io-2017-149.csv');
export const nbs = parseNbsTable(nbsText, 'china-io-2017-149.csv');
export const divisions = parseSectorDivisions(read('data/china-io-2017/sector-divisions.csv'), 'sector-divisions.csv');
export const fixture = (name: string): any => JSON.parse(read(`test/fixtures/io/${name}`));

/** Assert |a_i − b_i| ≤ tol·max(1, |b_i|) for every i, naming the first failure. */
export function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: length ${a.length} vs ${b.length}`);
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    if (!(err <= tol)) throw new Error(`${what}[${i}]: ${a[i]} vs reference ${b[i]} (relative error ${err} > ${tol})`);
  }
}
