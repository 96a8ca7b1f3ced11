// What one yuan of final demand for a sector's products induces, under the study's IO method:
// the per-yuan coefficients by which each consumption category's total becomes induced output,
// jobs and value added. Every study figure downstream is Σ_c C_c × coefficient_c (linear in C), so
// sampling variances carry through exactly.
import { leontiefImpact, type IOModel } from '../../io/index.ts';
import { LocalizedError } from '../../locale/errorText.ts';

export interface IOMethod {
  /** seed: column sums of B (Type I, competitive), as the report; leontief: the chosen model. */
  method: 'published' | 'leontief';
  type: 'I' | 'II';
  domestic: boolean;
}

export interface SectorResponse {
  /** Output induced beyond the demand itself per yuan: indirect (+ induced for Type II). */
  output: number;
  /** Persons per yuan of demand from that output, with sector employment coefficients; null without them. */
  jobs: number | null;
  /** Total value added (direct + indirect) per yuan, Type I: competitive model (≡ 1 when Σ_i a_ij + v_j = 1) and domestic. */
  valueAdded: { competitive: number | null; domestic: number | null };
}

/** Yuan per unit of the table's money (万元 → 1e4). Fails on an unknown unit. */
export function yuanPerUnit(unit: string): number {
  const u = unit.trim();
  const scale: Record<string, number> = { '元': 1, yuan: 1, '万元': 1e4, '百万元': 1e6, '亿元': 1e8 };
  if (!(u in scale)) throw new LocalizedError({ zh: `投入产出表的货币单位未知："${unit}"（应为 元、万元、百万元 或 亿元）`, en: `unknown money unit of the IO table: "${unit}" (expected 元, 万元, 百万元 or 亿元)` });
  return scale[u];
}

/**
 * sectorResponse(model, s, {method: 'published', type: 'I', domestic: false}).output = Σ_i B_is, the
 * column sum of B = (I − A)⁻¹ − I (完全消耗系数) — e.g. 1.35092814 for sector 123 of NBS 2017.
 * With method leontief: the indirect (+ induced, Type II) output of the chosen model per yuan of final
 * demand (Miller & Blair 2009 §2.5, §6.2; domestic demand is (1 − m_s) per yuan).
 */
export function sectorResponse(model: IOModel, s: number, m: IOMethod): SectorResponse {
  const unitDemand = new Float64Array(model.n);
  unitDemand[s] = 1;
  const type = m.method === 'published' ? 'I' : m.type;
  const domestic = m.method === 'published' ? false : m.domestic;
  const imp = leontiefImpact(model, unitDemand, { type, domestic });
  const scale = yuanPerUnit(model.unit);
  const out = imp.totals.output;
  const jobs = imp.totals.jobs;
  const vaOf = (dom: boolean): number | null => {
    if (!model.valueAdded || (dom && !model.domestic)) return null;
    return leontiefImpact(model, unitDemand, { type: 'I', domestic: dom }).totals.valueAdded!.total;
  };
  return {
    output: out.indirect + out.induced,
    jobs: jobs ? (jobs.indirect + jobs.induced) / scale : null,
    valueAdded: { competitive: vaOf(false), domestic: vaOf(true) },
  };
}
