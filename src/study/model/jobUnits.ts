// Job units: positions (jobs), full-time equivalents and headcount, always with their unit.
// The seed counts positions ("jobs driven", full- and part-time alike); FTE and headcount answer
// different questions and need extra questionnaire fields (hours or days worked; platform jobs held).
import type { FteBasis, StudyConfig } from '../config/types.ts';
import type { JobUnits, StudyInputs } from './types.ts';
import type { Label } from '../../locale/index.ts';
import { selectRows, take } from './select.ts';
import { LocalizedError, internalError, zhPlace } from '../../locale/errorText.ts';

export interface JobUnitRows {
  /** Estimation weight of each row (N/n for a provider; M / Σ accounts for an operator). */
  weights: Float64Array;
  /** Platform positions the row stands for (employees × related share; staff; 1 for a worker). */
  positions: Float64Array;
  /** Average weekly hours worked per position, when asked. */
  hoursPerWeek?: Float64Array;
  /** Average days worked per year per position, when asked. */
  daysPerYear?: Float64Array;
  /** Average number of platform jobs held by the people in these positions (≥ 1), when asked. */
  jobsHeld?: Float64Array;
}

function basisText(b: FteBasis): Label {
  return 'hoursPerWeek' in b ? { zh: `每周 ${b.hoursPerWeek} 小时`, en: `${b.hoursPerWeek} h/week` } : { zh: `每年 ${b.daysPerYear} 天`, en: `${b.daysPerYear} days/year` };
}

/**
 * jobUnits(rows, basis) →
 *   positions = Σ_i w_i p_i                                   (unit "positions (jobs)"; each unit and formula in zh and en)
 *   FTE       = Σ_i w_i p_i h_i / H   or  Σ_i w_i p_i d_i / D  (unit "FTE (H h/week)" / "FTE (D days/year)")
 *   headcount = Σ_i w_i p_i / k_i                             (unit "persons (headcount)")
 * A person holding k platform jobs appears in k positions, so weighting each position by 1/k counts
 * them once (the multiplicity adjustment of network sampling: Sirken 1970). FTE follows the ILO /
 * OECD definition: total hours worked divided by the hours of a full-time position; it is not
 * capped, so overtime counts. FTE needs hours or days (not both); headcount needs jobsHeld.
 * Fails on a basis ≤ 0, unequal column lengths, or a row with a missing (NaN) or out-of-range
 * answer (hours < 0, days outside [0, 366], jobs held < 1), naming the row.
 * Example: w = [10, 10], p = [2, 1], hours = [40, 20], jobs held = [1, 2], basis 40 h/week →
 *   positions 30, FTE 10·2·1 + 10·1·0.5 = 25, headcount 20 + 5 = 25.
 */
export function jobUnits(rows: JobUnitRows, basis: FteBasis, where = 'job units'): JobUnits {
  const n = rows.weights.length;
  const B = 'hoursPerWeek' in basis ? basis.hoursPerWeek : basis.daysPerYear;
  if (!(B > 0)) throw new LocalizedError({ zh: `${zhPlace(where)}：全职当量（FTE）的基准应 > 0，实为 ${B}`, en: `${where}: the FTE basis must be > 0, got ${B}` });
  if (rows.hoursPerWeek && rows.daysPerYear) throw new LocalizedError({ zh: `${zhPlace(where)}：每周小时数与每年天数只能给一个`, en: `${where}: give hours per week or days per year, not both` });
  for (const [name, col] of Object.entries(rows)) if (col && col.length !== n) throw internalError(`${where}: ${name} has ${col.length} rows, weights ${n}`);
  const check = (col: Float64Array | undefined, name: Label, ok: (v: number) => boolean, range: Label) => {
    if (col) for (let i = 0; i < n; i++) if (!ok(col[i])) throw new LocalizedError({ zh: `${zhPlace(where)}：第 ${i + 1} 行：${name.zh}应${range.zh}，实为 ${col[i]}`, en: `${where}: row ${i + 1}: ${name.en} must be ${range.en}, got ${col[i]}` });
  };
  const within = (lo: number, hi: number): Label => ({ zh: `在 [${lo}, ${hi}] 内`, en: `in [${lo}, ${hi}]` });
  check(rows.positions, { zh: '岗位数', en: 'positions' }, (v) => v >= 0, { zh: ' ≥ 0', en: '≥ 0' });
  check(rows.hoursPerWeek, { zh: '每周小时数', en: 'hours per week' }, (v) => v >= 0 && v <= 168, within(0, 168));
  check(rows.daysPerYear, { zh: '每年天数', en: 'days per year' }, (v) => v >= 0 && v <= 366, within(0, 366));
  check(rows.jobsHeld, { zh: '在平台上的工作数', en: 'platform jobs held' }, (v) => v >= 1, { zh: ' ≥ 1', en: '≥ 1' });
  let pos = 0;
  let fte = 0;
  let head = 0;
  const work = rows.hoursPerWeek ?? rows.daysPerYear;
  for (let i = 0; i < n; i++) {
    const wp = rows.weights[i] * rows.positions[i];
    pos += wp;
    if (work) fte += (wp * work[i]) / B;
    if (rows.jobsHeld) head += wp / rows.jobsHeld[i];
  }
  const same = (f: string): Label => ({ zh: f, en: f });
  const out: JobUnits = { positions: { value: pos, unit: { zh: '岗位（个）', en: 'positions (jobs)' }, formula: same('Σ w_i p_i') } };
  if (work) {
    const b = basisText(basis);
    out.fte = {
      value: fte,
      unit: { zh: `全职当量（${b.zh}）`, en: `FTE (${b.en})` },
      formula: rows.hoursPerWeek ? { zh: `Σ w_i p_i 工时_i / ${B}`, en: `Σ w_i p_i hours_i / ${B}` } : { zh: `Σ w_i p_i 天数_i / ${B}`, en: `Σ w_i p_i days_i / ${B}` },
    };
  }
  if (rows.jobsHeld) out.headcount = { value: head, unit: { zh: '人数（去重）', en: 'persons (headcount)' }, formula: { zh: 'Σ w_i p_i / 所持岗位数_i', en: 'Σ w_i p_i / jobs_held_i' } };
  return out;
}

