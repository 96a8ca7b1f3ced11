// Parse and validate study.yaml: YAML → schema check (ajv) → cross-reference checks → StudyConfig.
// Pure (no file access): the caller passes the text and a display name. Every error names the
// file, the YAML path and its line, and what was expected.
import { isMap, isSeq, type Document, type LineCounter } from 'yaml';
import { studyDocument } from './studyDocument.ts';
import { plainYaml, type PlainYaml } from './plainYaml.ts';
import { studyValidator as validator } from './studyValidator.ts';
import { asLabel, LocalizedError, parseQuantity, type ErrorWords } from '../../locale/index.ts';
import { normalizeNetImpact, populationInput } from './netImpactConfig.ts';
import { jobUnitsBasis } from '../model/jobUnits.ts';
import { unknownKeyWords } from '../../survey/didYouMean.ts';
import { ajvWords, withoutPlace, yamlSyntaxWords } from './configWords.ts';
import { MAX_YAML_ALIASES, MAX_YAML_DEPTH, yamlNesting } from './yamlLimits.ts';
import type { StudyConfig, ComponentConfig, CategoryConfig, SectorShareConfig, QuestionnaireConfig, Label, ComponentKind, ColumnConfig, Condition } from '../types.ts';

/**
 * A fault of the study file, located: `file:line: yaml.path: detail`. The detail may be in both
 * languages (a Label); the file, line and YAML path are names and stay as they are:
 * new ConfigError('study.yaml', 'io.method', 4, {zh: '应为 published 或 derived', en: 'expected published or derived'})
 * .message === 'study.yaml:4: io.method: expected published or derived', zh text 'study.yaml:4：io.method：应为 published 或 derived'.
 */
export class ConfigError extends LocalizedError {
  constructor(
    public readonly source: string,
    public readonly yamlPath: string,
    public readonly line: number | null,
    detail: ErrorWords,
  ) {
    const at = `${source}${line ? `:${line}` : ''}`;
    super(typeof detail === 'string'
      ? `${at}: ${yamlPath || '(top level)'}: ${detail}`
      : { zh: `${at}：${yamlPath || '（顶层）'}：${detail.zh}`, en: `${at}: ${yamlPath || '(top level)'}: ${detail.en}` });
    this.name = 'ConfigError';
  }
}

