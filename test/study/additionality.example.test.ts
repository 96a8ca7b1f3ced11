// The bundled example with the illustrative additionality and uncertainty block of docs/net-impact.md:
// gross and net side by side, labelled; Monte Carlo with the survey's sampling error; reproducible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import { loadStudyInputs } from '../../src/data/loadStudyInputs.ts';
import { computeStudy } from '../../src/study/model/computeStudy.ts';
import { parseNetImpact, netOf, uncertaintyOf } from './additionalityFixture.ts';

/** The YAML block shown in docs/net-impact.md (kept in one place: the doc). */
function docBlock(): string {
  const md = readFileSync(new URL('../../docs/net-impact.md', import.meta.url), 'utf8');
  const m = /<!-- example-block -->\s*```yaml\n([\s\S]*?)```/.exec(md);
  assert.ok(m, 'docs/net-impact.md has the example block');
  return m[1];
}

test('default example: gross and net side by side, illustrative, with intervals', async () => {
  const p = await loadStudyInputs(DEFAULT_STUDY);
  const config = p.study.config;
  const results = computeStudy(config, p.inputs);
  const net = parseNetImpact(docBlock(), config);
  const f = netOf(config, net, p.inputs);
  const gross = results.figures['jobs.total'].value;
  assert.ok(Math.abs(gross / 1e4 - 2963) < 0.5, `gross total ${gross}`);
  const n = f['net.jobs.total'];
  assert.ok(n.value > 0 && n.value < gross, `net ${n.value} vs gross ${gross}`);
  assert.match(n.label.en, /^Net additional: .*\(illustrative assumptions\)$/);
  assert.match(n.label.zh, /^净新增.*（示意性假设）$/);
  assert.match(n.notes?.en ?? '', /ILLUSTRATIVE/);
  assert.match(n.notes?.zh ?? '', /^示意性假设，不是估计。额外性比率来源：/);
  // Net direct = Σ_k jobs_k × factor_k with the default factor at the triangular mean (0.2+0.4+0.6)/3 = 0.4:
  // (1 − 0)(1 − 0.3)(1 − 0.4)(1 − 0.1) = 0.378 for every component.
  assert.ok(Math.abs(f['net.jobs.direct'].value / results.figures['jobs.direct'].value - 0.378) < 1e-12);

  const u = uncertaintyOf(config, { ...net, uncertainty: { ...net.uncertainty!, draws: 2000 } }, p.inputs);
  for (const id of ['jobs.total', 'jobs.direct', 'jobs.indirect', 'net.jobs.total', 'net.jobs.direct', 'net.jobs.indirect']) {
    const iv = u.intervals[id];
    assert.ok(iv.lo < iv.central && iv.central < iv.hi, `${id}: ${iv.lo} < ${iv.central} < ${iv.hi}`);
  }
  // Survey sampling error enters: the gross direct-jobs interval is at least as wide as ±1.96 se of the figure.
  const se = results.figures['jobs.direct'].se as number;
  assert.ok(se > 0, 'the survey engine supplies se');
  assert.ok(u.intervals['jobs.direct'].hi - u.intervals['jobs.direct'].lo > 0.9 * 2 * 1.96 * se);
  assert.equal(u.tornado?.rows[0].parameter, 'additionality.components.default.displacement');
  const s = u.switching[0];
  assert.ok(Math.abs(s.figureAt - s.target) < 1e-6 * s.target && s.value > 0 && s.value < 1);
  assert.deepEqual(uncertaintyOf(config, { ...net, uncertainty: { ...net.uncertainty!, draws: 2000 } }, p.inputs), u);
});
