// The Node edge of a study run: read study.yaml, resolve and confine its paths, parse the IO files
// once, screen the questionnaires through DuckDB (or ClickHouse, where the table lives), and hand
// the pure step (src/study/inputs) what it turns into computeStudy's inputs. Nothing here computes a figure.
import type { StudyInputs, QuestionnaireData } from '../study/types.ts';
import { checkFilters, designWarnings } from '../study/model/index.ts';
import { fieldSpecs, readAsMoments, ioInputs, rejectedLevels, type IOFiles } from '../study/inputs/index.ts';
import { version } from './packagePaths.ts';
import { readStudy, type LoadedStudy } from './readStudy.ts';
import { readIOFiles } from './readIOFiles.ts';
import { resolveStudyPath } from './resolveStudyPath.ts';
import { openDatabase, type DatabaseOptions } from './openDatabase.ts';
import { watchQueries } from './watchQueries.ts';
import { loadQuestionnaire } from './loadQuestionnaire.ts';
import { aggregateQuestionnaire } from './aggregateQuestionnaire.ts';
import { aggregateOnClickHouse, stageClickHouse } from './clickhouseQuestionnaire.ts';
import { clickhouseRunner, type ClickHouseRunner } from './sql/clickhouseRunner.ts';
import type { ScreeningSummary, Rejection } from './types.ts';
import { ruleReasons } from '../locale/index.ts';
import { rejectionsListedNote } from './readerNotes.ts';

export interface PreparedStudy {
  study: LoadedStudy;
  inputs: StudyInputs;
  /** The IO files as parsed for this run (null with coefficients given directly): the dashboard ships this table. */
  io: IOFiles | null;
  rejections: Rejection[];
  loaded: ScreeningSummary[];
}

/** `e` carrying the screening's rejections, so that a failed run can still write rejected.csv. */
export function withRejections(e: unknown, rejections: Rejection[]): unknown {
  if (e instanceof Error) Object.assign(e, { rejections });
  return e;
}

/** Options: where DuckDB spills and its memory limit (DatabaseOptions), and progress reporting. */
export interface LoadOptions extends DatabaseOptions {
  /**
   * Told how far each questionnaire file has got (for a progress line): 'reading' while the file is
   * decoded and staged (share of its bytes, records so far), 'screening' while DuckDB scans, screens and
   * aggregates it (DuckDB's own share and rows processed). NaN: not known.
   */
  onRead?: (file: string, phase: 'reading' | 'screening', share: number, rows: number) => void;
  /** Told once, before any onRead, the questionnaire files about to be read (at once: their onRead calls interleave). */
  onReadFiles?: (files: string[]) => void;
}

