// Where the package and its bundled data are: light constants for every command (no heavy imports).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const version: string = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;

/** Data shipped with the package, addressable from any study as `builtin:NAME`. */
export const BUILTINS: Record<string, string> = {
  'china-io-2017-149': 'data/china-io-2017/china-io-2017-149.csv',
  'china-employment-by-division': 'data/china-io-2017/china-employment-by-division-1990-2018.csv',
};

export const DEFAULT_STUDY = join(packageRoot, 'examples/wechat-2019/study.yaml');
