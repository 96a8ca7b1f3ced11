// Coverage you can see (issue 13): the example's official-account component has a heavy tail and
// its interval undercovers — a visible warning with the number in the console and the report;
// with light-tailed answers the same check passes (≥ 93%) and nothing is flagged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStudy } from '../../src/cli/runStudy.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import { computeStudy } from '../../src/study/model/computeStudy.ts';
import { coverageTable } from '../../src/cli/format.ts';
import { renderReport } from '../../src/report/index.ts';
import { createRng } from '../../src/survey/index.ts';

const { results, prepared } = await runStudy(DEFAULT_STUDY, { uncertainty: false });
const OA = 'jobs.operators.official_accounts';

test('example: the official-account interval undercovers and says so beside the figure (console and report)', () => {
  const c = results.figures[OA].coverage!;
  assert.ok(c, 'coverage checked');
  assert.equal(c.interval, 'wald');
  assert.ok(c.coverage < 0.9 && c.warning, `coverage ${c.coverage}`);
  assert.ok(c.missHigh > 10 * c.missLow, 'misses on one side');
  assert.ok(c.top1Share! > 0.5 && c.n < c.cochranMinN!, 'top 1% hold over half; n below Cochran\'s rule');
  const pct = `${(c.coverage * 100).toFixed(1)}%`;
  const text = coverageTable(results, 'en', 200);
  assert.ok(text.includes(`⚠ ${OA}: the 95% interval covers only ${pct} in simulation`), text);
  assert.ok(results.figures['jobs.direct'].coverage!.warning, 'direct jobs inherit it');
  for (const id of ['jobs.providers.wecom', 'jobs.providers.pay', 'jobs.providers.miniprogram_providers']) assert.equal(results.figures[id].coverage!.warning, false, id);
  const html = renderReport(results, 'en');
  assert.ok(html.includes('Interval check: simulated coverage'));
  assert.ok(html.includes(`simulated coverage ${pct} (nominal 95%): interval too narrow`) || html.includes(`coverage ${pct} is below 90%`));
  // deterministic: a second computation gives the same check
  assert.deepEqual(computeStudy(prepared.study.config, prepared.inputs, { uncertainty: false }).figures[OA].coverage, c);
});

test('light-tailed answers: the same interval covers ≥ 93% and nothing is flagged', () => {
  const q = prepared.inputs.questionnaires.operators;
  const rng = createRng(5);
  const accounts = Float64Array.from(q.numbers.accounts, () => 1 + Math.floor(3 * rng()));
  const staff = Float64Array.from(accounts, (a) => Math.round(a * (1 + 3 * rng())));
  const inputs = { ...prepared.inputs, questionnaires: { ...prepared.inputs.questionnaires, operators: { ...q, numbers: { ...q.numbers, accounts, staff } } } };
  const r = computeStudy(prepared.study.config, inputs, { uncertainty: false });
  const c = r.figures[OA].coverage!;
  assert.ok(c.coverage >= 0.93 && !c.warning, `coverage ${c.coverage}`);
  assert.ok(!coverageTable(r, 'en', 200).includes(`⚠ ${OA}`));
});
