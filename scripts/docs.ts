// Generate the docs that must not drift from the code: the study-file JSON Schema and its reference
// page (from src/study/config/schema.ts), one page per CLI command (examples run for real) and the outputs
// quoted in the tutorial (its commands run for real, in order, in a fresh directory).
//
//   npx tsx scripts/docs.ts            write every generated file that changed
//   npx tsx scripts/docs.ts --check    exit 1 listing the stale files; write nothing
//   npx tsx scripts/docs.ts --only cli/init,tutorial   restrict to targets whose name contains a listed part
//   npx tsx scripts/docs.ts --skip tutorial            leave out targets whose name contains a listed part
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { studySchema } from '../src/study/config/schema.ts';
import { commands } from '../src/cli/commands/index.ts';
import { studyFileDoc } from './docs/schemaDoc.ts';
import { PAGES, cliPage } from './docs/cliPages.ts';
import { updateOutputs } from './docs/markdownBlocks.ts';
import { openSession, packageRoot, pageLocale } from './docs/shell.ts';

interface Target {
  name: string;
  path: string;
  render: () => string | Promise<string>;
}

/** Tutorials whose output blocks are generated (and tested by test/docs/tutorial.test.ts). */
export const TUTORIALS = ['docs/tutorial.md', 'docs/tutorial.zh.md'];

/** The tutorial with fresh outputs: its commands run in order in one fresh directory (~/tutorial). */
export async function renderTutorial(text: string, path: string): Promise<string> {
  const session = openSession('~/tutorial', pageLocale(path));
  try {
    return await updateOutputs(text, session);
  } finally {
    session.close();
  }
}

export function targets(): Target[] {
  const registered = new Command();
  for (const register of commands) register(registered, () => {}, 'en');
  const names = registered.commands.map((c) => c.name());
  const missing = names.filter((n) => !PAGES.some((p) => p.command === n));
  if (missing.length) throw new Error(`scripts/docs/cliPages.ts: no page for command(s) ${missing.join(', ')}; add one to PAGES`);
  return [
    { name: 'schema', path: 'schema/study.schema.json', render: () => `${JSON.stringify(studySchema, null, 2)}\n` },
    { name: 'study-file', path: 'docs/study-file.md', render: () => studyFileDoc(studySchema as unknown as Parameters<typeof studyFileDoc>[0]) },
    ...PAGES.filter((p) => names.includes(p.command)).map((p) => ({ name: `cli/${p.command}`, path: `docs/cli/${p.command}.md`, render: () => cliPage(p) })),
    ...TUTORIALS.map((path) => ({ name: path.replace(/^docs\/(.*)\.md$/, '$1'), path, render: () => renderTutorial(readFileSync(join(packageRoot, path), 'utf8'), path) })),
  ];
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const o = argv.indexOf('--only');
  const only = o >= 0 ? (argv[o + 1] ?? '').split(',').filter(Boolean) : null;
  const k = argv.indexOf('--skip');
  const skip = k >= 0 ? (argv[k + 1] ?? '').split(',').filter(Boolean) : [];
  const stale: string[] = [];
  const chosen = targets().filter((t) => (!only || only.some((part) => t.name.includes(part))) && !skip.some((part) => t.name.includes(part)));
  // Render concurrently (each page in its own directory; commands mostly wait on node start-up), at most 3 at a time.
  const rendered = new Map<string, string>();
  const queue = [...chosen];
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) rendered.set(t.path, await t.render());
    }),
  );
  for (const t of chosen) {
    const abs = join(packageRoot, t.path);
    const want = rendered.get(t.path) as string;
    const have = existsSync(abs) ? readFileSync(abs, 'utf8') : null;
    if (have === want) continue;
    stale.push(t.path);
    if (check) continue;
    mkdirSync(dirname(abs), { recursive: true });
    const tmp = `${abs}.${process.pid}.tmp`;
    writeFileSync(tmp, want);
    renameSync(tmp, abs);
  }
  if (check) {
    if (stale.length) {
      process.stderr.write(`stale generated docs (run \`npx tsx scripts/docs.ts\`):\n  ${stale.join('\n  ')}\n`);
      return 1;
    }
    process.stdout.write('generated docs are up to date\n');
    return 0;
  }
  process.stdout.write(stale.length ? `wrote:\n  ${stale.join('\n  ')}\n` : 'generated docs are up to date\n');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
