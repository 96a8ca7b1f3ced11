// spillover io TABLE — multipliers by sector of an input–output table, and the impacts of a demand file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { helpIn, consoleWidth, WIDE_HELP, type Register } from './register.ts';
import { BUILTINS, packageRoot } from '../../data/packagePaths.ts';
import { commandLang, LANG_HELP, textTable, wrapLines } from '../format.ts';
import { LocalizedError } from '../../locale/errorText.ts';
import type { Lang } from '../../locale/index.ts';
import type { Impact, IOModel, IOTable, Multipliers, SectorDivisions } from '../../io/index.ts';
import type { LuThreads } from '../../io-node/index.ts';
import { THREADED_FROM } from '../../io-node/threadedFrom.ts';

// The engine, loaded when the command runs (not for --help or another command).
let io: typeof import('../../io/index.ts');
let ioNode: typeof import('../../io-node/index.ts');

interface Options {
  domestic?: boolean;
  households?: boolean;
  demand?: string;
  json?: boolean;
  employment?: string;
  divisions?: string;
  year?: string;
  unit?: string;
  aggregate?: string;
  threads?: string;
  precision: string;
  lang?: string;
  wide?: boolean;
  quiet?: boolean;
}

/** A path or `builtin:NAME` (data shipped with the package). */
function resolveInput(p: string, option: string): string {
  if (p.startsWith('builtin:')) {
    const rel = p === 'builtin:sector-divisions' ? 'data/china-io-2017/sector-divisions.csv' : BUILTINS[p.slice(8)];
    const available = [...Object.keys(BUILTINS), 'sector-divisions'].map((b) => `builtin:${b}`).join(', ');
    if (!rel) throw new LocalizedError({ zh: `${option}：没有内置数据 ${p}；可用的有：${available}`, en: `${option}: unknown builtin ${p}; available: ${available}` });
    return join(packageRoot, rel);
  }
  if (!existsSync(p)) throw new LocalizedError({ zh: `${option}：找不到文件：${p}`, en: `${option}: file not found: ${p}` });
  return p;
}

/** NBS CSV, generic CSV (code,name_zh,name_en,…) or a pymrio directory (Z.txt, Y.txt, [x.txt], [F.txt or factor_inputs/F.txt]). */
function loadTable(p: string, unit: string | undefined): IOTable {
  const path = resolveInput(p, 'TABLE');
  if (statSync(path).isDirectory()) {
    const file = (name: string): string | undefined => [join(path, name), join(path, 'factor_inputs', name)].find(existsSync);
    const need = (name: string): string => {
      const f = file(name);
      if (!f) throw new LocalizedError({ zh: `TABLE ${p}：文件夹中没有 ${name}`, en: `TABLE ${p}: directory has no ${name}` });
      return readFileSync(f, 'utf8');
    };
    const opt = (name: string): string | undefined => { const f = file(name); return f && readFileSync(f, 'utf8'); };
    return io.parsePymrio({ Z: need('Z.txt'), Y: need('Y.txt'), x: opt('x.txt'), F: opt('F.txt') }, p, unit ?? '');
  }
  const text = readFileSync(path, 'utf8');
  const head = text.replace(/^\ufeff/, '').slice(0, 64);
  if (head.startsWith('Code,Description,DescriptionInChinese,')) {
    if (unit !== undefined && unit !== '万元') throw new LocalizedError({ zh: `--unit：国家统计局的表以万元计，不是 ${unit}`, en: `--unit: the NBS table is in "万元" (10k yuan), not ${unit}` });
    return io.parseNbsTable(text, p);
  }
  if (head.startsWith('code,name_zh,name_en,')) return io.parseIOTable(text, p, unit ?? '');
  throw new LocalizedError({
    zh: `TABLE ${p}：未知的格式：应为国家统计局表头（Code,Description,DescriptionInChinese,…）、通用表头（code,name_zh,name_en,…）或 pymrio 文件夹`,
    en: `TABLE ${p}: unknown format: expected the NBS header (Code,Description,DescriptionInChinese,…), the generic header (code,name_zh,name_en,…) or a pymrio directory`,
  });
}

