import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep, basename, join } from 'node:path';
import { LocalizedError } from '../locale/errorText.ts';

/** realpath of p, or of its deepest existing ancestor joined with the rest (p need not exist yet). */
function realish(p: string): string {
  const rest: string[] = [];
  let cur = p;
  for (;;) {
    try {
      return rest.length > 0 ? join(realpathSync(cur), ...rest.reverse()) : realpathSync(cur);
    } catch {
      const up = dirname(cur);
      if (up === cur) return p;
      rest.push(basename(cur));
      cur = up;
    }
  }
}

/**
 * confinePath — resolve `userPath` against `baseDir` and refuse it if it leaves `baseDir` (after resolving
 * symlinks of both, so a link pointing outside is refused too). The path need not exist.
 * Fails with an error (in zh and en) naming `what` and the path as written: `questionnaires.providers.file: "../x.csv" is outside /study`.
 * Example: confinePath('/study', 'data/p.csv', 'questionnaires.providers.file') === '/study/data/p.csv' (if /study is not a link).
 */
export function confinePath(baseDir: string, userPath: string, what: string): string {
  if (typeof userPath !== 'string' || userPath.trim() === '' || userPath.includes('\0')) {
    throw new LocalizedError({ zh: `${what}：路径 ${JSON.stringify(userPath)} 无效`, en: `${what}: invalid path ${JSON.stringify(userPath)}` });
  }
  const base = realish(resolve(baseDir));
  const target = realish(resolve(baseDir, userPath));
  const rel = relative(base, target);
  if (rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel))) return target;
  const link = target !== resolve(baseDir, userPath);
  throw new LocalizedError({
    zh: `${what}：${JSON.stringify(userPath)} 在 ${base} 之外${link ? `（它实际指向 ${target}）` : ''}`,
    en: `${what}: ${JSON.stringify(userPath)} is outside ${base}${link ? ` (it resolves to ${target})` : ''}`,
  });
}
