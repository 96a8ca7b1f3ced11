// Survey indicators (e.g. "55.8% of entities have more than half their staff aged 16–29"):
// proportions and ratios estimated under each questionnaire's design, with domains and `by`.
import { svymean, svyratio, subset, update, confint, qnorm, qt, sequence, type Column, type SurveyDesign, type SvyStat } from '../../survey/index.ts';
import type { Condition, Figure, Formula, IndicatorConfig, IntervalMethod, QuestionnaireData, StudyConfig, StudyInputs } from '../types.ts';
import { label as L } from '../../locale/index.ts';
import { logitShareInterval } from './shareInterval.ts';
import { fieldLabel } from './fieldLabel.ts';
import { componentsDesign, simpleDesign } from './sampling.ts';
import { selectRows, take } from './select.ts';
import { LocalizedError, placedError, zhPlace } from '../../locale/errorText.ts';

/**
 * Evaluate a condition per row: 1 when it holds, 0 when not, NaN when the answer is blank.
 * conditionColumn(q, {field: 'young_share', op: 'above', value: 0.5}) on young_share [0.6, 0.2, NaN] → [1, 0, NaN].
 * Fails on a field the questionnaire does not have, or a comparison of the wrong kind.
 */
export function conditionColumn(q: QuestionnaireData, c: Condition, context: string): Float64Array {
  const num = q.numbers[c.field];
  const cat = q.categories[c.field];
  if (!num && !cat) throw new LocalizedError({ zh: `${zhPlace(context)}：问卷 "${q.key}" 没有字段 "${c.field}"（字段：${[...Object.keys(q.numbers), ...Object.keys(q.categories)].join(', ')}）`, en: `${context}: questionnaire "${q.key}" has no field "${c.field}" (fields: ${[...Object.keys(q.numbers), ...Object.keys(q.categories)].join(', ')})` });
  const out = new Float64Array(q.valid);
  if (num) {
    if (c.op === 'in' || typeof c.value !== 'number') throw new LocalizedError({ zh: `${zhPlace(context)}："${c.field}" 是数值字段；请用 above、at_least、below、at_most 或 equals 与一个数比较`, en: `${context}: "${c.field}" is numeric; compare it with above, at_least, below, at_most or equals a number` });
    const v = c.value, op = c.op;
    for (let i = 0; i < q.valid; i++) {
      const x = num[i];
      out[i] = x !== x ? NaN : +(op === 'above' ? x > v : op === 'at_least' ? x >= v : op === 'below' ? x < v : op === 'at_most' ? x <= v : x === v);
    }
  } else {
    if (c.op !== 'in' && c.op !== 'equals') throw new LocalizedError({ zh: `${zhPlace(context)}："${c.field}" 是类别字段；请用 equals 或 in`, en: `${context}: "${c.field}" is a category; use equals or in` });
    const set = new Set((Array.isArray(c.value) ? c.value : [c.value]).map(String));
    for (let i = 0; i < q.valid; i++) out[i] = cat[i] === null ? NaN : set.has(cat[i] as string) ? 1 : 0;
  }
  return out;
}

function numeric(q: QuestionnaireData, field: string, context: string): Float64Array {
  const v = q.numbers[field];
  if (!v) throw new LocalizedError({ zh: `${zhPlace(context)}："${field}" 不是问卷 "${q.key}" 的数值字段`, en: `${context}: "${field}" is not a numeric field of questionnaire "${q.key}"` });
  return v;
}

/**
 * The design of questionnaire q as the study uses it — its components' design, shared with the survey
 * estimates, or a simple design when no component uses it — and the questionnaire row of each design row.
 */
function baseDesign(config: StudyConfig, q: QuestionnaireData): { design: SurveyDesign; qrows: Int32Array } {
  const cfg = config.questionnaires[q.key];
  const comps = [...config.providers, ...config.operators].filter((c) => c.questionnaire === q.key);
  if (comps.length > 0) {
    const members = comps.map((c) => selectRows(q, c.where, `${c.yamlPath} (${c.id})`));
    const { design, qrows } = componentsDesign(q, cfg, comps, members);
    return { design, qrows };
  }
  const population = config.consumption.questionnaire === q.key ? config.users : undefined;
  return { design: simpleDesign(q, cfg, population), qrows: sequence(q.valid) };
}

/**
 * indicatorFigures(config, inputs) → figures `indicator.<id>` (and `indicator.<id>.<level>` with `by`),
 * unit 'ratio', with se, design df, n and the study's interval.
 * Proportion: svymean of the condition (R: svymean(~I(young_share > 0.5), design, na.rm = TRUE)),
 * interval on the logit scale as R's svyciprop(method = "logit") (Clopper–Pearson with the n rows
 * when p̂ is 0 or 1). Ratio: svyratio(numerator × condition, denominator) (R: svyratio(~I(staff *
 * nonEast), ~staff, design, na.rm = TRUE)); when every row has 0 ≤ numerator ≤ denominator the
 * ratio is a share and its interval is formed on the logit scale too, otherwise Wald.
 * Every proportion or share interval lies in [0, 1].
 */
