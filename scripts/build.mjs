#!/usr/bin/env node
// Build the package into dist/ (npm runs this at `prepare` and `prepack`): the CLI as ES modules
// with code splitting, its small pure-JavaScript dependencies bundled (their licences in
// dist/THIRD-PARTY-LICENSES.txt; they are devDependencies, not installed with the package), the heavy or
// native ones — exceljs, DuckDB's binding, playwright-core, @clickhouse/client — external and loaded only when a
// command imports them; the LU and coverage worker threads as entries, and the dashboard's browser bundle
// (dist/web/app.js, worker.js, echarts in it) so esbuild is not needed at run time.
// Usage: node scripts/build.mjs
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules } from 'node:module';
import { spawnSync } from 'node:child_process';
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
 * and options, and ajv's standalone code for them (CommonJS) written to dist/studyValidator.code.js. The module
 * that replaces studyValidator.ts in dist/ loads that code through node:vm with a V8 code cache made here
 * (studyValidatorCache below): the validator is one ~1 MB function, and parsing and compiling it at its first call
 * cost a run ≈ 0.1 s; with the cache ≈ 0.02 s. A cache that V8 rejects (another Node version) is ignored: the code
 * is compiled as without it.
 */
/** JavaScript text with every non-ASCII UTF-16 unit written as a \u escape: the same values, and a file Node reads as a one-byte string. */
const asciiEscaped = (text) => text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

async function precompiledStudyValidator() {
  // Bundled with its dependencies (ajv included): a data: URL module resolves no package names.
  const r = await esbuild.build({ absWorkingDir: root, stdin: { contents: "export { studySchema } from './src/study/config/schema.ts'; export { STUDY_VALIDATOR_OPTIONS } from './src/study/config/studyValidator.ts';", resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString('base64')}`);
  const [{ default: Ajv }, { default: standalone }] = await Promise.all([import('ajv'), import('ajv/dist/standalone/index.js')]);
  const ajv = new Ajv.default({ ...mod.STUDY_VALIDATOR_OPTIONS, code: { ...mod.STUDY_VALIDATOR_OPTIONS.code, source: true } });
  const validate = ajv.compile(mod.studySchema);
  // Non-ASCII characters (the schema's descriptions and unit patterns, 万|亿…) written as \u escapes, the same values: an
  // ASCII file is read as a one-byte string, without UTF-8 decoding of the whole ~1 MB (≈ 10 ms at each run's start).
  const code = asciiEscaped(standalone.default(ajv, validate));
  const runtime = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))];
  if (runtime.some((spec) => !spec.startsWith('ajv/dist/runtime/'))) throw new Error(`build: the standalone study validator requires ${runtime.join(', ')}`);
  // the code as a function of (require, module, exports), the form node:vm runs
  const script = `(function (require, module, exports) {${code}\n})`;
  const module = [
    "import { readFileSync } from 'node:fs';",
    "import { Script } from 'node:vm';",
    "import { fileURLToPath } from 'node:url';",
    ...runtime.map((spec, k) => `import * as ajvRuntime${k} from ${JSON.stringify(`${spec}.js`)};`),
    `const RUNTIME = { ${runtime.map((spec, k) => `${JSON.stringify(spec)}: ajvRuntime${k}.default ?? ajvRuntime${k}`).join(', ')} };`,
    `export const STUDY_VALIDATOR_OPTIONS = ${JSON.stringify(mod.STUDY_VALIDATOR_OPTIONS)};`,
    'let compiled;',
    '/** studyValidator() → the schema\'s validate function, loaded on first use with the code cache made at build time. */',
    'export const studyValidator = () => (compiled ??= load());',
    'function load() {',
    "  const file = fileURLToPath(new URL('./studyValidator.code.js', import.meta.url));",
    '  let cachedData;',
    "  try { cachedData = readFileSync(file.replace(/\\.js$/, '.cache')); } catch { /* no cache: compiled as usual */ }",
    "  const script = new Script(readFileSync(file, 'latin1'), { filename: 'spillover/dist/studyValidator.code.js', ...(cachedData ? { cachedData } : {}) }); // ASCII (the build escapes the rest)",
    '  const module = { exports: {} };',
    "  script.runInThisContext()((spec) => { if (!(spec in RUNTIME)) throw new Error(`studyValidator: unexpected require(${spec})`); return RUNTIME[spec]; }, module, module.exports);",
    '  return module.exports.default ?? module.exports;',
    '}',
    '',
  ].join('\n');
  return { script, module };
}
const studyValidatorCode = await precompiledStudyValidator();

/**
 * src/data/gbTables.ts made at build time: the GBK / GB18030 decoding tables, taken from iconv-lite (a devDependency)
 * by the module itself, written to dist/gbTables.bin; the module that replaces it in dist/ reads that file at first use.
 */
async function gbTablesFile() {
  const r = await esbuild.build({ absWorkingDir: root, stdin: { contents: "export { gbTablesArray } from './src/data/gbTables.ts'; export { gbTablesBytes } from './src/data/gbTableFormat.ts';", resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent',
    // iconv-lite (CommonJS) requires Node's buffer: a data: URL module has no require of its own
    banner: { js: `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(join(root, 'package.json'))});` } });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString('base64')}`);
  const module = [
    "import { readFileSync } from 'node:fs';",
    `import { gbTablesFromBytes, unpackGbTables } from ${JSON.stringify(join(root, 'src/data/gbTableFormat.ts'))};`,
    'let tables;',
    "/** gbTables() → the decoding tables, read from dist/gbTables.bin (made by scripts/build.mjs from iconv-lite's) at first use. */",
    "export const gbTables = () => (tables ??= unpackGbTables(gbTablesFromBytes(readFileSync(new URL('./gbTables.bin', import.meta.url)))));",
    '',
  ].join('\n');
  return { bytes: mod.gbTablesBytes(mod.gbTablesArray()), module };
}
const gbTablesCode = await gbTablesFile();

