// What screening transactions left out and noticed, in words of both languages, from the counts the
// data layer reports (TransactionQualitySummary): the report's and the console's data-quality notes.
import type { Label } from '../../locale/index.ts';
import type { TransactionQualitySummary } from './types.ts';

/** Names of the transaction faults: 'outside-window' → {zh: '不在研究时段内', en: 'outside the study window'}. */
export const TRANSACTION_FAULTS: Record<string, Label> = {
  'missing-id': { zh: '缺少交易编号', en: 'missing transaction id' },
  'missing-payer': { zh: '缺少付款人', en: 'missing payer' },
  'unparseable-time': { zh: '无法识别的时间', en: 'unreadable time' },
  'non-numeric-amount': { zh: '金额不是数值', en: 'amount not a number' },
  'non-numeric-discount': { zh: '优惠金额不是数值', en: 'discount not a number' },
  'outside-window': { zh: '不在研究时段内', en: 'outside the study window' },
  'duplicate-id': { zh: '交易编号重复', en: 'repeated transaction id' },
};

/** A fault's name in `lang`; a code without a name is itself. */
export const faultName = (code: string, lang: 'zh' | 'en'): string => TRANSACTION_FAULTS[code]?.[lang] ?? code;

/**
 * transactionQualityNotes(quality) → e.g. [{zh: '1 行交易编号重复：…', en: '1 row repeats a transaction id: …'},
 * {zh: '不在研究时段内：剔除 1 行', en: 'outside the study window: 1 row left out'}].
 */
export function transactionQualityNotes(q: Pick<TransactionQualitySummary, 'excluded' | 'payersNetNegative' | 'discountAboveAmount'>): Label[] {
  const rows = (n: number) => (n === 1 ? '1 row' : `${n} rows`);
  const notes: Label[] = [];
  const dup = q.excluded['duplicate-id'] ?? 0;
  if (dup > 0) notes.push({ zh: `${dup} 行的交易编号与前面的行重复：每个编号采用第一次出现的行（按日期、金额、付款人、商户排序），其余剔除`, en: `${rows(dup)} repeat${dup === 1 ? 's' : ''} a transaction id: the first occurrence of each id (by day, amount, payer, merchant) is used, the others are left out` });
  if (q.payersNetNegative > 0) notes.push({ zh: `${q.payersNetNegative} 个付款人在研究时段内的退款多于消费：其净消费为负，按原值使用`, en: `${q.payersNetNegative} payers have refunds larger than their purchases in the window; their net spending is negative and is used as it is` });
  if (q.discountAboveAmount > 0) notes.push({ zh: `${q.discountAboveAmount} 笔用券交易的优惠金额大于交易金额`, en: `${q.discountAboveAmount} voucher transactions have a discount larger than the amount` });
  for (const [k, n] of Object.entries(q.excluded)) if (n > 0 && k !== 'duplicate-id') notes.push({ zh: `${faultName(k, 'zh')}：剔除 ${n} 行`, en: `${faultName(k, 'en')}: ${rows(n)} left out` });
  return notes;
}
