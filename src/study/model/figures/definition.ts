// A figure family as a value (the Arquero aggregate-table habit): one definition says, for every
// figure of the family in a study, its id, labels, unit, formula text, the figures and inputs it
// is computed `from`, and its value as a function of them. computeStudy, the sampling error (delta
// method), net impact, the Monte Carlo, tornado and switching values, `explain`, the report's
// methodology and the dashboard all read these definitions; nothing else knows the list.
import type { Label, Unit } from '../../../locale/index.ts';
import type { StudyConfig } from '../../config/types.ts';
import type { Formula, InputValue, IntervalMethod, StudyInputs } from '../types.ts';
import type { ComponentEstimate } from '../sampling.ts';

/**
 * What a definition sees: the validated study, the prepared inputs, the survey estimates, and the
 * model's inputs by id (`has` tells whether an optional one, e.g. a consumption total, exists).
 */
export interface FigureContext {
  config: StudyConfig;
  inputs: StudyInputs;
  /** Design-based estimates of each direct-jobs component, by component id (n, jobs, part-time). */
  components: Map<string, ComponentEstimate>;
  /** Central value of a model input (a parameter of the Monte Carlo or a fixed input); fails on an unknown id. */
  input(id: string): number;
  has(id: string): boolean;
  /** Persons per yuan of final demand for a consumption category (ratio × b, or sector coefficients). */
  jobsPerDemand(categoryId: string): number;
}

/**
 * One figure of a family in one study.
 *   value(a): a = the values of `from` (figure ids), then of `use` (model input ids), in that order.
 *   partials(a): ∂value/∂a_i, the weights of the delta method for sampling error (linear figures:
 *     constants). Without it the figure carries no sampling error of its own (an assumption, or a
 *     net figure whose uncertainty the Monte Carlo states).
 */
export interface FigureItem {
  id: string;
  label: Label;
  unit: Unit;
  formula: Formula;
  /**
   * Named inputs shown by explain and the report (numbers in base units, text, or a text in both
   * languages); a function reads central figure values. The names are ids: their words are in
   * INPUT_NAMES (inputNames.ts).
   */
  inputs?: Record<string, InputValue> | ((figure: (id: string) => number) => Record<string, InputValue>);
  /** Figure ids it is computed from (explain's tree), read first by `value`. */
  from?: string[];
  /** Model input ids (survey estimates, population counts, coefficients, rates) read after `from`. */
  use?: string[];
  value: (a: Float64Array) => number;
  partials?: (a: Float64Array) => ArrayLike<number>;
  /** How the sampling interval is formed: 'wald' (value ± q·se, the default) or 'logit' (a share of a whole that contains it: stays in [0, 1]). */
  interval?: 'wald' | 'logit';
  /** What the number does and does not mean, in both languages. */
  notes?: Label;
  /**
   * A figure estimated by another engine with its own standard error (e.g. transactions, vouchers):
   * se, df and the interval as that estimator gives them; its value is `value(a)` (often a fixed input).
   */
  estimated?: { se: number; df?: number; ci?: [number, number]; interval?: IntervalMethod };
}

/**
 * A figure family: the id pattern and what a reader needs to know of all its members (docs, the
 * report's methodology), and `items(ctx)`: its figures in a study (none when it does not apply).
 * Example: {id: 'jobs.providers.<component>', unit: 'persons', formula: 'N_k / n_k × Σ_i employees_i × related_share_i', …};
 * a formula with words is a Label: {zh: '诱发产出 × 单位产出就业', en: 'induced output × jobs per yuan of output'}.
 */
export interface FigureFamily {
  id: string;
  label: Label;
  unit: Unit;
  formula: Formula;
  /** What the family is, in a sentence of each language (methodology, docs). */
  about?: Label;
  /** Marks the families the methodology shows as totals (Σ over members of another family). */
  role?: 'total';
  items(ctx: FigureContext): FigureItem[];
}

/** A figure summed from others: value Σ a_i, partials all 1; `whenEmpty` is the formula shown when there is nothing to sum. */
export function sumItem(id: string, from: string[], label: Label, unit: Unit, formula: Formula, whenEmpty = formula): FigureItem {
  return {
    id,
    label,
    unit,
    formula: from.length ? formula : whenEmpty,
    inputs: {},
    from,
    value: (a) => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += a[i];
      return s;
    },
    partials: (a) => new Float64Array(a.length).fill(1),
  };
}

/** a − b over two figures (full-time = jobs − part-time). */
export function differenceItem(id: string, from: [string, string], label: Label, unit: Unit, formula: Formula): FigureItem {
  return { id, label, unit, formula, inputs: {}, from, value: (a) => a[0] - a[1], partials: () => [1, -1] };
}

export const L = (zh: string, en: string): Label => ({ zh, en });

/** The formula of a sum with nothing to sum. */
export const NONE_DECLARED = L('0（未声明组成部分）', '0 (no component declared)');
