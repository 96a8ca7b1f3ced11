#!/usr/bin/env node
// Build the package into dist/ (npm runs this at `prepare` and `prepack`): the CLI as ES modules
// with code splitting (a command's heavy modules — exceljs, echarts, DuckDB, playwright-core — stay
// external and load only when the command imports them), the LU worker thread as its own entry,
// and the dashboard's browser bundle (dist/web/app.js, worker.js) so esbuild is not needed at run time.
// Usage: node scripts/build.mjs
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// An installed package has dist/ and no sources: nothing to build (and no esbuild).
if (!existsSync(join(root, 'src/cli/main.ts'))) process.exit(0);
const [esbuild, { clientBuildOptions }] = await Promise.all([import('esbuild'), import('./clientBuildOptions.mjs')]);
const dist = join(root, 'dist');
// Built beside, then swapped in: a `spillover` started meanwhile sees the old or the new dist/.
const next = join(root, `dist.${process.pid}.tmp`);
const started = performance.now();

rmSync(next, { recursive: true, force: true });
mkdirSync(next, { recursive: true });

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', luThreadWorker: 'src/cli/luThreadWorker.ts' },
  outdir: next,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies are installed beside the package: keep them as imports (loaded when reached).
  packages: 'external',
  // Chunks beside the entries: a chunk finds the worker entry as ./luThreadWorker.js.
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});

const client = await esbuild.build(clientBuildOptions(root, { write: true, outdir: join(next, 'web') }));
if (client.errors.length) process.exit(1);
writeFileSync(join(next, 'BUILD'), 'built by scripts/build.mjs; rebuild with `npm run build`\n');
const old = join(root, `dist.${process.pid}.old`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
process.stderr.write(`spillover: built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
