// Revive a study payload in the browser: {"$f64": [...]} back to Float64Array (null → NaN), and the
// Leontief model rebuilt from the table with the same engine function the server used (ioModel).
import type { StudyConfig, StudyInputs, StudyResults } from '../src/study/types.ts';
import type { IOTable } from '../src/io/index.ts';
import { ioModel } from '../src/io/ioModel.ts';
import type { VoucherResults } from '../src/study/vouchers/computeVouchers.ts';

export interface Payload {
  path: string;
  config: StudyConfig;
  inputs: StudyInputs;
  table: IOTable | null;
  employment: Float64Array | null;
  results: StudyResults;
  /** The voucher part of a study with transactions too, computed by the server. */
  vouchers?: VoucherResults;
}

/** The payload of a study with transactions only (src/server/studyPayload.ts VoucherPayload). */
export interface VoucherPayload {
  path: string;
  voucherStudy: { spillover: string; study: { name: { zh: string; en: string }; year?: number; source: string }; vouchers: VoucherResults };
}

/** JSON.parse reviver for payloadJson (src/server/studyPayload.ts). */
export function reviveTyped(_k: string, v: unknown): unknown {
  if (v && typeof v === 'object' && '$f64' in v) return Float64Array.from((v as { $f64: (number | null)[] }).$f64, (x) => (x === null ? NaN : x));
  return v;
}

/** The payload with inputs.model rebuilt (null when the study gives coefficients directly). */
export function withModel(p: Payload): Payload {
  const model = p.table ? ioModel(p.table, { employment: p.employment }) : null;
  return { ...p, inputs: { ...p.inputs, model } };
}
