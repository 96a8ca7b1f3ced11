// Neyman allocation of a survey across strata for a target precision of the summed total.
import { LocalizedError } from '../../locale/errorText.ts';

export interface NeymanStratum {
  id: string;
  /** A_h = N_h S_h: population-scaled unit standard deviation (see unitSpread). */
  A: number;
  /** Population size for the fpc and the take-all cap, or null when unknown. */
  N: number | null;
}

export interface NeymanAllocation {
  /** Target variance V = (halfWidth / z)². */
  V: number;
  n: number;
  strata: { id: string; n: number; takeAll: boolean }[];
  /** Half-width achieved by the rounded-up allocation. */
  halfWidth: number;
}

/**
 * neymanAllocation(strata, halfWidth, z) → the smallest total sample giving the summed total
 * Σ_h T̂_h a normal interval half-width ≤ halfWidth, allocated n_h ∝ A_h (Neyman 1934; Cochran 1977,
 * eq. 5.26 and 5.25):
 *   n = (Σ A_h)² / (V + Σ_h N_h S_h²),  V = (halfWidth / z)²,  n_h = n A_h / Σ A_h
 * (the fpc term Σ N_h S_h² = Σ A_h² / N_h counts strata with known N_h). A stratum whose n_h would
 * exceed N_h is taken whole and the rest re-allocated (Cochran §5.9). Each n_h is rounded up (and is
 * at least 2 so a variance can be estimated); the achieved half-width is reported.
 * A stratum with unknown N_h is never capped, so a target is always reachable. Fails on halfWidth ≤ 0 or a
 * negative A_h.
 * Example: A = [300, 100], N unknown, halfWidth 19.6, z 1.96 → V = 100, n = 400²/100 = 1600,
 *   n_h = [1200, 400], achieved variance 300²/1200 + 100²/400 = 100.
 */
export function neymanAllocation(strata: NeymanStratum[], halfWidth: number, z: number): NeymanAllocation {
  if (!(halfWidth > 0)) throw new LocalizedError({ zh: `目标半宽应 > 0，实为 ${halfWidth}`, en: `target half-width must be > 0, got ${halfWidth}` });
  for (const s of strata) if (!(s.A >= 0)) throw new LocalizedError({ zh: `第 ${s.id} 层：A 应 ≥ 0，实为 ${s.A}`, en: `stratum ${s.id}: A must be ≥ 0, got ${s.A}` });
  const V = (halfWidth / z) ** 2;
  const takeAll = new Set<string>();
  let alloc = new Map<string, number>();
  for (;;) {
    const rest = strata.filter((s) => !takeAll.has(s.id));
    if (rest.length === 0) break; // a census of every stratum: no sampling variance
    const sumA = rest.reduce((t, s) => t + s.A, 0);
    const fpcTerm = rest.reduce((t, s) => t + (s.N ? (s.A * s.A) / s.N : 0), 0);
    const n = sumA === 0 ? 0 : (sumA * sumA) / (V + fpcTerm);
    alloc = new Map(rest.map((s) => [s.id, sumA === 0 ? 0 : (n * s.A) / sumA]));
    const over = rest.filter((s) => s.N !== null && (alloc.get(s.id) as number) > s.N);
    if (over.length === 0) break;
    for (const s of over) takeAll.add(s.id);
  }
  const rows = strata.map((s) => {
    const whole = takeAll.has(s.id);
    const n = whole ? (s.N as number) : Math.max(2, Math.ceil(alloc.get(s.id) as number));
    return { id: s.id, n: s.N !== null ? Math.min(n, s.N) : n, takeAll: whole };
  });
  const variance = strata.reduce((t, s, i) => {
    const n = rows[i].n;
    return t + (s.A * s.A) / n - (s.N ? (s.A * s.A) / s.N : 0);
  }, 0);
  return { V, n: rows.reduce((t, r) => t + r.n, 0), strata: rows, halfWidth: z * Math.sqrt(Math.max(0, variance)) };
}