/** Dotted path for messages: ['components','providers',0,'population'] → components.providers[0].population */
export function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function lineOf(doc: Document, lc: LineCounter, path: readonly (string | number)[]): number | null {
  for (let k = path.length; k >= 0; k--) {
    const sub = path.slice(0, k);
    const node = sub.length === 0 ? doc.contents : doc.getIn(sub, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      // Prefer the key's line for map entries: look up the pair in the parent map.
      if (sub.length > 0) {
        const parent = sub.length === 1 ? doc.contents : doc.getIn(sub.slice(0, -1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((it) => (it.key as { value?: unknown })?.value === sub[sub.length - 1]);
          const kr = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
          if (kr) return lc.linePos(kr[0]).line;
        }
      }
      return lc.linePos(range[0]).line;
    }
  }
  return null;
}

function pointerToPath(ptr: string): (string | number)[] {
  if (!ptr) return [];
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * parseStudy(text, source) → StudyConfig, or throws ConfigError naming source, YAML path and line.
 * Example: parseStudy('study: {name: …', 'study.yaml') → ConfigError "study.yaml:3: consumption: missing required key …".
 */
export function parseStudy(text: string, source: string): StudyConfig {
  const deep = yamlNesting(text);
  if (deep)
    throw new ConfigError(source, '', deep.line, {
      zh: `嵌套超过 ${MAX_YAML_DEPTH} 层（上限；研究文件不到 10 层）：这不是研究文件，或文件已损坏`,
      en: `nesting deeper than ${MAX_YAML_DEPTH} levels (the limit; a study file needs fewer than 10): the file is not a study file or is damaged`,
    });
  // A study file in the subset plainYaml reads gives the same values and lines without the yaml package (faster in a
  // fresh process); any other text, and every YAML fault, goes through the yaml document as before.
  const { value: raw, lineOf: line } = plainYaml(text) ?? studyYaml(text, source);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(source, '', 1, { zh: '顶层应为映射（键: 值）', en: 'expected a mapping (key: value) at the top level' });
  const fail = (path: (string | number)[], detail: ErrorWords): never => {
    throw new ConfigError(source, formatPath(path), line(path), detail);
  };
  // The original report's IO method was called `seed` until 0.1: name the new word rather than list the enum.
  const io = (raw as Raw).io;
  if (io !== null && typeof io === 'object' && io.method === 'seed') fail(['io', 'method'], {
      zh: '"seed" 已改名为 "published"（原报告的方法，数字相同）：请写 `method: published`',
      en: '"seed" is now called "published" (the original report\'s method, the same numbers): write `method: published`',
    });
  const validate = validator();
  if (!validate(raw)) {
    // Report the most specific error first (deepest path), required/unknown keys before type noise.
    const errs = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
    // An unknown key beats a missing one at the same place: `popultion:` is reported as itself, not as "population missing".
    const e = errs.find((x) => x.keyword === 'additionalProperties' && x.instancePath === errs[0].instancePath) ?? errs.find((x) => x.keyword !== 'anyOf' && x.keyword !== 'type') ?? errs[0];
    const anyOfAtSame = errs.find((x) => x.keyword === 'anyOf' && x.instancePath === e.instancePath);
    const path = pointerToPath(e.instancePath);
    if (e.keyword === 'additionalProperties') path.push((e.params as { additionalProperty: string }).additionalProperty);
    fail(path, ajvWords(anyOfAtSame && (e.keyword === 'type' || e.keyword === 'pattern') ? anyOfAtSame : e));
  }
  return normalize(raw as Raw, source, fail, line);
}

/** The values of a study text and the line of a YAML path, from the yaml document; a syntax fault or an alias bomb → ConfigError. */
function studyYaml(text: string, source: string): PlainYaml {
  const { doc, lc } = studyDocument(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
    throw new ConfigError(source, '', line, yamlSyntaxWords(e));
  }
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }), lineOf: (path) => lineOf(doc, lc, path) };
  } catch (e) {
    if (/alias/i.test((e as Error).message))
      throw new ConfigError(source, '', null, {
        zh: `引用（*名称）展开过多：上限为 ${MAX_YAML_ALIASES} 次引用（“引用炸弹”会需要数 GB 内存）`,
        en: `aliases (*name) expand too much: more than ${MAX_YAML_ALIASES} alias uses is the limit (an "alias bomb" would need gigabytes)`,
      });
    throw e;
  }
}

type Fail = (path: (string | number)[], detail: ErrorWords) => never;
// The schema guarantees shapes; these loose types only serve normalization.
type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function qty(v: unknown, path: (string | number)[], fail: Fail): number {
  try {
    return parseQuantity(v, formatPath(path));
  } catch (e) {
    return fail(path, withoutPlace(e));
  }
}

