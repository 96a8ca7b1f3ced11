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
import { packageRoot } from '../../src/data/packagePaths.ts';
import { displayValue } from '../../src/locale/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import type { StudyResults } from '../../src/study/types.ts';
import { runStudy } from '../../src/cli/runStudy.ts';
import { computeStudy } from '../../src/study/model/computeStudy.ts';
import { applyScenario } from '../../src/study/model/applyScenario.ts';

const skip = existsSync(CHROMIUM_PATH) ? false : `Chromium not found at ${CHROMIUM_PATH} (Debian: apt-get install chromium); browser tests skipped`;
if (skip) console.log(`# ${skip}`);

const artifacts = join(packageRoot, 'test-artifacts');
const tmp = mkdtempSync(join(tmpdir(), 'spillover-browser-'));
let browser: Browser;
let server: RunningServer | undefined;

/** A CLI run in Chinese (the report opens in the run's language; the test then toggles to English). */
function cliRun(study: string, out: string): StudyResults {
  const r = spawnSync(process.execPath, [join(packageRoot, 'bin/spillover.js'), 'run', study, '--out', out, '--lang', 'zh'], { encoding: 'utf8', cwd: packageRoot });
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

/** Card values shown on the page, by figure id (the Chinese text of .value .v). */
const cardValues = (page: Page) =>
  page.$$eval('.card[data-fig]', (els) => Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.fig, (e.querySelector('.value .v .zh') ?? e.querySelector('.value .v'))?.textContent ?? ''])));

function assertCardsEqual(shown: Record<string, string>, results: StudyResults, what: string) {
  assert.ok(Object.keys(shown).length >= 8, `${what}: cards found`);
  for (const [id, text] of Object.entries(shown)) assert.equal(text, displayValue(results.figures[id], 'zh').text, `${what}: ${id}`);
}

