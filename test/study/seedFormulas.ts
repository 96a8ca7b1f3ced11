// The seed report's formulas for direct jobs and consumption (METHOD §1–2), written out by hand: an
// independent route the tests compare the design-based estimators (src/study/model/sampling.ts) with.
// Not production code: the model's figures are the definitions in src/study/model/figures/.

/** Columns a provider questionnaire contributes (valid rows of one provider type). */
export interface ProviderSample {
  employees: Float64Array;
  relatedShare: Float64Array;
  fulltimeShare: Float64Array;
}

/** Columns an operator questionnaire contributes (valid rows of one account type). */
export interface OperatorSample {
  accounts: Float64Array;
  staff: Float64Array;
  fulltimeShare: Float64Array;
}

export interface ComponentJobs {
  n: number;
  jobs: number;
  parttime: number;
  fulltime: number;
}

/**
 * Service-provider jobs, METHOD §1a (expansion / Horvitz–Thompson estimator under SRS, w_i = N/n):
 *   jobs_k     = N_k/n_k · Σ_i employees_i · related_share_i
 *   parttime_k = N_k/n_k · Σ_i employees_i · related_share_i · (1 − fulltime_share_i)
 * Fails when n = 0 (no valid questionnaire: the component cannot be estimated).
 * Example: N = 100, employees [10, 20], related [0.5, 0.25], fulltime [1, 0.4]
 *   → jobs = 50·(5 + 5) = 500, parttime = 50·(0 + 3) = 150.
 */
export function providerJobs(N: number, s: ProviderSample, component = 'component'): ComponentJobs {
  const n = s.employees.length;
  if (n === 0) throw new Error(`${component}: no valid provider questionnaire to estimate from`);
  let related = 0;
  let part = 0;
  for (let i = 0; i < n; i++) {
    const r = s.employees[i] * s.relatedShare[i];
    related += r;
    part += r * (1 - s.fulltimeShare[i]);
  }
  const w = N / n;
  const jobs = w * related;
  const parttime = w * part;
  return { n, jobs, parttime, fulltime: jobs - parttime };
}

/**
 * Operator jobs, METHOD §1b (ratio estimator, staff per account):
 *   jobs_j     = (Σ_i staff_i / Σ_i accounts_i) · M_j
 *   parttime_j = (Σ_i staff_i · (1 − fulltime_share_i) / Σ_i accounts_i) · M_j
 * i.e. jobs_j × (1 − staff-weighted full-time share). Fails when Σ accounts = 0.
 * Example: M = 1000, accounts [2, 3], staff [4, 6], fulltime [0.5, 1] → jobs = 2·1000 = 2000, parttime = (2/5)·1000 = 400.
 */
export function operatorJobs(M: number, s: OperatorSample, component = 'component'): ComponentJobs {
  const n = s.accounts.length;
  if (n === 0) throw new Error(`${component}: no valid operator questionnaire to estimate from`);
  let a = 0;
  let st = 0;
  let part = 0;
  for (let i = 0; i < n; i++) {
    a += s.accounts[i];
    st += s.staff[i];
    part += s.staff[i] * (1 - s.fulltimeShare[i]);
  }
  if (!(a > 0)) throw new Error(`${component}: the surveyed accounts sum to ${a}; the staff-per-account ratio is undefined`);
  const jobs = (st / a) * M;
  const parttime = (part / a) * M;
  return { n, jobs, parttime, fulltime: jobs - parttime };
}

/**
 * Total platform-driven consumption of one category estimated from a consumer questionnaire:
 *   C_c = U · ȳ_c = U/n · Σ_i y_ic      (expansion estimator under SRS of n users from U)
 * where y_ic is respondent i's platform-driven annual spend in category c (yuan).
 * Fails when n = 0. Example: U = 1000, y = [10, 30] → C = 1000 · 20 = 20000.
 */
export function consumptionTotal(U: number, spend: Float64Array, category = 'category'): number {
  const n = spend.length;
  if (n === 0) throw new Error(`${category}: no valid consumer questionnaire to estimate from`);
  let s = 0;
  for (let i = 0; i < n; i++) s += spend[i];
  return (U / n) * s;
}
