// Types of the model's inputs (StudyInputs, prepared by the loader) and results (StudyResults).
import type { DemandShare } from './priceBridge.ts';
import type { Label, Unit } from '../../locale/index.ts';
import type { IOModel } from '../../io/index.ts';
import type { Distribution } from '../uncertainty/distributions.ts';
import type { McInterval } from '../uncertainty/monteCarlo.ts';
import type { TornadoRow } from '../uncertainty/tornado.ts';
import type { ComponentKind, SeriesYear } from '../config/types.ts';
import type { IOMethod } from './ioResponse.ts';

/** One published figure of a study: value in base units, with how it was derived. */
export interface Figure {
  id: string;
  value: number;
  unit: Unit;
  label: Label;
  /**
   * The formula: in symbols, one string for both languages ("N_k / n_k × Σ employees_i × related_share_i"),
   * or in both languages where it has words ({zh: '直接 + 间接', en: 'direct + indirect'}).
   */
  formula: Formula;
  /**
   * Named inputs with their values (numbers in base units, text such as a file, or a text in both
   * languages such as a sector's name). The names are ids; their words: inputName (inputNames.ts).
   */
  inputs: Record<string, InputValue>;
  /** Ids of the figures this one is computed from (for `spillover explain`). */
  from: string[];
  /** Standard error and confidence interval, when the figure carries sampling error. */
  se?: number;
  ci?: [number, number];
  df?: number;
  /**
   * How `ci` was formed, when the figure has one: 'wald' (value ± q·se), 'logit' (on the logit
   * scale and mapped back: shares and proportions, always inside [0, 1]) or 'beta'
   * (Korn–Graubard / Clopper–Pearson, for a proportion of 0 or 1) or 'bootstrap-t' (a component
   * declaring it: studentized Rao–Wu bootstrap, value and se unchanged; componentIntervals.ts).
   */
  interval?: IntervalMethod;
  /** Why a figure with sampling error has no se (overflow, n too small), in zh and en; set instead of se, ci, df. */
  seNote?: Label;
  /** Diagnostics and simulated coverage of `ci` (survey figures of default designs; see coverage.ts). */
  coverage?: CoverageCheck;
  /** What the number does and does not mean, in both languages. */
  notes?: Label;
}

export type IntervalMethod = 'wald' | 'logit' | 'beta' | 'bootstrap-t';

/** A formula: notation alike in both languages ("Σ w·y"), or words in each ({zh: '直接 + 间接', en: 'direct + indirect'}); asLabel(f)[lang] reads it. */
export type Formula = string | Label;

/** An input's value: a number in base units, a text alike in both languages (a file, a field), or a text in each. */
export type InputValue = number | string | Label;

/** How well a figure's interval covers when the sample's own distribution is the population. */
export interface CoverageCheck {
  method: string;
  interval: IntervalMethod;
  /** Nominal level of the interval. */
  level: number;
  /** Simulated coverage, its Monte Carlo se, replications and seed. */
  coverage: number;
  mcSe: number;
  reps: number;
  seed: number;
  /** Bootstrap replicates per simulated sample, when the checked interval is bootstrap-t. */
  replicates?: number;
  /** Share of replications missing the truth below / above the interval. */
  missLow: number;
  missHigh: number;
  /** Mean estimate / truth − 1, and the median of estimate / truth. */
  relativeBias: number;
  medianRatio: number;
  /** Questionnaires behind the figure. */
  n: number;
  /** Skewness g₁ of the values (providers: related employees; operators: staff), Cochran's n > 25·g₁², share of the top 1% of units. */
  skewness?: number;
  cochranMinN?: number;
  top1Share?: number;
  /** True when the simulated coverage is below 90%: shown beside the figure. */
  warning: boolean;
}

