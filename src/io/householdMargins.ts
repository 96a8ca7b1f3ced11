// Trade and transport margins on household goods, derived from a producer-price table's household
// consumption column (Eurostat Manual of Supply, Use and Input-Output Tables 2008, §3.4 and §11.3:
// in a producer-price table the margins households pay on goods appear as their purchases of
// trade and transport services).
//   purchaser value of household goods  V = H_goods + H_trade + H_transport
//   producer share  p = H_goods / V,  trade margin t = H_trade / V,  transport margin r = H_transport / V
// where H_S = Σ_{i∈S} h_i over the household-consumption column(s) h. Within the trade and the
// transport sectors the margin is split in proportion to h_i.
import type { IOTable } from './types.ts';
import type { SectorDivisions } from './parseSectorDivisions.ts';
import { LocalizedError } from '../locale/errorText.ts';
import { missingFromDivisions } from './ioFaults.ts';

/** The margin sets in Chinese, for errors. */
const MARGIN_NAMES: Record<string, string> = { goods: '货物', trade: '批发零售', transport: '运输' };

export interface MarginSectors {
  /** 0-based indices of the goods sectors (margins apply to them). */
  goods: number[];
  /** 0-based indices of the trade sectors (wholesale, retail). */
  trade: number[];
  /** 0-based indices of the freight transport sectors. */
  transport: number[];
}

export interface HouseholdMargins {
  /** producer value per yuan of household goods at purchaser prices */
  producer: number;
  /** trade margin per yuan at purchaser prices */
  trade: number;
  /** transport margin per yuan at purchaser prices */
  transport: number;
  /** how the trade and transport margins split over their sectors (shares summing to 1) */
  tradeSplit: { index: number; share: number }[];
  transportSplit: { index: number; share: number }[];
  /** the column sums behind the rates, in the table's unit */
  totals: { goods: number; trade: number; transport: number };
}

/**
 * Household consumption of each sector: the sum of the table's `household` final-demand columns
 * (NBS: FU101 rural + FU102 urban). Fails when the table has none.
 */
export function householdColumn(table: IOTable): Float64Array {
  const cols = table.finalDemand.filter((f) => f.role === 'household');
  if (cols.length === 0) throw new LocalizedError({ zh: `${table.source}：没有居民消费列，无法推算流通费用`, en: `${table.source}: no household-consumption column to derive margins from` });
  const h = new Float64Array(table.n);
  for (const c of cols) for (let i = 0; i < table.n; i++) h[i] += c.values[i];
  return h;
}

/**
 * The margin sectors of the NBS 2017 149-sector table, from its sector–division concordance:
 * goods = sectors whose primary GB/T 4754-2017 division is 01–43 (sections A agriculture,
 * B mining, C manufacturing); trade = divisions 51 wholesale and 52 retail; transport = divisions
 * 53–59 (rail, road, water, air, pipeline, multimodal and forwarding, handling and storage)
 * except passenger transport (names containing 客: 铁路旅客运输, 城市公共交通及公路客运, 水上旅客运输,
 * 航空旅客运输). Postal services (60) are left out: households buy them as a service.
 * Example (NBS 2017): goods = 001–097, trade = 105, 106, transport = 108, 110, 112, 114, 115, 116, 117.
 */
export function nbsMarginSectors(table: Pick<IOTable, 'codes' | 'names' | 'source'>, divisions: SectorDivisions): MarginSectors {
  const out: MarginSectors = { goods: [], trade: [], transport: [] };
  table.codes.forEach((code, i) => {
    const divs = divisions.get(code);
    if (!divs) throw missingFromDivisions(table.source, code);
    const d = Number(divs[0]);
    if (d >= 1 && d <= 43) out.goods.push(i);
    else if (d === 51 || d === 52) out.trade.push(i);
    else if (d >= 53 && d <= 59 && !table.names[i].zh.includes('客')) out.transport.push(i);
  });
  for (const [k, v] of Object.entries(out)) if (v.length === 0) throw new LocalizedError({ zh: `${table.source}：按部门—行业对照找不到${MARGIN_NAMES[k]}部门`, en: `${table.source}: no ${k} sectors found from the sector divisions` });
  return out;
}

/**
 * householdMargins(nbs2017, nbsMarginSectors(nbs2017, divisions)) → producer 0.8467, trade 0.1043,
 * transport 0.0490 (H_goods 14.39, H_trade 1.77, H_transport 0.83 万亿元).
 * Fails when a set is empty or overlaps another, or when the goods or a margin set has no
 * household consumption (a split needs a positive total).
 */
export function householdMargins(table: IOTable, sectors: MarginSectors): HouseholdMargins {
  const h = householdColumn(table);
  const seen = new Set<number>();
  for (const [k, set] of Object.entries(sectors) as [keyof MarginSectors, number[]][]) {
    if (set.length === 0) throw new LocalizedError({ zh: `${table.source}：流通费用没有给出${MARGIN_NAMES[k]}部门`, en: `${table.source}: no ${k} sectors given for the margins` });
    for (const i of set) {
      if (!(Number.isInteger(i) && i >= 0 && i < table.n)) throw new LocalizedError({ zh: `${table.source}：${MARGIN_NAMES[k]}部门的序号 ${i} 超出表的范围`, en: `${table.source}: ${k} sector index ${i} is outside the table` });
      if (seen.has(i)) throw new LocalizedError({ zh: `${table.source}：部门 ${table.codes[i]} 同时属于货物、批发零售、运输中的多个`, en: `${table.source}: sector ${table.codes[i]} is in more than one of goods, trade and transport` });
      seen.add(i);
    }
  }
  const sum = (set: number[]) => set.reduce((s, i) => s + h[i], 0);
  const totals = { goods: sum(sectors.goods), trade: sum(sectors.trade), transport: sum(sectors.transport) };
  for (const [k, v] of Object.entries(totals))
    if (!(v > 0)) throw new LocalizedError({ zh: `${table.source}：${MARGIN_NAMES[k]}部门的居民消费为 ${v}；流通费用的拆分需要正的合计`, en: `${table.source}: household consumption of the ${k} sectors is ${v}; margins need a positive total` });
  const v = totals.goods + totals.trade + totals.transport;
  const split = (set: number[], total: number) => set.filter((i) => h[i] !== 0).map((index) => ({ index, share: h[index] / total }));
  return {
    producer: totals.goods / v,
    trade: totals.trade / v,
    transport: totals.transport / v,
    tradeSplit: split(sectors.trade, totals.trade),
    transportSplit: split(sectors.transport, totals.transport),
    totals,
  };
}
