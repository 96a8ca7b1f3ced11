#!/usr/bin/env node
// npm pack: the tarball carries npm-shrinkwrap.json, a copy of package-lock.json, so that
// `npm i -g spillover-*.tgz` installs exactly the tested dependency versions (and can do so from
// the npm cache). `prepack` writes it, `postpack` removes it again (the repository keeps only the lock).
// Usage: node scripts/shrinkwrap.mjs [--remove]
import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const lock = fileURLToPath(new URL('../package-lock.json', import.meta.url));
const shrinkwrap = fileURLToPath(new URL('../npm-shrinkwrap.json', import.meta.url));
if (process.argv.includes('--remove')) rmSync(shrinkwrap, { force: true });
else copyFileSync(lock, shrinkwrap);
