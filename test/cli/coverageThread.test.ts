// The coverage check on a worker thread (spillover run): the same results, to the byte, as the check
// on the run's own thread; a failure in the thread reaches the caller with its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStudy } from '../../src/cli/runStudy.ts';
import { DEFAULT_STUDY } from '../../src/data/packagePaths.ts';
import { startCoverageThread } from '../../src/study-node/coverageThread.ts';
import { computeStudy } from '../../src/study/model/computeStudy.ts';
import { setComponentIntervals } from '../../src/study/model/componentIntervals.ts';
import { errorText, type LocalizedError } from '../../src/locale/errorText.ts';

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

test('deferComponentIntervals: the bootstrap-t intervals come from the thread, the same to the bit; their errors keep both languages', async () => {
  const { prepared, results } = await runStudy(DEFAULT_STUDY, { uncertainty: false });
  const { config } = prepared.study;
  const OA = 'jobs.operators.official_accounts';
  const deferred = computeStudy(config, prepared.inputs, { uncertainty: false, deferComponentIntervals: true, deferCoverage: () => undefined });
  assert.equal(deferred.figures[OA].interval, 'wald', 'left as Wald for the caller');
  assert.notDeepEqual(deferred.figures[OA].ci, results.figures[OA].ci);
  const thread = startCoverageThread();
  try {
    await assert.rejects(thread.intervals(), /coverage thread: no study started/);
    thread.start(config, prepared.inputs);
    const intervals = await thread.intervals();
    assert.deepEqual(Object.keys(intervals), [OA]);
    setComponentIntervals(deferred.figures, intervals);
    assert.equal(JSON.stringify(deferred.figures), JSON.stringify(Object.fromEntries(Object.entries(results.figures).map(([id, f]) => [id, { ...f, coverage: undefined }]))));
    // staff = accounts: R̂ = 1 and every residual 0 in every replicate, so every replicate's se is 0, so the bootstrap-t fails, here as in line
    const q = prepared.inputs.questionnaires.operators;
    const flat = { ...prepared.inputs, questionnaires: { ...prepared.inputs.questionnaires, operators: { ...q, numbers: { ...q.numbers, staff: q.numbers.accounts } } } };
    const inline = (() => {
      try {
        computeStudy(config, flat, { uncertainty: false });
      } catch (e) {
        return e as LocalizedError;
      }
      assert.fail('the bootstrap-t did not fail');
    })();
    assert.match(inline.message, /^bootstrapT: only 0 of 999 replicates had a positive standard error$/);
    const figures = computeStudy(config, flat, { uncertainty: false, deferComponentIntervals: true, deferCoverage: () => undefined }).figures;
    thread.start(config, flat);
    const words = (e: unknown) => ({ zh: errorText(e, 'zh'), en: errorText(e, 'en') });
    const failing = await thread.intervals();
    assert.throws(() => setComponentIntervals(figures, failing), (e) => (assert.deepEqual(words(e), words(inline)), true));
    // a figure without an interval takes none, and its bootstrap-t's error is not raised (as in line)
    delete figures[OA].ci;
    setComponentIntervals(figures, failing);
    assert.equal(figures[OA].interval, 'wald');
  } finally {
    await thread.close();
  }
});
