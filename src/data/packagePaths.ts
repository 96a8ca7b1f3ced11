// Where the package and its bundled data are: light constants for every command and the study loader (no heavy imports).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalizedError } from '../locale/errorText.ts';

/** Whether this code runs compiled (dist/*.js, from scripts/build.mjs) rather than from src/*.ts through tsx. */
export const compiled = !import.meta.url.endsWith('.ts');

/** The package's folder: the nearest folder above this module holding package.json (src/data/ → ../..; dist/ → ..). */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const version: string = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;

function findPackageRoot(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (dirname(d) === d) throw new LocalizedError({ zh: `spillover：${dir} 之上没有 package.json（安装不完整）`, en: `spillover: no package.json above ${dir}` });
  }
}

/** Data shipped with the package, addressable from any study as `builtin:NAME`. */
export const BUILTINS: Record<string, string> = {
  'china-io-2017-149': 'data/china-io-2017/china-io-2017-149.csv',
  'china-employment-by-division': 'data/china-io-2017/china-employment-by-division-1990-2018.csv',
  'china-price-indices': 'data/china-prices/price-indices-2017-2019.csv',
};

export const DEFAULT_STUDY = join(packageRoot, 'examples/wechat-2019/study.yaml');