/**
 * The V8 code cache of dist/studyValidator.code.js, made by a fresh `node` (the runtime's flags, not this
 * script's) after validating the bundled example study, so the functions compiled by that call are in it.
 */
function studyValidatorCache(dir) {
  const maker = [
    "const { Script } = require('node:vm'); const { readFileSync, writeFileSync } = require('node:fs');",
    "const [file, study] = process.argv.slice(1);",
    "const script = new Script(readFileSync(file, 'latin1'), { filename: 'spillover/dist/studyValidator.code.js' });",
    'const module = { exports: {} };',
    'script.runInThisContext()(require, module, module.exports);',
    "(module.exports.default ?? module.exports)(require('yaml').parse(readFileSync(study, 'utf8')));",
    "writeFileSync(file.replace(/\\.js$/, '.cache'), script.createCachedData());",
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', maker, join(dir, 'studyValidator.code.js'), join(root, 'examples/wechat-2019/study.yaml')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('build: making the study validator\'s code cache failed');
}

/**
 * The licence texts of the packages bundled into dist/ — the CLI's chunks and the dashboard's browser bundle (from
 * esbuild's metafiles), and those whose data dist/ holds (`dataFrom`: iconv-lite's tables in gbTables.bin) — one
 * after another: each package's licence file, and its NOTICE and licenses/ files where it has them (echarts:
 * Apache-2.0's NOTICE, and d3's licence for the code of d3 it holds).
 */
function bundledLicences(metafiles, dataFrom) {
  const packages = new Set(dataFrom);
  for (const input of metafiles.flatMap((m) => Object.keys(m.inputs))) {
    const m = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input); // the innermost package (node_modules/a/node_modules/b/…: b)
    if (m) packages.add(m[0].slice(0, -1));
  }
  const texts = (dir, names) => names.map((f) => readFileSync(join(dir, f), 'utf8').trim());
  const parts = [...packages].sort((a, b) => (a.split('node_modules/').pop() < b.split('node_modules/').pop() ? -1 : 1)).map((path) => {
    const dir = join(root, path);
    const name = path.split('node_modules/').pop();
    const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const files = readdirSync(dir);
    const licence = files.find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    if (!licence) throw new Error(`build: ${name} is bundled but has no licence file`);
    const notice = files.filter((f) => /^notice(\.(md|txt))?$/i.test(f));
    const more = files.includes('licenses') ? readdirSync(join(dir, 'licenses')).sort().map((f) => `licenses/${f}`) : [];
    return `${name} ${version} (${license})\n\n${texts(dir, [licence, ...notice, ...more]).join('\n\n')}\n`;
  });
  return `The following packages are bundled into dist/ (scripts/build.mjs): into the command's modules, and into the dashboard's\nbrowser code (dist/web/); their licences:\n\n${parts.join(`\n${'-'.repeat(72)}\n\n`)}`;
}

/** Dependencies left as imports of the installed packages (native, or large and loaded only by some commands). */
const EXTERNAL = ['@duckdb/node-bindings', 'esbuild', '@clickhouse/client', 'exceljs', 'echarts', 'playwright-core'];

