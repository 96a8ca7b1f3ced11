// Console presentation of study results (zh | en). Display units and languages come from src/locale.
import type { QualityRecord, StudyResults } from '../study/types.ts';
import { readingOrder } from '../study/model/readingOrder.ts';
import { displayValue, parseLang as parseLangValue, rejectionName, studyTitle, type Label, type Lang } from '../locale/index.ts';
import { fitTable, wrapLines, CONSOLE_WIDTH, type TableColumn } from './fitTable.ts';

/** A command's `--lang` value → Lang; absent → defaultLang() (environment, then locale). */
export function commandLang(v: string | undefined, env: Record<string, string | undefined> = process.env): Lang {
  return v === undefined ? defaultLang(env) : parseLangValue(v);
}

/**
 * The language of every command when --lang is not given: SPILLOVER_LANG (zh or en), else the
 * locale (the first set of LC_ALL, LC_MESSAGES, LANG): zh for zh_CN.UTF-8, zh_TW… , en otherwise.
 */
export function defaultLang(env: Record<string, string | undefined> = process.env): Lang {
  const set = env.SPILLOVER_LANG;
  if (set !== undefined && set !== '') return parseLangValue(set, 'SPILLOVER_LANG');
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh([_.@-]|$)/i.test(locale) ? 'zh' : 'en';
}

/**
 * The language of a command line before (or without) commander parsing it: the value of its
 * `--lang X` / `--lang=X` when it is zh or en, else defaultLang(env) (the locale's when SPILLOVER_LANG
 * is neither). Never fails: the
 * error handler and the help text use it. argvLang(['node', 'spillover', 'run', '--lang', 'zh']) → 'zh'.
 */
export function argvLang(argv: readonly string[], env: Record<string, string | undefined> = process.env): Lang {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    const v = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice('--lang='.length) : undefined;
    if (v === 'zh' || v === 'en') return v;
  }
  return defaultLang(env.SPILLOVER_LANG === 'zh' || env.SPILLOVER_LANG === 'en' ? env : { ...env, SPILLOVER_LANG: undefined });
}

/** Help text of every command's --lang option. */
export const LANG_HELP: Label = {
  zh: 'zh 或 en（默认：$SPILLOVER_LANG，否则在 zh_* 区域设置下为 zh，其余为 en）',
  en: 'zh or en (default: $SPILLOVER_LANG, else zh under a zh_* locale, else en)',
};

export { width, wrapLines } from './fitTable.ts';

/**
 * Render rows as an aligned text table; columns listed in `right` are right-aligned. `options`:
 * fit the lines to a width (see fitTable: `secondary` columns move to a detail line, `wrap`
 * columns wrap); without it, one line per row whatever its width.
 */
export function textTable(header: string[], rows: string[][], right: number[] = [], options: { width?: number; secondary?: number[]; wrap?: number[] } = {}): string {
  const columns: TableColumn[] = header.map((h, c) => ({ header: h, right: right.includes(c), secondary: options.secondary?.includes(c), wrap: options.wrap?.includes(c) }));
  return fitTable(columns, rows, { width: options.width ?? Infinity });
}

