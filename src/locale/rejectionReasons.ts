// Why screening rejected a questionnaire row, in words of each language. The machine code
// ('non-numeric', 'duplicate-conflict', 'rule:<the study's reason>') stays in rejected.csv's code
// column and in results.json's counts; people read these words (rejected.csv's reason column,
// check's table, the report's data-quality section).
import type { Label, Lang } from './lang.ts';

/** Short names of the codes: non-numeric → {zh: '非数值', en: 'not a number'}. */
export const REJECTION_NAMES: Record<string, Label> = {
  'missing-required': { zh: '缺少必填值', en: 'missing required value' },
  'non-numeric': { zh: '非数值', en: 'not a number' },
  'share-out-of-range': { zh: '比例不在 0–1 之间', en: 'share outside 0–1' },
  negative: { zh: '负数', en: 'negative number' },
  'not-integer': { zh: '非整数', en: 'not a whole number' },
  'below-min': { zh: '低于最小值', en: 'below the minimum' },
  'above-max': { zh: '高于最大值', en: 'above the maximum' },
  'not-boolean': { zh: '不是“是／否”', en: 'not yes/no' },
  'unknown-level': { zh: '不在可选值中', en: 'not one of the options' },
  'extra-fields': { zh: '单元格多于表头', en: 'more cells than headers' },
  'duplicate-identical': { zh: '答案相同的重复', en: 'identical duplicate' },
  'duplicate-conflict': { zh: '答案冲突的重复', en: 'conflicting duplicate' },
  'duplicate-id': { zh: '编号重复', en: 'duplicate id' },
  'duplicate-superseded': { zh: '被更晚的答案取代的重复', en: 'superseded duplicate' },
  'unparseable-timestamp': { zh: '无法识别的时间', en: 'unreadable timestamp' },
};

/**
 * The name of a code in `lang`: rejectionName('non-numeric', 'zh') → '非数值'; a study rule's code
 * 'rule:<reason>' → the study's own reason, in `lang` when the study gave it in both languages
 * (`rules`: code → {zh, en}, see ruleReasons); an unknown code → the code itself.
 */
export function rejectionName(code: string, lang: Lang, rules?: Record<string, Label>): string {
  if (code.startsWith('rule:')) return rules?.[code]?.[lang] ?? code.slice(5);
  return REJECTION_NAMES[code]?.[lang] ?? code;
}

/**
 * A study rule's reason code: the reason as written, or for a reason in both languages its English text
 * (codes are for machines and stay the same in every run): ruleCode('太大') → 'rule:太大';
 * ruleCode({zh: '员工数过大', en: 'too many employees'}) → 'rule:too many employees'.
 */
export const ruleCode = (reason: string | Label): string => `rule:${typeof reason === 'string' ? reason : reason.en}`;

/**
 * The reasons of the rules given in both languages, by code (none when every reason is one text):
 * ruleReasons([{check: 'x < 9', reason: {zh: '过大', en: 'too large'}}]) → {'rule:too large': {zh: '过大', en: 'too large'}}.
 */
export function ruleReasons(rules: readonly { reason: string | Label }[] | undefined): Record<string, Label> | undefined {
  const out = Object.fromEntries((rules ?? []).filter((r) => typeof r.reason !== 'string').map((r) => [ruleCode(r.reason), r.reason as Label]));
  return Object.keys(out).length ? out : undefined;
}

/** What a fault needs besides its code to be explained: the other row, the field's bounds or options, the rule. */
export interface RejectionDetail {
  /** the row kept (duplicate-identical) or another row of the id (duplicate-conflict) */
  row?: string;
  min?: number;
  max?: number;
  /** the accepted words (not-boolean) or levels (unknown-level), as written */
  options?: string[];
  /** a study rule's check expression */
  check?: string;
  /** a study rule's reason when given in both languages */
  reason?: Label;
}

/**
 * The full reason of one fault: rejectionText('below-min', {min: 0}, 'en') → 'below the minimum (minimum 0)';
 * ('duplicate-identical', {row: '7'}, 'zh') → '答案相同的重复（与第 7 行相同，保留该行）'; a code whose name says it all
 * ('negative', 'not-a-number', …) is its name.
 */
export function rejectionText(code: string, d: RejectionDetail, lang: Lang): string {
  const name = d.reason?.[lang] ?? rejectionName(code, lang);
  const zh = lang === 'zh';
  const more = ((): string | null => {
    switch (code) {
      case 'extra-fields':
        return zh ? '可能有多余的逗号，例如未加引号的“1,234”' : 'a stray comma, e.g. an unquoted "1,234"?';
      case 'duplicate-identical':
        return zh ? `与第 ${d.row} 行相同，保留该行` : `same answers as row ${d.row}, which is kept`;
      case 'duplicate-superseded':
        return zh ? `同一编号后来再次作答（第 ${d.row} 行），按声明的时间采用最新答案` : `the same id answered again later, row ${d.row}, by the declared timestamp; the latest answer is used`;
      case 'unparseable-timestamp':
        return zh ? `应形如 ${(d.options ?? []).join('')}（dedupe.keep_latest_by）` : `expected ${(d.options ?? []).join('')} (dedupe.keep_latest_by)`;
      case 'duplicate-conflict':
        return zh ? `同一编号在其他行答案不同，如第 ${d.row} 行；该编号的所有行均被剔除` : `the id has different answers elsewhere, e.g. row ${d.row}; every row of the id is rejected`;
      case 'below-min':
        return zh ? `最小值 ${d.min}` : `minimum ${d.min}`;
      case 'above-max':
        return zh ? `最大值 ${d.max}` : `maximum ${d.max}`;
      case 'not-boolean':
        return `${zh ? '应为' : 'expected'} ${(d.options ?? []).join('/')}`;
      case 'unknown-level':
        return `${zh ? '应为以下之一：' : 'expected one of '}${(d.options ?? []).map((l) => JSON.stringify(l)).join(zh ? '、' : ', ')}`;
      default:
        return code.startsWith('rule:') && d.check ? d.check : null;
    }
  })();
  if (more === null) return name;
  return zh ? `${name}（${more}）` : `${name} (${more})`;
}
