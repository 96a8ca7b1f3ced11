// End to end in real Chromium (Debian /usr/bin/chromium via playwright-core): report.html written by
// `spillover run` and the dashboard of `spillover serve` load without console errors or network
// access, show the numbers of results.json, switch zh/en, and a scenario change recomputes the
// figures exactly as a CLI run of the changed study does. Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../../src/report/launchChromium.ts';
import { packageRoot } from '../../src/cli/prepare.ts';
import { displayValue } from '../../src/cli/format.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import type { StudyResults } from '../../src/study/types.ts';
import { runStudy } from '../../src/cli/runStudy.ts';
import { computeStudy } from '../../src/study/compute.ts';
import { applyScenario } from '../../src/report/applyScenario.ts';

const skip = existsSync(CHROMIUM_PATH) ? false : `Chromium not found at ${CHROMIUM_PATH} (Debian: apt-get install chromium); browser tests skipped`;
if (skip) console.log(`# ${skip}`);

const artifacts = join(packageRoot, 'test-artifacts');
const tmp = mkdtempSync(join(tmpdir(), 'spillover-browser-'));
let browser: Browser;
let server: RunningServer | undefined;

function cliRun(study: string, out: string): StudyResults {
  const r = spawnSync(process.execPath, [join(packageRoot, 'bin/spillover.js'), 'run', study, '--out', out], { encoding: 'utf8', cwd: packageRoot });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
}

let baseResults: StudyResults | undefined;
/** The default study run once by the CLI (report.html and results.json in tmp/base). */
const baseRun = () => (baseResults ??= cliRun(join(packageRoot, 'examples/wechat-2019/study.yaml'), join(tmp, 'base')));

/** A page that records console errors and fails any request that leaves the machine. */
async function openPage(url: string): Promise<{ page: Page; errors: string[]; external: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('http://127.0.0.1:')) return route.continue();
    external.push(u);
    return route.abort();
  });
  await page.goto(url);
  return { page, errors, external };
}

/** Card values shown on the page, by figure id (text of .value .v). */
const cardValues = (page: Page) =>
  page.$$eval('.card[data-fig]', (els) => Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.fig, e.querySelector('.value .v')?.textContent ?? ''])));

function assertCardsEqual(shown: Record<string, string>, results: StudyResults, what: string) {
  assert.ok(Object.keys(shown).length >= 8, `${what}: cards found`);
  for (const [id, text] of Object.entries(shown)) assert.equal(text, displayValue(results.figures[id], 'zh').text, `${what}: ${id}`);
}

