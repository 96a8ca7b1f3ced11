#!/usr/bin/env node
// The project's test command: build dist/ (the CLI tests run the compiled `spillover`, as users
// do), type-check, then run test/**/*.test.ts with node's test runner. node --test on Node 20
// needs explicit paths for .ts files, so we collect them here.
// Usage: node scripts/test.mjs [--unit] [filter-substring ...]
//   --unit: the engines' and pure modules' tests only (test/survey, io, study, report, locale, layout files
//           that start no process or browser and import no Node-only edge; `npm run test:unit`, ≈ 30 s on
//           2 cores), no type-check.
//   filters: test files whose path contains one of the substrings (no type-check).
// The type-check is two projects: tsconfig.json (everything) and tsconfig.engines.json (engines, no Node types).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const unit = args.includes('--unit');
const filters = args.filter((a) => a !== '--unit');
function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}
const UNIT_DIRS = ['test/survey/', 'test/io/', 'test/study/', 'test/report/', 'test/locale/', 'test/layout/'];
// A unit file tests engines and pure modules: it starts no process or browser and imports none of the Node-only
// edges (the CLI, the server, the data layer with DuckDB, the engines' thread code) — the example study run end to
// end through them is the full suite's.
const EDGE_IMPORT = /from '(\.\.\/)+src\/(cli|server|data|io-node|study-node)\//;
const isUnit = (f) => {
  if (!UNIT_DIRS.some((d) => f.startsWith(d))) return false;
  const text = readFileSync(join(root, f), 'utf8');
  return !/child_process|launchChromium|playwright/.test(text) && !EDGE_IMPORT.test(text);
};
const files = walk(join(root, 'test')).filter((f) => (filters.length === 0 || filters.some((s) => f.includes(s))) && (!unit || isUnit(f)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
if (!unit) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('build failed');
    process.exit(build.status ?? 1);
  }
}
if (filters.length === 0 && !unit) {
  // The whole project, then the engines without Node types (tsconfig.engines.json: a node: import
  // or a Node global in src/survey, io, study or locale fails here).
  for (const project of [root, join(root, 'tsconfig.engines.json')]) {
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', project], { stdio: 'inherit' });
    if (tsc.status !== 0) {
      console.error(`typecheck failed (${relative(root, project) || 'tsconfig.json'})`);
      process.exit(tsc.status ?? 1);
    }
  }
}
// The same default language on every machine: English (C.UTF-8), no SPILLOVER_LANG; tests of the
// language default set these themselves.
const env = { ...process.env, LANG: 'C.UTF-8' };
for (const k of ['LC_ALL', 'LC_MESSAGES', 'SPILLOVER_LANG']) delete env[k];
// node --test runs each file in a process of its own, one at a time on 2 cores (availableParallelism − 1): the
// unit files are mostly start-up (tsx, imports) and independent, so --unit runs two at a time.
// The full suite keeps one at a time: its CLI, server and browser tests time their own processes.
const concurrency = unit ? ['--test-concurrency=2'] : [];
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...concurrency, '--test-reporter=tap', ...files], { stdio: 'inherit', cwd: root, env });
process.exit(r.status ?? 1);
