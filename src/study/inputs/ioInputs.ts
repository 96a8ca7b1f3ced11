// The engine's IO inputs from what was read (pure): each consumption category's per-yuan response
// (output, jobs, value added) and the jobs-per-output conversion (METHOD §3). src/data reads the files.
import { ConfigError } from '../config/index.ts';
import { asLabel, label as L } from '../../locale/index.ts';
import type { StudyConfig, SectorCoefficient, JobsPerOutput, PriceBasis, CategoryConfig, Label } from '../types.ts';
import {
  resolveSector,
  householdColumn,
  householdMargins,
  nbsMarginSectors,
  ioModel,
  employmentCoefficients,
  nationalJobsPerOutput,
  type IOTable,
  type IOModel,
  type SectorDivisions,
  type EmploymentByDivision,
} from '../../io/index.ts';
import { sectorResponse, yuanPerUnit, bridgeDemand, categoryResponse, type IOMethod, type SectorResponse, type BridgeMargins } from '../model/index.ts';
import { priceRatio, type PriceIndex } from './priceIndex.ts';
import { LocalizedError, errorWords, internalError } from '../../locale/errorText.ts';

/** The IO files of a study as parsed (each once per run). */
export interface IOFiles {
  table: IOTable;
  /** the sector–division concordance, for the builtin NBS table only */
  divisions?: SectorDivisions;
  /** employment by division, when jobs_per_output.method is national or sector */
  employment: EmploymentByDivision | null;
  /** the price index of `prices:` (null without) */
  prices?: PriceIndex | null;
  /** how outputs name the table, in each language */
  display: Label;
}

export interface PreparedIO {
  sectors: Record<string, SectorCoefficient>;
  ioSource: Label;
  ioMethod: IOMethod;
  model: IOModel | null;
  jobsPerOutput: JobsPerOutput;
  priceBasis: PriceBasis;
}

/**
 * The IO model, each consumption category's per-yuan response, and the jobs-per-output conversion.
 * `files` is null when the study gives coefficients directly (then no table is read).
 * National jobs per output = national employment / national gross output (persons per yuan).
 */
export function ioInputs(config: StudyConfig, files: IOFiles | null): PreparedIO {
  const c = config.io;
  const ioMethod: IOMethod = { method: c.method, type: c.type, domestic: c.model === 'domestic' };
  const j = config.jobsPerOutput;
  const sectors: Record<string, SectorCoefficient> = {};
  if (c.coefficients) {
    if (j.method !== 'ratio') throw new ConfigError(config.source, 'jobs_per_output.method', null, { zh: '直接给出系数时只能用 method ratio（没有可取产出或就业的表）', en: 'with coefficients given directly only method ratio is possible (no table to take output or employment from)' });
    for (const cat of config.consumption.categories)
      sectors[cat.id] = { code: cat.sector, index: -1, name: { zh: '', en: '' }, coefficient: c.coefficients[cat.sector], jobs: null, valueAdded: { competitive: null, domestic: null } };
    return { sectors, ioSource: { zh: `${config.source} 给定的系数`, en: `coefficients given in ${config.source}` }, ioMethod, model: null, jobsPerOutput: ratioConversion(j), priceBasis: { margins: null, prices: null } };
  }
  if (!files) throw internalError('internal: a study with an IO table needs the table read');
  const { table, divisions, employment, display } = files;
  let model: IOModel;
  try {
    let e: Float64Array | null = null;
    if (j.method === 'sector') {
      if (!divisions) throw new LocalizedError({ zh: '分部门就业系数需要内置表的部门—行业对照（请用 io.table: builtin:china-io-2017-149）', en: 'sector employment coefficients need the sector–division concordance of the builtin table (use io.table: builtin:china-io-2017-149)' });
      e = employmentCoefficients(table, employment!, divisions, j.year).coefficients;
    }
    model = ioModel(table, { employment: e });
  } catch (err) {
    throw new ConfigError(config.source, j.method === 'sector' ? 'jobs_per_output' : 'io.table', null, errorWords(err));
  }
  const margins = bridgeMargins(config, table, divisions);
  const priceBasis: PriceBasis = { margins: margins && margins.basis, prices: null };
  const prices = priceFactors(config, files.prices ?? null, priceBasis);
  const responses = new Map<number, SectorResponse>();
  const responseOf = (i: number) => responses.get(i) ?? responses.set(i, sectorResponse(model, i, ioMethod)).get(i)!;
  for (const cat of config.consumption.categories) {
    const goods = categorySectors(config, cat, table, divisions);
    const demand = bridgeDemand(goods, cat.bridge ? margins!.margins : null);
    const p = prices.of(cat);
    const r = categoryResponse(demand, responseOf, p);
    const first = goods[0].index;
    sectors[cat.id] = {
      code: cat.sector,
      index: first,
      name: table.names[first],
      coefficient: r.output,
      jobs: r.jobs,
      valueAdded: r.valueAdded,
      demand: demand.map((d) => ({ ...d, code: table.codes[d.index], name: table.names[d.index] })),
      prices: p,
      ...(config.prices ? { priceSeries: cat.price ?? config.prices.output } : {}),
    };
  }
  let jobsPerOutput: JobsPerOutput;
  if (j.method === 'ratio') jobsPerOutput = prices.convertJobs(ratioConversion(j));
  else if (j.method === 'national') {
    const nat = nationalJobsPerOutput(employment!, j.year, table);
    const scale = yuanPerUnit(table.unit);
    jobsPerOutput = prices.convertJobs({
      method: 'national',
      perYuan: nat.perUnit / scale,
      formula: L('全国就业人数 / 全国总产出', 'national employment / national gross output'),
      inputs: { employment: nat.persons, grossOutput: nat.output * scale, year: j.year },
      source: j.source ?? { zh: `${j.year} 年全国平均：就业人数（${j.employment}）/ 总产出（${display.zh}）`, en: `national average of ${j.year}: employment (${j.employment}) / gross output (${display.en})` },
    });
  } else {
    jobsPerOutput = {
      method: 'sector',
      perYuan: NaN,
      formula: L('Σ_i e_i × 诱发产出_i，e_i = 部门 i 每元产出的就业人数', 'Σ_i e_i × induced output_i, e_i = persons per yuan of output of sector i'),
      inputs: { year: j.year, employment: j.employment },
      source: j.source ?? { zh: `分部门就业系数：${j.year} 年分门类就业人数（${j.employment}）按产出份额分摊到表中各部门`, en: `employment coefficients by sector: ${j.year} employment by division (${j.employment}) split over the table's sectors by output share` },
    };
  }
  return { sectors, ioSource: display, ioMethod, model, jobsPerOutput, priceBasis };
}