/** What screening one questionnaire file gave: counts, reasons, the reader's notes and design warnings. */
export interface ScreeningSummary {
  file: string;
  rowsRead: number;
  valid: number;
  rejected: number;
  reasons: Record<string, number>;
  /** The study's rule reasons given in both languages, by reason code (only when some are): 'rule:too large' → {zh, en}. */
  ruleReasons?: Record<string, Label>;
  /** Rows set aside by skip_rows (not in rowsRead; only when some were). */
  skippedRows?: number;
  /** The reader's notes, e.g. the encoding chosen or the rows skipped (only when there are some). */
  notes?: Label[];
  /** Warnings of the declared sampling design, as R gives them (fpc varying within a stratum), with their YAML path. */
  warnings?: Label[];
}

export interface QualityRecord extends ScreeningSummary {
  questionnaire: string;
}

export interface ConsumptionRow {
  id: string;
  label: Label;
  kind: 'information' | 'traditional';
  sector: { code: string; index: number; name: Label };
  amount: number; // yuan
  coefficient: number; // column sum of B for the sector
  inducedOutput: number; // yuan
  jobs: number; // persons
  /** Where the amount comes from: the study file's total, or the consumer questionnaire (absent in older results). */
  source?: 'given' | 'survey';
  /** Producer-price demand per yuan of spending, by sector (present for several sectors, the price bridge or a price year). */
  mapping?: { code: string; name: Label; share: number; part: 'producer' | 'trade' | 'transport' }[];
  /** The price index series and ratio P(table year → study year) that deflated this category (with prices:). */
  price?: { series: string; ratio: number };
}

export interface ComponentRow {
  id: string;
  kind: ComponentKind;
  label: Label;
  groups: string[];
  population: number;
  n: number; // valid questionnaires used
  jobs: number;
  fulltime: number;
  parttime: number;
}

/** What the Node edge prepares for computeStudy: screened questionnaires and IO coefficients. */
export interface QuestionnaireData extends ScreeningSummary {
  key: string;
  numbers: Record<string, Float64Array>;
  categories: Record<string, (string | null)[]>;
  /**
   * For a questionnaire read as sufficient statistics instead of rows (a large consumer file under the
   * default design): n and, for `fields`, Σy (sum) and Σ y_a·y_b (cross, p×p row-major).
   */
  moments?: { fields: string[]; sum: Float64Array; cross: Float64Array };
}

export interface SectorCoefficient {
  code: string; // as the study wrote it (the first sector of a multi-sector mapping)
  index: number; // 0-based row of the IO table
  name: Label;
  coefficient: number; // output induced per yuan (seed: column sum of B)
  jobs: number | null; // persons per yuan of demand (sector employment coefficients), or null
  valueAdded: { competitive: number | null; domestic: number | null }; // total VA per yuan (Type I)
  /** Producer-price demand per yuan of the category's spending (priceBridge): one row for a one-sector mapping. */
  demand?: (DemandShare & { code: string; name: Label })[];
  /** Price-year factors (prices: in study.yaml): deflator P_c, output restatement P_out, productivity growth G; all 1 without. */
  prices?: { deflator: number; output: number; productivity: number };
  /** The index series deflating this category (with prices:). */
  priceSeries?: string;
}

/** How the study's spending became table-year producer-price demand: the bridge's margins and the price year. */
export interface PriceBasis {
  /** margins of bridged categories (null: no category is bridged) */
  margins: { trade: number; transport: number; producer: number; derived: boolean; source: string } | null;
  /** the price-year adjustment (null: none declared) */
  prices: { tableYear: number; studyYear: number; index: string; output: { series: string; ratio: number }; productivity: { series: string; ratio: number } | null; byCategory: Record<string, { series: string; ratio: number }> } | null;
}

export interface JobsPerOutput {
  method: 'ratio' | 'national' | 'sector';
  /** Persons per yuan of induced output (ratio, national); NaN with sector coefficients. */
  perYuan: number;
  formula: Formula;
  inputs: Record<string, InputValue>;
  source: Label;
}

