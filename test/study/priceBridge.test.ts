// The price bridge and the price year: hand-worked cases, the price index, study-file errors (YAML
// path and line), and the bridged shopping category on the example — its induced output moves from
// retail into manufacturing, totals stay consistent, and the numbers equal numpy
// (test/fixtures/io/nbs2017-margins.json, scripts/ref/io_numpy.py) to 1e-9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeDemand, categoryResponse, sectorsUnder } from '../../src/study/model/index.ts';
import { parsePriceIndex, priceRatio } from '../../src/study/inputs/index.ts';
import { parseStudy } from '../../src/study/config/index.ts';
import { runStudy } from '../../src/cli/runStudy.ts';
import { methodologyHtml } from '../../src/report/methodologyHtml.ts';
import type { StudyResults } from '../../src/study/types.ts';

const root = new URL('../..', import.meta.url).pathname;
const example = readFileSync(join(root, 'examples/wechat-2019/study.yaml'), 'utf8');
const ref = JSON.parse(readFileSync(join(root, 'test/fixtures/io/nbs2017-margins.json'), 'utf8'));
const SHOPPING = '    - {id: shopping, kind: traditional, sector: 52106, field: shopping, label: {zh: 购物, en: Shopping (retail)}}\n';
assert.ok(example.includes(SHOPPING), 'the example maps shopping to retail (52106)');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

test('hand-worked bridge: 1 yuan of goods at purchaser prices → 0.75 producer, 0.2 trade, 0.05 transport; response is linear', () => {
  const margins = { trade: 0.2, transport: 0.05, tradeSplit: [{ index: 1, share: 0.6 }, { index: 2, share: 0.4 }], transportSplit: [{ index: 3, share: 1 }] };
  const d = bridgeDemand([{ index: 0, share: 0.5 }, { index: 4, share: 0.5 }], margins);
  assert.deepEqual(d.map((x) => [x.index, +x.share.toFixed(12), x.part]), [[0, 0.375, 'producer'], [4, 0.375, 'producer'], [1, 0.12, 'trade'], [2, 0.08, 'trade'], [3, 0.05, 'transport']]);
  const b = [2, 0.5, 0.7, 1, 1.2]; // output per yuan of each sector
  const r = categoryResponse(d, (i) => ({ output: b[i], jobs: 1e-6 * b[i], valueAdded: { competitive: 1, domestic: null } }));
  // 0.375·2 + 0.375·1.2 + 0.12·0.5 + 0.08·0.7 + 0.05·1 = 1.366
  assert.ok(Math.abs(r.output - 1.366) < 1e-12);
  assert.ok(Math.abs(r.valueAdded.competitive! - 1) < 1e-12);
  assert.equal(r.valueAdded.domestic, null);
  // price year: ÷ P_c = 1.1, × P_out = 1.05; jobs ÷ P_c ÷ G = 1.2
  const p = categoryResponse(d, (i) => ({ output: b[i], jobs: 1e-6 * b[i], valueAdded: { competitive: 1, domestic: null } }), { deflator: 1.1, output: 1.05, productivity: 1.2 });
  assert.ok(Math.abs(p.output - (1.366 * 1.05) / 1.1) < 1e-12);
  assert.ok(Math.abs(p.jobs! - 1.366e-6 / 1.1 / 1.2) < 1e-18);
  // without margins the mapping alone; shares must add to 1
  assert.deepEqual(bridgeDemand([{ index: 3, share: 1 }], null), [{ index: 3, share: 1, part: 'producer' }]);
  assert.throws(() => bridgeDemand([{ index: 0, share: 0.5 }, { index: 1, share: 0.4 }], null), /add to 1, they add to 0\.9/);
  assert.throws(() => bridgeDemand([{ index: 0, share: 1 }], { ...margins, trade: 0.99 }), /add to at most 1/);
});

