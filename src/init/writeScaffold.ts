// Write a scaffold into a directory: refuse a non-empty directory unless forced; each file atomically.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../data/writeFileAtomic.ts';

/**
 * writeScaffold(dir, files, {force}) → the relative names written, sorted. Creates `dir` (and parents).
 * Fails when `dir` is a file, or a non-empty directory and `force` is not set (naming what is there);
 * with `force`, scaffold files replace same-named files and other files are left alone.
 */
export async function writeScaffold(dir: string, files: Record<string, string | Uint8Array>, opts: { force: boolean }): Promise<string[]> {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir}: exists and is not a directory`);
    const present = readdirSync(dir);
    if (present.length > 0 && !opts.force)
      throw new Error(`${dir}: directory is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}); choose a new directory or pass --force to overwrite the scaffold's files`);
  }
  const names = Object.keys(files).sort();
  for (const name of names) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    await writeFileAtomic(path, files[name]);
  }
  return names;
}
