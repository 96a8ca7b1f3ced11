import { existsSync, realpathSync } from 'node:fs';
import { resolve, relative, isAbsolute, join } from 'node:path';
import { ConfigError } from '../study/config/index.ts';
import { packageRoot, BUILTINS } from './packagePaths.ts';

/**
 * Resolve a path written in the study file: `builtin:NAME` → the package's data; otherwise relative
 * to the study directory, which it must not leave (symlinks resolved). Errors name the YAML path.
 * Example: resolveStudyPath('/s', 'builtin:china-io-2017-149', 'io.table', 's/study.yaml') → <package>/data/china-io-2017/china-io-2017-149.csv.
 */
export function resolveStudyPath(studyDir: string, p: string, yamlPath: string, source: string): string {
  if (p.startsWith('builtin:')) {
    const rel = BUILTINS[p.slice(8)];
    if (!rel) throw new ConfigError(source, yamlPath, null, `unknown builtin "${p}"; available: ${Object.keys(BUILTINS).map((b) => `builtin:${b}`).join(', ')}`);
    return join(packageRoot, rel);
  }
  const abs = resolve(studyDir, p);
  const base = realpathSync(studyDir);
  const real = existsSync(abs) ? realpathSync(abs) : abs;
  const rel = relative(base, real);
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new ConfigError(source, yamlPath, null, `path "${p}" leaves the study directory ${base}; keep data inside it or use a builtin: name`);
  if (!existsSync(abs)) throw new ConfigError(source, yamlPath, null, `file not found: ${p} (looked for ${abs})`);
  return abs;
}
