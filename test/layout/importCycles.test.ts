// No import cycles in src/: the import graph of every .ts/.mjs file (static imports, `import type`
// and `export … from` included; dynamic import() left out, as it loads lazily) is acyclic, so each
// folder can be read bottom-up from its index. Reports one cycle per strongly connected component,
// file by file. The graph is built here from the sources (no dependency): specifiers starting with
// '.' resolved against the importing file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);

function sources(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|mjs)$/.test(name) ? [p] : [];
  });
}

/** Static import edges of a file: `import … from 'x'`, `import 'x'`, `export … from 'x'` (comments stripped). */
export function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/gm)) out.push(m[1]);
  return out;
}

/** Cycles of a directed graph: one per strongly connected component of more than one node (or a self-loop), by Tarjan's algorithm. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

test('the cycle finder finds a cycle and passes a tree', () => {
  assert.deepEqual(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), [['a', 'b', 'c']]);
  assert.deepEqual(cycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), []);
  assert.deepEqual(importsOf("import type { X } from './x.ts';\nexport { y } from '../y.ts';\n// import z from './z.ts'\nconst m = await import('./lazy.ts');"), ['./x.ts', '../y.ts']);
});

test('no import cycle among the files of src/', () => {
  const files = sources(join(root, 'src'));
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps = importsOf(readFileSync(f, 'utf8')).filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(dirname(f), s)));
    graph.set(relative(root, f), deps);
  }
  assert.ok(graph.size > 200, `read ${graph.size} files`);
  const found = cycles(graph);
  assert.deepEqual(found, [], `import cycles:\n${found.map((c) => c.join(' → ')).join('\n')}`);
});