/** The study file's units of a jobs-per-output ratio, in words. */
const RATIO_UNITS = { 'persons/yuan': L('个/元', 'jobs per yuan'), 'persons/万元': L('个/万元', 'jobs per 10,000 yuan'), 'persons/亿元': L('个/亿元', 'jobs per 100 million yuan') };

function ratioConversion(j: StudyConfig['jobsPerOutput']): JobsPerOutput {
  if (j.method !== 'ratio') throw internalError('internal: not a ratio');
  const unit = RATIO_UNITS[j.unit as keyof typeof RATIO_UNITS] ?? L(j.unit, j.unit);
  return { method: 'ratio', perYuan: j.perYuan, formula: L(`${j.value} ${unit.zh}`, `${j.value} ${unit.en}`), inputs: { value: j.value, unit: j.unit }, source: j.source ?? { zh: '研究文件给定', en: 'stated in the study file' } };
}

const UNIT_PRICES = { deflator: 1, output: 1, productivity: 1 };

/**
 * A category's goods sectors with shares: one sector (share 1), shares as given, or shares in
 * proportion to the table's household consumption (weights: household). Errors name the YAML path and line.
 */
function categorySectors(config: StudyConfig, cat: CategoryConfig, table: IOTable, divisions: SectorDivisions | undefined): { index: number; share: number }[] {
  const resolve = (code: string, yamlPath: string, line: number | null) => {
    try {
      return resolveSector(table, code, divisions);
    } catch (e) {
      throw new ConfigError(config.source, yamlPath, line, errorWords(e));
    }
  };
  if (!cat.sectors) return [{ index: resolve(cat.sector, `${cat.yamlPath}.sector`, null), share: 1 }];
  const rows = cat.sectors.map((s) => ({ index: resolve(s.code, s.yamlPath, s.line), share: s.share ?? 0, at: s }));
  if (cat.weights === 'household') {
    const h = householdColumn(table);
    const total = rows.reduce((t, r) => t + h[r.index], 0);
    const bad = rows.find((r) => !(h[r.index] >= 0));
    if (bad) throw new ConfigError(config.source, bad.at.yamlPath, bad.at.line, { zh: `部门 ${bad.at.code} 的居民消费为 ${h[bad.index]}；权重需要 ≥ 0 的值`, en: `household consumption of sector ${bad.at.code} is ${h[bad.index]}; weights need values ≥ 0` });
    if (!(total > 0)) throw new ConfigError(config.source, `${cat.yamlPath}.sectors`, cat.sectors[0].line, { zh: '这些部门在表中没有居民消费：按居民消费加权需要正的合计', en: 'these sectors have no household consumption in the table: household weights need a positive total' });
    for (const r of rows) r.share = h[r.index] / total;
  }
  return rows.map(({ index, share }) => ({ index, share }));
}

