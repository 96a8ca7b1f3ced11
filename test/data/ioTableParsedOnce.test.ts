// The IO table is read (and parsed) once per run: by `spillover run` (runStudy) and by the dashboard's
// payload (studyPayload, which ships the table loadStudyInputs parsed instead of parsing it again).
// Counted end to end: node:fs readFileSync is spied (syncBuiltinESMExports makes the named imports
// of every module see the spy) and the reads of the table file are counted.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { runStudy } from '../../src/cli/runStudy.ts';
import { studyPayload } from '../../src/server/studyPayload.ts';
import { BUILTINS, DEFAULT_STUDY, packageRoot } from '../../src/data/packagePaths.ts';

const TABLE = join(packageRoot, BUILTINS['china-io-2017-149']);

/** How many times `run` reads the IO table file. */
async function tableReads(run: () => Promise<unknown>): Promise<number> {
  const spy = mock.method(fs, 'readFileSync');
  syncBuiltinESMExports();
  try {
    await run();
    return spy.mock.calls.filter((c) => String(c.arguments[0]) === TABLE).length;
  } finally {
    spy.mock.restore();
    syncBuiltinESMExports();
  }
}

test('runStudy reads and parses the IO table once', async () => {
  assert.equal(await tableReads(() => runStudy(DEFAULT_STUDY, { uncertainty: false })), 1);
});

test('studyPayload reads and parses the IO table once and ships that table', async () => {
  let payload: Awaited<ReturnType<typeof studyPayload>> | undefined;
  assert.equal(await tableReads(async () => void (payload = await studyPayload(DEFAULT_STUDY, 'examples/wechat-2019/study.yaml'))), 1);
  assert.ok(payload && 'table' in payload, 'a questionnaire study gives the full payload');
  assert.equal(payload.table?.n, 149);
  assert.ok(payload.files.includes(TABLE), 'the table is among the files the cache watches');
});
