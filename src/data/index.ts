// spillover/data — questionnaire ingestion (Node only: DuckDB, exceljs, iconv-lite, node:fs).
// Rules for headers, encodings, row numbers and answer normalization: ./README.md.
//
//   const db = await openDatabase();
//   try {
//     const q = await loadQuestionnaire(db, spec, fields);          // small files: valid rows as typed arrays
//     const a = await aggregateQuestionnaire(db, spec, fields, {      // huge files: per-group n, Σx, Σx²
//       groupBy: ['region'], sums: ['spend'], onRejections: writer.write });
//     await writeRejections('out/rejected.csv', q.rejections);
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
export { createRejectionWriter, type RejectionWriter } from './createRejectionWriter.ts';
export { writeFileAtomic } from './writeFileAtomic.ts';

// Paths
export { confinePath } from './confinePath.ts';