before(async () => {
  if (skip) return;
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium();
});
after(async () => {
  await server?.close();
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('report.html: offline, no console errors, numbers of results.json, zh/en toggle', { skip }, async () => {
  const out = join(tmp, 'base');
  const results = baseRun();
  const { page, errors, external } = await openPage(pathToFileURL(join(out, 'report.html')).href);
  assert.deepEqual(external, [], 'no network requests');
  assertCardsEqual(await cardValues(page), results, 'report');
  // Tables under the charts show the same component jobs.
  const rows = await page.$$eval('#table-components tbody tr[data-fig]', (trs) => trs.map((tr) => [(tr as HTMLElement).dataset.fig, tr.querySelectorAll('td')[4].textContent]));
  for (const [id, text] of rows) assert.equal(text, (results.figures[id as string].value / 1e4).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  assert.equal(await page.locator('.card[data-fig="jobs.total"] .label .zh').isVisible(), true);
  await page.screenshot({ path: join(artifacts, 'report-zh.png'), fullPage: true });
  await page.click('[data-set-lang=en]');
  assert.equal(await page.getAttribute('html', 'data-lang'), 'en');
  assert.equal(await page.locator('.card[data-fig="jobs.total"] .label .en').innerText(), results.figures['jobs.total'].label.en);
  assert.equal(await page.locator('.card[data-fig="jobs.total"] .label .zh').isVisible(), false);
  assert.equal(await page.locator('figure[data-chart=composition] .en svg').isVisible(), true);
  await page.screenshot({ path: join(artifacts, 'report-en.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('dashboard: loads, equals results.json, a scenario change matches a CLI run of the changed study', { skip }, async () => {
  const base = baseRun();
  // The same change made in a copy of the study file, run by the CLI.
  const dir = join(tmp, 'changed');
  cpSync(join(packageRoot, 'examples/wechat-2019'), dir, { recursive: true });
  const yaml = readFileSync(join(dir, 'study.yaml'), 'utf8');
  const changedYaml = yaml.replace(/population: 21000\b/, 'population: 42000').replace(/value: 319\.97\b/, 'value: 400');
  assert.notEqual(changedYaml, yaml);
  writeFileSync(join(dir, 'study.yaml'), changedYaml);
  const changed = cliRun(join(dir, 'study.yaml'), join(tmp, 'changed-out'));

  server = await startServer({ root: join(packageRoot, 'examples'), study: 'wechat-2019/study.yaml', port: 0, lang: 'zh' });
  const { page, errors, external } = await openPage(server.url);
  await page.waitForSelector('body[data-state=ready]', { timeout: 20000 });
  assert.deepEqual(external, []);
  assertCardsEqual(await cardValues(page), base, 'dashboard baseline');
  assert.ok(await page.locator('div.chart[data-chart=composition] svg').count(), 'charts drawn client-side');
  await page.screenshot({ path: join(artifacts, 'dashboard-zh.png'), fullPage: true });

  await page.fill('input[data-scn="population.wecom"]', '42000');
  await page.fill('input[data-scn="jpo"]', '400');
  // Each edit starts a recompute; wait for the result of the last one.
  await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.body.dataset.seq !== undefined && document.body.dataset.computed === document.body.dataset.seq, undefined, { timeout: 10000 });
  const shown = await cardValues(page);
  assertCardsEqual(shown, changed, 'dashboard scenario vs CLI');
  assert.notEqual(shown['jobs.total'], displayValue(base.figures['jobs.total'], 'zh').text, 'total changed');
  assert.equal(shown['jobs.operators'], displayValue(base.figures['jobs.operators'], 'zh').text, 'operators unchanged');
  assert.ok(await page.locator('.card.changed[data-fig="jobs.indirect"]').count());
  await page.screenshot({ path: join(artifacts, 'dashboard-scenario.png'), fullPage: true });

  // The IO method: the domestic Type I model, compared with the engine run on the changed study.
  await page.selectOption('select[data-scn=ioMethod]', 'I-domestic');
  await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.body.dataset.computed === document.body.dataset.seq, undefined, { timeout: 10000 });
  const { prepared } = await runStudy(join(dir, 'study.yaml'));
  const s = applyScenario(prepared.study.config, prepared.inputs, { ioMethod: { method: 'leontief', type: 'I', domestic: true } });
  assertCardsEqual(await cardValues(page), computeStudy(s.config, s.inputs), 'dashboard IO method vs engine');
  await page.selectOption('select[data-scn=ioMethod]', 'seed');
  await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.body.dataset.computed === document.body.dataset.seq, undefined, { timeout: 10000 });
  assertCardsEqual(await cardValues(page), changed, 'dashboard back to the seed method');

  // Explain drawer: formula and inputs of the clicked figure.
  await page.click('.card[data-fig="jobs.indirect"]');
  await page.waitForSelector('#drawer:not([hidden])');
  assert.equal(await page.locator('#drawer [data-drawer-value]').innerText(), displayValue(changed.figures['jobs.indirect'], 'zh').text);
  assert.match(await page.locator('#drawer').innerText(), /induced output × jobs per yuan of output/);
  await page.screenshot({ path: join(artifacts, 'dashboard-explain.png') });
  await page.click('#drawer [data-close]');

  // zh/en toggle re-labels cards and redraws charts.
  await page.click('[data-set-lang=en]');
  assert.equal(await page.locator('.card[data-fig="jobs.total"] .label .en').innerText(), changed.figures['jobs.total'].label.en);
  assert.match((await page.locator('div.chart[data-chart=composition] svg').innerHTML()), /Full-time/);
  await page.screenshot({ path: join(artifacts, 'dashboard-en.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('PNG export (opt-in): one PNG per chart and language, 2× pixel density', { skip }, async () => {
  const { artifactProducers } = await import('../../src/cli/artifacts.ts');
  const { runStudy } = await import('../../src/cli/runStudy.ts');
  const { results, prepared } = await runStudy(join(packageRoot, 'examples/wechat-2019/study.yaml'));
  const files = await artifactProducers[0]({ results, prepared, lang: 'zh', charts: ['png'] });
  const pngs = Object.keys(files).filter((f) => f.endsWith('.png'));
  assert.ok(pngs.includes('charts/composition-zh.png') && pngs.includes('charts/composition-en.png'));
  assert.ok(!Object.keys(files).some((f) => f.endsWith('.svg')), 'svg not asked for');
  for (const f of pngs) {
    const b = Buffer.from(files[f] as Uint8Array);
    assert.equal(b.subarray(1, 4).toString(), 'PNG', f);
    assert.equal(b.readUInt32BE(16), 2 * 940, `${f}: width`); // IHDR width at byte 16
  }
  writeFileSync(join(artifacts, 'chart-composition-zh.png'), files['charts/composition-zh.png'] as Uint8Array);
});
