// `spillover explain ID --json`: the figure and every figure it is computed from, as records a program
// can read; `--list --json` the ids; an unknown id fails as the text form does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const run = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/spillover.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

interface Rec { id: string; label: string; value: number; unit: string; display: { value: string; unit: string }; se?: number; ci?: [number, number]; formula: string; inputs: Record<string, unknown>; from: string[] }

test('explain --json: the derivation as records, closed under `from`, each figure once', () => {
  const r = run(['explain', 'jobs.indirect', '--json', '--lang', 'en']);
  assert.equal(r.status, 0, r.stderr);
  const body = JSON.parse(r.stdout) as { id: string; lang: string; figures: Rec[] };
  assert.equal(body.id, 'jobs.indirect');
  assert.equal(body.lang, 'en');
  const [top] = body.figures;
  assert.equal(top.id, 'jobs.indirect');
  assert.equal(top.label, 'Indirect jobs');
  assert.equal(top.unit, 'persons');
  assert.equal(top.display.value, '3.62'); // as the text form shows it
  assert.equal(top.display.unit, 'million jobs');
  assert.ok(top.se! > 0 && top.ci![0] < top.value && top.value < top.ci![1]);
  const byId = new Map(body.figures.map((f) => [f.id, f]));
  assert.equal(byId.size, body.figures.length, 'each figure once');
  for (const f of body.figures) for (const c of f.from) assert.ok(byId.has(c), `${f.id} is computed from ${c}, which is listed`);
  // The records carry the numbers the formula uses: jobs = induced output × jobs per yuan of output.
  assert.deepEqual(top.from, ['output.indirect', 'ratio.jobs_per_output']);
  const product = byId.get('output.indirect')!.value * byId.get('ratio.jobs_per_output')!.value;
  assert.ok(Math.abs(product / top.value - 1) < 1e-12, `${product} vs ${top.value}`);
  // … and induced output is the sum of its categories.
  const sum = byId.get('output.indirect')!.from.reduce((s, c) => s + byId.get(c)!.value, 0);
  assert.ok(Math.abs(sum / byId.get('output.indirect')!.value - 1) < 1e-12);
  assert.equal(byId.get('consumption.traffic')!.inputs.field, 'traffic');
  // The same figures as the text form names.
  const text = run(['explain', 'jobs.indirect', '--lang', 'en', '--wide']);
  assert.equal(text.status, 0, text.stderr);
  const named = new Set([...text.stdout.matchAll(/^[│├└─ ]*([a-z_]+(?:\.[a-z_0-9]+)+) {2}/gm)].map((m) => m[1]));
  assert.deepEqual([...byId.keys()].sort(), [...named].sort());
});

test('explain --json in Chinese; --list --json; an unknown id is an error, not JSON', () => {
  const zh = JSON.parse(run(['explain', 'jobs.providers.wecom', '--json', '--lang', 'zh']).stdout) as { figures: Rec[] };
  assert.equal(zh.figures.length, 1);
  assert.equal(zh.figures[0].label, '企业微信服务商');
  assert.equal(zh.figures[0].inputs.N_k, 21000);
  const list = run(['explain', '--list', '--json', '--lang', 'en']);
  assert.equal(list.status, 0, list.stderr);
  const ids = (JSON.parse(list.stdout) as { figures: { id: string; label: string; unit: string }[] }).figures;
  const textIds = run(['explain', '--list', '--lang', 'en']).stdout.trim().split('\n').map((l) => l.split(/\s/)[0]);
  assert.deepEqual(ids.map((f) => f.id), textIds);
  assert.ok(ids.every((f) => f.label && f.unit));
  const bad = run(['explain', 'jobs.indrect', '--json']);
  assert.notEqual(bad.status, 0);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /unknown figure id "jobs.indrect"/);
});