/** Questionnaire field names the study maps for job units (study.yaml columns). */
export const JOB_UNIT_FIELDS = { hours: 'hours_per_week', days: 'days_per_year', jobsHeld: 'platform_jobs_held' } as const;

/**
 * componentJobUnits(config, inputs, basis) → job units of every direct-jobs component, using the
 * fields hours_per_week or days_per_year and platform_jobs_held when its questionnaire maps them
 * (positions always). Rows: provider w = N/n, p = employees × related_share; operator
 * w = M / Σ accounts, p = staff (so Σ w p reproduces the seed's jobs_k and jobs_j exactly).
 */
export function componentJobUnits(config: StudyConfig, inputs: StudyInputs, basis: FteBasis): Record<string, JobUnits> {
  const out: Record<string, JobUnits> = {};
  for (const c of [...config.providers, ...config.operators]) {
    const q = inputs.questionnaires[c.questionnaire];
    if (!q) throw new LocalizedError({ zh: `${c.yamlPath}：问卷 "${c.questionnaire}" 没有读入`, en: `${c.yamlPath}: questionnaire "${c.questionnaire}" was not loaded` });
    const rows = selectRows(q, c.where, c.yamlPath);
    const f = (name: string) => (q.numbers[name] ? take(q.numbers[name], rows) : undefined);
    const need = (name: string) => {
      const col = f(name);
      if (!col) throw new LocalizedError({ zh: `${c.yamlPath}：问卷 "${q.key}" 没有数值字段 "${name}"`, en: `${c.yamlPath}: questionnaire "${q.key}" has no numeric field "${name}"` });
      return col;
    };
    let positions: Float64Array;
    let w: number;
    if (c.kind === 'provider') {
      const r = need('related_share');
      positions = need('employees').map((e, i) => e * r[i]);
      w = c.population / rows.length;
    } else {
      positions = need('staff');
      w = c.population / need('accounts').reduce((t, v) => t + v, 0);
    }
    out[c.id] = jobUnits(
      {
        weights: new Float64Array(rows.length).fill(w),
        positions,
        hoursPerWeek: f(JOB_UNIT_FIELDS.hours),
        daysPerYear: f(JOB_UNIT_FIELDS.days),
        jobsHeld: f(JOB_UNIT_FIELDS.jobsHeld),
      },
      basis,
      `${c.yamlPath} (${c.id})`,
    );
  }
  return out;
}

/** The FTE basis from a schema-valid `job_units` value: {fte_basis: {hours_per_week: 40}} → {hoursPerWeek: 40}. */
export function jobUnitsBasis(raw: { fte_basis: { hours_per_week?: number; days_per_year?: number } }): FteBasis {
  const b = raw.fte_basis;
  return b.hours_per_week !== undefined ? { hoursPerWeek: b.hours_per_week } : { daysPerYear: b.days_per_year as number };
}
