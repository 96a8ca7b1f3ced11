// The dashboard server: local requests only, no path traversal, payloads equal a CLI run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, isLocalRequest, confineStudyPath, listStudies, plainWords, requestLang, type RunningServer } from '../../src/server/index.ts';
import { packageRoot } from '../../src/data/packagePaths.ts';
import { exampleRun } from '../report/example.ts';

const root = join(packageRoot, 'examples');
let server: RunningServer;

/** GET with a chosen Host header and raw path (node:http does not normalise either). */
function get(path: string, host = `127.0.0.1:${server.port}`, method = 'GET', acceptLanguage?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { host, ...(acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage }) };
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  server = await startServer({ root, study: 'wechat-2019/study.yaml', port: 0, lang: 'zh' });
});
after(() => server.close());

test('isLocalRequest: loopback peer and a local Host with the right port only', () => {
  assert.equal(isLocalRequest('127.0.0.1', 'localhost:8750', 8750), true);
  assert.equal(isLocalRequest('::1', '[::1]:8750', 8750), true);
  assert.equal(isLocalRequest('::ffff:127.0.0.1', '127.0.0.1:8750', 8750), true);
  assert.equal(isLocalRequest('192.168.1.5', '127.0.0.1:8750', 8750), false);
  assert.equal(isLocalRequest('10.0.0.1', 'localhost:8750', 8750), false);
  assert.equal(isLocalRequest('127.0.0.1', 'evil.example:8750', 8750), false);
  assert.equal(isLocalRequest('127.0.0.1', 'localhost:9999', 8750), false);
  assert.equal(isLocalRequest('127.0.0.1', 'localhost', 8750), false);
  assert.equal(isLocalRequest('127.0.0.1', undefined, 8750), false);
  assert.equal(isLocalRequest(undefined, 'localhost:8750', 8750), false);
});

test('requests naming another host (DNS rebinding) are refused with 403', async () => {
  assert.equal((await get('/')).status, 200);
  assert.equal((await get('/', `localhost:${server.port}`)).status, 200);
  for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `192.168.0.2:${server.port}`]) {
    const r = await get('/api/studies', host);
    assert.equal(r.status, 403, host);
    assert.match(r.body, /only local requests/);
  }
});

test('the server listens on 127.0.0.1 only', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('path traversal is refused: "..", encoded "..", absolute paths, symlinks out of the root', async () => {
  for (const p of ['../package.json', '..%2F..%2Fetc%2Fpasswd', '%2e%2e/%2e%2e/etc/passwd', '%2Fetc%2Fpasswd', 'wechat-2019%2F..%2F..%2Fpackage.json', '..\\..\\x.yaml']) {
    const r = await get(`/api/study?path=${p}`);
    assert.equal(r.status, 403, p);
  }
  assert.equal((await get('/../../etc/passwd')).status, 403);
  assert.equal((await get('/%2e%2e/%2e%2e/etc/passwd')).status, 404);
  const dir = mkdtempSync(join(tmpdir(), 'spillover-root-'));
  try {
    mkdirSync(join(dir, 'inside'));
    writeFileSync(join(tmpdir(), `outside-${process.pid}.yaml`), 'study: {}\n');
    symlinkSync(join(tmpdir(), `outside-${process.pid}.yaml`), join(dir, 'inside', 'link.yaml'));
    assert.throws(() => confineStudyPath(dir, 'inside/link.yaml'), (e: Error & { status?: number }) => e.status === 403);
    assert.throws(() => confineStudyPath(dir, 'inside/none.yaml'), (e: Error & { status?: number }) => e.status === 404);
    assert.throws(() => confineStudyPath(dir, 'inside'), (e: Error & { status?: number }) => e.status === 400);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(tmpdir(), `outside-${process.pid}.yaml`), { force: true });
  }
});

test('unknown routes 404, other methods 405', async () => {
  assert.equal((await get('/etc/passwd')).status, 404);
  const missing = await get('/api/study?path=wechat-2019/nope.yaml');
  assert.equal(missing.status, 404);
  // the refusal in both languages: the page shows its own (no English in zh, no Chinese in en beyond the path)
  assert.deepEqual(JSON.parse(missing.body).texts, { zh: '看板根目录下没有研究文件 "wechat-2019/nope.yaml"', en: 'no study file "wechat-2019/nope.yaml" under the dashboard root' });
  const refused = JSON.parse((await get('/api/study?path=%2Fetc%2Fx.yaml')).body);
  assert.match(refused.texts.zh, /^拒绝研究文件路径 "\/etc\/x\.yaml"：须为相对于看板根目录的路径/);
  assert.equal(refused.texts.en, refused.error);
  assert.equal(JSON.parse((await get('/api/study?path=wechat-2019')).body).texts.zh.startsWith('不是研究文件（.yaml）'), true);
  assert.equal((await get('/', undefined, 'POST')).status, 405);
});

