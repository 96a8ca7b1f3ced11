// Public face of src/study/vouchers: the `transactions:` section and the voucher figures (pure).
//   config.ts           parseTransactions: study.yaml's transactions section, errors with YAML lines
//   computeVouchers.ts  aggregates → the report's ratio measures beside the causal estimates
//   types.ts            the sufficient statistics the data layer hands over
//   qualityNotes.ts     what screening left out and noticed, in zh and en
//   dataNames.ts        the data's values (cities, industries, bands) in each language (transactions.names)
//   days.ts             calendar arithmetic on YYYY-MM-DD
export { parseTransactions, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, NAMED_COLUMNS, type DataNames, type NamedColumn, type TransactionsConfig, type Programme, type Applicants, type DateRange, type TransactionField } from './config.ts';
export { dataName, unusedNames } from './dataNames.ts';
export { computeVouchers, type VoucherResults, type SeriesPoint } from './computeVouchers.ts';
export { TRANSACTION_FAULTS, faultName, transactionQualityNotes } from './qualityNotes.ts';
export type { VoucherAggregates, LotteryAggregate, ArmAggregate, CellAggregate, TransactionQualitySummary } from './types.ts';
export { addDays, daysBetween } from './days.ts';
