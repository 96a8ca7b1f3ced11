// Test helper: the shipped NBS 2017 table and sector-division concordance, parsed once.
import { readFileSync } from 'node:fs';
import { parseNbsTable, parseSectorDivisions } from '../../src/io/index.ts';

const root = new URL('../../', import.meta.url);
export const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
export const nbsText = read('data/china-io-2017/china-io-2017-149.csv');
export const nbs = parseNbsTable(nbsText, 'china-io-2017-149.csv');
export const divisions = parseSectorDivisions(read('data/china-io-2017/sector-divisions.csv'), 'sector-divisions.csv');
export const fixture = (name: string): any => JSON.parse(read(`test/fixtures/io/${name}`));
