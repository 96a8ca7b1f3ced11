// spillover plan on the bundled example: JSON shape, determinism by seed, option errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const bin = new URL('../../bin/spillover.js', import.meta.url).pathname;
const plan = (...args: string[]) => spawnSync(process.execPath, [bin, 'plan', ...args], { encoding: 'utf8' });

test('plan --json: five components, allocation, identical on rerun', () => {
  const a = plan('--sizes', '50,200', '--reps', '200', '--seed', '3', '--json');
  assert.equal(a.status, 0, a.stderr);
  const j = JSON.parse(a.stdout);
  assert.deepEqual(j.components.map((c: { id: string }) => c.id), ['wecom', 'pay', 'miniprogram_providers', 'official_accounts', 'miniprogram_operators']);
  for (const c of j.components) {
    assert.deepEqual(c.rows.map((r: { n: number }) => r.n), [50, 200]);
    assert.ok(c.rows[1].predicted < c.rows[0].predicted, `${c.id}: half-width shrinks with n`);
  }
  assert.ok(Math.abs(j.allocation.total / 1e4 - 2601) < 0.5);
  assert.ok(j.allocation.halfWidth <= 0.05 * j.allocation.total);
  assert.equal(plan('--sizes', '50,200', '--reps', '200', '--seed', '3', '--json').stdout, a.stdout);
});

test('plan: table output and option errors', () => {
  const t = plan('--sizes', '100', '--reps', '50', '--lang', 'en');
  assert.equal(t.status, 0, t.stderr);
  assert.match(t.stdout, /Neyman allocation for ±5% on direct jobs/);
  const bad = plan('--sizes', '1,x');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /--sizes: expected integers ≥ 2, got "1"/);
});
