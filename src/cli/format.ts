// Console presentation of study results (zh | en). Display units and languages come from src/locale.
import type { QualityRecord, StudyResults } from '../study/types.ts';
import { readingOrder } from '../study/readingOrder.ts';
import { displayValue, type Lang } from '../locale/index.ts';

/** Display width counting CJK characters as two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number, right = false) => (right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s))));

/** Render rows as an aligned text table; columns listed in `right` are right-aligned. */
export function textTable(header: string[], rows: string[][], right: number[] = []): string {
  const w = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]) => r.map((s, c) => pad(s ?? '', w[c], right.includes(c))).join('  ').trimEnd();
  return [line(header), w.map((n) => '─'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

/** The headline figures of a run as a console table, in the order a reader of the seed expects. */
export function headlineTable(r: StudyResults, lang: Lang): string {
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
  const rows = order
    .filter((id) => r.figures[id])
    .map((id) => {
      const f = r.figures[id];
      const d = displayValue(f, lang);
      const row = [indent(id) + f.label[lang], d.text, d.unit];
      if (hasCi) row.push(f.ci ? `${displayValue(f, lang, f.ci[0]).text} – ${displayValue(f, lang, f.ci[1]).text}` : '');
      if (hasNet) row.push(r.figures[`net.${id}`] ? displayValue(f, lang, r.figures[`net.${id}`].value).text : '');
      row.push(id);
      return row;
    });
  const header =
    lang === 'zh'
      ? ['指标', '总量（毛）', '单位', ...(hasCi ? ['95% 置信区间（抽样）'] : []), ...(hasNet ? ['净新增'] : []), '编号']
      : ['Figure', 'Gross', 'Unit', ...(hasCi ? ['95% CI (sampling)'] : []), ...(hasNet ? ['Net additional'] : []), 'id'];

  const title = `${r.study.name[lang]} (${r.study.year})`;
  return `${title}\n\n${textTable(header, rows, [1])}`;
}

/** Monte Carlo intervals (assumptions + sampling), tornado drivers and switching values. */
export function uncertaintyTable(r: StudyResults, lang: Lang): string {
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
  const title = lang === 'zh' ? `假设不确定性：蒙特卡洛 ${u.draws} 次（种子 ${u.seed}）` : `Uncertainty over assumptions: Monte Carlo, ${u.draws} draws (seed ${u.seed})`;
  const lines = [title, '', textTable(head, rows, [1])];
  for (const sw of u.switching) {
    const f = r.figures[sw.figure];
    const target = f ? `${displayValue(f, lang, sw.target).text} ${displayValue(f, lang).unit}` : String(sw.target);
    lines.push(lang === 'zh' ? `临界值：${sw.parameter} = ${sw.value.toFixed(3)} 时 ${sw.figure} 降至 ${target}` : `Switching value: ${sw.figure} falls to ${target} at ${sw.parameter} = ${sw.value.toFixed(3)}`);
  }
  return lines.join('\n');
}

/** Rows read / valid / rejected per questionnaire. */
export function qualityTable(quality: QualityRecord[], lang: Lang): string {
  const header = lang === 'zh' ? ['问卷', '文件', '读取行数', '有效', '剔除', '剔除原因'] : ['Questionnaire', 'File', 'Rows read', 'Valid', 'Rejected', 'Reasons'];
  const rows = quality.map((q) => [q.questionnaire, q.file, String(q.rowsRead), String(q.valid), String(q.rejected), Object.entries(q.reasons).map(([k, v]) => `${k}: ${v}`).join(', ')]);
  return textTable(header, rows, [2, 3, 4]);
}