export function indicatorFigures(config: StudyConfig, inputs: StudyInputs): Figure[] {
  const out: Figure[] = [];
  // Each questionnaire's design is built once; an indicator adds its columns to it (update).
  const designs = new Map<string, ReturnType<typeof baseDesign>>();
  // t quantiles by df (indicators of one questionnaire mostly share the design df).
  const quantiles = new Map<number, number>();
  for (const ind of config.indicators) {
    const q = inputs.questionnaires[ind.questionnaire];
    if (!q) throw new LocalizedError({ zh: `${ind.yamlPath}：问卷 "${ind.questionnaire}" 没有读入`, en: `${ind.yamlPath}: questionnaire "${ind.questionnaire}" was not loaded` });
    const ctx = `${ind.yamlPath} (${ind.id})`;
    const extra: Record<string, Float64Array> = {};
    let formula: Formula;
    const st = ind.statistic;
    // Fields by their study-file key in en, by their column header in zh (女性人员数 for women).
    const field = { zh: (f: string) => fieldLabel(config, ind.questionnaire, f).zh, en: (f: string) => f };
    if (st.kind === 'proportion') {
      extra.__z = conditionColumn(q, st.condition, ctx);
      formula = L(`Σ w·1[${describe(st.condition, field.zh)}] / Σ w（作答行）`, `Σ w·1[${describe(st.condition, field.en)}] / Σ w over answered rows`);
    } else {
      const num = numeric(q, st.numerator, ctx);
      const cond = st.when ? conditionColumn(q, st.when, ctx) : null;
      if (cond) {
        const z = new Float64Array(num.length);
        for (let i = 0; i < z.length; i++) z[i] = num[i] * cond[i];
        extra.__num = z;
      } else extra.__num = num;
      extra.__den = numeric(q, st.denominator, ctx);
      const ratio = (name: (f: string) => string) => `Σ w·${name(st.numerator)}${st.when ? `·1[${describe(st.when, name)}]` : ''} / Σ w·${name(st.denominator)}`;
      formula = L(ratio(field.zh), ratio(field.en));
    }
    let base = designs.get(q.key);
    if (!base) designs.set(q.key, (base = baseDesign(config, q)));
    const qrows = base.qrows;
    // The indicator's columns in the order of the design's rows (v[qrows[0]], v[qrows[1]], …).
    const design = update(base.design, Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, take(v, qrows)])));
    const domain = selectRows(q, ind.where, ctx);
    const inDomain = new Uint8Array(q.valid);
    for (let k = 0; k < domain.length; k++) inDomain[domain[k]] = 1;
    // The domain as a 0/1 mask over the design's rows.
    const mask = new Uint8Array(qrows.length);
    for (let r = 0; r < mask.length; r++) mask[r] = inDomain[qrows[r]];
    const estimate = (keep: Uint8Array, id: string, label: IndicatorConfig['label']) => {
      const d = subset(design, keep);
      let stat: SvyStat;
      try {
        // deff: false — the figure reads the estimate, se, df and n only.
        stat = st.kind === 'proportion' ? svymean('__z', d, { naRm: true, deff: false }) : svyratio('__num', '__den', d, { naRm: true, deff: false });
      } catch (e) {
        throw placedError(ctx, e);
      }
      const { level, method } = config.intervals;
      const useT = method === 't' && stat.df > 0;
      let ci: [number, number], interval: IntervalMethod;
      const p = stat.estimate[0];
      if (st.kind === 'proportion' || isShare(d.data.__num, d.data.__den, d.weights)) {
        let q = quantiles.get(useT ? stat.df : Infinity);
        if (q === undefined) quantiles.set(useT ? stat.df : Infinity, (q = useT ? qt((1 + level) / 2, stat.df) : qnorm((1 + level) / 2)));
        ci = logitShareInterval(p, stat.se[0], q, stat.n, level);
        interval = p === 0 || p === 1 ? 'beta' : 'logit';
      } else {
        const w = confint(stat, { level, method: useT ? 't' : 'z' });
        ci = [w.lower[0], w.upper[0]];
        interval = 'wald';
      }
      out.push({
        id,
        value: stat.estimate[0],
        unit: 'ratio',
        label,
        formula,
        inputs: { questionnaire: q.file, n: stat.n, design: design.label, ...(Object.keys(ind.where).length ? { domain: JSON.stringify(ind.where) } : {}) },
        from: [],
        se: stat.se[0],
        df: stat.df,
        ci,
        interval,
      });
    };
    estimate(mask, `indicator.${ind.id}`, ind.label);
    if (ind.by) {
      const col = q.categories[ind.by];
      if (!col) throw new LocalizedError({ zh: `${zhPlace(ctx)}：by："${ind.by}" 不是问卷 "${q.key}" 的类别字段`, en: `${ctx}: by: "${ind.by}" is not a category field of questionnaire "${q.key}"` });
      const levels = [...new Set(Array.from(domain, (i) => col[i]).filter((v): v is string => v !== null))].sort();
      for (const level of levels) {
        const keep = new Uint8Array(qrows.length);
        for (let r = 0; r < keep.length; r++) keep[r] = mask[r] & +(col[qrows[r]] === level);
        estimate(keep, `indicator.${ind.id}.${level}`, { zh: `${ind.label.zh}（${ind.levels?.[level]?.zh ?? level}）`, en: `${ind.label.en} (${ind.levels?.[level]?.en ?? level})` });
      }
    }
  }
  return out;
}

/** Whether a ratio indicator is a share: 0 ≤ numerator ≤ denominator on every row in use. */
function isShare(num: Column | undefined, den: Column | undefined, w: Float64Array): boolean {
  if (!(num instanceof Float64Array) || !(den instanceof Float64Array)) return false;
  for (let r = 0; r < w.length; r++) {
    if (w[r] === 0) continue;
    const a = num[r], b = den[r];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    if (!(a >= 0 && a <= b)) return false;
  }
  return true;
}

/** describe({field: 'young_share', op: 'above', value: 0.5}, name) → 'young_share > 0.5' (the field as `name` gives it). */
function describe(c: Condition, name: (field: string) => string): string {
  const sym = { above: '>', at_least: '≥', below: '<', at_most: '≤', equals: '=', in: '∈' }[c.op];
  return `${name(c.field)} ${sym} ${Array.isArray(c.value) ? `{${c.value.join(', ')}}` : c.value}`;
}
