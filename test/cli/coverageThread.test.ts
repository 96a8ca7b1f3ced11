// The coverage check on a worker thread (spillover run): the same results, to the byte, as the check
// on the run's own thread; a failure in the thread reaches the caller with its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStudy } from '../../src/cli/runStudy.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import { startCoverageThread } from '../../src/study-node/coverageThread.ts';
import { computeStudy } from '../../src/study/model/computeStudy.ts';

test('runStudy with the coverage thread: results.json byte-identical to the check in line (keys in the same order)', async () => {
  const inline = await runStudy(DEFAULT_STUDY, { uncertainty: false });
  const threaded = await runStudy(DEFAULT_STUDY, { uncertainty: false, coverageThread: true });
  const checked = Object.values(threaded.results.figures).filter((f) => f.coverage);
  assert.equal(checked.length, 6, 'five components and jobs.direct');
  assert.ok(threaded.results.figures['jobs.operators.official_accounts'].coverage!.replicates === 119);
  assert.equal(JSON.stringify(threaded.results), JSON.stringify(inline.results));
});

test('deferCoverage: computeStudy leaves the check to the caller, with the figures it reads', async () => {
  const { prepared, results } = await runStudy(DEFAULT_STUDY, { uncertainty: false });
  let seen: object | undefined;
  const r = computeStudy(prepared.study.config, prepared.inputs, { uncertainty: false, deferCoverage: (f) => (seen = f) });
  assert.equal(seen, r.figures);
  assert.ok(Object.values(r.figures).every((f) => f.coverage === undefined));
  const thread = startCoverageThread();
  try {
    await assert.rejects(thread.check(r.figures), /coverage thread: no study started/);
    thread.start(prepared.study.config, prepared.inputs); // the bootstrap-t checks run ahead, before the figures
    const checks = await thread.check(r.figures);
    assert.deepEqual(Object.keys(checks).sort(), Object.entries(results.figures).filter(([, f]) => f.coverage).map(([id]) => id).sort());
    for (const [id, c] of Object.entries(checks)) assert.deepEqual(c, results.figures[id].coverage, id);
    // an error in the thread (a component selecting on a field it does not have) rejects the check with its message
    const broken = { ...prepared.study.config, operators: prepared.study.config.operators.map((c) => ({ ...c, where: { no_such_field: ['x'] } })) };
    thread.start(broken, prepared.inputs);
    await assert.rejects(thread.check(r.figures), /where: "no_such_field" is not a mapped category field of questionnaire "operators"/);
    // the thread still answers afterwards
    thread.start(prepared.study.config, prepared.inputs);
    assert.deepEqual(await thread.check(r.figures), checks);
  } finally {
    await thread.close();
  }
});
