#!/usr/bin/env node
// Build the package into dist/ (npm runs this at `prepare` and `prepack`): the CLI as ES modules
// with code splitting (a command's heavy modules — exceljs, echarts, DuckDB, playwright-core — stay
// external and load only when the command imports them), the LU and coverage worker threads as entries,
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

/**
 * src/study/config/studyValidator.ts compiled ahead of time: the module bundled in memory to read the schema
 * and options, ajv's standalone code for them, its require() calls of ajv's runtime helpers turned
 * into imports (the bundle is ESM).
 */
async function precompiledStudyValidator() {
  // Bundled with its dependencies (ajv included): a data: URL module resolves no package names.
  const r = await esbuild.build({ absWorkingDir: root, stdin: { contents: "export { studySchema } from './src/study/config/schema.ts'; export { STUDY_VALIDATOR_OPTIONS } from './src/study/config/studyValidator.ts';", resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString('base64')}`);
  const [{ default: Ajv }, { default: standalone }] = await Promise.all([import('ajv'), import('ajv/dist/standalone/index.js')]);
  const ajv = new Ajv.default({ ...mod.STUDY_VALIDATOR_OPTIONS, code: { ...mod.STUDY_VALIDATOR_OPTIONS.code, source: true, esm: true } });
  const validate = ajv.compile(mod.studySchema);
  let k = 0;
  const imports = [];
  const code = standalone.default(ajv, validate).replace(/require\("([^"]+)"\)/g, (_, spec) => {
    imports.push(`import * as ajvRuntime${k} from ${JSON.stringify(`${spec}.js`)};`);
    return `(ajvRuntime${k++}.default ?? ajvRuntime${k - 1})`;
  });
  if (/\brequire\(/.test(code)) throw new Error('build: a require() left in the standalone study validator');
  return `${imports.join('\n')}\n${code.replace(/^"use strict";/, '')}\nexport const STUDY_VALIDATOR_OPTIONS = ${JSON.stringify(mod.STUDY_VALIDATOR_OPTIONS)};\nexport const studyValidator = () => validate10;\n`;
}
const studyValidatorCode = await precompiledStudyValidator();

await esbuild.build({
  absWorkingDir: root,
  plugins: [{
    name: 'precompiled-study-validator',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]study[\\/]config[\\/]studyValidator\.ts$/ }, () => ({ contents: studyValidatorCode, loader: 'js', resolveDir: root }));
    },
  }],
  entryPoints: { main: 'src/cli/main.ts', luThreadWorker: 'src/io-node/luThreadWorker.ts', coverageThreadWorker: 'src/study-node/coverageThreadWorker.ts' },
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
