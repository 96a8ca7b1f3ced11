// Types of a study's validated configuration (StudyConfig): what parseStudy returns.
import type { Label } from '../../locale/index.ts';
import type { Distribution } from '../uncertainty/distributions.ts';

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
  /** dedupe.keep_latest_by: repeated ids resolved by the latest timestamp in this column */
  keepLatestBy?: string | string[];
  columns: Record<string, ColumnConfig>;
  rules: { check: string; reason: string | Label }[];
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
  /** The component's interval when declared (`interval:`); absent = Wald. */
  interval?: ComponentInterval;
  yamlPath: string;
}

/** A component's interval method: Wald (value ± q·se) or the studentized Rao–Wu bootstrap. */
export interface ComponentInterval {
  method: 'wald' | 'bootstrap-t';
  /** Bootstrap replicates (default 999) and seed (default 1). */
  replicates: number;
  seed: number;
}

export interface CategoryConfig {
  id: string;
  label: Label;
  kind: 'information' | 'traditional';
  sector: string; // as written: 5-digit code or sequence number; with `sectors`, the first of them
  /** Several sectors with shares (`sectors:` in study.yaml); absent for a one-sector mapping. */
  sectors?: SectorShareConfig[];
  /** How the shares were given: as numbers, or in proportion to the table's household consumption. */
  weights?: 'given' | 'household';
  /** Spending is at purchaser prices: split into producer value, trade and transport margins. */
  bridge?: boolean;
  /** Price-index series deflating this category's spending to the table year (`prices:`). */
  price?: string;
  field?: string;
  total?: number; // yuan
  yamlPath: string;
}

/** One sector of a multi-sector mapping; share null until weighted by the table (weights: household). */
export interface SectorShareConfig {
  code: string;
  share: number | null;
  yamlPath: string;
  line: number | null;
}

/** consumption.bridge: margin shares of purchaser-price spending, or null = derived from the table. */
export interface BridgeConfig {
  trade: number | null;
  transport: number | null;
  source?: string;
  yamlPath: string;
}

/** prices: the declared index deflating study-year spending to the table year. */
export interface PricesConfig {
  /** the price-index CSV (relative to the study file) or builtin:china-price-indices */
  index: string;
  tableYear: number;
  /** series that brings induced output back to study-year prices */
  output: string;
  /** series of labour-productivity growth applied to jobs per output (table year → study year) */
  productivity?: string;
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
  /** Names of the `by` levels in each language (a level not listed is shown as written). */
  levels?: Record<string, Label>;
  yamlPath: string;
}

export type JobsPerOutputConfig =
  | { method: 'ratio'; perYuan: number; value: number; unit: string; source?: Label }
  | { method: 'national' | 'sector'; employment: string; year: number; source?: Label };

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
  consumption: { questionnaire?: string; categories: CategoryConfig[]; bridge?: BridgeConfig };
  prices?: PricesConfig;
  io: { table?: string; method: 'published' | 'leontief'; type: 'I' | 'II'; model: 'competitive' | 'domestic'; coefficients?: Record<string, number> };
  jobsPerOutput: JobsPerOutputConfig;
  intervals: { level: number; method: 't' | 'z' };
  indicators: IndicatorConfig[];
  series: SeriesYear[];
  additionality?: AdditionalityConfig;
  uncertainty?: UncertaintyConfig;
  jobUnits?: FteBasis;
}


/**
 * One year of a series as the study file declares it (`series:` in study.yaml, one entry a year).
 * `figures` holds values in base units keyed by figure id (jobs.total, jobs.direct, jobs.indirect, …);
 * `components` lists the ids of the direct-jobs components counted that year (absent = not known,
 * so no scope comparison is made for it).
 */
export interface SeriesYear {
  year: number;
  status: 'published' | 'estimated';
  /** Where the year comes from, in one text or in each language. */
  source?: string | Label;
  figures: Record<string, number>;
  components?: string[];
  /** What the year's headline value measures (see headlineOf); absent = inferred from `figures`. */
  scope?: SeriesScope;
}

/** direct: jobs.direct; total: jobs.total (direct + indirect); component: one part of direct jobs. */
export type SeriesScope = 'direct' | 'total' | 'component';

export type Rate = 'leakage' | 'deadweight' | 'displacement' | 'substitution';

/** Where one rate of one item comes from: a parameter (shared when it came from `default`). */
export interface RateSpec {
  /** Parameter id, e.g. additionality.components.default.displacement or additionality.consumption.catering.deadweight. */
  parameter: string;
  /** The rate's distribution (a point for a fixed number); absent when estimated from the survey. */
  distribution?: Distribution;
  /** Consumer-questionnaire share field: deadweight = Σ spend × share / Σ spend. */
  survey?: string;
}

export interface AdditionalityConfig {
  source: Label;
  illustrative: boolean;
  /** By component id, every rate resolved (explicit, else `default`). */
  components: Record<string, Record<Rate, RateSpec>>;
  /** By consumption category id, every rate resolved. */
  consumption: Record<string, Record<Rate, RateSpec>>;
}

export interface SwitchingConfig {
  parameter: string;
  figure: string;
  target: number;
  range?: [number, number];
}

export interface UncertaintyConfig {
  seed: number;
  draws: number;
  level: number;
  sampling: 'normal' | 'none';
  /** Distributions in base units (persons, yuan, persons/yuan), by parameter id. */
  parameters: Record<string, Distribution>;
  tornado?: { figure: string; low: number };
  switching: SwitchingConfig[];
}

export interface NetImpactConfig {
  additionality?: AdditionalityConfig;
  uncertainty?: UncertaintyConfig;
}

/** The full-time basis: hours a full-time position works per week, or days per year. */
export type FteBasis = { hoursPerWeek: number } | { daysPerYear: number };