const cli = await esbuild.build({
  absWorkingDir: root,
  plugins: [{
    name: 'precompiled-study-validator-and-gbk-tables',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]study[\\/]config[\\/]studyValidator\.ts$/ }, () => ({ contents: studyValidatorCode.module, loader: 'js', resolveDir: root }));
      b.onLoad({ filter: /[\\/]src[\\/]data[\\/]gbTables\.ts$/ }, () => ({ contents: gbTablesCode.module, loader: 'ts', resolveDir: root }));
    },
  }],
  entryPoints: { main: 'src/cli/main.ts', luThreadWorker: 'src/io-node/luThreadWorker.ts', coverageThreadWorker: 'src/study-node/coverageThreadWorker.ts' },
  outdir: next,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The small pure-JavaScript dependencies (yaml, commander, iconv-lite, ajv's runtime) are bundled: no module
  // resolution or CommonJS export lexing at start-up. The heavy or native ones stay imports of the installed
  // packages, loaded when a command reaches them.
  external: EXTERNAL,
  // a bundled CommonJS module's require() of a Node built-in
  banner: { js: "import { createRequire as __spilloverRequire } from 'node:module'; const require = __spilloverRequire(import.meta.url);" },
  metafile: true,
  // Chunks beside the entries: a chunk finds the worker entry as ./luThreadWorker.js.
  chunkNames: '[name]-[hash]',
  // Without the whitespace and comments (names kept): a quarter less text for V8 to scan at each start (a default run
  // loads 1.5 MB of modules instead of 2.0; their compile ≈ 20% less).
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
});

// The modules as ASCII: esbuild escapes non-ASCII characters in strings but leaves them in regular expressions and
// comments, and one such character makes Node decode the whole file as UTF-8 into a two-byte string (the 590 kB data
// chunk: ≈ 7 ms instead of ≈ 1 at each run's start) that V8 then scans as two-byte text. Written as \u escapes they mean
// the same in a regular expression (code units; a surrogate pair as two escapes, one code point with the u flag).
for (const file of Object.keys(cli.metafile.outputs).filter((f) => f.endsWith('.js'))) {
  const text = readFileSync(join(root, file), 'utf8');
  if (/^[\x00-\x7f]*$/.test(text)) continue;
  if (/\\[^\x00-\x7f]/.test(text)) {
    rmSync(next, { recursive: true, force: true });
    throw new Error(`build: ${file} has a backslash before a non-ASCII character, which a \\u escape would change`);
  }
  writeFileSync(join(root, file), asciiEscaped(text));
}

// A dynamic import() of a bundled CommonJS package gives a chunk with its default export only (no names):
// import such a package statically from a module of ours, and import() that module (src/study/config/yaml.ts).
for (const [file, out] of Object.entries(cli.metafile.outputs).filter(([f]) => f.endsWith('.js'))) {
  if (out.exports.length === 1 && out.exports[0] === 'default' && /export\s*default\s*require_\w+\(\)/.test(readFileSync(join(root, file), 'utf8'))) {
    rmSync(next, { recursive: true, force: true });
    throw new Error(`build: ${file} holds only the default export of a bundled CommonJS package, which a dynamic import('…') of it makes: import the package statically from a module of ours instead`);
  }
}

// The packages dist/ still imports at run time are installed with the package: each must be a dependency. The bundled
// ones are devDependencies (needed to build and to run the sources through tsx), so `npm i -g` does not install them.
// esbuild is imported only from the sources (src/server/buildClient.ts builds the dashboard's client when not compiled).
const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const runtimeImports = new Set(Object.values(cli.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path)).map((i) => packageOf(i.path))));
const notInstalled = [...runtimeImports].filter((name) => !(name in dependencies) && name !== 'esbuild');
const bundledDependencies = Object.keys(dependencies).filter((name) => !runtimeImports.has(name));
if (notInstalled.length || bundledDependencies.length) {
  rmSync(next, { recursive: true, force: true });
  throw new Error(`build: package.json: ${[
    ...notInstalled.map((n) => `${n} is imported by dist/ at run time but is ${n in devDependencies ? 'a devDependency' : 'not a dependency'}`),
    ...bundledDependencies.map((n) => `${n} is bundled into dist/ (or not used): move it to devDependencies`),
  ].join('; ')}`);
}

const client = await esbuild.build({ ...clientBuildOptions(root, { write: true, outdir: join(next, 'web') }), absWorkingDir: root, metafile: true });
if (client.errors.length) process.exit(1);
writeFileSync(join(next, 'studyValidator.code.js'), studyValidatorCode.script);
writeFileSync(join(next, 'gbTables.bin'), gbTablesCode.bytes);
studyValidatorCache(next);
writeFileSync(join(next, 'BUILD'), 'built by scripts/build.mjs; rebuild with `npm run build`\n');
writeFileSync(join(next, 'THIRD-PARTY-LICENSES.txt'), bundledLicences([cli.metafile, client.metafile], ['node_modules/iconv-lite']));
const old = join(root, `dist.${process.pid}.old`);
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
process.stderr.write(`spillover: built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
