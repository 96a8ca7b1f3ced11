// The estimate and linearized variance of one direct-jobs component as a function of its rows and
// row weight multipliers: what the coverage check resamples and the bootstrap-t interval replicates.
import type { ComponentConfig, StudyInputs } from '../types.ts';
import { selectRows, take } from './select.ts';

/** A component's rows gathered once (ComponentStatistic.prepare): its estimator with any weight multipliers. */
export interface ComponentSample {
  /**
   * The estimates and variances of B replicates at once, without allocating: replicate b's multipliers
   * u are U[b·n … (b+1)·n) (u[i] for the i-th gathered row; Σu = n) → est[b], v[b].
   */
  readonly replicates: (U: Float64Array, B: number, est: Float64Array, v: Float64Array) => void;
}

export interface ComponentStatistic {
  /** Figure id: jobs.providers.<k> or jobs.operators.<j>. */
  readonly id: string;
  /** Questionnaire rows of the component (its `where`). */
  readonly rows: Int32Array;
  /** The rows idx (idx[i] a questionnaire row) gathered once → the estimator on them (ComponentSample). */
  readonly prepare: (idx: Int32Array) => ComponentSample;
  /**
   * Estimate and variance of the rows idx as drawn (u ≡ 1), read in place: what one replicate with every
   * multiplier 1 gives (multiplying by 1 is exact, so the same numbers to the bit), without gathering the
   * rows — the coverage check takes it for thousands of simulated samples.
   */
  readonly full: (idx: Int32Array) => { est: number; v: number };
  /** The values whose skewness matters: related employees (providers) or staff (operators). */
  readonly values: (idx: Int32Array) => Float64Array;
}

/** One replicate's finish (providerFinish or operatorFinish) read back as numbers. */
const finished = { est: new Float64Array(1), v: new Float64Array(1) };
const readFinished = (): { est: number; v: number } => ({ est: finished.est[0], v: finished.v[0] });

/** Providers' Ŷ = N·(Σuy / n) and v = N²(1 − n/N)(Σu(y − ȳ)² / (n − 1)) / n of replicate b into est[b], v[b]. */
function providerFinish(N: number, n: number, est: Float64Array, v: Float64Array, b: number, s: number, ss: number): void {
  est[b] = N * (s / n);
  v[b] = (N * N * (1 - n / N) * (ss / (n - 1))) / n;
}

/** Operators' M·R̂ and v = M² · n/(n − 1) · d2 / ta² of replicate b into est[b], v[b]. */
function operatorFinish(M: number, n: number, est: Float64Array, v: Float64Array, b: number, R: number, d2: number, ta: number): void {
  est[b] = M * R;
  v[b] = (M * M * (n / (n - 1)) * d2) / (ta * ta);
}

/**
 * Providers' Ŷ = N·ȳ_u and v = N²(1 − n/N) s²_u / n over the values y (n of them) for replicates
 * b = 0 … B − 1 of U, four at a time: each lane's sums run over the rows in order, exactly as one
 * replicate alone would (lanes past B − 1 repeat it), so a replicate's result does not depend on its lane.
 */
function providerReplicates(y: Float64Array, N: number, U: Float64Array, B: number, est: Float64Array, v: Float64Array): void {
  const n = y.length, last = B - 1;
  for (let b = 0; b < B; b += 4) {
    const b1 = Math.min(b + 1, last), b2 = Math.min(b + 2, last), b3 = Math.min(b + 3, last);
    const o0 = b * n, o1 = b1 * n, o2 = b2 * n, o3 = b3 * n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i];
      s0 += U[o0 + i] * yi; s1 += U[o1 + i] * yi; s2 += U[o2 + i] * yi; s3 += U[o3 + i] * yi;
    }
    const m0 = s0 / n, m1 = s1 / n, m2 = s2 / n, m3 = s3 / n;
    let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i];
      let d = yi - m0; q0 += U[o0 + i] * d * d;
      d = yi - m1; q1 += U[o1 + i] * d * d;
      d = yi - m2; q2 += U[o2 + i] * d * d;
      d = yi - m3; q3 += U[o3 + i] * d * d;
    }
    providerFinish(N, n, est, v, b, s0, q0); providerFinish(N, n, est, v, b1, s1, q1); providerFinish(N, n, est, v, b2, s2, q2); providerFinish(N, n, est, v, b3, s3, q3);
  }
}