/** Everything computeStudy needs, read from disk. Whole-file faults throw; row faults become rejections. */
export async function loadStudyInputs(path: string, options: LoadOptions = {}): Promise<PreparedStudy> {
  // DuckDB's database opens on a pool thread while this thread reads the study file and parses the IO table (their
  // errors come first: a database opened for a study that fails is closed, and its own error dropped).
  const opening = openDatabase({ memoryLimit: options.memoryLimit, spillParent: options.spillParent });
  let study: LoadedStudy, io: IOFiles | null, ioIn: ReturnType<typeof ioInputs>;
  try {
    study = readStudy(path);
    io = readIOFiles(study);
    ioIn = ioInputs(study.config, io);
  } catch (e) {
    await opening.then((d) => d.close(), () => undefined);
    throw e;
  }
  const { config } = study;
  const db = await opening;
  const questionnaires: Record<string, QuestionnaireData> = {};
  const rejections: Rejection[] = [];
  const loaded: ScreeningSummary[] = [];
  const runners: ClickHouseRunner[] = [];
  const sheetRows: Record<string, Int32Array> = {}; // the sheet row of each valid row, by questionnaire
  const entries = Object.entries(config.questionnaires);
  // The files are read at once, each on its own connection: one file's DuckDB queries run while this thread decodes
  // another (a progress line shows them together: onReadFiles, then each file's onRead).
  const { onRead } = options;
  /** One questionnaire read, screened and turned into QuestionnaireData on its own connection. */
  async function loadOne(key: string, q: (typeof entries)[number][1]): Promise<{ data: QuestionnaireData; rejections: Rejection[]; summary: ScreeningSummary; rows?: Int32Array }> {
    const ch = q.source?.clickhouse;
    // a ClickHouse source: the table is read where it lives (credentials from the environment variables it names)
    const runner: ClickHouseRunner | null = ch ? await clickhouseRunner(ch, { ...(ch.cluster ? { cluster: ch.cluster } : {}) }) : null;
    if (runner) runners.push(runner);
    const table = ch && runner ? { runner, database: ch.database, table: ch.table } : null;
    const file = table ? q.file : resolveStudyPath(study.dir, q.file, `${q.yamlPath}.file`, config.source);
    const spec = {
      key,
      file,
      displayPath: q.file,
      yamlPath: q.yamlPath,
      encoding: q.encoding,
      sheet: q.sheet,
      skipRows: q.skipRows,
      id: q.id,
      keepLatestBy: q.keepLatestBy,
      columns: Object.fromEntries(Object.entries(q.columns).map(([f, c]) => [f, c.header])),
      rules: q.rules,
      ...(onRead ? { onRead: (share: number, rows: number) => onRead(q.file, 'reading', share, rows) } : {}),
    };
    const rules = ruleReasons(q.rules);
    const bilingualReasons = rules ? { ruleReasons: rules } : {};
    const conn = await db.connect();
    const stopWatching = onRead && !table ? await watchQueries(conn, (share, rows) => onRead(q.file, 'screening', share, rows)) : undefined;
    try {
      const fields = fieldSpecs(config, key);
      if (readAsMoments(config, key)) {
        // Only totals and their covariance are needed: screen and aggregate in DuckDB, whatever the size.
        const sums = config.consumption.categories.flatMap((c) => (c.field ? [c.field] : []));
        const all: Rejection[] = [];
        const options = { groupBy: [], sums, crossProducts: true };
        // in ClickHouse only the first 1000 rejected rows come back (all are counted in the reasons)
        const a = table ? await aggregateOnClickHouse(table, spec, fields, options) : await aggregateQuestionnaire(conn, spec, fields, { ...options, onRejections: (b) => void all.push(...b) });
        if (table && a.rejectionsTruncated) a.source.notes.push(rejectionsListedNote(a.rejections.length, a.rejected));
        const p = sums.length;
        const cross = new Float64Array(p * p);
        sums.forEach((x, i) => sums.forEach((y, j) => (cross[i * p + j] = i === j ? a.groups.sumSq[x][0] : a.groups.cross![i < j ? `${x}*${y}` : `${y}*${x}`][0])));
        return {
          data: {
            key, file: q.file, rowsRead: a.rowsRead, valid: a.valid, rejected: a.rejected, reasons: a.reasons, ...bilingualReasons, skippedRows: a.source.skippedRows, notes: a.source.notes, numbers: {}, categories: {},
            moments: { fields: sums, sum: Float64Array.from(sums, (x) => a.groups.sum[x][0] ?? 0), cross },
          },
          rejections: table ? a.rejections : all,
          summary: { key, file: q.file, rowsRead: a.rowsRead, valid: a.valid, rejected: a.rejected, reasons: a.reasons, source: a.source },
        };
      }
      const lq = await loadQuestionnaire(conn, spec, fields, table ? (d, sp) => stageClickHouse(d, table, sp) : undefined);
      return {
        data: {
          key,
          file: q.file,
          rowsRead: lq.rowsRead,
          valid: lq.valid,
          rejected: lq.rejected,
          reasons: lq.reasons,
          ...bilingualReasons,
          skippedRows: lq.source.skippedRows,
          notes: lq.source.notes,
          numbers: lq.rows.numbers,
          categories: lq.rows.categories,
        },
        rejections: lq.rejections,
        summary: lq,
        rows: lq.rows.row,
      };
    } finally {
      stopWatching?.();
      conn.close();
    }
  }
  try {
    options.onReadFiles?.(entries.map(([, q]) => q.file));
    const settled = await Promise.allSettled(entries.map(([key, q]) => loadOne(key, q)));
    // in the study's order: the first failing questionnaire's error, as when they are read one by one
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    const results = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof loadOne>>>).value);
    results.forEach((r, i) => {
      const key = entries[i][0];
      questionnaires[key] = r.data;
      rejections.push(...r.rejections);
      loaded.push(r.summary);
      if (r.rows) sheetRows[key] = r.rows;
    });
  } finally {
    db.close();
    await Promise.all(runners.map((r) => r.close()));
  }
  // The filters run will apply, applied now: check fails on the same inputs as run.
  try {
    checkFilters(config, questionnaires, rejectedLevels(config, rejections));
    // The declared designs' warnings (as R gives them), with the rows as the files number them: run and check print them.
    for (const [key, q] of Object.entries(questionnaires)) {
      const rows = sheetRows[key];
      const warnings = designWarnings(q, config.questionnaires[key], rows ? (i) => rows[i] : undefined);
      if (warnings.length) q.warnings = warnings;
    }
  } catch (e) {
    throw withRejections(e, rejections);
  }
  return { study, inputs: { questionnaires, ...ioIn, version }, io, rejections, loaded };
}