/** The headline figures of a run as a console table, in the order a reader of the seed expects. */
export function headlineTable(r: StudyResults, lang: Lang, width = CONSOLE_WIDTH): string {
  const order = [
    ...readingOrder(r),
    'va.generated.competitive',
    'va.generated.domestic',
    'ratio.jobs_per_output',
    'share.providers',
    ...Object.keys(r.figures).filter((k) => k.startsWith('indicator.')),
  ];
  const indicatorIds = new Set(Object.keys(r.figures).filter((k) => k.startsWith('indicator.')));
  const byLevel = (id: string) => [...indicatorIds].some((p) => id !== p && id.startsWith(`${p}.`));
  const indent = (id: string) => (/^jobs\.(providers|operators)\.|^consumption\.(?!information|traditional|total)/.test(id) || byLevel(id) ? '  ' : '');
  const hasCi = order.some((id) => r.figures[id]?.ci);
  const hasNet = order.some((id) => r.figures[`net.${id}`]);
  const hasCoverage = order.some((id) => r.figures[id]?.coverage);
  const rows = order
    .filter((id) => r.figures[id])
    .map((id) => {
      const f = r.figures[id];
      const d = displayValue(f, lang);
      const row = [indent(id) + f.label[lang], d.text, d.unit];
      if (hasCi) row.push(f.ci ? `${displayValue(f, lang, f.ci[0]).text} – ${displayValue(f, lang, f.ci[1]).text}` : '');
      if (hasNet) row.push(r.figures[`net.${id}`] ? displayValue(f, lang, r.figures[`net.${id}`].value).text : '');
      if (hasCoverage) row.push(f.coverage ? `${intervalName(f.coverage.interval, lang)}${lang === 'zh' ? '，模拟覆盖率 ' : ', coverage '}${pct1(f.coverage.coverage)}${f.coverage.warning ? ' ⚠' : ''}` : '');
      row.push(id);
      return row;
    });
  const header =
    lang === 'zh'
      ? ['指标', '总量（毛）', '单位', ...(hasCi ? ['95% 置信区间（抽样）'] : []), ...(hasNet ? ['净新增'] : []), ...(hasCoverage ? ['区间'] : []), '编号']
      : ['Figure', 'Gross', 'Unit', ...(hasCi ? ['95% CI (sampling)'] : []), ...(hasNet ? ['Net additional'] : []), ...(hasCoverage ? ['Interval'] : []), 'id'];

  // Too wide for the terminal: net, interval check and id go to a detail line under each figure; the name wraps.
  const n = header.length;
  const extra = (hasNet ? 1 : 0) + (hasCoverage ? 1 : 0);
  const secondary = Array.from({ length: extra + 1 }, (_, k) => n - 1 - extra + k);
  const title = studyTitle(r.study.name, r.study.year, lang);
  return `${wrapLines(title, width)}\n\n${textTable(header, rows, [1, ...(hasNet ? [n - 2 - (hasCoverage ? 1 : 0)] : [])], { width, wrap: [0], secondary })}`;
}

const INTERVAL_NAMES: Record<Lang, Record<string, string>> = {
  zh: { wald: 't 区间', logit: 'logit', beta: 'beta', 'bootstrap-t': 'bootstrap-t' },
  en: { wald: 't (Wald)', logit: 'logit', beta: 'beta', 'bootstrap-t': 'bootstrap-t' },
};
/** Short name of an interval method (Figure.interval) for console tables. */
const intervalName = (m: string, lang: Lang): string => INTERVAL_NAMES[lang][m] ?? m;
const pct1 = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * Interval check: each survey figure with a coverage check, its interval method and simulated
 * coverage, with a warning line for every interval that covers less than 90% in the simulation.
 */
export function coverageTable(r: StudyResults, lang: Lang, width = CONSOLE_WIDTH): string {
  const ids = Object.keys(r.figures).filter((id) => r.figures[id].coverage);
  if (ids.length === 0) return '';
  const c0 = r.figures[ids[0]].coverage!;
  const pct = pct1;
  const rows = ids.map((id) => {
    const c = r.figures[id].coverage!;
    return [id, intervalName(c.interval, lang), `${pct(c.coverage)}${c.warning ? ' ⚠' : ''}`, String(c.n), c.skewness === undefined ? '' : c.skewness.toFixed(1), c.cochranMinN === undefined ? '' : String(Math.ceil(c.cochranMinN)), c.top1Share === undefined ? '' : pct(c.top1Share)];
  });
  const lvl = Math.round(c0.level * 100);
  const head = lang === 'zh'
    ? ['编号', '区间', `覆盖率（名义${lvl}%）`, 'n', '偏度', '25·偏度²', '前1%份额']
    : ['id', 'Interval', `Coverage (${lvl}%)`, 'n', 'Skew', '25·skew²', 'Top 1%'];
  const boot = ids.map((id) => r.figures[id].coverage!).find((c) => c.replicates);
  const title = lang === 'zh'
    ? `区间检查：以样本为总体分层重抽 ${c0.reps} 次（随机数流 ${c0.seed}）${boot ? `；bootstrap-t 区间重抽 ${boot.reps} 次，每次 ${boot.replicates} 个自助重复` : ''}`
    : `Interval check: the sample resampled as the population, ${c0.reps} times (random stream ${c0.seed})${boot ? `; bootstrap-t intervals ${boot.reps} times, each with ${boot.replicates} bootstrap replicates` : ''}`;
  const warnings = ids.filter((id) => r.figures[id].coverage!.warning).map((id) => {
    const c = r.figures[id].coverage!;
    return lang === 'zh'
      ? `⚠ ${id}：${lvl}% 区间的模拟覆盖率只有 ${pct(c.coverage)}（真值高于区间 ${pct(c.missHigh)}、低于 ${pct(c.missLow)}），区间偏窄`
      : `⚠ ${id}: the ${lvl}% interval covers only ${pct(c.coverage)} in simulation (truth above it ${pct(c.missHigh)}, below ${pct(c.missLow)}): too narrow`;
  });
  return wrapLines([title, '', textTable(head, rows, [2, 3, 4, 5, 6], { width, wrap: [0] }), ...(warnings.length ? ['', ...warnings] : [])].join('\n'), width);
}

