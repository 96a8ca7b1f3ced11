// Impacts of a final-demand shock: numpy references by sector, and sums that must hold exactly.
// References: `python3 scripts/ref/io_numpy.py` (x = inv(I − A) f and the inverse of the closed (n+1) matrix).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { employmentCoefficients, ioModel, leontiefImpact, multipliers, parseEmploymentByDivision, parsePymrio } from '../../src/io/index.ts';
import { close, divisions, fixture, nbs, read } from './nbs2017.ts';

const employment = parseEmploymentByDivision(read('data/china-io-2017/china-employment-by-division-1990-2018.csv'), 'employment');
const model = ioModel(nbs, { employment: employmentCoefficients(nbs, employment, divisions, 2017).coefficients });
const ref = fixture('nbs2017-multipliers.json');
const demand = Float64Array.from(ref.demand);

for (const domestic of [false, true]) {
  const name = domestic ? 'domestic' : 'competitive';
  test(`NBS 2017 ${name}: Type II impacts by sector match numpy (1e-9 relative to the largest)`, () => {
    const im = leontiefImpact(model, demand, { type: 'II', domestic });
    const r = ref[name].impact;
    for (const [key, got] of [['output', im.output], ['valueAdded', im.valueAdded], ['income', im.income], ['jobs', im.jobs]] as const) {
      for (const part of ['direct', 'indirect', 'induced'] as const) {
        const scale = Math.max(...r[key][part].map(Math.abs), 1);
        close(got![part].map((v) => v / scale), r[key][part].map((v: number) => v / scale), 1e-9, `${name} ${key} ${part}`);
      }
    }
  });

  test(`NBS 2017 ${name}: totals equal demand × multipliers, and the parts add up`, () => {
    const mu = multipliers(model, { domestic, households: true });
    const im1 = leontiefImpact(model, demand, { type: 'I', domestic });
    const im2 = leontiefImpact(model, demand, { type: 'II', domestic });
    const fd = im1.demand;
    const weighted = (mult: Float64Array): number => fd.reduce((s, f, j) => s + f * mult[j], 0);
    const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
    assert.ok(rel(im1.totals.output.total, weighted(mu.output.typeI)) < 1e-12);
    assert.ok(rel(im2.totals.output.total, weighted(mu.output.typeII!)) < 1e-12);
    assert.ok(rel(im1.totals.jobs!.total, weighted(mu.employment!.typeI)) < 1e-12);
    assert.ok(rel(im2.totals.jobs!.total, weighted(mu.employment!.typeII!)) < 1e-12);
    assert.ok(rel(im2.totals.income!.total, weighted(mu.income!.typeII!)) < 1e-12);
    assert.equal(im1.totals.output.induced, 0);
    assert.ok(rel(im1.totals.output.indirect, weighted(mu.totalRequirementColSum)) < 1e-12);
    for (const e of [im2.output, im2.valueAdded!, im2.income!, im2.jobs!]) {
      e.total.forEach((t, i) => assert.ok(Math.abs(t - e.direct[i] - e.indirect[i] - e.induced[i]) <= 1e-9 * Math.max(1, Math.abs(t))));
    }
    // Demand is conserved: met by domestic output or by imports.
    const total = demand.reduce((s, v) => s + v, 0);
    assert.ok(rel(im1.totals.output.direct + im1.importedDemand.reduce((s, v) => s + v, 0), total) < 1e-14);
    if (!domestic) assert.ok(rel(im1.totals.valueAdded!.total, total) < 1e-12, 'competitive VA = demand');
  });
}

test('seed method vs impact: column sums of B × demand = indirect output (Type I, competitive)', () => {
  const im = leontiefImpact(model, demand, { type: 'I', domestic: false });
  const b = multipliers(model, { domestic: false, households: false }).totalRequirementColSum;
  const seed = demand.reduce((s, f, j) => s + f * b[j], 0);
  assert.ok(Math.abs(im.totals.output.indirect - seed) / seed < 1e-12);
});

test('multi-region system: impacts match numpy', () => {
  const r = fixture('mrio-2x3.json');
  const dir = 'test/fixtures/io/mrio-2x3/';
  const m = ioModel(parsePymrio({ Z: read(`${dir}Z.txt`), Y: read(`${dir}Y.txt`), x: read(`${dir}x.txt`), F: read(`${dir}F.txt`) }, 'mrio'));
  const im = leontiefImpact(m, Float64Array.from(r.demand), { type: 'II', domestic: false });
  for (const part of ['direct', 'indirect', 'induced'] as const) {
    close(im.output[part], r.impact.output[part], 1e-10, `output ${part}`);
    close(im.income![part], r.impact.income[part], 1e-10, `income ${part}`);
  }
  assert.equal(im.jobs, null);
});

test('errors: wrong length, non-finite, Type II without households, bad type', () => {
  assert.throws(() => leontiefImpact(model, new Float64Array(3), { type: 'I', domestic: false }), /demand has length 3, expected 149/);
  const bad = new Float64Array(149); bad[4] = NaN;
  assert.throws(() => leontiefImpact(model, bad, { type: 'I', domestic: false }), /demand for sector 005 is NaN/);
  assert.throws(() => leontiefImpact(model, demand, { type: 'III' as 'I', domestic: false }), /invalid type: III/);
  const noHouseholds = ioModel({ ...nbs, imports: null, finalDemand: nbs.finalDemand.filter((a) => a.role !== 'household') });
  assert.throws(() => leontiefImpact(noHouseholds, demand, { type: 'II', domestic: false }), /Type II needs household consumption/);
});
