import type { Db } from './openDatabase.ts';
import { matchColumns } from './matchColumns.ts';
import { isNumeric, screen } from './screen.ts';
import { stage, type Staged } from './stage.ts';
import { float64Column, int32Column, textColumn } from './resultColumns.ts';
import type { FieldSpec, LoadedQuestionnaire, QuestionnaireSpec, Rejection } from './types.ts';
import { unmappedFieldNote } from './readerNotes.ts';

/**
 * loadQuestionnaire — read a questionnaire file (CSV/XLSX/Parquet), map its headers to `fields`, screen every
 * row in DuckDB, and return the valid rows as typed arrays plus one Rejection per rejected row.
 *
 * Every cell is read as text; conversion happens in SQL, so a bad cell rejects its row (non-numeric,
 * share-out-of-range, negative, not-integer, below-min, above-max, not-boolean, unknown-level,
 * missing-required, duplicate-id, extra-fields, rule:<reason>) and never crashes or becomes a silent NULL.
 * Invariant (checked): rowsRead = valid + rejected; blank rows are counted in source.blankRows, not in rowsRead.
 * Whole-file faults throw DataError (missing/empty file, missing or ambiguous column, undecodable bytes,
 * unreadable workbook, missing sheet, invalid rule).
 *
 * Example: providers.csv = "id,employees\n1,10\n2,abc\n" with fields [{name:'employees',type:'count',required:true}]
 *   → rowsRead 2, valid 1 (rows.numbers.employees = [10]), rejected 1: {row: 3, column: 'employees', value: 'abc', code: 'non-numeric'}
 */
export async function loadQuestionnaire(
  db: Db,
  spec: QuestionnaireSpec,
  fields: FieldSpec[],
  /** where the text cells come from: the file (default) or, e.g., a ClickHouse table (stageClickHouse) */
  stager: (db: Db, spec: QuestionnaireSpec) => Promise<Staged> = stage,
): Promise<LoadedQuestionnaire> {
  const staged = await stager(db, spec);
  try {
    const match = matchColumns(staged.header, spec, fields);
    const s = await screen(db, staged, match, spec, fields);
    try {
      // Numbers as DOUBLE (a boolean's 1.0 / 0.0 is DECIMAL in the table: the same values), read by type (resultColumns.ts);
      // an empty one as NaN already here (valid values are finite): a column without NULLs has no validity mask for
      // node-api to test value by value (in BigInt arithmetic)
      const xs = fields.map((f, i) => (isNumeric(f) ? `coalesce(CAST(__x${i} AS DOUBLE), 'NaN'::DOUBLE)` : `__x${i}`));
      const validRes = await db.connection.run(
        `SELECT __row, __id${xs.map((x) => `, ${x}`).join('')} FROM ${s.validRelation} ORDER BY __id`, // ids are unique among valid rows: an order independent of file order
      );
      const numbers: Record<string, Float64Array> = {};
      const categories: Record<string, (string | null)[]> = {};
      fields.forEach((f, i) => {
        if (isNumeric(f)) numbers[f.name] = float64Column(validRes, 2 + i);
        else categories[f.name] = textColumn(validRes, 2 + i);
      });
      const rejRes = await db.connection.runAndReadAll(`SELECT __row, __id, __faults, __raw FROM ${s.table} ORDER BY __row`);
      const rejections: Rejection[] = (rejRes.getRowsJS() as [number, string | null, string, (string | null)[]][]).map(([row, id, faults, raw]) =>
        s.rejection(row, id, faults, raw),
      );
      return {
        key: spec.key,
        file: spec.displayPath,
        rowsRead: s.rowsRead,
        valid: s.valid,
        rejected: s.rejected,
        reasons: s.reasons,
        rows: { row: int32Column(validRes, 0), id: textColumn(validRes, 1) as string[], numbers, categories },
        rejections,
        source: {
          ...staged.info,
          headers: headersUsed(staged.header, match, fields),
          blankRows: s.blankRows,
          notes: [...staged.info.notes, ...fields.filter((f) => match.fields[f.name] < 0).map((f) => unmappedFieldNote(f.name))],
        },
      };
    } finally {
      await s.drop();
    }
  } finally {
    await staged.cleanup();
  }
}

export function headersUsed(header: string[], match: { id: number; fields: Record<string, number>; latest?: number }, fields: FieldSpec[]): Record<string, string> {
  const out: Record<string, string> = { '@id': header[match.id], ...(match.latest !== undefined ? { '@keep_latest_by': header[match.latest] } : {}) };
  for (const f of fields) if (match.fields[f.name] >= 0) out[f.name] = header[match.fields[f.name]];
  return out;
}
