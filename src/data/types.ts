// Types shared by the ingestion layer. See README.md in this directory for every normalization rule.
import type { Label } from '../locale/index.ts';

/**
 * number:   finite real, min ≤ x ≤ max when given.
 * share:    finite real in [0, 1]; "50%" → 0.5 unless percent: 'never'.
 * count:    integer ≥ 0 (min/max also apply when given).
 * boolean:  是/否, y/n, yes/no, true/false, 1/0 (case-insensitive) → 1 / 0.
 * category: text; when `levels` is given, one of them (case-insensitive for Latin), returned as written in `levels`.
 * text:     any text, trimmed.
 */
export type FieldType = 'number' | 'share' | 'count' | 'boolean' | 'category' | 'text';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  min?: number;
  max?: number;
  levels?: string[];
  label?: { zh: string; en: string };
}

export interface QuestionnaireSpec {
  /** questionnaire key in study.yaml, e.g. 'providers' */
  key: string;
  /** absolute path (the caller resolves and confines it, see confinePath) */
  file: string;
  /** path as the user wrote it, used in every message */
  displayPath: string;
  /** e.g. 'questionnaires.providers', prefixed to YAML paths in messages */
  yamlPath?: string;
  /** CSV only; default 'auto' (UTF-8 if the whole file is valid UTF-8, else GB18030) */
  encoding?: 'utf-8' | 'gbk' | 'gb18030' | 'auto';
  /** XLSX only: sheet name, or 1-based position in the workbook's tab order; default 1 */
  sheet?: string | number;
  /** header of the respondent-id column (or a list of accepted aliases) */
  id: string | string[];
  /** spillover field -> header in the file, or a list of accepted aliases */
  columns: Record<string, string | string[]>;
  /** extra validity rules: SQL boolean expressions over FIELD names, e.g. "employees <= 100000" */
  rules?: { check: string; reason: string | Label }[];
  /** "50%" -> 0.5 for share fields; default 'auto' */
  percent?: 'auto' | 'never';
  /**
   * Non-blank rows right after the header that are not answers, e.g. the question-text and ImportId
   * rows of a Qualtrics export (2) or the answer-option row of a SurveyMonkey export (1). They are
   * skipped (listed in source.notes, counted in source.skippedRows, not in rowsRead). Default 0.
   */
  skipRows?: number;
  /**
   * dedupe.keep_latest_by: header of a timestamp column (or aliases). Rows of one id are resolved by the latest
   * timestamp (earlier rows rejected as duplicate-superseded); ties follow the duplicate rule (identical: keep one;
   * different: all rejected). A missing or unparseable timestamp rejects its row. See timestampKey.ts.
   */
  keepLatestBy?: string | string[];
  /** Told how far reading the file has got (for a progress line); DuckDB's scans are watched by watchQueries. */
  onRead?: ReadProgress;
}

/**
 * How far reading a file has got: `share` of it (0–1; NaN when not known, e.g. rows of a workbook
 * whose size in rows is not known until the end) and the rows read so far (NaN when not counted).
 */
export type ReadProgress = (share: number, rows: number) => void;

export interface Rejection {
  /** displayPath of the file */
  file: string;
  /** spreadsheet row: header = 1, first data row = 2 (XLSX: the sheet's row number) */
  row: number;
  id: string | null;
  /** header of the offending column as found in the file, or null for row-level faults */
  column: string | null;
  /** the raw cell text, or null */
  value: string | null;
  /** reason code: 'non-numeric', 'share-out-of-range', 'negative', 'missing-required', 'duplicate-id', 'rule:<reason>', … */
  code: string;
  /** human-readable reason in English, starting with the code (e.g. 'duplicate-id (first at row 3)') */
  reason: string;
  /** the reason in words of each language, without the code (locale/rejectionReasons), e.g. {zh: '非数值', en: 'not a number'} */
  text: Label;
}

/** What the file was read as, and anything worth telling the user about how. */
export interface SourceInfo {
  /** clickhouse: a table read by the ClickHouse source */
  format: 'csv' | 'xlsx' | 'parquet' | 'clickhouse';
  /** CSV: the encoding used ('utf-8' | 'gbk' | 'gb18030'); null for XLSX/Parquet */
  encoding: 'utf-8' | 'gbk' | 'gb18030' | null;
  /** XLSX: the sheet read */
  sheet: string | null;
  /** field -> header found in the file (the id under the key '@id') */
  headers: Record<string, string>;
  /** true when the file went through a staging copy (decoding, row numbering); false when DuckDB read it as it is
   *  (XLSX is always staged; Parquet never; CSV is read directly when it is UTF-8 without quotes, CR or blank rows) */
  staged: boolean;
  /** rows skipped because every cell was empty (not counted in rowsRead) */
  blankRows: number;
  /** rows skipped by `skipRows` (not counted in rowsRead) */
  skippedRows: number;
  /** notes for the user in zh and en (readerNotes.ts), e.g. en "encoding auto: read as gb18030 (not valid UTF-8 at row 2)" */
  notes: Label[];
}

/** Screening counts common to loadQuestionnaire and aggregateQuestionnaire. */
export interface ScreeningSummary {
  key: string;
  /** displayPath of the file */
  file: string;
  /** non-blank data rows; always valid + rejected */
  rowsRead: number;
  valid: number;
  rejected: number;
  /** rejected rows by reason code of their first fault (Σ = rejected) */
  reasons: Record<string, number>;
  /** how the file was read (format, encoding, headers found, blank and skipped rows, notes) */
  source: SourceInfo;
}

export interface LoadedQuestionnaire extends ScreeningSummary {
  /** valid rows only, in file order. Numeric types (number/share/count/boolean) in `numbers`, NaN where an optional
   *  answer is missing; category/text in `categories`, null where missing. */
  rows: { row: Int32Array; id: string[]; numbers: Record<string, Float64Array>; categories: Record<string, (string | null)[]> };
  /** one per rejected row, in row order */
  rejections: Rejection[];
}

export interface AggregateOptions {
  /** category/text/boolean fields to group by (empty: one group) */
  groupBy: string[];
  /** numeric fields to sum */
  sums: string[];
  /** keep at most this many rejections in memory (default 1000); all of them go to onRejections */
  maxRejections?: number;
  /** also Σ a·b for every pair of `sums` fields (groups.cross) */
  crossProducts?: boolean;
  /** receives ALL rejections, in row order, in batches (e.g. RejectionWriter.write) */
  onRejections?: (batch: Rejection[]) => void | Promise<void>;
  /** a file at least this large (bytes) tries the one-pass route before screening (default ONE_PASS_MIN_BYTES; 0: every file) */
  onePassMinBytes?: number;
}

export interface AggregatedQuestionnaire extends ScreeningSummary {
  /** groups sorted by key (NULLs last); over valid rows only */
  groups: {
    keys: Record<string, (string | null)[]>;
    /** valid rows in the group */
    n: Float64Array;
    /** per summed field: number of non-missing values, Σx and Σx² */
    count: Record<string, Float64Array>;
    sum: Record<string, Float64Array>;
    sumSq: Record<string, Float64Array>;
    /** with crossProducts: 'a*b' → Σ a·b per group */
    cross?: Record<string, Float64Array>;
  };
  /** first maxRejections rejections, in row order */
  rejections: Rejection[];
  rejectionsTruncated: boolean;
}