/** The bridge's margins: given in consumption.bridge, or derived from the table (householdMargins). null when no category is bridged. */
function bridgeMargins(config: StudyConfig, table: IOTable, divisions: SectorDivisions | undefined): { margins: BridgeMargins; basis: NonNullable<PriceBasis['margins']> } | null {
  if (!config.consumption.categories.some((c) => c.bridge)) return null;
  const b = config.consumption.bridge;
  if (!divisions) throw new ConfigError(config.source, 'consumption.bridge', null, { zh: '价格桥接需要表中的货物、批发零售和运输部门：请用 io.table: builtin:china-io-2017-149', en: 'the price bridge needs the goods, trade and transport sectors of the table: use io.table: builtin:china-io-2017-149' });
  let derived;
  try {
    derived = householdMargins(table, nbsMarginSectors(table, divisions));
  } catch (e) {
    throw new ConfigError(config.source, 'consumption.bridge', null, errorWords(e));
  }
  const trade = b?.trade ?? derived.trade;
  const transport = b?.transport ?? derived.transport;
  if (trade + transport > 1) throw new ConfigError(config.source, 'consumption.bridge', null, { zh: `trade ${trade} + transport ${transport} 超过 1`, en: `trade ${trade} + transport ${transport} exceed 1` });
  const given = b?.trade != null || b?.transport != null;
  const source = given
    ? `${b?.source ?? 'stated in the study file'}${b?.trade == null || b?.transport == null ? '; the other share derived from the table' : ''}`
    : 'derived from the household-consumption column of the table: trade (wholesale, retail) and freight-transport consumption over the purchaser value of household goods';
  return {
    margins: { trade, transport, tradeSplit: derived.tradeSplit, transportSplit: derived.transportSplit },
    basis: { trade, transport, producer: 1 - trade - transport, derived: !given, source },
  };
}

/**
 * The price-year factors of each category and the jobs-per-output conversion: P_c = P(T → Y) of
 * the category's series, P_out of prices.output, G of prices.productivity (1 when absent); jobs per
 * output of the table year becomes jobs per study-year yuan by ÷ (P_out × G).
 */
function priceFactors(config: StudyConfig, index: PriceIndex | null, basis: PriceBasis) {
  const pc = config.prices;
  if (!pc) return { of: () => UNIT_PRICES, convertJobs: (j: JobsPerOutput) => j };
  if (!index) throw internalError('internal: prices declared but the index was not read');
  const Y = config.year;
  const ratio = (series: string, yamlPath: string) => {
    try {
      return priceRatio(index, series, pc.tableYear, Y);
    } catch (e) {
      throw new ConfigError(config.source, yamlPath, null, errorWords(e));
    }
  };
  const output = ratio(pc.output, 'prices.output');
  const productivity = pc.productivity ? ratio(pc.productivity, 'prices.productivity') : 1;
  const byCategory: Record<string, { series: string; ratio: number }> = {};
  for (const c of config.consumption.categories) {
    const series = c.price ?? pc.output;
    byCategory[c.id] = { series, ratio: ratio(series, c.price ? `${c.yamlPath}.price` : 'prices.output') };
  }
  basis.prices = { tableYear: pc.tableYear, studyYear: Y, index: pc.index, output: { series: pc.output, ratio: output }, productivity: pc.productivity ? { series: pc.productivity, ratio: productivity } : null, byCategory };
  return {
    of: (c: CategoryConfig) => ({ deflator: byCategory[c.id].ratio, output, productivity }),
    convertJobs: (j: JobsPerOutput): JobsPerOutput =>
      j.method === 'sector'
        ? j
        : {
          ...j,
          perYuan: j.perYuan / (output * productivity),
          formula: L(
            `${asLabel(j.formula).zh}（${pc.tableYear}）÷（产出价格 ${pc.tableYear}→${Y} ${+output.toFixed(6)} × 劳动生产率 ${+productivity.toFixed(6)}）`,
            `${asLabel(j.formula).en} (${pc.tableYear}) ÷ (output prices ${pc.tableYear}→${Y} ${+output.toFixed(6)} × labour productivity ${+productivity.toFixed(6)})`,
          ),
          inputs: { ...j.inputs, [`perYuan ${pc.tableYear}`]: j.perYuan, outputPrices: output, productivity },
          source: {
            zh: `${j.source.zh.replace(/[。.]$/, '')}；按 ${Y} 年价格：÷ 产出价格 ${pc.tableYear}→${Y}（${pc.output}，${output.toFixed(4)}）${pc.productivity ? ` × 劳动生产率增长（${pc.productivity}，${productivity.toFixed(4)}）` : ''}`,
            en: `${j.source.en.replace(/\.$/, '')}; in ${Y} yuan: ÷ output prices ${pc.tableYear}→${Y} (${pc.output}, ${output.toFixed(4)})${pc.productivity ? ` × labour-productivity growth (${pc.productivity}, ${productivity.toFixed(4)})` : ''}`,
          },
        },
  };
}

