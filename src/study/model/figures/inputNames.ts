// The words of the figures' input names. A figure's `inputs` are keyed by ids that results.json,
// figures.csv and the report read (`leakage`, `N_k`, `VA multiplier 64123`); what a reader sees is
// the name in the language of the output: inputLabel('leakage').zh → '漏出率'. A symbol (N_k, U,
// β) is its own name in both languages; an id made of a name and a code ('VA multiplier 64123',
// 'jobs per yuan of demand, 64123', 'perYuan 2017') keeps the code after the name.
import type { Label } from '../../../locale/index.ts';
import { L } from './definition.ts';

/** Every input id with words, as the figure definitions (figures/, inputs/, vouchers/) write it. */
export const INPUT_NAMES: Readonly<Record<string, Label>> = {
  // survey figures
  questionnaire: L('问卷', 'questionnaire'),
  field: L('字段', 'field'),
  design: L('抽样设计', 'design'),
  domain: L('子总体', 'domain'),
  total: L('合计', 'total'),
  count: L('计数', 'count'),
  // input–output
  sector: L('部门', 'sector'),
  'VA multiplier': L('增加值乘数', 'VA multiplier'),
  'jobs per yuan of demand': L('每元需求就业人数', 'jobs per yuan of demand'),
  value: L('数值', 'value'),
  unit: L('单位', 'unit'),
  employment: L('就业人数', 'employment'),
  grossOutput: L('总产出', 'gross output'),
  year: L('年份', 'year'),
  perYuan: L('每元产出就业人数', 'jobs per yuan of output'),
  outputPrices: L('产出价格比', 'output prices'),
  productivity: L('劳动生产率增长', 'labour productivity'),
  // net impact
  gross: L('毛额', 'gross'),
  leakage: L('漏出率', 'leakage'),
  deadweight: L('无谓效应', 'deadweight'),
  displacement: L('挤出率', 'displacement'),
  substitution: L('替代率', 'substitution'),
  factor: L('净额系数', 'factor'),
  // vouchers and transactions
  'voucher transactions spending (yuan)': L('用券交易金额（元）', 'voucher transactions spending (yuan)'),
  'subsidy redeemed (yuan)': L('核销补贴（元）', 'subsidy redeemed (yuan)'),
  'spend before (yuan)': L('之前消费（元）', 'spend before (yuan)'),
  'spend after (yuan)': L('之后消费（元）', 'spend after (yuan)'),
  'days before': L('之前天数', 'days before'),
  'days after': L('之后天数', 'days after'),
  winners: L('中签者', 'winners'),
  'unsuccessful applicants': L('未中签者', 'unsuccessful applicants'),
  draw: L('抽签日', 'draw'),
  'weeks each side': L('前后各周数', 'weeks each side'),
  applicants: L('申请者文件', 'applicants'),
  'τ (yuan per winner)': L('τ（每位中签者，元）', 'τ (yuan per winner)'),
  'mean subsidy per winner (yuan)': L('中签者人均补贴（元）', 'mean subsidy per winner (yuan)'),
  'df denominator': L('分母自由度', 'df denominator'),
  'CR1 se (by city)': L('CR1 se（按城市聚类）', 'CR1 se (by city)'),
  'wild bootstrap p': L('野 bootstrap p 值', 'wild bootstrap p'),
  'bootstrap draws': L('bootstrap 次数', 'bootstrap draws'),
  cities: L('城市数', 'cities'),
  'issuing cities': L('发券城市数', 'issuing cities'),
  'ATT (log points)': L('ATT（对数点）', 'ATT (log points)'),
  'se (log points)': L('se（对数点）', 'se (log points)'),
  weeks: L('周数', 'weeks'),
  'covered spending after issuance (yuan)': L('发券后覆盖行业消费（元）', 'covered spending after issuance (yuan)'),
};

/**
 * An input's name in both languages: inputLabel('deadweight') → {zh: '无谓效应', en: 'deadweight'};
 * inputLabel('VA multiplier 64123') → {zh: '增加值乘数 64123', en: 'VA multiplier 64123'}; a symbol
 * or an id without words is itself in both: inputLabel('N_k') → {zh: 'N_k', en: 'N_k'}.
 */
export function inputLabel(id: string): Label {
  const whole = INPUT_NAMES[id];
  if (whole) return whole;
  const m = /^(.+?)(,? )(\S+)$/.exec(id);
  const head = m && INPUT_NAMES[m[1]];
  return head ? L(`${head.zh}${m[2]}${m[3]}`, `${head.en}${m[2]}${m[3]}`) : L(id, id);
}
