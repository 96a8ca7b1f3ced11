// Every figure of the bundled example and of the test study, as main computed them before the
// figures became definitions (issue 11): values, standard errors, intervals, Monte Carlo intervals,
// tornado and switching values. A figure id present in the snapshot must keep its value to 1e-12
// relative. Regenerate only on purpose: SNAPSHOT_WRITE=1 node scripts/test.mjs figureSnapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { runStudy } from '../../src/cli/runStudy.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import type { StudyResults } from '../../src/study/types.ts';

const FIXTURE = new URL('../fixtures/figures/snapshot.json', import.meta.url);
const STUDIES: Record<string, string> = { example: DEFAULT_STUDY, fixture: new URL('../fixtures/study/study.yaml', import.meta.url).pathname };
const TOLERANCE = 1e-12;

type Numbers = Record<string, number>;
/** The numbers of a run, flattened under stable keys (figure id + field; Monte Carlo under mc.*). */
function numbers(r: StudyResults): Numbers {
  const out: Numbers = {};
  for (const [id, f] of Object.entries(r.figures)) {
    out[`${id}`] = f.value;
    if (f.se !== undefined) out[`${id}#se`] = f.se;
    if (f.df !== undefined) out[`${id}#df`] = f.df;
    if (f.ci) [out[`${id}#lo`], out[`${id}#hi`]] = f.ci;
  }
  for (const c of r.consumption) [out[`consumption:${c.id}#amount`], out[`consumption:${c.id}#output`], out[`consumption:${c.id}#jobs`]] = [c.amount, c.inducedOutput, c.jobs];
  for (const c of r.components) [out[`component:${c.id}#jobs`], out[`component:${c.id}#fulltime`]] = [c.jobs, c.fulltime];
  const u = r.uncertainty;
  if (u) {
    for (const [id, iv] of Object.entries(u.intervals)) for (const k of ['central', 'lo', 'hi', 'mean', 'sd', 'median'] as const) if (typeof (iv as unknown as Record<string, unknown>)[k] === 'number') out[`mc:${id}#${k}`] = (iv as unknown as Numbers)[k];
    for (const row of u.tornado?.rows ?? []) [out[`tornado:${row.parameter}#low`], out[`tornado:${row.parameter}#high`], out[`tornado:${row.parameter}#atLow`], out[`tornado:${row.parameter}#atHigh`]] = [row.low, row.high, row.figureAtLow, row.figureAtHigh];
    for (const s of u.switching) out[`switching:${s.parameter}:${s.figure}`] = s.value;
  }
  return out;
}

async function current(): Promise<Record<string, Numbers>> {
  const out: Record<string, Numbers> = {};
  for (const [name, path] of Object.entries(STUDIES)) out[name] = numbers((await runStudy(path)).results);
  return out;
}

test('every figure keeps its value from before the figure definitions (1e-12 relative)', async () => {
  const now = await current();
  if (process.env.SNAPSHOT_WRITE === '1') writeFileSync(FIXTURE, JSON.stringify(now, null, 1) + '\n');
  const before = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Numbers>;
  for (const [study, values] of Object.entries(before)) {
    assert.ok(Object.keys(values).length > 50, `${study}: the snapshot holds the run's numbers`);
    for (const [key, v] of Object.entries(values)) {
      const w = now[study][key];
      assert.ok(w !== undefined, `${study}: ${key} is gone`);
      assert.ok(Math.abs(w - v) <= TOLERANCE * Math.max(Math.abs(v), 1e-300) || (Number.isNaN(v) && Number.isNaN(w)), `${study}: ${key} = ${w}, was ${v}`);
    }
  }
});