test('price index: ratio over the years after the table year; errors name file, row, column, series and year', () => {
  const idx = parsePriceIndex(readFileSync(join(root, 'data/china-prices/price-indices-2017-2019.csv'), 'utf8'), 'p.csv');
  assert.ok(Math.abs(priceRatio(idx, 'cpi', 2017, 2019) - 1.021 * 1.029) < 1e-15);
  assert.ok(Math.abs(priceRatio(idx, 'cpi', 2019, 2017) - 1 / (1.021 * 1.029)) < 1e-15);
  assert.equal(priceRatio(idx, 'ppi', 2017, 2017), 1);
  assert.throws(() => priceRatio(idx, 'cpi_shoes', 2017, 2019), /p\.csv: no series "cpi_shoes" \(have cpi, cpi_food/);
  assert.throws(() => priceRatio(idx, 'cpi', 2017, 2020), /p\.csv: series cpi has no index for 2020/);
  for (const s of [...idx.series.values()]) assert.match(s.source, /NBS/);
  assert.throws(() => parsePriceIndex('series,name_zh,name_en,2018,source\ncpi,a,b,约102,NBS\n', 'x.csv'), /x\.csv: row 2, column 2018: not a positive index: "约102"/);
  assert.throws(() => parsePriceIndex('series,name_zh,name_en,2018,source\ncpi,a,b,102,\n', 'x.csv'), /x\.csv: row 2, column source: blank/);
  assert.throws(() => parsePriceIndex('series,name_zh,name_en,2018,source\ncpi,a,b,102,s\ncpi,a,b,103,s\n', 'x.csv'), /row 3, column series: cpi repeats row 2/);
  assert.throws(() => parsePriceIndex('series,name_zh,2018,source\ncpi,a,102,s\n', 'x.csv'), /x\.csv: row 1: missing column name_en/);
});

/** The example with shopping's line replaced (and, optionally, more YAML appended before `series:`). */
const withShopping = (lines: string, extra = '') => example.replace(SHOPPING, lines).replace('\nseries:', `\n${extra}series:`);

test('study file: shares in [0, 1] summing to 1, one of sector/sectors, bridge and prices need their parts — with YAML path and line', () => {
  const err = (text: string, re: RegExp) => assert.throws(() => parseStudy(text, 'study.yaml'), re);
  const line = example.split('\n').findIndex((l) => l.includes('id: shopping')) + 1;
  err(withShopping(`    - {id: shopping, kind: traditional, sectors: {'013': 0.5, '014': 0.4}, field: shopping, label: {zh: 购物, en: Shopping}}\n`),
    new RegExp(`study\\.yaml:${line}: consumption\\.categories\\[3\\]\\.sectors: shares must sum to 1 \\(within 1e-9\\), they sum to 0\\.9`));
  err(withShopping(`    - id: shopping\n      kind: traditional\n      sectors:\n        '013': 1.2\n        '014': -0.2\n      field: shopping\n      label: {zh: 购物, en: Shopping}\n`),
    new RegExp(`study\\.yaml:${line + 3}: consumption\\.categories\\[3\\]\\.sectors\\.013: a share must be a number in \\[0, 1\\], got 1\\.2`));
  err(withShopping(`    - {id: shopping, kind: traditional, sector: 52106, sectors: {'013': 1}, field: shopping, label: {zh: 购物, en: Shopping}}\n`), /consumption\.categories\[3\]: give exactly one of `sector` \(one IO sector\) or `sectors`/);
  err(withShopping(`    - {id: shopping, kind: traditional, sectors: {weights: output, codes: ['013']}, field: shopping, label: {zh: 购物, en: Shopping}}\n`), /sectors\.weights: expected "household"/);
  err(withShopping(`    - {id: shopping, kind: traditional, sectors: {weights: household, codes: ['013', 'x1']}, field: shopping, label: {zh: 购物, en: Shopping}}\n`), /sectors\.codes\[1\]: not a sector code: "x1"/);
  err(withShopping(`    - {id: shopping, kind: traditional, sectors: {weights: household, codes: ['013', '013']}, field: shopping, label: {zh: 购物, en: Shopping}}\n`), /sectors\.codes\[1\]: sector 013 is listed twice/);
  err(withShopping(SHOPPING.replace('sector: 52106', 'sector: 52106, price: cpi')), /consumption\.categories\[3\]\.price: `price` needs a `prices` section/);
  err(example.replace('  categories:\n', '  bridge: {trade: 0.1}\n  categories:\n'), /consumption\.bridge: no category has `bridge: true`/);
  err(withShopping(SHOPPING.replace('sector: 52106', 'sector: 52106, bridge: true')).replace('  categories:\n', '  bridge: {trade: 0.7, transport: 0.4}\n  categories:\n'), /consumption\.bridge: trade 0\.7 \+ transport 0\.4 exceed 1/);
  err(withShopping(SHOPPING, 'prices: {index: builtin:china-price-indices, output: ppi}\n\n'), /prices: missing required key "table_year"/);
  // valid: shares kept with their YAML lines
  const ok = parseStudy(withShopping(`    - {id: shopping, kind: traditional, sectors: {'018': 0.25, '032': 0.75}, bridge: true, field: shopping, label: {zh: 购物, en: Shopping}}\n`), 'study.yaml');
  const shop = ok.consumption.categories.find((c) => c.id === 'shopping')!;
  assert.deepEqual(shop.sectors!.map((s) => [s.code, s.share, s.line]), [['018', 0.25, line], ['032', 0.75, line]]);
  assert.equal(shop.bridge, true);
});

async function run(text: string): Promise<StudyResults> {
  const dir = mkdtempSync(join(tmpdir(), 'spillover-bridge-'));
  cpSync(join(root, 'examples/wechat-2019'), dir, { recursive: true });
  // without the illustrative additionality/uncertainty block (not needed here)
  writeFileSync(join(dir, 'study.yaml'), text.slice(0, text.indexOf('# Gross vs net')));
  return (await runStudy(join(dir, 'study.yaml'))).results;
}

test('a sector code not in the table: error with the YAML path and line of that code', async () => {
  const text = withShopping(`    - id: shopping\n      kind: traditional\n      sectors: {weights: household, codes: ['018', '032',\n        '777']}\n      field: shopping\n      label: {zh: 购物, en: Shopping}\n`);
  const line = text.split('\n').findIndex((l) => l.includes("'777'")) + 1;
  await assert.rejects(run(text), new RegExp(`study\\.yaml:${line}: consumption\\.categories\\[3\\]\\.sectors\\.codes\\[2\\]: .*unknown sector code "777"`));
});

const shoppingBridged = `    - id: shopping\n      kind: traditional\n      bridge: true\n      sectors: {weights: household, codes: [${ref.shoppingCodes.map((c: string) => `'${c}'`).join(', ')}]}\n      field: shopping\n      label: {zh: 购物, en: Shopping}\n`;
const seed = await run(example);
const bridged = await run(withShopping(shoppingBridged));

test('bridged shopping: induced output moves from retail into manufacturing; totals consistent; numpy at 1e-9', () => {
  const C = seed.figures['consumption.shopping'].value;
  assert.equal(bridged.figures['consumption.shopping'].value, C, 'the spending itself does not change');
  const shopS = seed.consumption.find((c) => c.id === 'shopping')!;
  const shopB = bridged.consumption.find((c) => c.id === 'shopping')!;
  assert.ok(rel(shopS.coefficient, ref.retailCoefficient) < 1e-9, 'seed: shopping at retail b');
  assert.ok(rel(shopB.coefficient, ref.shoppingCoefficient) < 1e-9, `bridged b ${shopB.coefficient} vs numpy ${ref.shoppingCoefficient}`);
  // the mapping carried to the results: producer + trade + transport shares add to 1
  const parts = { producer: 0, trade: 0, transport: 0 };
  for (const d of shopB.mapping!) parts[d.part] += d.share;
  assert.ok(Math.abs(parts.producer - ref.producer) < 1e-12 && Math.abs(parts.trade - ref.tradeMargin) < 1e-12 && Math.abs(parts.transport - ref.transportMargin) < 1e-12);
  // totals: only shopping changed, by C × (b_bridged − b_retail)
  const oS = seed.figures['output.indirect'].value, oB = bridged.figures['output.indirect'].value;
  assert.ok(rel(oB - oS, C * (ref.shoppingCoefficient - ref.retailCoefficient)) < 1e-9);
  // by sector: the table sums to the headline, and the change is C × (L − I) d − C × (L − I) e_retail
  const sum = (r: StudyResults, f: (s: NonNullable<StudyResults['sectors']>[number]) => number) => r.sectors!.reduce((a, s) => a + f(s), 0);
  assert.ok(rel(sum(bridged, (s) => s.output.indirect), oB) < 1e-9);
  assert.ok(rel(sum(bridged, (s) => s.demand), bridged.figures['consumption.total'].value) < 1e-12);
  const manufacturing = (r: StudyResults) => r.sectors!.filter((s) => +s.code >= 13 && +s.code <= 97).reduce((a, s) => a + s.output.indirect + s.output.direct, 0);
  const retail = (r: StudyResults) => { const s = r.sectors!.find((x) => x.code === '106')!; return s.output.indirect + s.output.direct; };
  const total = (r: StudyResults) => sum(r, (s) => s.output.indirect + s.output.direct);
  assert.ok(manufacturing(bridged) / total(bridged) > manufacturing(seed) / total(seed) + 0.05, `manufacturing share ${manufacturing(seed) / total(seed)} → ${manufacturing(bridged) / total(bridged)}`);
  assert.ok(retail(bridged) < retail(seed) - 0.8 * C, `retail ${retail(seed)} → ${retail(bridged)}`);
  // every sector's indirect output changed by C × ((L − I) d − (L − I) e_retail)_i (numpy)
  const d = ref.shoppingIndirectBySector as number[], r = ref.retailIndirectBySector as number[];
  bridged.sectors!.forEach((s, i) => {
    const delta = s.output.indirect - seed.sectors![i].output.indirect;
    assert.ok(Math.abs(delta - C * (d[i] - r[i])) <= 1e-9 * oS, `sector ${s.code}: ${delta} vs ${C * (d[i] - r[i])}`);
  });
  // jobs follow output (ratio method): indirect jobs change by the same factor
  assert.ok(rel(bridged.figures['jobs.indirect'].value / seed.figures['jobs.indirect'].value, oB / oS) < 1e-9);
});

test('examples/wechat-2019/study-bridged.yaml: price year and productivity as declared; the report shows the mapping in zh and en', async () => {
  const out = await runStudy(join(root, 'examples/wechat-2019/study-bridged.yaml'));
  const r = out.results;
  // the dashboard's IO-method switch recomputes every category over the same demand rows and prices
  const again = sectorsUnder(out.prepared.inputs, out.prepared.inputs.ioMethod);
  for (const [id, s] of Object.entries(out.prepared.inputs.sectors)) assert.ok(rel(again[id].coefficient, s.coefficient) < 1e-12, id);
  const leontief = sectorsUnder(out.prepared.inputs, { method: 'leontief', type: 'I', domestic: true });
  assert.ok(leontief.shopping.coefficient < again.shopping.coefficient, 'domestic model: imports leave the country');
  const ppi = 1.035 * 0.997, cpi = 1.021 * 1.029, productivity = 1.066 * 1.062; // data/china-prices (NBS communiqués)
  // national 2017: 77,640 万 persons / Σ GO of the table (万元 → yuan)
  const go = readFileSync(join(root, 'data/china-io-2017/china-io-2017-149.csv'), 'utf8').trim().split('\n').slice(1, 150)
    .reduce((s, line) => s + Number(line.split(',').at(-1)), 0) * 1e4;
  const jpo = r.figures['ratio.jobs_per_output'].value;
  assert.ok(rel(jpo, 77640e4 / go / (ppi * productivity)) < 1e-12, `jobs per output ${jpo}`);
  const shop = r.consumption.find((c) => c.id === 'shopping')!;
  assert.ok(rel(shop.coefficient, (ref.shoppingCoefficient * ppi) / cpi) < 1e-9);
  assert.equal(shop.price!.series, 'cpi');
  assert.ok(rel(shop.price!.ratio, cpi) < 1e-15);
  assert.equal(r.consumption.find((c) => c.id === 'traffic')!.sector.code, '63121');
  // jobs = induced output in table-year prices × 2017 jobs per yuan ÷ productivity growth (P_out cancels)
  assert.ok(rel(r.figures['jobs.indirect'].value, (r.figures['output.indirect'].value / ppi) * (77640e4 / go) / productivity) < 1e-9);
  // the published consumption figures are untouched: only their IO response changes
  assert.equal(r.figures['consumption.total'].value, seed.figures['consumption.total'].value);
  assert.ok(r.priceBasis?.margins?.derived && r.priceBasis.prices?.productivity?.series === 'labour_productivity');
  const html = methodologyHtml(r);
  for (const t of ['部门映射与价格桥接', 'Sector mapping and price bridge', '贸易加价', 'trade margin', '110 ', 'P_c = 1.0506 (cpi)', 'Price year: 2019 spending deflated to 2017 prices'])
    assert.ok(html.includes(t), `methodology shows ${t}`);
  assert.ok(!methodologyHtml(seed).includes('Sector mapping and price bridge'), 'the one-sector seed study shows its table as before');
});
