import type { IOModel } from '../io/index.ts';
import type { IOMethod } from './ioResponse.ts';
import type { SeriesYear, SeriesRow } from './series.ts';
import type { AdditionalityConfig, UncertaintyConfig } from './netImpactConfig.ts';
import type { FteBasis, JobUnits } from './jobUnits.ts';
import type { StudyUncertainty } from './studyUncertainty.ts';
// Types of a study: the validated configuration (StudyConfig) and the results (StudyResults).

export type { Label, Unit } from '../locale/index.ts';
import type { Label, Unit } from '../locale/index.ts';

export interface QuestionnaireConfig {
  key: string;
  yamlPath: string;
  file: string; // as written, relative to the study file; for a `source`, a display name (clickhouse:database.table)
  /** read from a database table instead of `file` */
  source?: { clickhouse: { url: string; database: string; table: string; cluster?: string; user_env?: string; password_env?: string } };
  encoding: 'utf-8' | 'gbk' | 'gb18030' | 'auto';
  sheet?: string | number;
  /** Non-blank rows after the header that are not answers (skip_rows; default 0). */
  skipRows?: number;
  id: string | string[];
  columns: Record<string, ColumnConfig>;
  rules: { check: string; reason: string }[];
  design?: { ids?: string[]; strata?: string; weights?: string; fpc?: string; nest?: boolean };
}

export type FieldKind = 'number' | 'share' | 'count' | 'category' | 'boolean' | 'text';
export interface ColumnConfig {
  header: string | string[];
  type?: FieldKind;
  required?: boolean;
  min?: number;
  max?: number;
  levels?: string[];
}

export type ComponentKind = 'provider' | 'operator';

export interface ComponentConfig {
  kind: ComponentKind;
  id: string;
  label: Label;
  questionnaire: string;
  where: Record<string, string[]>;
  population: number; // N_k providers or M_j accounts
  groups: string[];
  yamlPath: string;
}

export interface CategoryConfig {
  id: string;
  label: Label;
  kind: 'information' | 'traditional';
  sector: string; // as written: 5-digit code or sequence number
  field?: string;
  total?: number; // yuan
  yamlPath: string;
}

export interface Condition {
  field: string;
  op: 'above' | 'at_least' | 'below' | 'at_most' | 'equals' | 'in';
  value: number | string | string[];
}

export interface IndicatorConfig {
  id: string;
  label: Label;
  questionnaire: string;
  where: Record<string, string[]>;
  statistic: { kind: 'proportion'; condition: Condition } | { kind: 'ratio'; numerator: string; denominator: string; when?: Condition };
  by?: string;
  yamlPath: string;
}

export type JobsPerOutputConfig =
  | { method: 'ratio'; perYuan: number; value: number; unit: string; source?: string }
  | { method: 'national' | 'sector'; employment: string; year: number; source?: string };

export interface StudyConfig {
  source: string;
  name: Label;
  year: number;
  platform?: Label;
  notes?: string;
  users?: number;
  questionnaires: Record<string, QuestionnaireConfig>;
  providers: ComponentConfig[];
  operators: ComponentConfig[];
  groups: Record<string, { label: Label }>;
  consumption: { questionnaire?: string; categories: CategoryConfig[] };
  io: { table?: string; method: 'seed' | 'leontief'; type: 'I' | 'II'; model: 'competitive' | 'domestic'; coefficients?: Record<string, number> };
  jobsPerOutput: JobsPerOutputConfig;
  intervals: { level: number; method: 't' | 'z' };
  indicators: IndicatorConfig[];
  series: SeriesYear[];
  additionality?: AdditionalityConfig;
  uncertainty?: UncertaintyConfig;
  jobUnits?: FteBasis;
}

/** One published figure of a study: value in base units, with how it was derived. */
export interface Figure {
  id: string;
  value: number;
  unit: Unit;
  label: Label;
  /** The formula in symbols, e.g. "N_k / n_k × Σ employees_i × related_share_i". */
  formula: string;
  /** Named inputs with their values (numbers in base units, or text such as a file or a sector). */
  inputs: Record<string, number | string>;
  /** Ids of the figures this one is computed from (for `spillover explain`). */
  from: string[];
  /** Standard error and confidence interval, when the figure carries sampling error. */
  se?: number;
  ci?: [number, number];
  df?: number;
  /**
   * How `ci` was formed, when the figure has one: 'wald' (value ± q·se), 'logit' (on the logit
   * scale and mapped back: shares and proportions, always inside [0, 1]) or 'beta'
   * (Korn–Graubard / Clopper–Pearson, for a proportion of 0 or 1).
   */
  interval?: IntervalMethod;
  /** Why a figure with sampling error has no se (overflow, n too small); set instead of se, ci, df. */
  seNote?: string;
  notes?: string;
}

export type IntervalMethod = 'wald' | 'logit' | 'beta';

export interface QualityRecord {
  questionnaire: string;
  file: string;
  rowsRead: number;
  valid: number;
  rejected: number;
  reasons: Record<string, number>;
  /** Rows skipped by skip_rows (only when some were). */
  skippedRows?: number;
  /** The reader's notes, e.g. the encoding chosen or the rows skipped (only when there are some). */
  notes?: string[];
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
export interface QuestionnaireData {
  key: string;
  file: string;
  rowsRead: number;
  valid: number;
  rejected: number;
  reasons: Record<string, number>;
  /** Rows set aside by skip_rows (not in rowsRead), and the reader's notes (encoding chosen, rows skipped). */
  skippedRows?: number;
  notes?: string[];
  numbers: Record<string, Float64Array>;
  categories: Record<string, (string | null)[]>;
  /**
   * For a questionnaire read as sufficient statistics instead of rows (a large consumer file under the
   * default design): n and, for `fields`, Σy (sum) and Σ y_a·y_b (cross, p×p row-major).
   */
  moments?: { fields: string[]; sum: Float64Array; cross: Float64Array };
}

export interface SectorCoefficient {
  code: string; // as the study wrote it
  index: number; // 0-based row of the IO table
  name: Label;
  coefficient: number; // output induced per yuan (seed: column sum of B)
  jobs: number | null; // persons per yuan of demand (sector employment coefficients), or null
  valueAdded: { competitive: number | null; domestic: number | null }; // total VA per yuan (Type I)
}

export interface JobsPerOutput {
  method: 'ratio' | 'national' | 'sector';
  /** Persons per yuan of induced output (ratio, national); NaN with sector coefficients. */
  perYuan: number;
  formula: string;
  inputs: Record<string, number | string>;
  source: string;
}

export interface StudyInputs {
  questionnaires: Record<string, QuestionnaireData>;
  sectors: Record<string, SectorCoefficient>; // by consumption category id
  ioSource: string;
  ioMethod: IOMethod;
  /** The Leontief model of the table (absent when coefficients are given directly). */
  model: IOModel | null;
  jobsPerOutput: JobsPerOutput;
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

export interface StudyResults {
  spillover: string; // version
  study: { name: Label; year: number; platform?: Label; source: string };
  figures: Record<string, Figure>;
  components: ComponentRow[];
  consumption: ConsumptionRow[];
  quality: QualityRecord[];
  /** The model's assumptions in both languages. */
  assumptions: Label[];
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
  additionality?: { source: string; illustrative: boolean };
}
