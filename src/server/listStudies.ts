// The study files under the dashboard's root directory (for the study picker).
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

const isInside = (p: string, dir: string) => {
  const r = relative(dir, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

const SKIP = new Set(['node_modules', 'out', 'test-artifacts']);

/**
 * listStudies(root, depth = 4) → paths relative to root (with "/"), sorted, of *.yaml / *.yml files
 * that have a top-level `study:` key. Hidden directories, node_modules and out/ are skipped; a
 * symbolic link (file or folder) is followed only when it resolves inside root (depth bounds loops).
 * Example: listStudies('examples') → ['wechat-2019/study.yaml'].
 */
export function listStudies(root: string, depth = 4): string[] {
  const out: string[] = [];
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return [];
  }
  const walk = (dir: string, d: number) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || SKIP.has(name)) continue;
      const p = join(dir, name);
      let st;
      try {
        st = lstatSync(p, { throwIfNoEntry: false });
        // A link is listed only when what it points to is inside the root (a link out is never offered).
        if (st?.isSymbolicLink()) st = isInside(realpathSync(p), realRoot) ? statSync(p, { throwIfNoEntry: false }) : undefined;
      } catch {
        continue;
      }
      if (!st) continue;
      if (st.isDirectory()) {
        if (d > 0) walk(p, d - 1);
      } else if (/\.ya?ml$/i.test(name) && st.size < 1_000_000 && /^study:/m.test(readFileSync(p, 'utf8'))) {
        out.push(relative(root, p).split(sep).join('/'));
      }
    }
  };
  walk(root, depth);
  return out.sort();
}
