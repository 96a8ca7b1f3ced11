// One language at a time (#14 item 4): report.html, tables.xlsx and the dashboard, for the WeChat
// example, the voucher example and a study with both, read in Chinese and in English. A zh reader
// sees no English words, an en reader no Chinese, except the names the user gave (study file, data
// categories), ids, file names, acronyms and units (test/report/oneLanguage.ts); nobody sees "seed"
// or "种子". The voucher example in en excuses none of its data's values: its study file names them.
// Formulas and input names are scanned too (the appendix's and the definitions' formula column, the
// methodology's equations, the dashboard's formula, inputs and derivation): their words are in the
// reader's language, their symbols shared. The scan itself is shown to fail on a planted string, a
// formula's English word in zh included.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { packageRoot } from '../../src/data/packagePaths.ts';
import { CHROMIUM_PATH, launchChromium } from '../../src/report/launchChromium.ts';
import { startServer } from '../../src/server/index.ts';
import type { Lang } from '../../src/locale/index.ts';
import { combinedStudy } from '../fixtures/combined/combinedStudy.ts';
import { visibleText } from './visibleText.ts';
import { xlsxText } from './xlsxText.ts';
import { oneLanguage, userNames } from './oneLanguage.ts';

const tmp = mkdtempSync(join(tmpdir(), 'spillover-one-language-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const WECHAT = join(packageRoot, 'examples/wechat-2019/study.yaml');
const VOUCHERS = join(packageRoot, 'examples/vouchers-2020/study.yaml');

function run(study: string, lang: Lang, out: string): void {
  const r = spawnSync(process.execPath, [join(packageRoot, 'bin/spillover.js'), 'run', study, '--out', out, '--lang', lang, '--quiet'], { encoding: 'utf8', cwd: tmp });
  assert.equal(r.status, 0, r.stderr);
}

/** Names the results carry from the data (categories, cities, industries, bands, parameters, sheet ids). */
function dataNames(out: string): string[] {
  const names: string[] = [];
  const json = (f: string) => (existsSync(join(out, f)) ? JSON.parse(readFileSync(join(out, f), 'utf8')) : undefined);
  const r = json('results.json');
  if (r) {
    for (const p of r.uncertainty?.parameters ?? []) names.push(p.id);
    for (const id of Object.keys(r.figures)) names.push(...id.split('.').filter((s) => /[^\x00-\x7f]/.test(s)));
    for (const q of r.quality ?? []) names.push(q.questionnaire, q.file);
    names.push(r.study.source);
  }
  const v = json('vouchers.json')?.vouchers;
  if (v) {
    for (const x of v.reported) names.push(x.key);
    for (const x of v.byIndustry) names.push(x.industry);
    if (v.lotteryEventStudy) names.push(v.lotteryEventStudy.city);
    for (const id of Object.keys(v.figures)) names.push(...id.split('.').filter((s) => /[^\x00-\x7f]/.test(s)));
    names.push(v.quality.file);
  }
  return names;
}

interface Output { what: string; out: string; study: string }
const outputs: Output[] = [];
before(() => {
  const combined = join(tmp, 'combined');
  mkdirSync(combined);
  const both = combinedStudy(combined);
  for (const [what, study] of [['wechat-2019', WECHAT], ['vouchers-2020', VOUCHERS], ['combined', both]] as const)
    for (const lang of ['zh', 'en'] as const) {
      const out = join(tmp, `${what}-${lang}`);
      run(study, lang, out);
      outputs.push({ what: `${what} --lang ${lang}`, out, study });
    }
});

/**
 * What a reader of `o` in `lang` may see of the user's own: the study file's names and the data's values.
 * The voucher example in en is held to more: its study file names every city, industry and size in
 * English (transactions.names), so none of its Chinese texts or data values is excused.
 */
const allowedNames = (lang: Lang, o: { study: string; out: string }) =>
  lang === 'en' && o.study === VOUCHERS ? userNames(o.study, lang).filter((s) => !/[\u3400-\u9fff]/.test(s)) : [...userNames(o.study, lang), ...dataNames(o.out)];
const scanner = (lang: Lang, o: Output) => oneLanguage(lang, allowedNames(lang, o));

test('report.html: the zh view has no English words, the en view no Chinese (both examples and a combined study)', () => {
  for (const o of outputs) {
    const html = readFileSync(join(o.out, 'report.html'), 'utf8');
    for (const lang of ['zh', 'en'] as const) {
      const strays = scanner(lang, o)(visibleText(html, lang));
      assert.deepEqual(strays, [], `${o.what}, report.html read in ${lang}`);
    }
  }
});

test('tables.xlsx in the run language only', () => {
  for (const o of outputs) {
    const file = join(o.out, 'tables.xlsx');
    if (!existsSync(file)) continue;
    const lang: Lang = o.what.endsWith('zh') ? 'zh' : 'en';
    const texts = xlsxText(readFileSync(file));
    assert.ok(texts.length > 100, `${o.what}: tables.xlsx read`);
    // Sheet names are the report's table ids (documented in docs/report.md); the formula column is scanned.
    const sheetIds = texts.slice(0, 30).filter((t) => /^[a-z_]+$/.test(t));
    assert.deepEqual(scanner(lang, o)(texts.filter((t) => !sheetIds.includes(t))), [], `${o.what}: tables.xlsx`);
  }
});

test('the scan fails on a stray string (planted in the page, in a workbook cell, or the word seed)', () => {
  const o = outputs[0];
  const html = readFileSync(join(o.out, 'report.html'), 'utf8');
  const zh = scanner('zh', o), en = scanner('en', o);
  const planted = html.replace('<main>', '<main><p><span class="zh">直接就业 direct jobs</span><span class="en">Direct jobs 直接</span></p>');
  // What the plant adds to the strays (the page itself is checked by the first test).
  const added = (scan: (t: string[]) => string[], lang: Lang, page = planted) => {
    const before = new Set(scan(visibleText(html, lang)));
    return scan(visibleText(page, lang)).filter((s) => !before.has(s));
  };
  assert.deepEqual(added(zh, 'zh'), ['直接就业 direct jobs   ← ⟦direct⟧']);
  assert.deepEqual(added(en, 'en'), ['Direct jobs 直接   ← ⟦直接⟧']);
  // A formula's English word in the zh appendix (the formula column is scanned like any other cell).
  const cell = '<span class="zh">诱发产出 × 单位产出就业</span>';
  assert.ok(html.includes(cell), 'the appendix shows the zh formula of jobs.indirect');
  const wrong = html.replace(cell, '<span class="zh">诱发产出 × jobs per yuan of output</span>');
  assert.deepEqual(added(zh, 'zh', wrong).map((s) => s.replace(/ +← .*/, '')), ['诱发产出 × jobs per yuan of output']);
  // In a workbook cell, and inside an element marked for the other language only when nested wrongly.
  assert.equal(zh(['Total jobs', '带动就业总量']).length, 1);
  assert.match(zh(['原报告（seed）'])[0], /seed/);
  assert.match(en(['the 种子 report'])[0], /种子/);
  // The voucher example in en: a city of its data left in Chinese fails (its study file names it), its figure id passes.
  const v = outputs.find((x) => x.what === 'vouchers-2020 --lang en') as Output;
  assert.deepEqual(scanner('en', v)(['Excess spending per yuan of subsidy (lottery, 杭州)', 'voucher.share.merchants.中型']), ['Excess spending per yuan of subsidy (lottery, 杭州)   ← ⟦杭州⟧']);
  // A name the user gave, an id, a file and an acronym pass.
  assert.deepEqual(zh(['providers：data/providers.csv', 'jobs.providers.wecom', '诱发产出（原报告称“间接GDP”）', '95% CI']), []);
});

const skipBrowser = existsSync(CHROMIUM_PATH) ? false : `Chromium not found at ${CHROMIUM_PATH}; browser scan skipped`;

test('dashboard: the page a zh and an en reader sees, incl. the derivation panel, a field error and its toast', { skip: skipBrowser, timeout: 240_000 }, async () => {
  const server = await startServer({ root: join(packageRoot, 'examples'), study: 'wechat-2019/study.yaml', port: 0, lang: 'zh' });
  let browser: Browser | undefined;
  try {
    const b = await launchChromium();
    browser = b;
    for (const [path, study] of [['wechat-2019/study.yaml', WECHAT], ['vouchers-2020/study.yaml', VOUCHERS]] as const) {
      const o = outputs.find((x) => x.study === study) as Output;
      for (const lang of ['zh', 'en'] as const) {
        const page = await b.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${server.url}?study=${encodeURIComponent(path)}#${lang}`);
        await page.waitForSelector('body[data-state=ready]', { timeout: 60_000 });
        const texts = async () => visibleText(await page.content(), lang);
        const seen = await texts();
        if (path.startsWith('wechat')) {
          // The derivation panel of a figure with inputs, notes and a tree.
          await page.click('#headline .card[data-fig="output.indirect"]');
          await page.waitForSelector('#drawer:not([hidden])');
          seen.push(...(await texts()));
          await page.click('#drawer [data-close]');
          // An invalid value: the field's message and the status toast.
          await page.fill('input[data-scn="population.wecom"]', '二万');
          await page.waitForSelector('.field-error');
          seen.push(...(await texts()));
        }
        assert.ok(seen.length > 50, `${path} ${lang}: page text read`);
        assert.deepEqual(oneLanguage(lang, [...allowedNames(lang, o), '二万'])(seen), [], `dashboard ${path} in ${lang}`);
        assert.deepEqual(errors, []);
        await page.close();
      }
    }
  } finally {
    await browser?.close();
    await server.close();
  }
});