/** Column headings of the text tables in each language (the JSON keeps the field names). */
const HEADINGS: Record<string, { zh: string; en: string }> = {
  code: { zh: '部门编号', en: 'Code' },
  name: { zh: '部门', en: 'Sector' },
  totalRequirementColSum: { zh: '完全消耗系数列和', en: 'Total requirement col. sum' },
  outputMultiplier: { zh: '产出乘数', en: 'Output multiplier' },
  outputMultiplierII: { zh: '产出乘数（II 型）', en: 'Output multiplier (Type II)' },
  valueAddedMultiplier: { zh: '增加值乘数', en: 'Value-added multiplier' },
  valueAddedMultiplierII: { zh: '增加值乘数（II 型）', en: 'Value-added multiplier (Type II)' },
  incomeMultiplier: { zh: '收入乘数', en: 'Income multiplier' },
  incomeMultiplierII: { zh: '收入乘数（II 型）', en: 'Income multiplier (Type II)' },
  employmentMultiplier: { zh: '就业乘数', en: 'Employment multiplier' },
  employmentMultiplierII: { zh: '就业乘数（II 型）', en: 'Employment multiplier (Type II)' },
  influence: { zh: '影响力系数', en: 'Power of dispersion' },
  sensitivity: { zh: '感应度系数', en: 'Sensitivity of dispersion' },
  outputDirect: { zh: '直接产出', en: 'Output, direct' },
  outputIndirect: { zh: '间接产出', en: 'Output, indirect' },
  outputInduced: { zh: '诱发产出（居民）', en: 'Output, induced' },
  valueAdded: { zh: '增加值', en: 'Value added' },
  income: { zh: '劳动者报酬', en: 'Income' },
  jobs: { zh: '就业', en: 'Jobs' },
};
const headings = (keys: string[], lang: Lang): string[] => keys.map((k) => HEADINGS[k]?.[lang] ?? k);

const num = (v: number): string => (Number.isFinite(v) ? v.toFixed(6) : String(v));
const sig = (v: number): string => (Number.isFinite(v) ? v.toPrecision(6) : String(v));

function multiplierRows(t: IOTable, m: Multipliers, lang: Lang): { header: string[]; rows: string[][] } {
  const cols: [string, (j: number) => string][] = [
    ['totalRequirementColSum', (j) => num(m.totalRequirementColSum[j])],
    ['outputMultiplier', (j) => num(m.output.typeI[j])],
  ];
  if (m.output.typeII) cols.push(['outputMultiplierII', (j) => num(m.output.typeII![j])]);
  const add = (name: string, p: Multipliers['valueAdded'], f: (v: number) => string): void => {
    if (!p) return;
    cols.push([name, (j) => f(p.typeI[j])]);
    if (p.typeII) cols.push([`${name}II`, (j) => f(p.typeII![j])]);
  };
  add('valueAddedMultiplier', m.valueAdded, num);
  add('incomeMultiplier', m.income, num);
  add('employmentMultiplier', m.employment, sig);
  cols.push(['influence', (j) => num(m.influence[j])], ['sensitivity', (j) => num(m.sensitivity[j])]);
  const name = (j: number): string => (lang === 'zh' ? t.names[j].zh || t.names[j].en : t.names[j].en || t.names[j].zh);
  return {
    header: ['code', 'name', ...cols.map(([h]) => h)],
    rows: t.codes.map((c, j) => [c, name(j), ...cols.map(([, f]) => f(j))]),
  };
}

function impactRows(t: IOTable, im: Impact, lang: Lang): { header: string[]; rows: string[][] } {
  const header = ['code', 'name', 'outputDirect', 'outputIndirect', 'outputInduced', 'valueAdded', 'income', 'jobs'];
  const cell = (e: Impact['valueAdded'], j: number, f: (v: number) => string): string => (e ? f(e.total[j]) : '');
  const rows = t.codes.flatMap((c, j) => (im.output.total[j] === 0 ? [] : [[
    c, lang === 'zh' ? t.names[j].zh || t.names[j].en : t.names[j].en || t.names[j].zh,
    num(im.output.direct[j]), num(im.output.indirect[j]), num(im.output.induced[j]),
    cell(im.valueAdded, j, num), cell(im.income, j, num), cell(im.jobs, j, sig),
  ]]));
  const T = im.totals;
  rows.push([lang === 'zh' ? '合计' : 'total', '', num(T.output.direct), num(T.output.indirect), num(T.output.induced),
    T.valueAdded ? num(T.valueAdded.total) : '', T.income ? num(T.income.total) : '', T.jobs ? sig(T.jobs.total) : '']);
  return { header, rows };
}