/**
 * Operators' M·R̂, R̂ = Σ u s / Σ u a, and v = M² · n/(n − 1) · Σ u (s − R̂a)² / (Σ u a)² over staff s and
 * accounts a for replicates b = 0 … B − 1 of U, four at a time as providerReplicates.
 */
function operatorReplicates(s: Float64Array, a: Float64Array, M: number, U: Float64Array, B: number, est: Float64Array, v: Float64Array): void {
  const n = s.length, last = B - 1;
  for (let b = 0; b < B; b += 4) {
    const b1 = Math.min(b + 1, last), b2 = Math.min(b + 2, last), b3 = Math.min(b + 3, last);
    const o0 = b * n, o1 = b1 * n, o2 = b2 * n, o3 = b3 * n;
    let ts0 = 0, ta0 = 0, ts1 = 0, ta1 = 0, ts2 = 0, ta2 = 0, ts3 = 0, ta3 = 0;
    for (let i = 0; i < n; i++) {
      const si = s[i], ai = a[i], u0 = U[o0 + i], u1 = U[o1 + i], u2 = U[o2 + i], u3 = U[o3 + i];
      ts0 += u0 * si; ta0 += u0 * ai;
      ts1 += u1 * si; ta1 += u1 * ai;
      ts2 += u2 * si; ta2 += u2 * ai;
      ts3 += u3 * si; ta3 += u3 * ai;
    }
    const R0 = ts0 / ta0, R1 = ts1 / ta1, R2 = ts2 / ta2, R3 = ts3 / ta3;
    let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
    for (let i = 0; i < n; i++) {
      const si = s[i], ai = a[i];
      let d = si - R0 * ai; q0 += U[o0 + i] * d * d;
      d = si - R1 * ai; q1 += U[o1 + i] * d * d;
      d = si - R2 * ai; q2 += U[o2 + i] * d * d;
      d = si - R3 * ai; q3 += U[o3 + i] * d * d;
    }
    operatorFinish(M, n, est, v, b, R0, q0, ta0); operatorFinish(M, n, est, v, b1, R1, q1, ta1); operatorFinish(M, n, est, v, b2, R2, q2, ta2); operatorFinish(M, n, est, v, b3, R3, q3, ta3);
  }
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
    const values = (idx: Int32Array): Float64Array => {
      const y = new Float64Array(idx.length);
      for (let i = 0; i < idx.length; i++) y[i] = e[idx[i]] * r[idx[i]];
      return y;
    };
    return {
      id: `jobs.providers.${c.id}`, rows, values,
      prepare: (idx) => {
        const y = values(idx);
        return { replicates: (U, B, est, v) => providerReplicates(y, N, U, B, est, v) };
      },
      full: (idx) => {
        // providerReplicates' lane with u ≡ 1: Σ 1·y = Σ y, Σ 1·d·d = Σ d·d
        const n = idx.length;
        let sum = 0;
        for (let i = 0; i < n; i++) sum += e[idx[i]] * r[idx[i]];
        const m = sum / n;
        let q = 0;
        for (let i = 0; i < n; i++) {
          const d = e[idx[i]] * r[idx[i]] - m;
          q += d * d;
        }
        providerFinish(N, n, finished.est, finished.v, 0, sum, q);
        return readFinished();
      },
    };
  }
  const st = q.numbers.staff, ac = q.numbers.accounts, M = c.population;
  return {
    id: `jobs.operators.${c.id}`, rows,
    values: (idx) => take(st, idx),
    prepare: (idx) => {
      const s = take(st, idx), a = take(ac, idx);
      return { replicates: (U, B, est, v) => operatorReplicates(s, a, M, U, B, est, v) };
    },
    full: (idx) => {
      // operatorReplicates' lane with u ≡ 1: Σ 1·s = Σ s, Σ 1·a = Σ a, Σ 1·d·d = Σ d·d
      const n = idx.length;
      let ts = 0, ta = 0;
      for (let i = 0; i < n; i++) {
        ts += st[idx[i]];
        ta += ac[idx[i]];
      }
      const R = ts / ta;
      let q = 0;
      for (let i = 0; i < n; i++) {
        const d = st[idx[i]] - R * ac[idx[i]];
        q += d * d;
      }
      operatorFinish(M, n, finished.est, finished.v, 0, R, q, ta);
      return readFinished();
    },
  };
}
