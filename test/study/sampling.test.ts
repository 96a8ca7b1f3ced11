// Standard errors of study figures under the default designs equal R survey's
// (reference: scripts/ref/study_reference.R → test/fixtures/study/reference.json), to 1e-9 relative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runStudy } from '../../src/cli/runStudy.ts';
import { Moments, ratioGradient, unit } from '../../src/study/model/moments.ts';
import { providerJobs, operatorJobs } from './seedFormulas.ts';
import { selectRows, take } from '../../src/study/model/select.ts';
import { componentsDesign, designWarnings, questionnaireDesign } from '../../src/study/model/sampling.ts';
import { errorText } from '../../src/locale/index.ts';

const fx = new URL('../fixtures/study/', import.meta.url).pathname;
const ref: Record<string, { value: number; se?: number; lower?: number; upper?: number }> = JSON.parse(readFileSync(fx + 'reference.json', 'utf8'));
const { results, prepared } = await runStudy(fx + 'study.yaml');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

test('every study figure with an R reference matches its value and standard error (1e-9 relative)', () => {
  let checked = 0;
  for (const [id, want] of Object.entries(ref)) {
    if (id.startsWith('df.')) continue;
    const f = results.figures[id];
    assert.ok(f, `figure ${id} exists`);
    assert.ok(rel(f.value, want.value) < 1e-9, `${id}: value ${f.value} vs R ${want.value}`);
    assert.ok(f.se !== undefined && rel(f.se, want.se as number) < 1e-9, `${id}: se ${f.se} vs R ${want.se}`);
    checked++;
  }
  assert.equal(checked, 24, 'all 24 R-referenced figures checked');
});

test('indicator intervals: proportions as R svyciprop(method = "logit") (1e-6 relative), a non-share ratio Wald; all proportions in [0, 1]', () => {
  let checked = 0;
  for (const [id, want] of Object.entries(ref)) {
    if (want.lower === undefined) continue;
    const f = results.figures[id];
    assert.ok(f.ci && rel(f.ci[0], want.lower) < 1e-6 && rel(f.ci[1], want.upper as number) < 1e-6, `${id}: ci ${f.ci} vs R [${want.lower}, ${want.upper}]`);
    assert.equal(f.interval, id === 'indicator.staff_x_share' ? 'wald' : 'logit', id);
    checked++;
  }
  assert.equal(checked, 5);
  for (const f of Object.values(results.figures)) {
    if (f.interval === 'logit' || f.interval === 'beta') assert.ok(f.ci![0] >= 0 && f.ci![1] <= 1 && f.ci![0] <= f.value && f.value <= f.ci![1], `${f.id} ${f.ci}`);
  }
});

test('design degrees of freedom: n − H per questionnaire, as R degf', () => {
  assert.equal(results.figures['jobs.providers.a'].df, ref['df.providers'].value);
  assert.equal(results.figures['consumption.c1'].df, ref['df.consumers'].value);
});

test('default-design estimates equal the seed formulas (two routes agree)', () => {
  const p = prepared.inputs.questionnaires.p;
  const rows = selectRows(p, { type: ['a'] }, 'a');
  const t = (f: string) => take(p.numbers[f], rows);
  const byFormula = providerJobs(300, { employees: t('employees'), relatedShare: t('related_share'), fulltimeShare: t('fulltime_share') });
  assert.ok(rel(results.figures['jobs.providers.a'].value, byFormula.jobs) < 1e-12);
  assert.ok(rel(results.figures['jobs.providers.a.parttime'].value, byFormula.parttime) < 1e-12);
  const o = prepared.inputs.questionnaires.o;
  const r2 = selectRows(o, { type: ['y'] }, 'y');
  const u = (f: string) => take(o.numbers[f], r2);
  const op = operatorJobs(5000, { accounts: u('accounts'), staff: u('staff'), fulltimeShare: u('fulltime_share') });
  assert.ok(rel(results.figures['jobs.operators.y'].value, op.jobs) < 1e-12);
});

test('intervals: t with the Satterthwaite df; share by the delta method', () => {
  const f = results.figures['jobs.direct'];
  assert.ok(f.ci && f.df && f.df > 0);
  assert.ok(f.ci[0] < f.value && f.value < f.ci[1]);
  const s = results.figures['share.providers'];
  assert.ok(s.se !== undefined && s.se > 0 && s.ci);
});

test('Moments: Satterthwaite df and delta-method gradient on a hand-worked case', () => {
  const m = new Moments();
  const [a] = m.addBlock(['a'], [10], Float64Array.of(4), 10);
  const [b] = m.addBlock(['b'], [20], Float64Array.of(9), 20);
  const v = m.variance(new Map([[a, 1], [b, 1]]));
  assert.equal(v.variance, 13);
  assert.ok(Math.abs(v.df - 169 / (16 / 10 + 81 / 20)) < 1e-12);
  // a/(a+b) at (10, 20): ∂/∂a = b/(a+b)² = 20/900, ∂/∂b = −a/(a+b)² = −10/900
  const g = ratioGradient(10, unit(a), 30, new Map([[a, 1], [b, 1]]));
  assert.ok(Math.abs((g.get(a) as number) - 20 / 900) < 1e-15 && Math.abs((g.get(b) as number) + 10 / 900) < 1e-15);
});

