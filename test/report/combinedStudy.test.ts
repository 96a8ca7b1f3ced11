// A study with questionnaires AND transactions gives ONE report.html (and one dashboard) with both
// parts: the jobs figures as in the questionnaire-only run, the voucher section (the original report's
// measure beside the causal estimates, event studies with intervals, effects by industry) placed
// after the net-impact analysis and before the method, and the voucher measures in the summary.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { packageRoot } from '../../src/data/packagePaths.ts';
import { studyPayload } from '../../src/server/studyPayload.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/report/launchChromium.ts';
import { startServer } from '../../src/server/index.ts';
import { voucherValue } from '../../src/report/vouchersSection.ts';
import type { StudyResults } from '../../src/study/types.ts';
import { combinedStudy } from '../fixtures/combined/combinedStudy.ts';
import { exampleRun } from './example.ts';

const tmp = mkdtempSync(join(tmpdir(), 'spillover-combined-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const dir = join(tmp, 'combined');
mkdirSync(dir);
const study = combinedStudy(dir);
const sectionIds = (html: string) => [...html.matchAll(/<section[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);

function cliRun(lang: 'zh' | 'en', out: string) {
  const r = spawnSync(process.execPath, [join(packageRoot, 'bin/spillover.js'), 'run', study, '--out', out, '--lang', lang], { encoding: 'utf8', cwd: tmp });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('spillover run on a study with both parts: one report.html with the jobs part and the voucher section', { timeout: 300_000 }, async () => {
  const out = join(tmp, 'out');
  const stdout = cliRun('zh', out);
  assert.match(stdout, /voucher\.mpc\.lottery/, 'the console shows the voucher table too');
  assert.ok(!existsSync(join(out, 'vouchers.html')), 'no second report');
  for (const f of ['report.html', 'results.json', 'tables.xlsx', 'vouchers.json', 'vouchers.csv']) assert.ok(existsSync(join(out, f)), f);
  const results: StudyResults = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  const vouchers = JSON.parse(readFileSync(join(out, 'vouchers.json'), 'utf8')).vouchers;
  // The jobs part is the questionnaire-only study's, figure for figure.
  const { results: alone } = await exampleRun();
  for (const id of Object.keys(alone.figures)) assert.equal(results.figures[id]?.value, alone.figures[id].value, id);

  const html = readFileSync(join(out, 'report.html'), 'utf8');
  const ids = sectionIds(html);
  for (const [a, b] of [['summary', 'headline'], ['chart-composition', 'net'], ['net', 'vouchers'], ['vouchers', 'methodology'], ['methodology', 'quality'], ['quality', 'appendix']]) {
    assert.ok(ids.indexOf(a) >= 0 && ids.indexOf(a) < ids.indexOf(b), `${a} before ${b}: ${ids.join(' ')}`);
  }
  const section = html.slice(html.indexOf('<section id="vouchers">'), html.indexOf('<section id="methodology">'));
  assert.equal((section.match(/<svg /g) ?? []).length, 4, 'lottery and city event studies, zh and en');
  assert.ok(section.includes('餐饮'), 'effects by industry');
  for (const id of ['voucher.leverage.reported', 'voucher.mpc.lottery', 'voucher.att.city']) {
    const f = vouchers.figures[id];
    assert.ok(section.includes(`title="${id}"`), `${id} row`);
    assert.ok(section.includes(voucherValue(f, f.value, 'zh')) && section.includes(voucherValue(f, f.value, 'en')), `${id} value`);
  }
  assert.ok(section.includes(vouchers.explanation.zh.replace(/"/g, '&quot;')) && section.includes(vouchers.explanation.en.replace(/"/g, '&quot;')), 'the why-sentence in both languages');
  // The summary names both measures of the voucher part, with the values of vouchers.json.
  const summary = html.slice(html.indexOf('<section id="summary">'), html.indexOf('<section id="headline">'));
  assert.ok(summary.includes(voucherValue(vouchers.figures['voucher.leverage.reported'])), 'leverage in the summary');
  assert.ok(summary.includes(voucherValue(vouchers.figures['voucher.mpc.lottery'])), 'causal multiplier in the summary');
});

test('the dashboard payload of a study with both parts carries the voucher results and hashes every transaction file', { timeout: 300_000 }, async () => {
  const p = await studyPayload(study, relative(tmp, study));
  assert.ok('vouchers' in p && p.vouchers, 'vouchers in the payload');
  const out = join(tmp, 'out');
  const vouchers = JSON.parse(readFileSync(join(out, 'vouchers.json'), 'utf8')).vouchers;
  for (const [id, f] of Object.entries(vouchers.figures as Record<string, { value: number }>)) assert.equal(p.vouchers.figures[id].value, f.value, id);
  assert.ok(p.files.some((f) => f.endsWith('.parquet')), 'parquet files of the partitioned folder');
  assert.ok(p.files.some((f) => f.endsWith('applicants.csv')));
});

const skip = existsSync(CHROMIUM_PATH) ? false : `Chromium not found at ${CHROMIUM_PATH}`;

/** The dashboard of `study` under `root` in Chromium, ready; `check(page, errors)` runs before everything is closed. */
async function withDashboard(root: string, studyRel: string, hash: string, check: (page: Page, errors: string[]) => Promise<void>) {
  const server = await startServer({ root, study: studyRel, port: 0, lang: 'zh' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}${hash}`);
    await page.waitForSelector('body[data-state=ready]', { timeout: 60000 });
    mkdirSync(join(packageRoot, 'test-artifacts'), { recursive: true });
    await check(page, errors);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
}

test('dashboard of a study with both parts: the voucher section under the jobs part, zh and en, no console errors', { skip, timeout: 300_000 }, () =>
  withDashboard(tmp, relative(tmp, study), '', async (page) => {
    const order = await page.$$eval('#report section[id]', (els) => els.map((e) => e.id));
    assert.ok(order.indexOf('net') < order.indexOf('vouchers') && order.indexOf('vouchers') < order.indexOf('methodology'), order.join(' '));
    assert.equal(await page.locator('#vouchers .zh svg').count(), 2);
    assert.ok(await page.locator('#vouchers .zh').first().isVisible());
    assert.ok(!(await page.locator('#vouchers .en').first().isVisible()));
    await page.locator('#vouchers').screenshot({ path: join(packageRoot, 'test-artifacts', 'dashboard-vouchers-zh.png') });
    await page.click('[data-set-lang=en]');
    assert.ok(await page.locator('#vouchers .en').first().isVisible());
    await page.locator('#vouchers').screenshot({ path: join(packageRoot, 'test-artifacts', 'dashboard-vouchers-en.png') });
  }));

test('dashboard of a study with transactions only: summary and voucher section, no scenario inputs, no console errors', { skip, timeout: 300_000 }, () =>
  withDashboard(join(packageRoot, 'examples'), 'vouchers-2020/study.yaml', '#en', async (page) => {
    assert.deepEqual(await page.$$eval('#report section[id]', (els) => els.map((e) => e.id)), ['summary', 'vouchers']);
    assert.equal(await page.locator('#vouchers .en svg').count(), 2, 'both event studies');
    assert.equal(await page.locator('#scenario input').count(), 0);
    // Same transactions as the combined study of the first test: the same leverage.
    const lev = JSON.parse(readFileSync(join(tmp, 'out', 'vouchers.json'), 'utf8')).vouchers.figures['voucher.leverage.reported'];
    assert.ok((await page.locator('#summary').innerText()).includes(voucherValue(lev)));
    await page.screenshot({ path: join(packageRoot, 'test-artifacts', 'dashboard-vouchers-only-en.png') });
  }));

// The report file opens in a browser as well (a file: URL, no server).
test('combined report.html in Chromium: no console errors, the voucher section visible in the run language', { skip, timeout: 120_000 }, async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(tmp, 'out', 'report.html')).href);
    assert.ok(await page.locator('#vouchers .zh h2').isVisible());
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
