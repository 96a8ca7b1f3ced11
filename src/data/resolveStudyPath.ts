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
    const available = Object.keys(BUILTINS).map((b) => `builtin:${b}`).join(', ');
    if (!rel) throw new ConfigError(source, yamlPath, null, { zh: `没有内置数据 "${p}"；可用的有：${available}`, en: `unknown builtin "${p}"; available: ${available}` });
    return join(packageRoot, rel);
  }
  const abs = resolve(studyDir, p);
  const base = realpathSync(studyDir);
  const real = existsSync(abs) ? realpathSync(abs) : abs;
  const rel = relative(base, real);
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new ConfigError(source, yamlPath, null, { zh: `路径 "${p}" 离开了研究文件夹 ${base}；请把数据放在其中，或使用 builtin: 名称`, en: `path "${p}" leaves the study directory ${base}; keep data inside it or use a builtin: name` });
  if (!existsSync(abs)) throw new ConfigError(source, yamlPath, null, { zh: `找不到文件：${p}（查找位置 ${abs}）`, en: `file not found: ${p} (looked for ${abs})` });
  return abs;
}