test('consumer totals from sufficient statistics equal the row-based design estimates (1e-10)', async () => {
  const { consumptionEstimates, momentEstimates } = await import('../../src/study/model/sampling.ts');
  const q = prepared.inputs.questionnaires.c; // rows (an indicator reads this questionnaire)
  const cfg = prepared.study.config.questionnaires.c;
  const fields = ['c1', 'c2', 'c3'];
  const rows = consumptionEstimates(q, cfg, fields, 1e6);
  const p = fields.length;
  const sum = Float64Array.from(fields, (f) => q.numbers[f].reduce((a, b) => a + b, 0));
  const cross = new Float64Array(p * p);
  fields.forEach((a, i) => fields.forEach((b, j) => (cross[i * p + j] = q.numbers[a].reduce((s, v, k) => s + v * q.numbers[b][k], 0))));
  const mom = momentEstimates({ ...q, numbers: {}, moments: { fields, sum, cross } }, cfg, fields, 1e6);
  rows.values.forEach((v, i) => assert.ok(rel(mom.values[i], v) < 1e-10));
  rows.V.forEach((v, i) => assert.ok(Math.abs(mom.V[i] - v) <= 1e-10 * Math.abs(rows.V[0]), `V[${i}] ${mom.V[i]} vs ${v}`));
  assert.equal(mom.df, rows.df);
  // The documented example: U = 100, y = [1, 3] → C = 200, V = 0.98 · 2 · 2500 · (10 − 8) = 9800.
  const tiny = momentEstimates({ ...q, valid: 2, numbers: {}, moments: { fields: ['y'], sum: Float64Array.of(4), cross: Float64Array.of(10) } }, cfg, ['y'], 100);
  assert.equal(tiny.values[0], 200);
  assert.ok(Math.abs(tiny.V[0] - 9800) < 1e-9);
});

test('designWarnings: R\'s fpc warning in zh and en, with the rows as the file numbers them', () => {
  const q = { numbers: { f: Float64Array.from([10, 10, 11, 20]) }, categories: { st: ['a', 'a', 'a', 'b'] } } as unknown as Parameters<typeof designWarnings>[0];
  const cfg = { yamlPath: 'questionnaires.p', design: { ids: '1', strata: 'st', fpc: 'f' } } as unknown as Parameters<typeof designWarnings>[1];
  const [w] = designWarnings(q, cfg, (i) => i + 5);
  assert.equal(w.en, "questionnaires.p.design: fpc varies within strata: stratum a at stage 1 (column 'f': 10 at row 5, 11 at row 7); R warns the same and estimates with each row's value, as here");
  assert.equal(w.zh, "questionnaires.p.design：fpc 在层内不一致：第 1 阶段的层 a（列 'f'：第 5 行为 10，第 7 行为 11）；R 同样给出警告，并与此处一样按每行的值估计");
});

test('componentsDesign: the run\'s one design per questionnaire, rebuilt (and the last kept) when a population changes', () => {
  const config = prepared.study.config, q = prepared.inputs.questionnaires.p, cfg = config.questionnaires.p;
  const comps = config.providers.filter((c) => c.questionnaire === 'p');
  const members = comps.map((c) => selectRows(q, c.where, c.id));
  const a = componentsDesign(q, cfg, comps, members);
  assert.equal(componentsDesign(q, cfg, comps, members), a, 'the same settings give the same design (the run built it already)');
  const fresh = questionnaireDesign(q, cfg, comps, members);
  assert.deepEqual(Array.from(a.design.weights), Array.from(fresh.design.weights));
  const more = comps.map((c, k) => (k === 0 ? { ...c, population: c.population * 2 } : c));
  const b = componentsDesign(q, cfg, more, members);
  assert.notEqual(b, a);
  const rows = a.rowsOf(0);
  assert.equal(b.design.weights[rows[0]], 2 * a.design.weights[rows[0]], 'weights N/n follow the population');
  assert.equal(componentsDesign(q, cfg, more, members), b);
  assert.notEqual(componentsDesign(q, cfg, comps, members), a, 'only the last design is kept');
});

test('designWarnings: a fault of the declared design names the row as the file numbers it, in zh and en', () => {
  const q = { numbers: { w: Float64Array.from([2, 2, 0, 3]) }, categories: {} } as unknown as Parameters<typeof designWarnings>[0];
  const cfg = { yamlPath: 'questionnaires.p', design: { weights: 'w' } } as unknown as Parameters<typeof designWarnings>[1];
  assert.throws(() => designWarnings(q, cfg, (i) => i + 5), (e: Error) => {
    assert.equal(e.message, "questionnaires.p.design: svydesign: weights column 'w' row 7 is 0 (weights must be finite and > 0)");
    assert.equal(errorText(e, 'zh'), "questionnaires.p.design：svydesign：权重列 'w' 第 7 行为 0（权重应为有限值且 > 0）");
    return true;
  });
});