function normalize(raw: Raw, source: string, fail: Fail, line: (path: (string | number)[]) => number | null): StudyConfig {
  const questionnaires: Record<string, QuestionnaireConfig> = {};
  for (const [key, q] of Object.entries<Raw>(raw.questionnaires ?? {})) {
    if (Object.keys(q.columns).length === 0) fail(['questionnaires', key, 'columns'], { zh: '请至少把一个字段对应到一列', en: 'map at least one field to a column' });
    if ((q.file === undefined) === (q.source === undefined)) fail(['questionnaires', key], q.file === undefined
        ? { zh: '请给出 `file`（CSV、XLSX 或 Parquet 导出文件）或 `source`（ClickHouse 表）', en: 'give `file` (a CSV, XLSX or Parquet export) or `source` (a ClickHouse table)' }
        : { zh: '`file` 与 `source` 只能给一个', en: 'give `file` or `source`, not both' });
    const ch = q.source?.clickhouse;
    questionnaires[key] = {
      key,
      yamlPath: `questionnaires.${key}`,
      file: ch ? `clickhouse:${ch.database}.${ch.table}` : q.file,
      ...(ch ? { source: { clickhouse: { ...ch } } } : {}),
      encoding: q.encoding ?? 'utf-8',
      sheet: q.sheet,
      skipRows: q.skip_rows ?? 0,
      id: q.id,
      ...(q.dedupe ? { keepLatestBy: q.dedupe.keep_latest_by } : {}),
      columns: Object.fromEntries(
        Object.entries<Raw>(q.columns).map(([f, v]): [string, ColumnConfig] => [f, typeof v === 'string' || Array.isArray(v) ? { header: v } : (v as ColumnConfig)]),
      ),
      rules: q.rules ?? [],
      design: q.design,
    };
  }
  const seen = new Map<string, string>();
  const claim = (idv: string, path: (string | number)[]) => {
    const prev = seen.get(idv);
    if (prev) fail(path, { zh: `编号 "${idv}" 重复（已用于 ${prev}）`, en: `duplicate id "${idv}" (already used at ${prev})` });
    seen.set(idv, formatPath(path));
  };
  const groups: Record<string, { label: Label }> = raw.groups ?? {};
  const comps = (kind: ComponentKind, list: Raw[] | undefined): ComponentConfig[] =>
    (list ?? []).map((c, i) => {
      const base: (string | number)[] = ['components', kind === 'provider' ? 'providers' : 'operators', i];
      claim(c.id, [...base, 'id']);
      if (!questionnaires[c.questionnaire])
        fail([...base, 'questionnaire'], unknownQuestionnaire(c.questionnaire, questionnaires));
      for (const g of c.groups ?? []) if (!groups[g]) fail([...base, 'groups'], { zh: `组 "${g}" 在 \`groups\` 下没有名称`, en: `group "${g}" has no label under \`groups\`` });
      const population = populationInput(c.population, [...base, 'population'], fail).value;
      const where: Record<string, string[]> = {};
      for (const [f, v] of Object.entries<string | string[]>(c.where ?? {})) where[f] = Array.isArray(v) ? v : [v];
      const iv = c.interval === undefined ? undefined : typeof c.interval === 'string' ? { method: c.interval } : c.interval;
      if (iv && iv.method !== 'wald' && questionnaires[c.questionnaire]?.design)
        fail([...base, 'interval'], {
          zh: `${iv.method} 按默认设计的层重抽样；问卷 "${c.questionnaire}" 声明了自己的设计（请删去 interval 或该设计）`,
          en: `${iv.method} resamples the default design's strata; questionnaire "${c.questionnaire}" declares a design (remove interval or the design)`,
        });
      const interval = iv ? { interval: { method: iv.method, replicates: iv.replicates ?? 999, seed: iv.seed ?? 1 } } : {};
      return { kind, id: c.id, label: c.label, questionnaire: c.questionnaire, where, population, groups: c.groups ?? [], ...interval, yamlPath: formatPath(base) };
    });
  const providers = comps('provider', raw.components.providers);
  const operators = comps('operator', raw.components.operators);
  if (providers.length + operators.length === 0) fail(['components'], { zh: '请至少声明一个服务商（providers）或经营者（operators）组成部分', en: 'declare at least one provider or operator component' });

  const cons = raw.consumption;
  const users = raw.population?.users !== undefined ? populationInput(raw.population.users, ['population', 'users'], fail).value : undefined;
  if (cons.questionnaire !== undefined && !questionnaires[cons.questionnaire])
    fail(['consumption', 'questionnaire'], unknownQuestionnaire(cons.questionnaire, questionnaires));
  const categories: CategoryConfig[] = (cons.categories as Raw[]).map((c, i) => {
    const base: (string | number)[] = ['consumption', 'categories', i];
    claim(c.id, [...base, 'id']);
    const hasField = c.field !== undefined;
    const hasTotal = c.total !== undefined;
    if (hasField === hasTotal) fail(base, { zh: '`field`（由消费者问卷估计）与 `total` 应恰好给一个', en: 'give exactly one of `field` (estimated from the consumer questionnaire) or `total`' });
    if (hasField && cons.questionnaire === undefined) fail([...base, 'field'], { zh: '`field` 需要 consumption.questionnaire', en: '`field` needs consumption.questionnaire' });
    if (hasField && users === undefined) fail([...base, 'field'], { zh: '由问卷估计消费需要 population.users', en: 'estimating consumption from a questionnaire needs population.users' });
    const total = hasTotal ? qty(c.total, [...base, 'total'], fail) : undefined;
    if (total !== undefined && total < 0) fail([...base, 'total'], { zh: `应 ≥ 0，实为 ${total}`, en: `must be ≥ 0, got ${total}` });
    const mapping = sectorMapping(c, base, fail, line);
    return { id: c.id, label: c.label, kind: c.kind, ...mapping, ...(c.bridge ? { bridge: true } : {}), ...(c.price !== undefined ? { price: c.price } : {}), field: c.field, total, yamlPath: formatPath(base) };
  });
  const bridgeRaw = cons.bridge as Raw | undefined;
  const bridge = bridgeRaw ? { trade: bridgeRaw.trade ?? null, transport: bridgeRaw.transport ?? null, ...(bridgeRaw.source ? { source: bridgeRaw.source } : {}), yamlPath: 'consumption.bridge' } : undefined;
  if (bridge && bridge.trade !== null && bridge.transport !== null && bridge.trade + bridge.transport > 1)
    fail(['consumption', 'bridge'], { zh: `trade ${bridge.trade} + transport ${bridge.transport} 超过 1：生产者价值会为负`, en: `trade ${bridge.trade} + transport ${bridge.transport} exceed 1: the producer value would be negative` });
  if (bridge && !categories.some((c) => c.bridge)) fail(['consumption', 'bridge'], { zh: '没有类别写了 `bridge: true`；流通费用无处可用', en: 'no category has `bridge: true`; the margins would apply to nothing' });
  const pricesRaw = raw.prices as Raw | undefined;
  const prices = pricesRaw
    ? { index: pricesRaw.index, tableYear: pricesRaw.table_year, output: pricesRaw.output, ...(pricesRaw.productivity ? { productivity: pricesRaw.productivity } : {}), yamlPath: 'prices' }
    : undefined;
  if (!prices) categories.forEach((c, i) => c.price !== undefined && fail(['consumption', 'categories', i, 'price'], { zh: '`price` 需要 `prices` 一节（取价格序列的指数）', en: '`price` needs a `prices` section (the index to take the series from)' }));
  if (raw.io.coefficients !== undefined) {
    categories.forEach((c, i) => (c.sectors || c.bridge) && fail(['consumption', 'categories', i, c.bridge ? 'bridge' : 'sectors'], { zh: '多个部门和价格桥接需要 io.table（直接给出的系数没有可用于加权或拆分的表）', en: 'several sectors and the price bridge need io.table (coefficients given directly have no table to weight or split with)' }));
    if (prices) fail(['prices'], { zh: '价格年份调整需要 io.table（直接给出的系数没有表的年份）', en: 'a price-year adjustment needs io.table (coefficients given directly have no table year)' });
  }

  const io = raw.io;
  if (io.table === undefined && io.coefficients === undefined) fail(['io'], { zh: '请给出 `table`（由它计算系数）或 `coefficients`', en: 'give `table` (coefficients computed from it) or `coefficients`' });
  if (io.coefficients !== undefined)
    for (const c of categories)
      if (!(c.sector in io.coefficients)) fail(['io', 'coefficients'], { zh: `没有部门 ${c.sector} 的系数（消费类别 "${c.id}" 用到它）`, en: `no coefficient for sector ${c.sector} (used by consumption category "${c.id}")` });

  const jpo = raw.jobs_per_output;
  if (jpo.method === 'ratio' && (jpo.value === undefined || jpo.unit === undefined)) fail(['jobs_per_output'], { zh: 'method ratio 需要 `value` 和 `unit`', en: 'method ratio needs `value` and `unit`' });
  if ((jpo.method === 'national' || jpo.method === 'sector') && (jpo.employment === undefined || io.table === undefined))
    fail(['jobs_per_output'], { zh: `method ${jpo.method} 需要 \`employment\`（分行业就业 CSV）和 io.table`, en: `method ${jpo.method} needs \`employment\` (employment-by-division CSV) and io.table` });
  if (io.coefficients !== undefined && io.method !== 'published') fail(['io', 'method'], { zh: '直接给出的系数只能用于 method published；leontief 请给出 io.table', en: 'coefficients given directly work only with method published; give io.table for leontief' });
  if (io.method === 'published' && (io.type !== undefined || io.model !== undefined)) fail(['io'], { zh: '`type` 和 `model` 只用于 method leontief；method published 按定义为 I 型、竞争型', en: '`type` and `model` apply to method leontief; method published is Type I, competitive, by definition' });
  const perYuan = { 'persons/yuan': 1, 'persons/万元': 1e-4, 'persons/亿元': 1e-8 } as const;

  const indicators = (raw.indicators ?? []).map((ind: Raw, i: number) => {
    const base: (string | number)[] = ['indicators', i];
    claim(`indicator.${ind.id}`, [...base, 'id']);
    if (!questionnaires[ind.questionnaire])
      fail([...base, 'questionnaire'], unknownQuestionnaire(ind.questionnaire, questionnaires));
    if ((ind.proportion === undefined) === (ind.ratio === undefined)) fail(base, { zh: '`proportion` 与 `ratio` 应恰好给一个', en: 'give exactly one of `proportion` or `ratio`' });
    const cond = (c: Raw): Condition => {
      const op = Object.keys(c).find((k) => k !== 'field') as Condition['op'];
      return { field: c.field, op, value: c[op] };
    };
    const where: Record<string, string[]> = {};
    for (const [f, v] of Object.entries<string | string[]>(ind.where ?? {})) where[f] = Array.isArray(v) ? v : [v];
    return {
      id: ind.id,
      label: ind.label,
      questionnaire: ind.questionnaire,
      where,
      statistic: ind.proportion
        ? { kind: 'proportion' as const, condition: cond(ind.proportion) }
        : { kind: 'ratio' as const, numerator: ind.ratio.numerator, denominator: ind.ratio.denominator, when: ind.ratio.when ? cond(ind.ratio.when) : undefined },
      by: ind.by,
      ...(ind.levels ? { levels: ind.levels } : {}),
      yamlPath: formatPath(base),
    };
  });

  const series = (raw.series ?? []).map((y: Raw, i: number) => ({
    year: y.year,
    status: y.status,
    source: y.source,
    figures: Object.fromEntries(Object.entries(y.figures).map(([k, v]) => [k, qty(v, ['series', i, 'figures', k], fail)])),
    ...(y.components ? { components: y.components } : {}),
    ...(y.scope ? { scope: y.scope } : {}),
  }));

  const config: StudyConfig = {
    source,
    name: raw.study.name,
    year: raw.study.year,
    platform: raw.study.platform,
    notes: raw.study.notes,
    users,
    questionnaires,
    providers,
    operators,
    groups,
    consumption: { questionnaire: cons.questionnaire, categories, ...(bridge ? { bridge } : {}) },
    ...(prices ? { prices } : {}),
    io: { table: io.table, method: io.method, type: io.type ?? 'I', model: io.model ?? 'competitive', coefficients: io.coefficients },
    intervals: { level: raw.intervals?.level ?? 0.95, method: raw.intervals?.method ?? 't' },
    indicators,
    series,
    jobsPerOutput:
      jpo.method === 'ratio'
        ? { method: 'ratio', perYuan: jpo.value * perYuan[jpo.unit as keyof typeof perYuan], value: jpo.value, unit: jpo.unit, ...(jpo.source !== undefined ? { source: asLabel(jpo.source) } : {}) }
        : { method: jpo.method, employment: jpo.employment, year: jpo.year ?? 2017, ...(jpo.source !== undefined ? { source: asLabel(jpo.source) } : {}) },
  };
  return { ...config, ...normalizeNetImpact(raw, fail, config), ...(raw.job_units ? { jobUnits: jobUnitsBasis(raw.job_units) } : {}) };
}

