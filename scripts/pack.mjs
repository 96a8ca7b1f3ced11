#!/usr/bin/env node
// npm pack: what the tarball's own files say to `npm i -g spillover-*.tgz`.
// - npm-shrinkwrap.json, a copy of package-lock.json, so that the install takes exactly the tested
//   dependency versions (and can take them from the npm cache);
// - a package.json without the repository's scripts: `prepare` builds dist/ in a clone (`npm ci`), but the
//   tarball carries dist/ built, and a `prepare` there only makes npm (11) warn of an install script it
//   would have to allow.
// `prepack` (after the build) writes both and keeps package.json's bytes in package.json.packing; `postpack`
// puts them back and removes the shrinkwrap copy (the repository keeps only the lock). A pack that stopped
// half-way is undone by the next one.
// Usage: node scripts/pack.mjs [--restore]
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const at = (name) => fileURLToPath(new URL(`../${name}`, import.meta.url));
const manifest = at('package.json'), kept = at('package.json.packing');
const lock = at('package-lock.json'), shrinkwrap = at('npm-shrinkwrap.json');

function restore() {
  if (existsSync(kept)) renameSync(kept, manifest);
  rmSync(shrinkwrap, { force: true });
}

restore();
if (!process.argv.includes('--restore')) {
  const text = readFileSync(manifest, 'utf8');
  const pkg = JSON.parse(text);
  writeFileSync(kept, text);
  delete pkg.scripts;
  const packed = `${manifest}.tmp`;
  writeFileSync(packed, `${JSON.stringify(pkg, null, 2)}\n`);
  renameSync(packed, manifest);
  copyFileSync(lock, shrinkwrap);
}