/** Employment coefficients, the balance check (warning on stderr) and the demand file of `spillover io`. */
function readInputs(table: IOTable, opts: Options, lang: Lang): { employment: Float64Array | null; balance: ReturnType<typeof io.checkBalance>; demand: Float64Array | null } {
  const divisions: SectorDivisions | undefined = opts.divisions
    ? io.parseSectorDivisions(readFileSync(resolveInput(opts.divisions, '--divisions'), 'utf8'), opts.divisions) : undefined;
  let employment: Float64Array | null = null;
  if (opts.employment || opts.year) {
    if (!opts.employment || !opts.year || !divisions) throw new LocalizedError({ zh: '--employment、--year 和 --divisions 须一起给出', en: '--employment, --year and --divisions go together' });
    const year = Number(opts.year);
    if (!Number.isInteger(year)) throw new LocalizedError({ zh: `--year：不是年份：${opts.year}`, en: `--year: not a year: ${opts.year}` });
    const emp = io.parseEmploymentByDivision(readFileSync(resolveInput(opts.employment, '--employment'), 'utf8'), opts.employment);
    employment = io.employmentCoefficients(table, emp, divisions, year).coefficients;
  }
  const balance = io.checkBalance(table, 1e-6);
  if (!balance.ok) {
    const worst = balance.imbalances[0];
    process.stderr.write(lang === 'zh'
      ? `警告：${table.source}：${balance.imbalances.length} 个行或列合计与总产出相差超过 1e-6（最大：${worst.kind === 'row' ? '行' : '列'} ${worst.code}，${worst.relative.toExponential(2)}）\n`
      : `warning: ${table.source}: ${balance.imbalances.length} row/column totals differ from gross output by more than 1e-6 (worst: ${worst.kind} ${worst.code}, ${worst.relative.toExponential(2)})\n`);
  }
  const demand = opts.demand ? io.parseDemand(readFileSync(resolveInput(opts.demand, '--demand'), 'utf8'), table, opts.demand, divisions) : null;
  return { employment, balance, demand };
}

