// The study files under the dashboard's root directory (for the study picker).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const SKIP = new Set(['node_modules', 'out', 'test-artifacts']);

/**
 * listStudies(root, depth = 4) → paths relative to root (with "/"), sorted, of *.yaml / *.yml files
 * that have a top-level `study:` key. Hidden directories, node_modules and out/ are skipped;
 * symlinked directories are not followed.
 * Example: listStudies('examples') → ['wechat-2019/study.yaml'].
 */
export function listStudies(root: string, depth = 4): string[] {
  const out: string[] = [];
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
        st = statSync(p, { throwIfNoEntry: false });
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