test('requestLang: the higher-ranked of zh and en in Accept-Language, else undefined', () => {
  assert.equal(requestLang('en-US,en;q=0.9,zh;q=0.5'), 'en');
  assert.equal(requestLang('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
  assert.equal(requestLang('fr, zh-Hant-TW;q=0.8, en;q=0.7'), 'zh');
  assert.equal(requestLang('en;q=0.4, ZH;q=0.6'), 'zh');
  assert.equal(requestLang('zh;q=0, en-GB'), 'en');
  assert.equal(requestLang('fr, de'), undefined);
  assert.equal(requestLang('zh;q=0'), undefined);
  assert.equal(requestLang(''), undefined);
  assert.equal(requestLang(undefined), undefined);
  assert.equal(requestLang('*'), 'zh');
  assert.equal(plainWords({ zh: '甲', en: 'A' }, 'fr'), '甲\nA');
});

test('plain-text refusals (405, 404, non-local 403, "..") in the language the request asks for, else both', async () => {
  const port = server.port;
  const cases: [string, string, string, { zh: RegExp; en: RegExp }][] = [
    ['/', `127.0.0.1:${port}`, 'POST', { zh: /^不允许该请求方法（只接受 GET 和 HEAD）$/, en: /^method not allowed \(GET and HEAD only\)$/ }],
    ['/etc/passwd', `127.0.0.1:${port}`, 'GET', { zh: /^找不到：\/etc\/passwd$/, en: /^not found: \/etc\/passwd$/ }],
    ['/', 'evil.example', 'GET', { zh: /^拒绝：仪表盘只回应本机请求（127\.0\.0\.1、localhost）$/, en: /^refused: the dashboard answers only local requests/ }],
    ['/../x', `127.0.0.1:${port}`, 'GET', { zh: /^拒绝：请求路径中含有“\.\.”$/, en: /^refused: "\.\." in the request path$/ }],
  ];
  for (const [path, host, method, want] of cases) {
    const zh = await get(path, host, method, 'zh-CN,zh;q=0.9,en;q=0.8');
    const en = await get(path, host, method, 'en-GB,en;q=0.9');
    const both = await get(path, host, method);
    assert.match(zh.body, want.zh, path);
    assert.match(en.body, want.en, path);
    assert.doesNotMatch(en.body, /[\u4e00-\u9fff]/, path);
    const [zhLine, enLine, ...rest] = both.body.split('\n');
    assert.match(zhLine ?? '', want.zh, path);
    assert.match(enLine ?? '', want.en, path);
    assert.deepEqual(rest, [], path);
    assert.equal(zh.status, en.status);
  }
});

test('the study list and the payload: results equal a CLI run of the same study', async () => {
  const list = JSON.parse((await get('/api/studies')).body);
  assert.deepEqual(list.studies, listStudies(root));
  assert.ok(list.studies.includes('wechat-2019/study.yaml'));
  const r = await get('/api/study?path=wechat-2019/study.yaml');
  assert.equal(r.status, 200);
  const p = JSON.parse(r.body);
  const { results } = await exampleRun();
  assert.deepEqual(p.results.figures, JSON.parse(JSON.stringify(results.figures)));
  assert.equal(p.inputs.model, null, 'the model is rebuilt in the browser from the table');
  assert.equal(p.table.n, 149);
  const n = Object.values(p.inputs.questionnaires as Record<string, { valid: number; numbers: Record<string, { $f64: unknown[] }> }>);
  for (const q of n) for (const col of Object.values(q.numbers)) assert.equal(col.$f64.length, q.valid);
});

test('the browser bundle is served and contains the engine', async () => {
  const app = await get('/app.js');
  const worker = await get('/worker.js');
  assert.equal(app.status, 200);
  assert.equal(worker.status, 200);
  assert.match(worker.body, /Horvitz|N_k \/ n_k/);
});

test('spillover serve: bad --port and a study outside --root stop with a clear message', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [join(packageRoot, 'bin/spillover.js'), 'serve', ...args], { encoding: 'utf8', cwd: packageRoot, timeout: 20000 });
  const a = run('--port', 'abc');
  assert.equal(a.status, 2);
  assert.match(a.stderr, /--port: expected an integer 0–65535, got "abc"/);
  const b = run(join(packageRoot, 'examples/wechat-2019/study.yaml'), '--root', join(packageRoot, 'src'));
  assert.equal(b.status, 2);
  assert.match(b.stderr, /is outside --root/);
});

test('listStudies: study files only, hidden directories and node_modules skipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-list-'));
  try {
    for (const d of ['a', 'b/c', 'node_modules/x', '.hidden']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, 'a/study.yaml'), 'study: {name: a}\n');
    writeFileSync(join(dir, 'b/c/other.yml'), '# comment\nstudy:\n  year: 2020\n');
    writeFileSync(join(dir, 'b/published.yaml'), 'figures: []\n');
    writeFileSync(join(dir, 'node_modules/x/study.yaml'), 'study: {}\n');
    writeFileSync(join(dir, '.hidden/study.yaml'), 'study: {}\n');
    assert.deepEqual(listStudies(dir), ['a/study.yaml', 'b/c/other.yml']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
