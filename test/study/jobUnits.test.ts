// Job units: positions, FTE and headcount by hand; component units reproduce the seed's jobs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobUnits, componentJobUnits } from '../../src/study/model/jobUnits.ts';
import { handStudy, inputs } from './additionalityFixture.ts';

const f = (v: number[]) => Float64Array.from(v);

test('positions, FTE (hours) and headcount by hand', () => {
  const u = jobUnits({ weights: f([10, 10]), positions: f([2, 1]), hoursPerWeek: f([40, 20]), jobsHeld: f([1, 2]) }, { hoursPerWeek: 40 });
  assert.equal(u.positions.value, 30);
  assert.equal(u.fte?.value, 25);
  assert.deepEqual(u.fte?.unit, { zh: '全职当量（每周 40 小时）', en: 'FTE (40 h/week)' });
  assert.deepEqual(u.fte?.formula, { zh: 'Σ w_i p_i 工时_i / 40', en: 'Σ w_i p_i hours_i / 40' });
  assert.equal(u.headcount?.value, 25);
  assert.deepEqual(u.headcount?.unit, { zh: '人数（去重）', en: 'persons (headcount)' });
});

test('FTE from days worked; no optional fields → positions only', () => {
  const u = jobUnits({ weights: f([4]), positions: f([5]), daysPerYear: f([125]) }, { daysPerYear: 250 });
  assert.equal(u.fte?.value, 10);
  assert.deepEqual(u.fte?.unit, { zh: '全职当量（每年 250 天）', en: 'FTE (250 days/year)' });
  const p = jobUnits({ weights: f([4]), positions: f([5]) }, { hoursPerWeek: 40 });
  assert.deepEqual(Object.keys(p), ['positions']);
});

test('errors name the row and the value', () => {
  assert.throws(() => jobUnits({ weights: f([1, 1]), positions: f([1, 1]), jobsHeld: f([1, 0.5]) }, { hoursPerWeek: 40 }, 'c'), /c: row 2: platform jobs held must be ≥ 1, got 0.5/);
  assert.throws(() => jobUnits({ weights: f([1]), positions: f([1]), hoursPerWeek: f([NaN]) }, { hoursPerWeek: 40 }), /row 1: hours per week must be in \[0, 168\], got NaN/);
  assert.throws(() => jobUnits({ weights: f([1]), positions: f([1]) }, { hoursPerWeek: 0 }), /FTE basis must be > 0/);
  assert.throws(() => jobUnits({ weights: f([1]), positions: f([1]), hoursPerWeek: f([1]), daysPerYear: f([1]) }, { hoursPerWeek: 40 }), /not both/);
});

test('component positions reproduce computeStudy; FTE and headcount when the fields are mapped', () => {
  const { config, results } = handStudy();
  const withFields = {
    ...inputs,
    questionnaires: {
      ...inputs.questionnaires,
      p: { ...inputs.questionnaires.p, numbers: { ...inputs.questionnaires.p.numbers, hours_per_week: f([40, 20]), platform_jobs_held: f([1, 2]) } },
    },
  };
  const u = componentJobUnits(config, withFields, { hoursPerWeek: 40 });
  assert.equal(u.prov.positions.value, results.figures['jobs.providers.prov'].value);
  assert.equal(u.ops.positions.value, results.figures['jobs.operators.ops'].value);
  // prov: w = 100, p = [10, 15]: FTE = 100 (10 + 15 × 0.5) = 1750; headcount = 100 (10 + 7.5) = 1750
  assert.equal(u.prov.fte?.value, 1750);
  assert.equal(u.prov.headcount?.value, 1750);
  assert.equal(u.ops.fte, undefined);
});

test('job_units schema fragment and basis', async () => {
  const { jobUnitsSchema } = await import('../../src/study/config/schema/jobUnits.ts');
  const { jobUnitsBasis } = await import('../../src/study/model/jobUnits.ts');
  const Ajv = (await import('ajv')).default;
  const v = new Ajv({ strict: false }).compile({ type: 'object', properties: jobUnitsSchema, additionalProperties: false });
  assert.ok(v({ job_units: { fte_basis: { hours_per_week: 40 } } }));
  assert.ok(!v({ job_units: { fte_basis: { hours_per_week: 0 } } }));
  assert.ok(!v({ job_units: { fte_basis: { weeks: 52 } } }));
  assert.deepEqual(jobUnitsBasis({ fte_basis: { days_per_year: 250 } }), { daysPerYear: 250 });
});