/** Net table, Monte Carlo table and tornado table cells (exact values, data-v) equal results.json. */
async function assertUncertaintyEqual(page: Page, results: StudyResults, what: string) {
  const u = results.uncertainty;
  assert.ok(u?.tornado, `${what}: the example declares a tornado`);
  const cells = (table: string) => page.$$eval(`#table-${table} tbody tr[data-fig]`, (trs) => trs.map((tr) => [(tr as HTMLElement).dataset.fig as string, Array.from(tr.querySelectorAll('td')).map((td) => (td as HTMLElement).dataset.v ?? null)] as const));
  const net = await cells('net');
  assert.ok(net.length >= 10, `${what}: net rows`);
  for (const [id, v] of net) {
    assert.equal(Number(v[1]), results.figures[id.slice(4)].value, `${what}: gross ${id}`);
    assert.equal(Number(v[2]), results.figures[id].value, `${what}: ${id}`);
  }
  for (const [id, v] of await cells('uncertainty')) assert.deepEqual([Number(v[5]), Number(v[6])], [u.intervals[id].lo, u.intervals[id].hi], `${what}: MC interval of ${id}`);
  const torn = await cells('tornado');
  assert.equal(torn.length, u.tornado.rows.length);
  torn.forEach(([, v], i) => assert.deepEqual([Number(v[4]), Number(v[5])], [u.tornado?.rows[i].figureAtLow, u.tornado?.rows[i].figureAtHigh], `${what}: tornado row ${i}`));
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
  const componentJobs = () => page.$$eval('#table-components tbody tr[data-fig]', (trs) => trs.map((tr) => [(tr as HTMLElement).dataset.fig, (tr.querySelectorAll('td')[4] as HTMLElement).innerText]));
  for (const [id, text] of await componentJobs()) assert.equal(text, (results.figures[id as string].value / 1e4).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  assert.equal(await page.locator('#headline .card[data-fig="jobs.total"] .label .zh').isVisible(), true);
  // Gross vs net side by side; the uncertainty section with the tornado chart and its table.
  assert.equal(await page.locator('#net .card.net[data-fig="net.jobs.total"]').isVisible(), true);
  assert.equal(await page.locator('#net .card.gross[data-fig="jobs.total"]').isVisible(), true);
  assert.equal(await page.locator('#uncertainty figure[data-chart=tornado] .zh svg').isVisible(), true);
  await assertUncertaintyEqual(page, results, 'report');
  await page.locator('#net').screenshot({ path: join(artifacts, 'report-net-zh.png') });
  await page.locator('#uncertainty').screenshot({ path: join(artifacts, 'report-uncertainty-zh.png') });
  await page.screenshot({ path: join(artifacts, 'report-zh.png'), fullPage: true });
  await page.click('[data-set-lang=en]');
  assert.equal(await page.getAttribute('html', 'data-lang'), 'en');
  assert.equal(await page.locator('#headline .card[data-fig="jobs.total"] .label .en').innerText(), results.figures['jobs.total'].label.en);
  assert.equal(await page.locator('#headline .card[data-fig="jobs.total"] .label .zh').isVisible(), false);
  assert.equal(await page.locator('figure[data-chart=composition] .en svg').isVisible(), true);
  // English shows its own magnitude: component jobs in million jobs.
  for (const [id, text] of await componentJobs()) assert.equal(text, (results.figures[id as string].value / 1e6).toFixed(2));
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
  const changedYaml = yaml
    .replace(/population: 21000\b/, 'population: 42000')
    .replace(/value: 319\.97\b/, 'value: 400')
    .replace(/displacement: \{dist: triangular, min: 0\.2, mode: 0\.4, max: 0\.6\}/, 'displacement: 0.5');
  assert.equal((changedYaml.match(/displacement: 0\.5/g) ?? []).length, 1, 'displacement of the components fixed at 0.5');
  assert.notEqual(changedYaml, yaml);
  writeFileSync(join(dir, 'study.yaml'), changedYaml);
  const changed = cliRun(join(dir, 'study.yaml'), join(tmp, 'changed-out'));

  server = await startServer({ root: join(packageRoot, 'examples'), study: 'wechat-2019/study.yaml', port: 0, lang: 'zh' });
  const { page, errors, external } = await openPage(server.url);
  await page.waitForSelector('body[data-state=ready]', { timeout: 20000 });
  assert.deepEqual(external, []);
  assertCardsEqual(await cardValues(page), base, 'dashboard baseline');
  await assertUncertaintyEqual(page, base, 'dashboard baseline');
  assert.ok(await page.locator('div.chart[data-chart=tornado] svg').count(), 'tornado drawn client-side');
  assert.ok(await page.locator('div.chart[data-chart=composition] svg').count(), 'charts drawn client-side');
  await page.screenshot({ path: join(artifacts, 'dashboard-zh.png'), fullPage: true });

  await page.fill('input[data-scn="population.wecom"]', '42000');
  await page.fill('input[data-scn="jpo"]', '400');
  await page.fill('input[data-scn="rate.additionality.components.default.displacement"]', '0.5');
  // Each edit starts a recompute; wait for the result of the last one, figures and Monte Carlo.
  await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.body.dataset.seq !== undefined && document.body.dataset.computed === document.body.dataset.seq && document.body.dataset.mcComputed === document.body.dataset.seq, undefined, { timeout: 20000 });
  assert.ok(Number(await page.getAttribute('#status', 'data-progress')) > 0, 'Monte Carlo progress shown');
  const shown = await cardValues(page);
  assertCardsEqual(shown, changed, 'dashboard scenario vs CLI');
  // Net direct jobs as the CLI gives them with the same displacement rate (exact value in the net table).
  const netDirect = Number(await page.getAttribute('#table-net tr[data-fig="net.jobs.direct"] td:nth-child(3)', 'data-v'));
  assert.ok(Math.abs(netDirect - changed.figures['net.jobs.direct'].value) <= 1e-9 * changed.figures['net.jobs.direct'].value, `net.jobs.direct ${netDirect} vs CLI ${changed.figures['net.jobs.direct'].value}`);
  assert.notEqual(shown['net.jobs.direct'], displayValue(base.figures['net.jobs.direct'], 'zh').text, 'net direct jobs changed');
  // The Monte Carlo rerun in the browser gives the CLI's intervals, tornado and net table.
  await assertUncertaintyEqual(page, changed, 'dashboard scenario vs CLI');
  await page.locator('#uncertainty').screenshot({ path: join(artifacts, 'dashboard-uncertainty.png') });
  assert.notEqual(shown['jobs.total'], displayValue(base.figures['jobs.total'], 'zh').text, 'total changed');
  assert.equal(shown['jobs.operators'], displayValue(base.figures['jobs.operators'], 'zh').text, 'operators unchanged');
  assert.ok(await page.locator('#headline .card.changed[data-fig="jobs.indirect"]').count());
  await page.screenshot({ path: join(artifacts, 'dashboard-scenario.png'), fullPage: true });

  // The IO method: the domestic Type I model, compared with the engine run on the changed study.
  await page.selectOption('select[data-scn=ioMethod]', 'I-domestic');
  await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.body.dataset.computed === document.body.dataset.seq, undefined, { timeout: 10000 });
  const { prepared } = await runStudy(join(dir, 'study.yaml'));
  const s = applyScenario(prepared.study.config, prepared.inputs, { ioMethod: { method: 'leontief', type: 'I', domestic: true } });
  assertCardsEqual(await cardValues(page), computeStudy(s.config, s.inputs), 'dashboard IO method vs engine');
  await page.selectOption('select[data-scn=ioMethod]', 'published');
  await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.body.dataset.computed === document.body.dataset.seq, undefined, { timeout: 10000 });
  assertCardsEqual(await cardValues(page), changed, 'dashboard back to the seed method');

  // Explain drawer: formula and inputs of the clicked figure.
  await page.click('#headline .card[data-fig="jobs.indirect"]');
  await page.waitForSelector('#drawer:not([hidden])');
  assert.equal(await page.locator('#drawer [data-drawer-value]').innerText(), displayValue(changed.figures['jobs.indirect'], 'zh').text);
  // In the page's language (zh): the formula's words and the inputs' names, no English formula.
  const drawer = await page.locator('#drawer').innerText();
  assert.ok(drawer.includes('诱发产出 × 单位产出就业'), drawer);
  assert.doesNotMatch(drawer, /induced output × jobs per yuan of output/);
  await page.screenshot({ path: join(artifacts, 'dashboard-explain.png') });
  await page.click('#drawer [data-close]');

  // zh/en toggle re-labels cards and redraws charts.
  await page.click('[data-set-lang=en]');
  assert.equal(await page.locator('#headline .card[data-fig="jobs.total"] .label .en').innerText(), changed.figures['jobs.total'].label.en);
  assert.match((await page.locator('div.chart[data-chart=composition] svg').innerHTML()), /Full-time/);
  await page.screenshot({ path: join(artifacts, 'dashboard-en.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('dashboard inputs: Chinese quantities as in the study file, invalid values marked in zh/en and not computed, edited coefficient kept across IO methods', { skip }, async () => {
  const own = await startServer({ root: join(packageRoot, 'examples'), study: 'wechat-2019/study.yaml', port: 0, lang: 'zh' });
  const { page, errors } = await openPage(own.url);
  const settled = () => page.waitForFunction(() => document.body.dataset.state === 'ready' && document.body.dataset.seq !== undefined && document.body.dataset.computed === document.body.dataset.seq && document.body.dataset.mcComputed === document.body.dataset.seq, undefined, { timeout: 30000 });
  await page.waitForSelector('body[data-state=ready]', { timeout: 20000 });
  const { prepared } = await runStudy(join(packageRoot, 'examples/wechat-2019/study.yaml'));
  const engine = (scenario: Parameters<typeof applyScenario>[2]) => {
    const s = applyScenario(prepared.study.config, prepared.inputs, scenario);
    return computeStudy(s.config, s.inputs);
  };

  // "1.2亿" read as parseQuantity reads the study file: 120,000,000.
  const pop = 'input[data-scn="population.wecom"]';
  await page.fill(pop, '1.2亿');
  await settled();
  const big = engine({ population: { wecom: 1.2e8 } });
  assertCardsEqual(await cardValues(page), big, 'dashboard 1.2亿 vs engine');
  assert.notEqual((await cardValues(page))['jobs.total'], displayValue(baseRun().figures['jobs.total'], 'zh').text, 'total moved');
  assert.equal(await page.getAttribute(pop, 'aria-invalid'), null);

  // "abc": the field is marked and says why (zh, then en); nothing is recomputed.
  const seqBefore = await page.getAttribute('body', 'data-seq');
  await page.fill(pop, 'abc');
  assert.equal(await page.getAttribute(pop, 'aria-invalid'), 'true');
  const err = page.locator('label[data-key="population.wecom"] .field-error');
  assert.equal(await err.locator('.zh').isVisible(), true);
  assert.match(await err.locator('.zh').innerText(), /“abc”不是数值/);
  assert.equal(await err.locator('.en').isVisible(), false);
  assert.equal(await page.getAttribute(pop, 'aria-describedby'), await err.getAttribute('id'));
  assert.equal(await page.getAttribute('body', 'data-seq'), seqBefore, 'no recompute with a bad value');
  assert.equal(await page.getAttribute('body', 'data-state'), 'error');
  assert.match(await page.locator('#status .zh').innerText(), /输入无效/);
  assertCardsEqual(await cardValues(page), big, 'figures kept after a bad value');
  const borderColor = await page.$eval(pop, (el) => getComputedStyle(el).borderTopColor);
  assert.equal(borderColor, 'rgb(198, 40, 40)', 'invalid field visibly marked');
  await page.locator('#scenario').screenshot({ path: join(artifacts, 'dashboard-invalid-zh.png') });
  await page.click('[data-set-lang=en]');
  assert.equal(await err.locator('.en').isVisible(), true);
  assert.equal(await err.locator('.zh').isVisible(), false);
  assert.match(await err.locator('.en').innerText(), /"abc" is not a number: enter e\.g\. 230 or 20000000/);
  await page.locator('#scenario').screenshot({ path: join(artifacts, 'dashboard-invalid-en.png') });
  // Out-of-range values are refused too.
  await page.fill('input[data-scn="rate.additionality.components.default.displacement"]', '1.5');
  assert.match(await page.locator('label[data-key="rate.additionality.components.default.displacement"] .field-error .en').innerText(), /between 0 and 1/);
  await page.fill('input[data-scn="rate.additionality.components.default.displacement"]', '');
  await page.click('[data-set-lang=zh]');

  // Back to a valid value: the mark goes, the figures are computed again.
  await page.fill(pop, '2000万');
  await settled();
  assert.equal(await page.getAttribute(pop, 'aria-invalid'), null);
  assert.equal(await err.count(), 0);
  assertCardsEqual(await cardValues(page), engine({ population: { wecom: 2e7 } }), 'dashboard 2000万 vs engine');

  // An edited coefficient survives a change of IO method, with a note giving the method's own value.
  const coef = page.locator('input[data-scn^="coef."]').first();
  const coefKey = ((await coef.getAttribute('data-scn')) as string).slice(5);
  await coef.fill('0.5');
  await settled();
  await page.selectOption('select[data-scn=ioMethod]', 'I-domestic');
  await settled();
  assert.equal(await coef.inputValue(), '0.5');
  const note = page.locator(`label[data-key="coef.${coefKey}"] .field-note .zh`);
  assert.equal(await note.isVisible(), true);
  assert.match(await note.innerText(), /已保留您修改的系数/);
  assertCardsEqual(await cardValues(page), engine({ population: { wecom: 2e7 }, coefficients: { [coefKey]: 0.5 }, ioMethod: { method: 'leontief', type: 'I', domestic: true } }), 'edited coefficient kept under the new IO method');
  await page.locator('#scenario').screenshot({ path: join(artifacts, 'dashboard-coefficient-kept.png') });
  assert.deepEqual(errors, []);
  await page.close();
  await own.close();
});

test('PNG export (opt-in): one PNG per chart and language, 2× pixel density', { skip }, async () => {
  const { reportFiles } = await import('../../src/cli/artifacts.ts');
  const { runStudy } = await import('../../src/cli/runStudy.ts');
  const { results, prepared } = await runStudy(join(packageRoot, 'examples/wechat-2019/study.yaml'));
  const files = await reportFiles({ results, prepared, lang: 'zh', charts: ['png'] });
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