export const register: Register = (program, _setExitCode, lang) => {
  const h = helpIn(lang);
  program
    .command('io')
    .description(h('投入产出表的分部门乘数（I 型；加 --households 为 II 型），加 --demand 时给出最终需求冲击的影响。', 'Multipliers by sector of an input–output table (Type I; Type II with --households), and with --demand the impacts of a final-demand shock.'))
    .argument('<table>', h('国家统计局 CSV、通用 CSV、pymrio 文件夹，或 builtin:china-io-2017-149', 'NBS CSV, generic CSV, pymrio directory, or builtin:china-io-2017-149'))
    .option('--domestic', h('使用国内（扣除进口）模型 A_d = (I − M̂)A', 'use the domestic (import-adjusted) model A_d = (I − M̂)A'))
    .option('--households', h('把居民纳入模型（II 型）', 'close the model with households (Type II)'))
    .option('--demand <file>', h('含 sector,amount 两列的 CSV（表的单位；3 位或 5 位代码）→ 影响表', 'CSV with columns sector,amount (table unit; 3- or 5-digit codes) → impact table'))
    .option('--employment <file>', h('分行业大类就业 CSV（如 builtin:china-employment-by-division）→ 就业乘数', 'employment by division CSV (e.g. builtin:china-employment-by-division) → employment multipliers'))
    .option('--divisions <file>', h('部门—行业对照 CSV（builtin:sector-divisions）：5 位代码和就业对照', 'sector-divisions CSV (builtin:sector-divisions): 5-digit codes and the employment concordance'))
    .option('--year <year>', h('就业数据的年份（与 --employment 同用）', 'year of the employment data (with --employment)'))
    .option('--unit <unit>', h('通用表或 pymrio 表的货币单位，如 万元', 'money unit of a generic or pymrio table, e.g. "万元"'))
    .option('--aggregate <file>', h('对照 CSV（from,to,to_name_zh,to_name_en）：先合并部门', 'concordance CSV (from,to,to_name_zh,to_name_en): aggregate sectors first'))
    .option('--threads <n>', h(`${THREADED_FROM} 个及以上部门的表所用的线程数（默认：处理器核数，至多 8）`, `threads for tables of ${THREADED_FROM} sectors or more (default: the number of cores, at most 8)`))
    .option('--precision <p>', h(`${THREADED_FROM} 个及以上部门的表：\`mixed\`（单精度 LU 分解再精化到双精度；不收敛时改用双精度）或 \`double\``, `for tables of ${THREADED_FROM} sectors or more: mixed (single-precision LU refined to double precision; falls back to double) or double`), 'mixed')
    .option('--json', h('输出 JSON 而不是文本表', 'print JSON instead of a text table'))
    .option('--wide', WIDE_HELP[lang])
    .option('--lang <lang>', h(`部门名称的语言：${LANG_HELP.zh}`, `language of the sector names: ${LANG_HELP.en}`))
    .option('--quiet', h(`终端上不显示进度行（分解 ${THREADED_FROM} 个及以上部门的表时显示）`, `no progress line on the terminal (shown while tables of ${THREADED_FROM} sectors or more are factorized)`))
    .action(async (tablePath: string, opts: Options) => {
      [io, ioNode] = await Promise.all([import('../../io/index.ts'), import('../../io-node/index.ts')]);
      const lang = commandLang(opts.lang);
      if (opts.precision !== 'mixed' && opts.precision !== 'double') throw new LocalizedError({ zh: `--precision：应为 mixed 或 double，而不是 ${opts.precision}`, en: `--precision: expected mixed or double, got ${opts.precision}` });
      const threadCount = opts.threads === undefined ? ioNode.defaultThreads() : Number(opts.threads);
      if (!Number.isInteger(threadCount) || threadCount < 1 || threadCount > 64) throw new LocalizedError({ zh: `--threads：应为 1 至 64 的整数，而不是 ${opts.threads}`, en: `--threads: expected a whole number from 1 to 64, got ${opts.threads}` });
      const loaded = loadTable(tablePath, opts.unit);
      if (opts.aggregate && (opts.employment || opts.demand)) throw new LocalizedError({ zh: '--aggregate 不能与 --employment 或 --demand 同用（它们的部门代码是原表的）', en: '--aggregate cannot be combined with --employment or --demand (their sector codes are those of the original table)' });
      const table = opts.aggregate
        ? io.aggregateTable(loaded, io.parseConcordance(readFileSync(resolveInput(opts.aggregate, '--aggregate'), 'utf8'), opts.aggregate), opts.aggregate)
        : loaded;
      // Large tables: LU on worker threads (single precision refined to double unless --precision
      // double). The threads boot while the other inputs are read.
      // On a terminal, the factorizations' progress (one line, redrawn; a new line for each factorization).
      const { createProgress } = await import('../progress.ts');
      const progress = createProgress({ quiet: opts.quiet });
      let last = Infinity;
      const onPanel = progress.active ? (k1: number, n: number) => {
        if (k1 < last) progress.step(lang === 'zh' ? `分解 I − A（${n} 个部门）` : `factorizing I − A (${n} sectors)`, 1, '', lang === 'zh' ? '列' : 'columns');
        last = k1;
        progress.set(1 - ((n - k1) / n) ** 3, k1);
      } : undefined;
      const starting = table.n >= THREADED_FROM ? ioNode.createLuThreads(threadCount, { onPanel }) : null;
      let pool: LuThreads | null = null;
      let model: IOModel;
      let m: Multipliers;
      let impact: Impact | null;
      const domestic = Boolean(opts.domestic);
      const households = Boolean(opts.households);
      let balance: ReturnType<typeof io.checkBalance>;
      try {
        const inputs = readInputs(table, opts, lang);
        const { employment, demand } = inputs;
        balance = inputs.balance;
        pool = starting && await starting;
        model = io.ioModel(table, { employment, factorize: ioNode.ioFactorization(table.n, pool, opts.precision) });
        m = io.multipliers(model, { domestic, households });
        impact = demand ? io.leontiefImpact(model, demand, { type: households ? 'II' : 'I', domestic }) : null;
      } finally {
        progress.done();
        const started = pool ?? (starting && await starting.catch(() => null));
        await started?.close();
      }
      const solver = (domestic ? model.domestic : model.competitive)?.solver;
      const factorization = { method: solver?.method ?? 'lu', threads: pool ? pool.threads : 1, fusedMultiplyAdd: pool ? pool.fused : false };
      const unit = table.unit || 'table unit';
      if (opts.json) {
        const arr = (v: Float64Array | null | undefined): number[] | null => (v ? [...v] : null);
        const pair = (p: Multipliers['output'] | null) => (p ? { typeI: arr(p.typeI), typeII: arr(p.typeII) } : null);
        const out = {
          table: table.source, unit, system: m.system, households, factorization, codes: table.codes, names: table.names,
          balance: { ok: balance.ok, maxRelative: balance.maxRelative },
          totalRequirementColSum: arr(m.totalRequirementColSum), outputMultiplier: pair(m.output),
          valueAddedMultiplier: pair(m.valueAdded), incomeMultiplier: pair(m.income),
          employmentMultiplier: pair(m.employment), employmentUnit: `persons per ${unit}`,
          influence: arr(m.influence), sensitivity: arr(m.sensitivity),
          impact: impact && {
            type: impact.type, demand: arr(impact.demand), importedDemand: arr(impact.importedDemand), totals: impact.totals,
            ...Object.fromEntries((['output', 'valueAdded', 'income', 'jobs'] as const).map((k) => {
              const e = impact[k];
              return [k, e && { direct: arr(e.direct), indirect: arr(e.indirect), induced: arr(e.induced) }];
            })),
          },
        };
        process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
        return;
      }
      const zh = lang === 'zh';
      // The table's money unit in words of the language: 万元 is "10 thousand yuan" in English.
      const EN_UNITS: Record<string, string> = { 元: 'yuan', 万元: '10 thousand yuan', 百万元: 'million yuan', 亿元: '100 million yuan' };
      const shownUnit = !table.unit ? (zh ? '表的货币单位' : 'table unit') : zh ? table.unit : EN_UNITS[table.unit] ?? table.unit;
      const system = (s: string) => (zh ? (s === 'domestic' ? '非竞争（国内）模型' : '竞争进口模型') : `${s} model`);
      const how = factorization.method === 'lu' ? 'LU' : zh ? '单精度 LU 并精化到双精度' : 'LU in single precision refined to double';
      const title = zh
        ? `${basename(table.source)}：${table.n} 个部门，${system(m.system)}，${households ? 'I 型和 II 型（居民内生）' : 'I 型'}；货币单位 ${shownUnit}` +
          (pool ? `；${how}，${factorization.threads} 个线程` : '')
        : `${basename(table.source)}: ${table.n} sectors, ${system(m.system)}, ${households ? 'Type I and II (households closed)' : 'Type I'}; money in ${shownUnit}` +
          (pool ? `; ${how} on ${factorization.threads} thread${factorization.threads > 1 ? 's' : ''}` : '');
      const width = consoleWidth(opts);
      const say = (text: string) => process.stdout.write(`${wrapLines(text, width)}\n`);
      // 80 columns: code, name and the output multipliers in the table, the other multipliers in
      // a detail line under each sector (--wide: all as columns).
      const { header, rows } = multiplierRows(table, m, lang);
      const shown = new Set(['code', 'name', 'outputMultiplier', 'outputMultiplierII']);
      const others = (h: string[]) => h.map((name, c) => (shown.has(name) ? -1 : c)).filter((c) => c >= 0);
      say(`${title}\n`);
      process.stdout.write(`${textTable(headings(header, lang), rows, header.map((_, c) => c).slice(2), { width, wrap: [1], secondary: others(header) })}\n`);
      if (m.employment) say(zh ? `\n就业乘数：每${shownUnit}最终需求带动的就业人数` : `\nEmployment multiplier: jobs per ${shownUnit} of final demand`);
      else say(zh ? '\n就业乘数：未计算（需要 --employment、--year 和 --divisions）' : '\nEmployment multiplier: not computed (pass --employment, --year and --divisions)');
      if (impact) {
        const r = impactRows(table, impact, lang);
        say(zh
          ? `\n${opts.demand} 的影响（${impact.type} 型，${system(impact.system)}；产出、增加值、劳动者报酬单位 ${shownUnit}，就业单位 人）\n`
          : `\nImpact of ${opts.demand} (Type ${impact.type}, ${system(impact.system)}; output, value added, income in ${shownUnit}, jobs in persons)\n`);
        const impactShown = new Set(['code', 'name', 'outputDirect', 'outputIndirect', 'jobs']);
        process.stdout.write(`${textTable(headings(r.header, lang), r.rows, r.header.map((_, c) => c).slice(2), { width, wrap: [1], secondary: r.header.map((h, c) => (impactShown.has(h) ? -1 : c)).filter((c) => c >= 0) })}\n`);
        if (impact.system === 'domestic') say(zh ? `\n由进口直接满足的需求：${num(impact.importedDemand.reduce((s, v) => s + v, 0))} ${shownUnit}` : `\nDemand met directly by imports: ${num(impact.importedDemand.reduce((s, v) => s + v, 0))} ${shownUnit}`);
      }
    });
};
