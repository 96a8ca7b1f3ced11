import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * writeFileAtomic — write `data` to `path` via a temp file in the same directory, then rename, so a reader
 * never sees a half-written file and a failed run leaves the old file intact.
 * Fails (the fs error) if the directory does not exist or is not writable; the temp file is removed.
 * Example: await writeFileAtomic('out/results.json', '{}\n') → out/results.json contains "{}\n".
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
