// rake: iterative proportional fitting of weights to several margins.
import type { Design, VarianceAdjustment } from './types.ts';
import { interactionCodes } from './columns.ts';
import { cells, populationVector } from './postStratify.ts';
import { poststratifyDesign } from './reweight.ts';
import { LocalizedError } from '../locale/errorText.ts';

export interface RakeMargin {
  /** Variable(s) of this margin. */
  readonly strata: string | readonly string[];
  /** Population count of each level (labels as in postStratify). */
  readonly population: Readonly<Record<string, number>>;
}

export interface RakeControl {
  /** Maximum sweeps (R default 10). */
  readonly maxit?: number;
  /** Convergence: largest change of the weighted cross-table between sweeps < epsilon; epsilon < 1 is relative to Σw (R default 1). */
  readonly epsilon?: number;
  /** Return the design even when raking did not converge (R warns); default false: error. */
  readonly force?: boolean;
}

/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940), as R's `rake(design,
 * sample.margins, population.margins, control)`: post-stratify on each margin in turn until the
 * weighted cross-table of all margin variables changes by less than epsilon. The design's
 * `calibration` reports iterations, convergence and the last change. Linearization variance
 * uses 10 sweeps of centring over the margins, as R's svyrecvar does.
 * Fails on the same inputs as postStratify, and when not converged after maxit sweeps (unless force).
 * Example (apiclus1, margins stype and sch.wide): converges in 4 sweeps; svytotal('enroll')
 * → 3647300 (se 400603).
 */
export function rake<D extends Design>(design: D, margins: readonly RakeMargin[], control?: RakeControl): D {
  if (margins.length === 0) throw new LocalizedError({ zh: `rake：没有边际（margins）`, en: 'rake: no margins' });
  const maxit = control?.maxit ?? 10;
  const eps0 = control?.epsilon ?? 1;
  let sumw = 0;
  for (let i = 0; i < design.n; i++) sumw += design.weights[i];
  const epsilon = eps0 < 1 ? eps0 * sumw : eps0;
  const parsed = margins.map((m) => {
    const vars = typeof m.strata === 'string' ? [m.strata] : [...m.strata];
    const c = cells(design, vars, 'rake');
    return { ...c, N: populationVector(design, c.index, c.labels, m.population, false, `rake (margin ${vars.join('+')})`) };
  });
  const all = interactionCodes(parsed.map((p) => p.index), design.n);
  const table = (w: Float64Array): Float64Array => {
    const t = new Float64Array(all.count);
    for (let i = 0; i < w.length; i++) t[all.codes[i]] += w[i];
    return t;
  };
  const base = design.kind === 'linearization' ? design.adjustments : [];
  let old = table(design.weights);
  let d = design;
  let iter = 0, converged = false, delta = NaN;
  let sweepMargins: { index: Int32Array; weights: Float64Array }[] = [];
  while (iter < maxit) {
    sweepMargins = [];
    for (const p of parsed) {
      d = poststratifyDesign(d, p.index, p.N);
      sweepMargins.push({ index: p.index, weights: d.weights });
    }
    const now = table(d.weights);
    delta = 0;
    for (let g = 0; g < now.length; g++) delta = Math.max(delta, Math.abs(old[g] - now[g]));
    if (delta < epsilon) { converged = true; break; }
    old = now;
    iter++;
  }
  if (!converged && !control?.force) throw new LocalizedError({ zh: `rake：${iter} 轮迭代后仍未收敛（最大变化 ${delta} ≥ epsilon ${epsilon}）；请增大 maxit 或设置 force: true`, en: `rake: did not converge after ${iter} sweeps (largest change ${delta} ≥ epsilon ${epsilon}); raise maxit or pass force: true` });
  const info = { method: 'rake' as const, iterations: converged ? iter + 1 : iter, converged, misfit: delta, epsilon, maxit };
  if (d.kind === 'linearization') {
    const raking: VarianceAdjustment = { kind: 'raking', margins: sweepMargins };
    return { ...d, adjustments: [...base, raking], calibration: info };
  }
  return { ...d, calibration: info };
}