/** Monte Carlo intervals (assumptions + sampling), tornado drivers and switching values. */
export function uncertaintyTable(r: StudyResults, lang: Lang, width = CONSOLE_WIDTH): string {
  const u = r.uncertainty;
  if (!u) return '';
  const ids = ['jobs.total', 'jobs.direct', 'jobs.indirect', 'net.jobs.total', 'net.jobs.direct', 'net.jobs.indirect'].filter((id) => u.intervals[id] && r.figures[id]);
  const lvl = Math.round(u.level * 100);
  const rows = ids.map((id) => {
    const f = r.figures[id];
    const iv = u.intervals[id];
    return [f.label[lang], displayValue(f, lang, iv.central).text, `${displayValue(f, lang, iv.lo).text} – ${displayValue(f, lang, iv.hi).text}`, id];
  });
  const head = lang === 'zh' ? ['指标', '中心值', `${lvl}% 区间（假设＋抽样）`, '编号'] : ['Figure', 'Central', `${lvl}% interval (assumptions + sampling)`, 'id'];
  const title = lang === 'zh' ? `假设不确定性：蒙特卡洛 ${u.draws} 次（随机数流 ${u.seed}）` : `Uncertainty over assumptions: Monte Carlo, ${u.draws} draws (random stream ${u.seed})`;
  const lines = [title, '', textTable(head, rows, [1], { width, wrap: [0, 2], secondary: [3] })];
  for (const sw of u.switching) {
    const f = r.figures[sw.figure];
    const target = f ? `${displayValue(f, lang, sw.target).text} ${displayValue(f, lang).unit}` : String(sw.target);
    lines.push(lang === 'zh' ? `临界值：${sw.parameter} = ${sw.value.toFixed(3)} 时 ${sw.figure} 降至 ${target}` : `Switching value: ${sw.figure} falls to ${target} at ${sw.parameter} = ${sw.value.toFixed(3)}`);
  }
  return wrapLines(lines.join('\n'), width);
}

/** Rows read / valid / rejected per questionnaire. */
export function qualityTable(quality: QualityRecord[], lang: Lang, width = CONSOLE_WIDTH): string {
  const header = lang === 'zh' ? ['问卷', '文件', '读取行数', '有效', '剔除', '剔除原因'] : ['Questionnaire', 'File', 'Rows read', 'Valid', 'Rejected', 'Reasons'];
  const rows = quality.map((q) => [q.questionnaire, q.file, String(q.rowsRead), String(q.valid), String(q.rejected), Object.entries(q.reasons).map(([k, v]) => (lang === 'zh' ? `${rejectionName(k, lang, q.ruleReasons)} ${v}` : `${rejectionName(k, lang, q.ruleReasons)}: ${v}`)).join(lang === 'zh' ? '，' : ', ')]);
  return textTable(header, rows, [2, 3, 4], { width, wrap: [1, 5], secondary: [5] });
}
