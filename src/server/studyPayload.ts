// What the dashboard's browser engine needs for one study, as JSON: the validated config, the
// prepared inputs (screened questionnaire columns, per-yuan IO responses, jobs per output), the IO
// table and employment coefficients from which the browser rebuilds the same Leontief model
// (ioModel), and the server's own results (the page's first paint, checked against the worker's).
import type { StudyConfig, StudyInputs, StudyResults } from '../study/types.ts';
import type { IOTable } from '../io/index.ts';
import { computeStudy } from '../study/model/index.ts';
import { loadStudyInputs, type PreparedStudy } from '../data/loadStudyInputs.ts';
import { resolveStudyPath } from '../data/resolveStudyPath.ts';
import { runVoucherStudy, studySections, voucherInputFiles, type VoucherStudyResults } from '../data/voucherStudy.ts';
import type { VoucherResults } from '../study/vouchers/computeVouchers.ts';
import { readFileSync } from 'node:fs';

export interface StudyPayload {
  path: string; // relative to the dashboard root
  config: StudyConfig;
  /** The prepared inputs with `model: null`; the browser sets it to ioModel(table, {employment}). */
  inputs: StudyInputs;
  table: IOTable | null;
  employment: Float64Array | null;
  results: StudyResults;
  /** The voucher part of a study with transactions too (one combined dashboard). */
  vouchers?: VoucherResults;
}

/** The files a study reads besides itself (questionnaires, IO table, employment, price index), as absolute paths. */
export function studyInputFiles(prepared: PreparedStudy): string[] {
  const { config, dir } = prepared.study;
  const named = [...Object.values(config.questionnaires).map((q) => q.file), config.io.table, config.jobsPerOutput.method === 'ratio' ? undefined : config.jobsPerOutput.employment, config.prices?.index];
  return named.filter((p): p is string => typeof p === 'string').map((p) => resolveStudyPath(dir, p, 'file', config.source));
}

/**
 * The payload of a study with transactions only: no model for the browser to rerun, only the voucher
 * results as the server computed them (the page shows the summary and the voucher section).
 */
export interface VoucherPayload {
  path: string;
  voucherStudy: VoucherStudyResults;
}

/**
 * studyPayload(abs, rel) → the payload of one study (loadStudyInputs reads and screens its data; the
 * IO table it parsed is shipped as is; transactions are reduced by DuckDB here) and the files it read.
 * A study with transactions only gives a VoucherPayload.
 */
export async function studyPayload(abs: string, rel: string): Promise<(StudyPayload | VoucherPayload) & { files: string[] }> {
  const sections = studySections(readFileSync(abs, 'utf8'));
  if (sections.transactions && !sections.questionnaires) {
    const v = await runVoucherStudy(abs);
    return { files: voucherInputFiles(v.config, v.dir), path: rel, voucherStudy: { ...v.results, study: { ...v.results.study, source: rel } } };
  }
  const prepared = await loadStudyInputs(abs);
  const { config } = prepared.study;
  const model = prepared.inputs.model;
  const table: IOTable | null = model ? (prepared.io?.table ?? null) : null;
  // The transactions are reduced by DuckDB on the server; the page shows their figures as computed.
  const voucher = sections.transactions ? await runVoucherStudy(abs) : undefined;
  return {
    files: [...studyInputFiles(prepared), ...(voucher ? voucherInputFiles(voucher.config, voucher.dir) : [])],
    ...(voucher ? { vouchers: voucher.results.vouchers } : {}),
    path: rel,
    config,
    inputs: { ...prepared.inputs, model: null },
    table,
    employment: model?.employment ?? null,
    results: computeStudy(config, prepared.inputs),
  };
}

/**
 * JSON text of a payload. Typed arrays become {"$f64": [...]} (non-finite → null) so that
 * web/payload.ts can revive them exactly; other values as JSON.stringify writes them.
 */
export function payloadJson(p: StudyPayload | VoucherPayload): string {
  return JSON.stringify(p, (_k, v) => (v instanceof Float64Array ? { $f64: Array.from(v, (x) => (Number.isFinite(x) ? x : null)) } : v));
}