export interface StudyInputs {
  questionnaires: Record<string, QuestionnaireData>;
  sectors: Record<string, SectorCoefficient>; // by consumption category id
  /** The input–output table, named in each language. */
  ioSource: Label;
  ioMethod: IOMethod;
  /** The Leontief model of the table (absent when coefficients are given directly). */
  model: IOModel | null;
  jobsPerOutput: JobsPerOutput;
  /** Margins and price year behind the per-yuan responses (absent in studies prepared before them). */
  priceBasis?: PriceBasis;
  version: string;
}

/** Impact of the study's consumption on one IO sector (base units: yuan, persons). */
export interface SectorImpactRow {
  code: string;
  name: Label;
  demand: number;
  output: { direct: number; indirect: number; induced: number };
  valueAdded: number | null;
  jobs: number | null;
}

/** A figure family as its definition describes it (figures/: one entry per family), for the methodology. */
export interface FigureFamilySummary {
  id: string;
  label: Label;
  unit: Unit;
  formula: Formula;
  about?: Label;
}

export interface StudyResults {
  spillover: string; // version
  study: { name: Label; year: number; platform?: Label; source: string };
  figures: Record<string, Figure>;
  components: ComponentRow[];
  consumption: ConsumptionRow[];
  quality: QualityRecord[];
  /** The model's assumptions in both languages. */
  assumptions: Label[];
  /** Margins of bridged categories and the price-year adjustment (present when the study declares either). */
  priceBasis?: PriceBasis;
  /**
   * Design-based covariance of the base survey estimates, one block per independent questionnaire:
   * figure ids, their covariance (row-major) and the design df. Sums of blocks' figures add variances.
   */
  sampling?: { ids: string[]; V: number[]; df: number }[];
  /** Level and method of every figure's `ci`. */
  intervals: { level: number; method: 't' | 'z' };
  /** Impacts by IO sector of the consumption shock (when an IO table is used). */
  sectors?: SectorImpactRow[];
  /** Earlier years beside the study year (when the study declares `series`). */
  series?: SeriesRow[];
  /** Monte Carlo over assumptions and sampling error, tornado, switching values (when `uncertainty` is declared). */
  uncertainty?: StudyUncertainty;
  /** Positions, FTE and headcount by component (when `job_units` is declared). */
  jobUnits?: Record<string, JobUnits>;
  /** Where the additionality rates of the net figures come from, and whether they are illustrative assumptions (when `additionality` is declared). */
  /** The additionality rates' source (a text in each language; older results: one string) and whether they are illustrative. */
  additionality?: { source: Label | string; illustrative: boolean };
  /** The figure families this run was built from, as their definitions describe them (the report's methodology lists them). */
  families?: FigureFamilySummary[];
}

/** A year of the assembled series; `published` keeps a published value of the study year beside the estimate. */
export interface SeriesRow extends SeriesYear {
  published?: Record<string, number>;
}

export interface JobUnitValue {
  value: number;
  /** e.g. {zh: '全职当量（每周 40 小时）', en: 'FTE (40 h/week)'} */
  unit: Label;
  formula: Label;
}

export interface JobUnits {
  positions: JobUnitValue;
  fte?: JobUnitValue;
  headcount?: JobUnitValue;
}

export interface StudyUncertainty {
  draws: number;
  seed: number;
  level: number;
  sampling: 'normal' | 'none';
  parameters: { id: string; kind: 'assumption' | 'sampling'; distribution: Distribution; central: number }[];
  /** By figure id: the point estimate (central) and the Monte Carlo summary. */
  intervals: Record<string, McInterval & { central: number }>;
  tornado?: { figure: string; p: number; base: number; rows: TornadoRow[] };
  switching: { parameter: string; matched: string[]; figure: string; target: number; value: number; figureAt: number; tolerance: number; iterations: number }[];
  /** In both languages; the first states draws, seed and percentiles. */
  notes: Label[];
  /** In both languages: declared distributions whose mean or median is not the point value (centringWarnings). */
  warnings?: Label[];
}

