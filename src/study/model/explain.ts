// How a figure was derived, as text: its formula, inputs and the figures it is computed from.
import type { Figure, StudyResults } from './types.ts';
import { BASE_UNIT, asLabel, type Lang } from '../../locale/index.ts';
import { inputLabel } from './figures/inputNames.ts';
import { LocalizedError } from '../../locale/errorText.ts';
type Show = (f: Pick<Figure, 'unit' | 'value'>, lang: Lang, v?: number) => { text: string; unit: string };

/** The words of the derivation in each language. */
const WORDS = { formula: { zh: '公式', en: 'formula' }, note: { zh: '说明', en: 'note' }, seeAbove: { zh: '（见上）', en: '(see above)' } } as const;
/** A label's colon: full-width after Chinese words (公式：…), ': ' in English. */
const COLON = { zh: '：', en: ': ' } as const;

/**
 * explain(results, 'jobs.indirect', 'en', show) →
 *   jobs.indirect  Indirect jobs = 3.6 million jobs
 *     formula: induced output × jobs per yuan of output
 *   (zh: 公式：诱发产出 × 单位产出就业; inputs by name: 漏出率 = 0.05)
 *     ├─ output.indirect  Induced output … = 1130.1 billion yuan
 *     …
 * Fails on an unknown id, listing close matches. Numbers (inputs, se) are written in full unless
 * `readable` rounds them (the dashboard: se = 4.818万, not 48180.78683905378, with compactNumber); then the exact value in
 * base units after each line is left out too.
 */
export function explain(r: Pick<StudyResults, 'figures'>, id: string, lang: Lang, show: Show, readable?: (v: number, lang: Lang) => string): string {
  figureOf(r, id);
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (fid: string, prefix: string, depth: number) => {
    const g = r.figures[fid];
    const v = show(g, lang);
    const ci = g.ci ? `  [${show(g, lang, g.ci[0]).text}, ${show(g, lang, g.ci[1]).text}]` : '';
    out.push(`${prefix}${fid}  ${g.label[lang]} = ${v.text} ${v.unit}${ci}${readable ? '' : `   (${g.value} ${BASE_UNIT[g.unit][lang]})`}`);
    const pad = prefix.replace(/[├└]─ $/, (m) => (m.startsWith('├') ? '│  ' : '   '));
    if (seen.has(fid)) {
      out.push(`${pad}   ${WORDS.seeAbove[lang]}`);
      return;
    }
    seen.add(fid);
    out.push(`${pad}   ${WORDS.formula[lang]}${COLON[lang]}${asLabel(g.formula)[lang]}`);
    const num = (x: number) => (readable ? readable(x, lang) : String(x));
    for (const [k, val] of Object.entries(g.inputs)) out.push(`${pad}   ${inputLabel(k)[lang]} = ${typeof val === 'number' ? num(val) : asLabel(val)[lang]}`);
    if (g.se !== undefined) out.push(`${pad}   se = ${num(g.se)}${g.df !== undefined ? `, df = ${num(g.df)}` : ''}`);
    if (g.notes) out.push(`${pad}   ${WORDS.note[lang]}${COLON[lang]}${typeof g.notes === 'string' ? g.notes : g.notes[lang]}`);
    if (depth >= 6) return;
    g.from.forEach((child, i) => walk(child, `${pad}${i === g.from.length - 1 ? '└─ ' : '├─ '}`, depth + 1));
  };
  walk(id, '', 0);
  return out.join('\n');
}

/** The figure with this id; an unknown id fails listing close matches. */
function figureOf(r: Pick<StudyResults, 'figures'>, id: string): Figure {
  const f = r.figures[id];
  if (f) return f;
  const ids = Object.keys(r.figures);
  const near = ids.filter((k) => k.includes(id) || id.includes(k.split('.').pop() as string)).slice(0, 8);
  throw new LocalizedError({ zh: `未知的指标 id "${id}"${near.length ? `；您是不是要找：${near.join(', ')}` : ''}（全部 id：spillover explain --list）`, en: `unknown figure id "${id}"${near.length ? `; did you mean: ${near.join(', ')}` : ''} (all ids: spillover explain --list)` });
}

/**
 * derivation(results, 'jobs.indirect') → [jobs.indirect, output.indirect, output.indirect.traffic,
 * consumption.traffic, …, ratio.jobs_per_output]: the figure, then every figure it is computed from
 * (transitively, each once, depth first in the order of `from`) — the records `explain` prints as a
 * tree, for machine output (`spillover explain ID --json`). Fails on an unknown id as explain does.
 */
export function derivation(r: Pick<StudyResults, 'figures'>, id: string): Figure[] {
  const out: Figure[] = [];
  const seen = new Set<string>();
  const walk = (fid: string) => {
    if (seen.has(fid)) return;
    seen.add(fid);
    const f = figureOf(r, fid);
    out.push(f);
    for (const child of f.from) walk(child);
  };
  walk(id);
  return out;
}
