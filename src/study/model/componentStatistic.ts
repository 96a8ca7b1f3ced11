// The estimate and linearized variance of one direct-jobs component as a function of its rows and
// row weight multipliers: what the coverage check resamples and the bootstrap-t interval replicates.
import type { ComponentConfig, StudyInputs } from '../types.ts';
import { selectRows } from './select.ts';

export interface ComponentStatistic {
  /** Figure id: jobs.providers.<k> or jobs.operators.<j>. */
  readonly id: string;
  /** Questionnaire rows of the component (its `where`). */
  readonly rows: Int32Array;
  /**
   * The rows idx (idx[i] a questionnaire row) gathered once → estimate and variance with weight
   * multipliers u (u[i] for idx[i]; Σu = n; null: the sample as drawn).
   */
  readonly prepare: (idx: Int32Array) => (u: Float64Array | null) => { est: number; v: number };
  /** The values whose skewness matters: related employees (providers) or staff (operators). */
  readonly values: (idx: Int32Array) => number[];
}

/**
 * A component of a default-design questionnaire as a statistic (sampling.ts's default design; null for
 * a questionnaire read as moments). With multipliers u read as frequency weights (Σu = n):
 *   providers  Ŷ = N·ȳ_u, ȳ_u = Σ u y / n (y = employees × related_share), v = N²(1 − n/N) s²_u / n,
 *              s²_u = Σ u (y − ȳ_u)² / (n − 1);
 *   operators  M·R̂, R̂ = Σ u s / Σ u a, v = M² · n/(n − 1) · Σ u (s − R̂a)² / (Σ u a)².
 * With u ≡ 1 these are the seed formulas and the default design's linearized variances.
 */
export function componentStatistic(c: ComponentConfig, inputs: Pick<StudyInputs, 'questionnaires'>): ComponentStatistic | null {
  const q = inputs.questionnaires[c.questionnaire];
  if (!q || q.moments) return null;
  const rows = selectRows(q, c.where, `${c.yamlPath} (${c.id})`);
  if (c.kind === 'provider') {
    const e = q.numbers.employees, r = q.numbers.related_share, N = c.population;
    const values = (idx: Int32Array) => Array.from(idx, (i) => e[i] * r[i]);
    return {
      id: `jobs.providers.${c.id}`, rows, values,
      prepare: (idx) => {
        const y = Float64Array.from(values(idx)), n = y.length;
        return (u) => {
          let s = 0;
          if (u) for (let i = 0; i < n; i++) s += u[i] * y[i];
          else for (let i = 0; i < n; i++) s += y[i];
          const mean = s / n;
          let ss = 0;
          if (u) for (let i = 0; i < n; i++) { const d = y[i] - mean; ss += u[i] * d * d; }
          else for (let i = 0; i < n; i++) { const d = y[i] - mean; ss += d * d; }
          return { est: N * mean, v: (N * N * (1 - n / N) * (ss / (n - 1))) / n };
        };
      },
    };
  }
  const st = q.numbers.staff, ac = q.numbers.accounts, M = c.population;
  return {
    id: `jobs.operators.${c.id}`, rows,
    values: (idx) => Array.from(idx, (i) => st[i]),
    prepare: (idx) => {
      const n = idx.length, s = new Float64Array(n), a = new Float64Array(n);
      for (let i = 0; i < n; i++) { s[i] = st[idx[i]]; a[i] = ac[idx[i]]; }
      return (u) => {
        let ts = 0, ta = 0;
        if (u) for (let i = 0; i < n; i++) { ts += u[i] * s[i]; ta += u[i] * a[i]; }
        else for (let i = 0; i < n; i++) { ts += s[i]; ta += a[i]; }
        const R = ts / ta;
        let d2 = 0;
        if (u) for (let i = 0; i < n; i++) { const d = s[i] - R * a[i]; d2 += u[i] * d * d; }
        else for (let i = 0; i < n; i++) { const d = s[i] - R * a[i]; d2 += d * d; }
        return { est: M * R, v: (M * M * (n / (n - 1)) * d2) / (ta * ta) };
      };
    },
  };
}