/** A questionnaire name not under `questionnaires`, with the names that are. */
function unknownQuestionnaire(name: string, questionnaires: Record<string, unknown>): ErrorWords {
  const defined = Object.keys(questionnaires).join(', ');
  return { zh: `未知的问卷 "${name}"；已定义：${defined || '（无）'}`, en: `unknown questionnaire "${name}"; defined: ${defined || '(none)'}` };
}

/** Shares must add to 1 within this (a YAML list of decimals written to 1e-12 does). */
export const SHARE_SUM_TOLERANCE = 1e-9;

/**
 * A category's sector mapping: `sector` (one sector) or `sectors` — shares by code, or
 * {weights: household, codes: [...]} (shares from the table, filled in by study/inputs).
 * Each share in [0, 1]; together 1 within SHARE_SUM_TOLERANCE. Every error names the YAML path and line.
 */
function sectorMapping(
  c: Raw,
  base: (string | number)[],
  fail: Fail,
  line: (path: (string | number)[]) => number | null,
): Pick<CategoryConfig, 'sector' | 'sectors' | 'weights'> {
  if ((c.sector === undefined) === (c.sectors === undefined)) fail(base, { zh: '`sector`（一个投入产出部门）与 `sectors`（多个，带份额）应恰好给一个', en: 'give exactly one of `sector` (one IO sector) or `sectors` (several, with shares)' });
  if (c.sector !== undefined) return { sector: String(c.sector) };
  const sp = [...base, 'sectors'];
  const raw = c.sectors as Record<string, unknown>;
  const seen = new Set<string>();
  const entry = (path: (string | number)[], code: string, share: number | null): SectorShareConfig => {
    if (!/^[0-9]{1,5}$/.test(code)) fail(path, { zh: `不是部门代码：${JSON.stringify(code)}（应为报告的 5 位代码或 3 位序号）`, en: `not a sector code: ${JSON.stringify(code)} (the report's 5-digit code or the 3-digit sequence number)` });
    if (seen.has(code)) fail(path, { zh: `部门 ${code} 列了两次`, en: `sector ${code} is listed twice` });
    seen.add(code);
    return { code, share, yamlPath: formatPath(path), line: line(path) };
  };
  let sectors: SectorShareConfig[];
  let weights: 'given' | 'household';
  if ('weights' in raw || 'codes' in raw) {
    for (const k of Object.keys(raw)) if (k !== 'weights' && k !== 'codes') fail([...sp, k], unknownKeyWords(k, ['weights', 'codes']));
    if (raw.weights !== 'household') fail([...sp, 'weights'], { zh: `应为 "household"（份额按表中居民消费的比例），实为 ${JSON.stringify(raw.weights)}`, en: `expected "household" (shares in proportion to the table's household consumption), got ${JSON.stringify(raw.weights)}` });
    if (!Array.isArray(raw.codes) || raw.codes.length === 0) fail([...sp, 'codes'], { zh: '应为非空的部门代码列表', en: 'expected a non-empty list of sector codes' });
    sectors = (raw.codes as unknown[]).map((code, k) => entry([...sp, 'codes', k], String(code), null));
    weights = 'household';
  } else {
    const keys = Object.keys(raw);
    if (keys.length === 0) fail(sp, { zh: '应至少有一个部门及其份额', en: 'expected at least one sector with its share' });
    sectors = keys.map((code) => {
      const v = raw[code];
      const path = [...sp, code];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) fail(path, { zh: `份额应为 [0, 1] 内的数，实为 ${JSON.stringify(v)}`, en: `a share must be a number in [0, 1], got ${JSON.stringify(v)}` });
      return entry(path, code, v as number);
    });
    const sum = sectors.reduce((t, x) => t + x.share!, 0);
    if (!(Math.abs(sum - 1) <= SHARE_SUM_TOLERANCE)) fail(sp, { zh: `份额之和应为 1（误差 ${SHARE_SUM_TOLERANCE} 以内），实为 ${sum}`, en: `shares must sum to 1 (within ${SHARE_SUM_TOLERANCE}), they sum to ${sum}` });
    weights = 'given';
  }
  return { sector: sectors[0].code, sectors, weights };
}
