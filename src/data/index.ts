// spillover/data — questionnaire ingestion (Node only: DuckDB, the light XLSX reader readXlsx, the GBK/GB18030 decoder gbDecoder, node:fs). Engines never import it.
// Rules for headers, encodings, row numbers and answer normalization: ./README.md.
//
//   openDatabase(): Promise<Db>                                         in-memory DuckDB; db.close() when done
//   loadQuestionnaire(db, spec, fields): Promise<LoadedQuestionnaire>   valid rows as typed arrays + rejections
//   aggregateQuestionnaire(db, spec, fields, {groupBy, sums, maxRejections?, onRejections?})
//       : Promise<AggregatedQuestionnaire>                              huge files: per group n, count, Σx, Σx²
//   writeRejections(path, rejections): Promise<void>                    rejected.csv, atomic, UTF-8 with BOM
//   createRejectionWriter(path): Promise<RejectionWriter>               the same, streaming (write/close/abort)
//   writeFileAtomic(path, data): Promise<void>
//   neutraliseFormula(text), safeCell(v), csvField(v)                   CSV/XLSX cells safe from formula injection
//   confinePath(baseDir, userPath, what): string                        throws when the path leaves baseDir
//   ClickHouse (README.md § SQL layer, docs/scale.md):
//   loadToClickHouse(db, spec, {shards, database, table, cluster?})     a file → table(s): text cells + __row, split across shards
//   aggregateOnClickHouse(table, spec, fields, options)                  aggregateQuestionnaire computed in ClickHouse (first N rejections)
//   loadQuestionnaire(db, spec, fields, (d, s) => stageClickHouse(d, table, s))   rows of a table, screened in DuckDB
//   DataError {file, row?, column?, yamlPath?}                          every whole-file fault
//   Study loader (./loadStudyInputs.ts; the pure step is src/study/inputs/):
//   readStudy(path): LoadedStudy                                         study.yaml read and validated, no data read
//   resolveStudyPath(dir, p, yamlPath, source): string                  builtin:NAME or a path confined to the study folder
//   readIOFiles(study): IOFiles | null                                   the IO table (+ concordance, employment), parsed once
//   loadStudyInputs(path): Promise<PreparedStudy>                        all of the above + screened questionnaires → inputs
//
// Example:
//   const db = await openDatabase();
//   try {
//     const q = await loadQuestionnaire(db, spec, fields);              // q.rowsRead === q.valid + q.rejected
//     const w = await createRejectionWriter(join(out, 'rejected.csv'));
//     await w.write(q.rejections);
//     const c = await aggregateQuestionnaire(db, consumerSpec, consumerFields, { groupBy: ['region'], sums: ['spend'], onRejections: w.write });
//     await w.close();
//   } finally { db.close(); }

// Types
export type {
  FieldType,
  FieldSpec,
  QuestionnaireSpec,
  Rejection,
  SourceInfo,
  ScreeningSummary,
  LoadedQuestionnaire,
  AggregateOptions,
  AggregatedQuestionnaire,
} from './types.ts';
export { DataError } from './DataError.ts';

// Database
export { openDatabase, type Db } from './openDatabase.ts';

// Reading and screening
export { loadQuestionnaire } from './loadQuestionnaire.ts';
export { aggregateQuestionnaire } from './aggregateQuestionnaire.ts';
export { matchColumns, normalizeHeader, looseHeader, type ColumnMatch } from './matchColumns.ts';

// Writing
export { writeRejections } from './writeRejections.ts';
export { createRejectionWriter, REJECTION_HEADER, type RejectionWriter } from './createRejectionWriter.ts';
export { writeFileAtomic } from './writeFileAtomic.ts';
export { neutraliseFormula, safeCell, csvField } from './spreadsheetCell.ts';

// Paths
export { confinePath } from './confinePath.ts';
export { resolveStudyPath } from './resolveStudyPath.ts';

// The study loader: study.yaml → its IO files (parsed once) and screened questionnaires → computeStudy's inputs
export { readStudy, type LoadedStudy } from './readStudy.ts';
export { readIOFiles } from './readIOFiles.ts';
export { loadStudyInputs, withRejections, type PreparedStudy } from './loadStudyInputs.ts';

// SQL dialects and engine runners (./sql/, README.md § SQL layer)
export type { SqlDialect } from './sql/SqlDialect.ts';
export { duckdbDialect } from './sql/duckdbDialect.ts';
export { clickhouseDialect } from './sql/clickhouseDialect.ts';
export { SqlEngineError, type SqlRunner, type SqlValue } from './sql/SqlRunner.ts';
export { duckdbRunner } from './sql/duckdbRunner.ts';
export { clickhouseRunner, checkClickHouseUrl, type ClickHouseSource, type ClickHouseRunner } from './sql/clickhouseRunner.ts';
export { aggregateOnClickHouse, stageClickHouse, describeTable, ROW_COLUMN, EXTRA_COLUMN, type ClickHouseTable } from './clickhouseQuestionnaire.ts';
export { loadToClickHouse, tableColumns, type LoadTarget } from './loadToClickHouse.ts';
export { loadTransactionsToClickHouse } from './transactions/loadTransactionsToClickHouse.ts';
