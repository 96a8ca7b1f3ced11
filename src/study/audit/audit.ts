// Internal consistency of a set of published figures: parts vs totals, shares, year-on-year rates,
// compound annual growth over a stated span, ratios. Each printed number stands for an interval
// (its rounding), so a check can agree exactly, agree only within rounding, or fail.
import type { AuditCheck, PublishedFigure, PublishedSet } from './auditConfig.ts';
import type { Label, Lang } from '../../locale/index.ts';
import { LocalizedError } from '../../locale/errorText.ts';

export type AuditStatus = 'ok' | 'rounding' | 'fail';

export interface AuditResult {
  id: string;
  claim: string;
  kind: AuditCheck['kind'];
  status: AuditStatus;
  /** The derived value from the printed figures, in the stated figure's unit (% for percentages). */
  derived: number;
  /** Range of the derived value over the rounding intervals of its inputs. */
  range: [number, number];
  /** The stated value and its interval (rounding ± tolerance), or the `within` bounds. */
  stated: number | null;
  statedInterval: [number, number];
  unit: string;
  /** The finding in English (= text.en). */
  message: string;
  /** The finding in each language. */
  text: Label;
  line: number | null;
}

export interface AuditReport {
  title: Label;
  source: Label;
  results: AuditResult[];
  counts: Record<AuditStatus, number>;
  /** Figures that no check uses (printed for the record; not verifiable from this set). */
  unchecked: string[];
}

const pct = (u: string) => (u === '%' ? 100 : 1);
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(4));

/**
 * audit(set) → AuditReport. For a check with derived value g(a, b, …) and stated figure s:
 *   sum:    g = Σ parts                       share: g = a / b
 *   growth: g = b / a − 1                     cagr:  g = (b / a)^(1/span) − 1
 *   ratio:  g = a / b × scale                 equal: g = a (stated: b)
 * (percentages compared as fractions). Each input x printed with half-unit h lies in [x − h, x + h];
 * g is monotone in each input on these boxes, so its range is the min/max over the box's corners.
 * Status: ok when |g(printed) − s| ≤ h_s + tolerance·|s|; rounding when the range of g meets
 * [s − h_s − tol, s + h_s + tol] but g(printed) does not (consistent only if the printed inputs were
 * rounded a particular way); fail when they do not meet. `within` checks use the bounds instead.
 * Fails (throws) on units that cannot be compared (a sum of 万人 and 亿元; a share of unlike units).
 * Example: sum [2736, 503] equals 3238 (all ±0.5) → g = 3239, range [3238, 3240] meets
 *   [3237.5, 3238.5] → rounding.
 */
export function audit(set: PublishedSet): AuditReport {
  const used = new Set<string>();
  const results = set.checks.map((c) => {
    const inputs = c.of.map((id) => set.figures[id]);
    const target = c.equals !== undefined ? set.figures[c.equals] : undefined;
    for (const f of [...inputs, ...(target ? [target] : [])]) used.add(f.id);
    return runCheck(c, inputs, target);
  });
  const counts: Record<AuditStatus, number> = { ok: 0, rounding: 0, fail: 0 };
  for (const r of results) counts[r.status]++;
  return { title: set.title, source: set.source, results, counts, unchecked: Object.keys(set.figures).filter((id) => !used.has(id)) };
}

