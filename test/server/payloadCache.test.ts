// The dashboard's payloads: cached per content of every file a study reads, one computation for
// concurrent first requests, only studies inside the root listed, no server path in a body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { payloadCache } from '../../src/server/payloadCache.ts';
import { listStudies, startServer } from '../../src/server/index.ts';
import { packageRoot } from '../../src/data/packagePaths.ts';

test('payloadCache: one computation for 20 concurrent requests; a changed input (same size and mtime) recomputes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-cache-'));
  const study = join(dir, 'study.yaml');
  const data = join(dir, 'data.csv');
  writeFileSync(study, 'study: {}\n');
  writeFileSync(data, 'id,x\n1,5\n');
  let calls = 0;
  const get = payloadCache(async (s) => {
    calls++;
    await new Promise((r) => setTimeout(r, 50));
    return { json: `${s}:${readFileSync(data, 'utf8')}`, files: [data] };
  });
  const all = await Promise.all(Array.from({ length: 20 }, () => get(study)));
  assert.equal(calls, 1);
  assert.ok(all.every((j) => j === all[0]));
  assert.equal(await get(study), all[0]);
  assert.equal(calls, 1, 'unchanged inputs: served from the cache');
  const { atime, mtime } = statSync(data);
  writeFileSync(data, 'id,x\n1,7\n'); // same size
  utimesSync(data, atime, mtime); // same modification time
  assert.match(await get(study), /1,7/);
  assert.equal(calls, 2, 'a changed questionnaire is not served stale');
  writeFileSync(study, 'study: {a: 1}\n');
  await get(study);
  assert.equal(calls, 3, 'a changed study file recomputes');
  rmSync(dir, { recursive: true, force: true });
});

const fetch = (url: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) =>
    httpGet(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject),
  );

test('the picker lists no study a link leads out of the root; bodies carry no path of the server', async () => {
  const base = mkdtempSync(join(tmpdir(), 'spillover-root-'));
  const root = join(base, 'root');
  mkdirSync(root);
  cpSync(join(packageRoot, 'examples/wechat-2019'), join(root, 'S'), { recursive: true });
  rmSync(join(root, 'S/study-bridged.yaml')); // the example's price-bridge variant: one study per folder here
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside/study.yaml'), 'study: {name: secret}\n');
  symlinkSync(join(base, 'outside'), join(root, 'linked-out'));
  symlinkSync(join(base, 'outside/study.yaml'), join(root, 'out-file.yaml'));
  symlinkSync(join(root, 'S'), join(root, 'linked-in'));
  mkdirSync(join(root, 'broken'));
  writeFileSync(join(root, 'broken/study.yaml'), readFileSync(join(root, 'S/study.yaml'), 'utf8').replace('file: data/providers.csv', 'file: data/nope.csv'));
  assert.deepEqual(listStudies(root), ['S/study.yaml', 'broken/study.yaml', 'linked-in/study.yaml']);
  const server = await startServer({ root, study: 'S/study.yaml', port: 0, lang: 'en' });
  try {
    const list = await fetch(`${server.url}api/studies`);
    assert.equal(list.status, 200);
    assert.deepEqual(JSON.parse(list.body), { default: 'S/study.yaml', studies: ['S/study.yaml', 'broken/study.yaml', 'linked-in/study.yaml'] });
    const bad = await fetch(`${server.url}api/study?path=broken/study.yaml`);
    assert.equal(bad.status, 422);
    assert.match(JSON.parse(bad.body).error, /file not found: data\/nope\.csv \(looked for broken\/data\/nope\.csv\)/);
    // the same fault in Chinese for a zh page (the page shows the text of its language)
    assert.match(JSON.parse(bad.body).texts.zh, /找不到文件：data\/nope\.csv（查找位置 broken\/data\/nope\.csv）/);
    assert.equal(JSON.parse(bad.body).texts.en, JSON.parse(bad.body).error);
    const ok = await fetch(`${server.url}api/study?path=S/study.yaml`);
    assert.equal(ok.status, 200);
    for (const body of [list.body, bad.body, ok.body]) assert.ok(!body.includes(base), 'no absolute server path in a body');
  } finally {
    await server.close();
    rmSync(base, { recursive: true, force: true });
  }
});
