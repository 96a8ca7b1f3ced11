// The price bridge: a consumption category's purchaser-price spending as producer-price final
// demand on the IO table's sectors (Eurostat Manual of Supply, Use and Input-Output Tables 2008,
// §11.3; Miller & Blair 2009 §4.8). Per yuan at purchaser prices, with margin shares t (trade)
// and r (transport) and the category's goods shares s_g:
//   d = (1 − t − r)·Σ_g s_g e_g + t·Σ_k τ_k e_k + r·Σ_k ρ_k e_k
// τ, ρ: the split of each margin over the trade (wholesale, retail) and freight sectors. Without
// the bridge, d = Σ_g s_g e_g (the mapping alone). Every response is linear in d, so a category's
// per-yuan coefficient is Σ_k d_k × (response of sector k).
import type { SectorResponse } from './ioResponse.ts';
import { LocalizedError } from '../../locale/errorText.ts';

/** What one yuan of a category's spending buys of one sector, at producer prices. */
export interface DemandShare {
  index: number;
  share: number;
  /** producer: the goods or services themselves; trade / transport: a margin */
  part: 'producer' | 'trade' | 'transport';
}

/** Margin shares per yuan at purchaser prices and their split over sectors (shares summing to 1). */
export interface BridgeMargins {
  trade: number;
  transport: number;
  tradeSplit: { index: number; share: number }[];
  transportSplit: { index: number; share: number }[];
}

/**
 * bridgeDemand([{index: 0, share: 1}], {trade: 0.2, transport: 0.05, tradeSplit: [{index: 1, share: 1}],
 * transportSplit: [{index: 2, share: 1}]}) → 0.75 to sector 0, 0.2 to 1, 0.05 to 2.
 * A sector that is both a goods sector and a margin sector gets two rows (one per part).
 * Fails when the goods shares do not add to 1 (1e-9) or the margins leave a negative producer value.
 */
export function bridgeDemand(goods: { index: number; share: number }[], margins: BridgeMargins | null): DemandShare[] {
  const sum = goods.reduce((s, g) => s + g.share, 0);
  if (!(Math.abs(sum - 1) <= 1e-9) || goods.some((g) => !(g.share >= 0))) throw new LocalizedError({ zh: `部门份额应 ≥ 0 且合计为 1，实际合计为 ${sum}`, en: `sector shares must be ≥ 0 and add to 1, they add to ${sum}` });
  if (!margins) return goods.map((g) => ({ ...g, part: 'producer' }));
  const { trade, transport } = margins;
  if (!(trade >= 0 && transport >= 0 && trade + transport <= 1)) throw new LocalizedError({ zh: `批发零售毛利 ${trade} 与运输费用 ${transport} 应 ≥ 0 且合计不超过 1`, en: `margins trade ${trade} and transport ${transport} must be ≥ 0 and add to at most 1` });
  const p = 1 - trade - transport;
  return [
    ...goods.map((g) => ({ index: g.index, share: p * g.share, part: 'producer' as const })),
    ...margins.tradeSplit.map((m) => ({ index: m.index, share: trade * m.share, part: 'trade' as const })),
    ...margins.transportSplit.map((m) => ({ index: m.index, share: transport * m.share, part: 'transport' as const })),
  ].filter((d) => d.share > 0);
}

/**
 * Per-yuan response of a category: Σ_k d_k × response(k), deflated to table-year prices (÷ P_c) and
 * output and value added restated in study-year prices (× P_out); jobs ÷ P_c and ÷ G (labour
 * productivity growth from the table year to the study year). Without prices P_c = P_out = G = 1.
 * Example: d = [0.75 → b 1.2, 0.25 → b 0.4], P_c = 1.1, P_out = 1.05: output = 1.0 × 1.05 / 1.1 = 0.9545.
 */
export function categoryResponse(
  demand: DemandShare[],
  responseOf: (index: number) => SectorResponse,
  prices: { deflator: number; output: number; productivity: number } = { deflator: 1, output: 1, productivity: 1 },
): SectorResponse {
  const { deflator, output, productivity } = prices;
  for (const [k, v] of Object.entries(prices)) if (!(Number.isFinite(v) && v > 0)) throw new LocalizedError({ zh: `价格 ${k} 应为正数，实为 ${v}`, en: `price ${k} must be a positive number, got ${v}` });
  let out = 0;
  let jobs: number | null = 0;
  let vaC: number | null = 0;
  let vaD: number | null = 0;
  for (const d of demand) {
    const r = responseOf(d.index);
    out += d.share * r.output;
    jobs = jobs === null || r.jobs === null ? null : jobs + d.share * r.jobs;
    vaC = vaC === null || r.valueAdded.competitive === null ? null : vaC + d.share * r.valueAdded.competitive;
    vaD = vaD === null || r.valueAdded.domestic === null ? null : vaD + d.share * r.valueAdded.domestic;
  }
  const money = output / deflator;
  return {
    output: out * money,
    jobs: jobs === null ? null : jobs / deflator / productivity,
    valueAdded: { competitive: vaC === null ? null : vaC * money, domestic: vaD === null ? null : vaD * money },
  };
}

/** A prepared category's demand rows; a one-sector category prepared without them is its sector at share 1. */
export function demandOf(s: { index: number; demand?: DemandShare[] }): DemandShare[] {
  return s.demand ?? [{ index: s.index, share: 1, part: 'producer' }];
}
