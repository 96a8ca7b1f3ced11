// The dashboard's study payloads, computed once per content: an entry is valid while the study file and
// every file it read have the same SHA-256 as when it was computed; concurrent first requests for one
// study share one computation.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';

/** SHA-256 of a file, remembered while its size, modification and change times and inode stay the same. */
const digests = new Map<string, { stamp: string; hash: Promise<string> }>();
function stampOf(path: string): string {
  const st = statSync(path, { bigint: true });
  return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
}
export function fileDigest(path: string): Promise<string> {
  let stamp: string;
  try {
    stamp = stampOf(path);
  } catch {
    return Promise.resolve('missing');
  }
  const known = digests.get(path);
  if (known && known.stamp === stamp) return known.hash;
  const hash = new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
  digests.set(path, { stamp, hash });
  hash.catch(() => digests.delete(path));
  return hash;
}

interface Entry {
  /** file → SHA-256 when the payload was computed (the study file first) */
  inputs: Map<string, string>;
  json: string;
}

/**
 * payloadCache(compute) → get(study): the cached JSON while no input changed, else one computation
 * shared by every request waiting for it. `compute(study)` returns the JSON and the files it read.
 */
export function payloadCache(compute: (study: string) => Promise<{ json: string; files: string[] }>) {
  const entries = new Map<string, Entry>();
  const running = new Map<string, Promise<string>>();
  const fresh = async (study: string, e: Entry): Promise<boolean> => {
    for (const [file, hash] of e.inputs) if ((await fileDigest(file)) !== hash) return false;
    return true;
  };
  const run = async (study: string): Promise<string> => {
    const before = await fileDigest(study);
    const { json, files } = await compute(study);
    const inputs = new Map<string, string>([[study, before]]);
    for (const f of files) if (f !== study) inputs.set(f, await fileDigest(f));
    entries.set(study, { inputs, json });
    return json;
  };
  return async function get(study: string): Promise<string> {
    const pending = running.get(study);
    if (pending) return pending;
    const e = entries.get(study);
    if (e && (await fresh(study, e))) return e.json;
    const again = running.get(study); // another request may have started it while we hashed
    if (again) return again;
    const p = run(study).finally(() => running.delete(study));
    running.set(study, p);
    return p;
  };
}