function runCheck(c: AuditCheck, inputs: PublishedFigure[], target: PublishedFigure | undefined): AuditResult {
  const units = inputs.map((f) => f.unit);
  const same = (what: Label) => {
    if (units.some((u) => u !== units[0])) throw new LocalizedError({ zh: `核对 ${c.id}：单位不同的${what.zh}（${units.join(', ')}）`, en: `check ${c.id}: ${what.en} of unlike units ${units.join(', ')}` });
  };
  let g: (x: number[]) => number;
  let outUnit: string;
  switch (c.kind) {
    case 'sum':
    case 'equal':
      same(c.kind === 'sum' ? { zh: '求和', en: 'a sum' } : { zh: '比较', en: 'a comparison' });
      if (target && target.unit !== units[0]) throw new LocalizedError({ zh: `核对 ${c.id}：${units[0]} 与 ${target.unit} 相比较`, en: `check ${c.id}: ${units[0]} compared with ${target.unit}` });
      g = (x) => x.reduce((s, v) => s + v, 0);
      outUnit = units[0];
      break;
    case 'share':
      same({ zh: '份额', en: 'a share' });
      g = (x) => x[0] / x[1];
      outUnit = 'fraction';
      break;
    case 'growth':
      same({ zh: '增长率', en: 'a growth rate' });
      g = (x) => x[1] / x[0] - 1;
      outUnit = 'fraction';
      break;
    case 'cagr':
      same({ zh: '增长率', en: 'a growth rate' });
      g = (x) => (x[1] / x[0]) ** (1 / (c.span as number)) - 1;
      outUnit = 'fraction';
      break;
    case 'ratio':
      g = (x) => (x[0] / x[1]) * c.scale;
      outUnit = target?.unit ?? `${units[0]}/${units[1]}`;
      break;
  }
  // Inputs as numbers in comparable scale (% → fraction), each with its rounding interval.
  const mid = inputs.map((f) => f.value / pct(f.unit));
  const half = inputs.map((f) => f.half / pct(f.unit));
  if (inputs.length > 16) throw new LocalizedError({ zh: `核对 ${c.id}：每项核对最多 16 个指标`, en: `check ${c.id}: at most 16 figures per check` });
  let lo = Infinity;
  let hi = -Infinity;
  for (let mask = 0; mask < 1 << inputs.length; mask++) {
    const v = g(mid.map((m, i) => (mask & (1 << i) ? m + half[i] : m - half[i])));
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const derived = g(mid);
  // The stated side, in the same scale as g: a fraction for shares and rates, else the figure's unit.
  const toStated = outUnit === 'fraction' && target ? pct(target.unit) : 1;
  if (outUnit === 'fraction' && target && target.unit !== '%') throw new LocalizedError({ zh: `核对 ${c.id}：${c.kind} 与百分比相比较；${target.id} 的单位为 ${target.unit}`, en: `check ${c.id}: a ${c.kind} is compared with a percentage; ${target.id} has unit ${target.unit}` });
  let stated: number | null = null;
  let sLo: number;
  let sHi: number;
  let inside: boolean;
  if (target) {
    stated = target.value;
    const s = target.value / toStated;
    const h = target.half / toStated + c.tolerance * Math.abs(s);
    [sLo, sHi] = [s - h, s + h];
    inside = Math.abs(derived - s) <= h * (1 + 1e-12);
  } else {
    [sLo, sHi] = c.within as [number, number];
    inside = derived >= sLo && derived <= sHi;
  }
  const meets = hi >= sLo - 1e-12 * Math.abs(sLo) && lo <= sHi + 1e-12 * Math.abs(sHi);
  const status: AuditStatus = inside ? 'ok' : meets ? 'rounding' : 'fail';
  const u = target?.unit ?? (outUnit === 'fraction' ? '' : outUnit);
  const show = (v: number) => `${fmt(v * toStated)}${u === '%' ? '%' : u ? ` ${u}` : ''}`;
  const input = inputs.map((f) => `${f.printed}${f.unit === '%' ? '%' : ''}`).join(c.kind === 'sum' ? ' + ' : ', ');
  const printed = target ? `${target.printed}${target.unit === '%' ? '%' : ''}` : '';
  let text: Label;
  if (status === 'ok')
    text = {
      zh: `${input} → ${show(derived)}；${target ? `与公布的 ${printed} 一致` : `在 [${sLo}, ${sHi}] 之内`}`,
      en: `${input} → ${show(derived)}; ${target ? `agrees with the printed ${printed}` : `lies within [${sLo}, ${sHi}]`}`,
    };
  else if (status === 'rounding')
    text = {
      zh: `${input} → ${show(derived)}，不是 ${target ? target.printed : `[${sLo}, ${sHi}] 之内`}；仅在公布数字的舍入范围内一致（范围 ${show(lo)} … ${show(hi)}）`,
      en: `${input} → ${show(derived)}, not ${target ? target.printed : `in [${sLo}, ${sHi}]`}; consistent only within the rounding of the printed inputs (range ${show(lo)} … ${show(hi)})`,
    };
  else
    text = {
      zh: `${input} → ${show(derived)}（计入舍入为 ${show(lo)} … ${show(hi)}），${target ? `但公布的是 ${printed}` : `不在 [${sLo}, ${sHi}] 之内`}${implied(c, inputs, target, 'zh')}`,
      en: `${input} → ${show(derived)} (${show(lo)} … ${show(hi)} allowing for rounding), ${target ? `but ${printed} is stated` : `outside [${sLo}, ${sHi}]`}${implied(c, inputs, target, 'en')}`,
    };
  return { id: c.id, claim: c.claim, kind: c.kind, status, derived: derived * toStated, range: [lo * toStated, hi * toStated], stated, statedInterval: [sLo * toStated, sHi * toStated], unit: u || outUnit, message: text.en, text, line: c.line };
}

/** For a failed share or rate: what the stated value would imply for the last input. */
function implied(c: AuditCheck, inputs: PublishedFigure[], target: PublishedFigure | undefined, lang: Lang): string {
  if (!target) return '';
  const s = target.value / pct(target.unit);
  const [a, b] = inputs.map((f) => f.value);
  const unit = inputs[0]?.unit ?? '';
  const zh = lang === 'zh';
  switch (c.kind) {
    case 'share':
      return zh ? `；${inputs[1].printed} 的 ${target.printed}% 是 ${fmt(s * b)} ${unit}` : `; ${target.printed}% of ${inputs[1].printed} is ${fmt(s * b)} ${unit}`;
    case 'growth':
      return zh ? `；${inputs[0].printed} 增长 ${target.printed}% 为 ${fmt(a * (1 + s))} ${unit}` : `; ${target.printed}% on ${inputs[0].printed} gives ${fmt(a * (1 + s))} ${unit}`;
    case 'cagr':
      return zh ? `；${inputs[0].printed} 每年增长 ${target.printed}%、${c.span} 年后为 ${fmt(a * (1 + s) ** (c.span as number))} ${unit}` : `; ${target.printed}% a year for ${c.span} years from ${inputs[0].printed} gives ${fmt(a * (1 + s) ** (c.span as number))} ${unit}`;
    default:
      return '';
  }
}
