#!/usr/bin/env node
// Entry point of the `spillover` command: runs the compiled CLI in dist/ (built by
// scripts/build.mjs at `npm ci`/`npm install` in a clone, and before `npm pack`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(`spillover: ${fileURLToPath(main)} is missing: the command is not built.\n  In a clone of the repository, run \`npm ci\` (or \`npm run build\`).\n`);
  process.exit(2);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv);
