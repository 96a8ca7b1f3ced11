// examples/vouchers-2020 end to end: the report's leverage is of the original report's order, the
// causal intervals cover the generator's truth (truth.json), and the generator is deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runVoucherStudy } from '../../src/cli/runVouchers.ts';
import { explain } from '../../src/study/model/index.ts';
import { displayValue } from '../../src/locale/index.ts';
import { generate } from '../../examples/vouchers-2020/generate.ts';

const dir = new URL('../../examples/vouchers-2020/', import.meta.url).pathname;

test('vouchers-2020: leverage 7–14×, several times the causal multiplier; intervals cover the truth', async () => {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  const { results } = await runVoucherStudy(join(dir, 'study.yaml'));
  const f = results.vouchers.figures;
  const lev = f['voucher.leverage.reported'].value;
  assert.ok(lev >= 7 && lev <= 14, `leverage ${lev}`);
  assert.ok(Math.abs(lev - truth.reported_leverage) < 0.01 * lev, 'the pipeline reproduces the generator\'s own leverage');
  const mpc = f['voucher.mpc.lottery'], mult = f['voucher.multiplier.city'];
  assert.ok(mpc.ci![0] <= truth.true_mpc_lottery_4_weeks && truth.true_mpc_lottery_4_weeks <= mpc.ci![1], `MPC ${mpc.ci} vs ${truth.true_mpc_lottery_4_weeks}`);
  assert.ok(mult.ci![0] <= truth.true_multiplier_cities && truth.true_multiplier_cities <= mult.ci![1], `multiplier ${mult.ci} vs ${truth.true_multiplier_cities}`);
  assert.ok(lev / truth.true_mpc_lottery_4_weeks > 3 && lev / mpc.value > 3, 'leverage is several times the causal multiplier');
  assert.match(results.vouchers.explanation.en, /counts purchases people would have made anyway/);
  assert.ok(f['voucher.pretrend.lottery'].value > 0.05, 'no pre-trend in the synthetic lottery');
  assert.equal(results.vouchers.quality.excluded['duplicate-id'], 1);
  assert.equal(results.vouchers.quality.excluded['outside-window'], 1);
  const text = explain({ figures: f }, 'voucher.mpc.lottery', 'en', displayValue);
  assert.match(text, /formula: MPC = τ/);
  assert.match(text, /└─ voucher\.did\.lottery/);
});

test('the generator is deterministic: same seed → byte-identical files from any folder', async () => {
  const a = mkdtempSync(join(tmpdir(), 'vg-a-')), b = mkdtempSync(join(tmpdir(), 'vg-b-'));
  await generate(a, { seed: 5, scale: 0.05 });
  await generate(b, { seed: 5, scale: 0.05 });
  const files = (root: string) => readdirSync(join(root, 'data', 'transactions'), { recursive: true }).map(String).filter((p) => p.endsWith('.parquet')).sort();
  assert.deepEqual(files(a), files(b));
  assert.ok(files(a).length >= 3);
  for (const p of files(a)) assert.ok(readFileSync(join(a, 'data', 'transactions', p)).equals(readFileSync(join(b, 'data', 'transactions', p))), p);
  assert.equal(readFileSync(join(a, 'data', 'applicants.csv'), 'utf8'), readFileSync(join(b, 'data', 'applicants.csv'), 'utf8'));
  assert.equal(readFileSync(join(a, 'truth.json'), 'utf8'), readFileSync(join(b, 'truth.json'), 'utf8'));
});

test('the report section: both measures, the sentence, event-study charts with intervals, effects by industry', async () => {
  const { voucherFiles } = await import('../../src/cli/runVouchers.ts');
  const { results } = await runVoucherStudy(join(dir, 'study.yaml'));
  for (const lang of ['zh', 'en'] as const) {
    const html = voucherFiles(results, lang, { report: true })['report.html'];
    assert.ok(html.includes('voucher.leverage.reported') && html.includes('voucher.mpc.lottery') && html.includes('voucher.att.city'));
    assert.ok(html.includes(results.vouchers.explanation[lang].replace(/"/g, '&quot;')));
    assert.equal((html.match(/<svg /g) ?? []).length, 4, 'lottery and city event studies, in zh and in en');
    assert.ok(html.includes(`data-lang="${lang}"`), 'opens in the run language');
    assert.ok(html.includes('餐饮'));
  }
});
